/**
 * General: the Authorization Type (chosen first for a new profile, read-only afterwards), Name (read-only
 * after create, Kore's rule), Identity Provider Name and Description.
 */
import { FormField, fieldId } from '../../../components/form-field';
import { GRANT_TYPE_LABELS } from '../../../../src-shared/profile';
import type { ProfileForm } from '../form/use-profile-form';
import { TextArea, TextInput } from './bound-fields';
import { GrantTypePicker } from './grant-type-picker';
import { Section } from './section';

/** The General section. */
export function GeneralSection({ form }: { form: ProfileForm }) {
  const { isNew } = form;
  return (
    <Section id="section-general" title="General">
      {isNew ? (
        <GrantTypePicker form={form} />
      ) : (
        <FormField
          id={fieldId('grantType')}
          label="Authorization Type"
          help="Cannot be changed after the profile is created."
        >
          {(control) => (
            <input {...control} className="input" value={GRANT_TYPE_LABELS[form.draft.grantType]} readOnly />
          )}
        </FormField>
      )}
      <TextInput
        form={form}
        path="name"
        required={isNew}
        readOnly={!isNew}
        help={
          isNew
            ? 'Unique; cannot be changed later.'
            : 'Cannot be changed after the profile is created — use Duplicate as… for a new name.'
        }
      />
      <TextInput form={form} path="identityProviderName" required help="e.g. Okta, Auth0, Keycloak, Asana" />
      <TextArea form={form} path="description" rows={2} />
    </Section>
  );
}
