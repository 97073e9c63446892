/**
 * Kore's IDP Form Fields: the fields the person running Test fills in — title, key, help hint, textbox or
 * password, mandatory, data type, visibility and a default value. In every grant a field shapes the input of
 * the typed `{{key}}` (src-shared/dynamic-fields.ts); the password grant also sends each as a token parameter.
 */
import { GRANT_INFO } from '../../../../src-shared/grants';
import { FORM_DATA_TYPES, FORM_FIELD_TYPES, FORM_VISIBILITIES } from '../../../../src-shared/profile-fields';
import type { ProfileForm } from '../form/use-profile-form';
import { RowTable } from './row-table';

const pairs = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => [v, labels[v]] as const);

const FIELD_TYPE_LABELS: Record<(typeof FORM_FIELD_TYPES)[number], string> = {
  textbox: 'Textbox',
  password: 'Password',
};
const DATA_TYPE_LABELS: Record<(typeof FORM_DATA_TYPES)[number], string> = {
  string: 'String',
  number: 'Number',
  email: 'Email',
  date: 'Date',
};
const VISIBILITY_LABELS: Record<(typeof FORM_VISIBILITIES)[number], string> = {
  visible: 'Visible',
  hidden: 'Hidden',
  readonly: 'Read-only',
};

/** The IDP Form Fields table, one card per field. */
export function IdpFormFields({ form }: { form: ProfileForm }) {
  // The password grant sends every field as a token parameter; the other grants only fill in {{key}}s.
  const credentials = GRANT_INFO[form.draft.grantType].userSecrets.length > 0;
  const help = credentials
    ? 'Asked for when you press Test (in Pre-authorize mode, only those a {{key}} uses). Each non-empty value is sent with the token request under its key and fills in each {{key}} the profile uses. Hidden and read-only fields use their default value; a password field is masked and redacted from the run.'
    : 'Each {{key}} the profile uses (in a URL, Scope, Additional Field, Request Header or Authorization Field) is asked for when you press Test; a form field with that key sets its title, type, data type, whether it is mandatory, its help hint and default. A field no {{key}} uses is not asked for. Hidden and read-only fields use their default value; a password field is masked and redacted from the run.';
  return (
    <RowTable
      form={form}
      table="idpFormFields"
      legend="IDP Form Fields"
      help={help}
      empty={
        credentials
          ? 'No form fields: Test asks only for the username and password (and any {{field}} the profile uses).'
          : 'No form fields: Test asks for each {{field}} the profile uses as a required text input.'
      }
      addLabel="Add form field"
      layout="cards"
      columns={[
        { part: 'title', header: 'Title' },
        { part: 'key', header: 'Key', code: true },
        { part: 'helpHint', header: 'Help hint', wide: true },
        {
          part: 'fieldType',
          header: 'Field type',
          kind: 'select',
          options: pairs(FORM_FIELD_TYPES, FIELD_TYPE_LABELS),
        },
        { part: 'dataType', header: 'Data type', kind: 'select', options: pairs(FORM_DATA_TYPES, DATA_TYPE_LABELS) },
        {
          part: 'visibility',
          header: 'Visibility',
          kind: 'select',
          options: pairs(FORM_VISIBILITIES, VISIBILITY_LABELS),
        },
        { part: 'defaultValue', header: 'Default value' },
        { part: 'mandatory', header: 'Mandatory', kind: 'checkbox' },
      ]}
    />
  );
}
