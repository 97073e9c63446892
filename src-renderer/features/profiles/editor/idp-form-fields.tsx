/**
 * Kore's IDP Form Fields (password grant): the fields the person running Test fills in — title, key,
 * help hint, textbox or password, mandatory, data type, visibility and a default value.
 */
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
  return (
    <RowTable
      form={form}
      table="idpFormFields"
      legend="IDP Form Fields"
      help="Shown to the person running Test, whose answers are sent with the token request under each key. Hidden and read-only fields send their default value."
      empty="No form fields: Test asks only for the username and password."
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
