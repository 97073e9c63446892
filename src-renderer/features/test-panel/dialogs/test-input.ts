/**
 * What the Test dialog asks for before a run (docs/architecture.md, "A Test, step by step"): the tenant
 * when Tenancy is on, for a grant with user credentials (the password grant) in user-authorize mode the
 * username, password and IDP form fields, each typed `{{field}}` the profile uses (src-shared/dynamic-fields.ts,
 * shaped by its IDP form field when one has its key), and the grant's own Test inputs (GRANT_INFO testInputs). Pure:
 * it turns a profile into input specs and the typed values into the `test:run` request, or field errors.
 * An IDP form field keyed `username` or `password` shapes that input (title, type, visibility), as in main.
 */
import { askedFields, type TypedField } from '../../../../src-shared/dynamic-fields';
import { asksForCredentials, asksForValues } from '../../../../src-shared/needs-person';
import { GRANT_INFO, secretFormKeys, type TestInputDef } from '../../../../src-shared/grants';
import { FIELD_LABELS, TENANT_PLACEHOLDER, type IdpFormField, type ProfileView } from '../../../../src-shared/profile';
import { dataTypeProblem, TENANT_RULE, tenantProblem } from './input-checks';

// The Test dialog's "needs a person" rule lives in src-shared, where the batch runner reads it too.
export { asksForCredentials, asksForValues, needsTestInput } from '../../../../src-shared/needs-person';

/** The values a Test dialog sends: `tenant` and `formValues` of `test:run`. */
export interface TestInput {
  tenant?: string;
  formValues?: Record<string, string>;
  /** Non-secret fields for this run only, never saved (src-shared/profile-overrides.ts). */
  overrides?: Record<string, unknown>;
  /** "Sign in again": sign in through the browser rather than use the held token (pre-authorize authorization code). */
  signIn?: boolean;
}

/** One input of the dialog. `name` is the form control name; `key` the `formValues` key (absent for the tenant). */
export interface InputSpec {
  name: string;
  key?: string;
  label: string;
  help?: string;
  /** The HTML input type: text, password, number, email or date. */
  type: string;
  dataType: IdpFormField['dataType'];
  required: boolean;
  /** Shown disabled with its profile value, which is what is sent. */
  readOnly: boolean;
  defaultValue: string;
  autoComplete: string;
}

/** Labels of the profile's URL fields that contain `{tenant}`, e.g. ["Token Request URL"]. */
export function tenantUrlFields(profile: ProfileView): string[] {
  const urls: Array<[string, string | undefined]> = [
    ['tokenUrl', profile.tokenUrl],
    ['refreshTokenUrl', profile.refreshTokenUrl],
    ['checkUrl', profile.checkUrl],
    ['issuer', profile.issuer],
    ['authorizationUrl', 'authorizationUrl' in profile ? profile.authorizationUrl : undefined],
    ['deviceAuthorizationUrl', 'deviceAuthorizationUrl' in profile ? profile.deviceAuthorizationUrl : undefined],
    [
      'pushedAuthorizationRequestUrl',
      'pushedAuthorization' in profile ? profile.pushedAuthorizationRequestUrl : undefined,
    ],
  ];
  return urls.filter(([, url]) => url?.includes(TENANT_PLACEHOLDER)).map(([field]) => FIELD_LABELS[field] ?? field);
}

const DATA_INPUT_TYPES: Record<IdpFormField['dataType'], string> = {
  string: 'text',
  number: 'number',
  email: 'email',
  date: 'date',
};
const CREDENTIALS = ['username', 'password'] as const;

function fieldSpec(field: IdpFormField, required = field.mandatory): InputSpec {
  const secret = field.fieldType === 'password';
  return {
    name: `field.${field.key}`,
    key: field.key,
    label: field.title,
    ...(field.helpHint ? { help: field.helpHint } : {}),
    type: secret ? 'password' : DATA_INPUT_TYPES[field.dataType],
    dataType: field.dataType,
    required,
    readOnly: field.visibility === 'readonly',
    defaultValue: field.defaultValue,
    autoComplete: field.key === 'username' ? 'username' : field.key === 'password' ? 'current-password' : 'off',
  };
}

function credentialSpec(idpFormFields: readonly IdpFormField[], key: (typeof CREDENTIALS)[number]): InputSpec | null {
  const def = idpFormFields.find((f) => f.key === key);
  if (def) return def.visibility === 'hidden' ? null : fieldSpec(def, true);
  return {
    name: `field.${key}`,
    key,
    label: FIELD_LABELS[key] ?? key,
    type: key === 'password' ? 'password' : 'text',
    dataType: 'string',
    required: true,
    readOnly: false,
    defaultValue: '',
    autoComplete: key === 'password' ? 'current-password' : 'username',
  };
}

/** One typed `{{field}}`: as its IDP form field says, else a required text input (a password for a secret key). */
function typedFieldSpec(field: TypedField, secret: boolean): InputSpec {
  const where = `Fills in {{${field.key}}} in the ${field.uses.join(', ')}.`;
  if (field.def) {
    const spec = fieldSpec(field.def);
    const hint = spec.help && !/[.!?]$/.test(spec.help) ? `${spec.help}.` : spec.help;
    return { ...spec, help: [hint, where].filter(Boolean).join(' ') };
  }
  return testInputSpec({ key: field.key, label: field.key, help: where }, secret);
}

/** A value the grant asks for at Test time (GRANT_INFO testInputs): required, a password input when secret. */
function testInputSpec(input: TestInputDef, secret: boolean): InputSpec {
  return {
    name: `field.${input.key}`,
    key: input.key,
    label: input.label,
    ...(input.help ? { help: input.help } : {}),
    type: secret ? 'password' : 'text',
    dataType: 'string',
    required: true,
    readOnly: false,
    defaultValue: '',
    autoComplete: 'off',
  };
}

/**
 * The inputs shown, in order: tenant, then Username, Password and the visible and read-only IDP form fields,
 * then each typed `{{field}}` not already among them, then the grant's own Test inputs.
 */
export function inputSpecs(profile: ProfileView, lastTenant = ''): InputSpec[] {
  const specs: InputSpec[] = [];
  if (profile.tenancy.enabled) {
    specs.push({
      name: 'tenant',
      label: 'Tenant',
      help: TENANT_RULE,
      type: 'text',
      dataType: 'string',
      required: true,
      readOnly: false,
      defaultValue: lastTenant,
      autoComplete: 'off',
    });
  }
  if (asksForCredentials(profile)) {
    const idpFormFields = 'idpFormFields' in profile ? profile.idpFormFields : [];
    for (const key of CREDENTIALS) {
      const spec = credentialSpec(idpFormFields, key);
      if (spec) specs.push(spec);
    }
    for (const field of idpFormFields) {
      if (field.visibility !== 'hidden' && !(CREDENTIALS as readonly string[]).includes(field.key))
        specs.push(fieldSpec(field));
    }
  }
  const secrets = secretFormKeys(profile);
  const shown = new Set(specs.map((s) => s.key));
  for (const field of askedFields(profile))
    if (!shown.has(field.key)) specs.push(typedFieldSpec(field, secrets.has(field.key)));
  for (const input of GRANT_INFO[profile.grantType].testInputs)
    specs.push(testInputSpec(input, secrets.has(input.key)));
  return specs;
}

/** The IDP form fields sent without being shown (visibility hidden), with their profile values. */
export function hiddenValues(profile: ProfileView): Record<string, string> {
  if (!asksForCredentials(profile) || !('idpFormFields' in profile)) return {};
  return Object.fromEntries(
    profile.idpFormFields.filter((f) => f.visibility === 'hidden').map((f) => [f.key, f.defaultValue]),
  );
}

function checkValue(spec: InputSpec, value: string): string | null {
  if (value === '' && spec.required && spec.readOnly)
    return `${spec.label} is read-only and mandatory but has no value: set one in the profile`;
  if (value === '') return spec.required ? `${spec.label} is required` : null;
  if (spec.name === 'tenant') return tenantProblem(value);
  return dataTypeProblem(spec.dataType, value);
}

/** The outcome of the dialog: the request's input, or an error per input name. */
export type InputResult = { ok: true; input: TestInput } | { ok: false; errors: Record<string, string> };

/**
 * Validates the typed `values` (by input name; read-only inputs use their profile value) and builds the
 * request's `tenant` and `formValues`: username, password and every IDP form field key, hidden ones
 * included. A visible field left empty is sent empty (so main does not fall back to its pre-filled value).
 */
export function buildTestInput(profile: ProfileView, values: Record<string, string>, lastTenant = ''): InputResult {
  const errors: Record<string, string> = {};
  const formValues: Record<string, string> = { ...hiddenValues(profile) };
  let tenant: string | undefined;
  for (const spec of inputSpecs(profile, lastTenant)) {
    const raw = spec.readOnly ? spec.defaultValue : (values[spec.name] ?? '');
    // A password is sent as typed; other values lose accidental surrounding spaces.
    const value = spec.type === 'password' ? raw : raw.trim();
    const error = checkValue(spec, value);
    if (error) errors[spec.name] = error;
    else if (spec.name === 'tenant') tenant = value;
    else if (spec.key) formValues[spec.key] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input: TestInput = {};
  if (tenant !== undefined) input.tenant = tenant;
  if (asksForValues(profile)) input.formValues = formValues;
  return { ok: true, input };
}
