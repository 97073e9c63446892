/**
 * The dynamic `{{field}}`s of a profile (docs/architecture.md, "A Test, step by step"): which names it uses and
 * where, which of them the engine fills in itself, and which the person running the Test types. Shared by the
 * Test dialog, the CLI and the test runner, so all three ask for, and check, the same values.
 *
 * What the engine provides, by where the template stands (the flows' `vars` in src-main/oauth):
 * - `tenant`, everywhere, when Tenancy is on (the Test asks for the tenant);
 * - `access_token`, `token_type`, `refresh_token` in what is used after the token: the Authorization Check URL
 *   and the Authorization Fields (`refresh_token` only when the IdP returned one);
 * - `username`, `password` for the password grant: everywhere in user-authorize mode (the Test asks for them),
 *   in the token request (Token Request URL, Scope, Additional Fields, Request Headers) in pre-authorize mode.
 * Every other name is a typed field. An IDP form field with the same key shapes its input (type, data type,
 * mandatory, help hint, default; a hidden or read-only field's value is the profile's).
 */
import type { GrantType } from './grants';
import type { IdpFormField } from './profile-fields';
import { FIELD_TEMPLATE } from './url-field-placement';
import { DATA_TYPE_EXPECTS, fitsDataType } from './form-values';

export { FIELD_TEMPLATE } from './url-field-placement';

/** The parts of a profile a `{{field}}` may stand in, as the flows render them. */
type Place = 'authorize' | 'token' | 'refresh' | 'check' | 'discovery';

/** The profile fields dynamic fields are read from (a ProfileInput, a ProfileView or a saved draft has them). */
export interface FieldSource {
  grantType: GrantType;
  authorizationMode?: 'user' | 'pre_authorize';
  tenancy: { enabled: boolean };
  authorizationUrl?: string;
  deviceAuthorizationUrl?: string;
  pushedAuthorizationRequestUrl?: string;
  tokenUrl: string;
  refreshTokenUrl?: string;
  checkUrl?: string;
  issuer?: string;
  scopes: readonly { key: string; value: string }[];
  additionalFields?: readonly { key: string; value: string }[];
  requestHeaders: readonly { key: string; value: string }[];
  authorizationFields: readonly { key: string; value: string }[];
  idpFormFields?: readonly IdpFormField[];
}

/** One place a name is used: `where` is what a message calls it ("Token Request URL", "Header X-Tenant"). */
export interface FieldUse {
  name: string;
  where: string;
}

/** A value the person running the Test types: its key, where it is used, and its IDP form field when one exists. */
export interface TypedField {
  key: string;
  uses: string[];
  def?: IdpFormField;
}

/** Every `{{name}}` in `text`, in order (a name used twice is listed twice). */
export function fieldNames(text: string | undefined): string[] {
  return text ? [...text.matchAll(FIELD_TEMPLATE)].map((m) => m[1] ?? '') : [];
}

/** The templates of `profile` with the place each is used and its label, in the editor's order. */
function templates(p: FieldSource): Array<[Place, string, string | undefined]> {
  const rows = (place: Place, list: readonly { key: string; value: string }[] | undefined, label: string) =>
    (list ?? []).map((r) => [place, `${label} ${r.key}`, r.value] as [Place, string, string]);
  return [
    ['authorize', 'Authorization URL', p.authorizationUrl],
    ['token', 'Device Authorization URL', p.deviceAuthorizationUrl],
    ['authorize', 'Pushed Authorization Request URL', p.pushedAuthorizationRequestUrl],
    ['token', 'Token Request URL', p.tokenUrl],
    ['refresh', 'Refresh Token URL', p.refreshTokenUrl],
    ['discovery', 'Issuer', p.issuer],
    ...(p.scopes.map((s) => ['token', 'Scope', s.value]) as Array<[Place, string, string]>),
    ...rows('token', p.additionalFields, 'Additional field'),
    ...rows('token', p.requestHeaders, 'Header'),
    ['check', 'Authorization Check URL', p.checkUrl],
    ...rows('check', p.authorizationFields, 'Authorization field'),
  ];
}

/** True when the engine fills `name` in at `place` for `p` (the rules in this file's header). */
export function engineProvides(p: FieldSource, name: string, place: Place): boolean {
  if (name === 'tenant') return p.tenancy.enabled;
  if (['access_token', 'token_type', 'refresh_token'].includes(name)) return place === 'check';
  if (name === 'username' || name === 'password')
    return p.grantType === 'password' && (p.authorizationMode !== 'pre_authorize' || place === 'token');
  return false;
}

/** Every `{{name}}` `p` uses and where, engine-provided ones included. */
export function fieldUses(p: FieldSource): FieldUse[] {
  return templates(p).flatMap(([, where, text]) => fieldNames(text).map((name) => ({ name, where })));
}

/** The fields the person running a Test of `p` types (or takes from a hidden IDP form field), in order of first use. */
export function typedFields(p: FieldSource): TypedField[] {
  const byKey = new Map<string, TypedField>();
  for (const [place, where, text] of templates(p)) {
    for (const key of fieldNames(text)) {
      if (engineProvides(p, key, place)) continue;
      const field = byKey.get(key) ?? { key, uses: [], def: p.idpFormFields?.find((f) => f.key === key) };
      if (!field.uses.includes(where)) field.uses.push(where);
      byKey.set(key, field);
    }
  }
  return [...byKey.values()].map((f) => (f.def ? f : { key: f.key, uses: f.uses }));
}

/**
 * The keys of the typed fields `p` uses where a token is obtained or refreshed (Authorization URL, Token Request
 * URL, Refresh Token URL, Issuer, scopes, additional fields, headers), not those only the check call uses.
 */
export function tokenFieldKeys(p: FieldSource): string[] {
  const keys = new Set<string>();
  for (const [place, , text] of templates(p)) {
    if (place === 'check') continue;
    for (const key of fieldNames(text)) if (!engineProvides(p, key, place)) keys.add(key);
  }
  return [...keys];
}

/** The typed fields the Test dialog shows: all but those whose IDP form field is hidden. */
export function askedFields(p: FieldSource): TypedField[] {
  return typedFields(p).filter((f) => f.def?.visibility !== 'hidden');
}

/**
 * The values a Test renders with: `formValues`, plus each IDP form field's profile value where nothing was typed
 * (a hidden or read-only field's value, a visible field's pre-filled default).
 */
export function withFieldDefaults(
  p: Pick<FieldSource, 'idpFormFields'>,
  formValues: Readonly<Record<string, string>>,
): Record<string, string> {
  const values: Record<string, string> = { ...formValues };
  for (const f of p.idpFormFields ?? []) if (!Object.hasOwn(values, f.key)) values[f.key] = f.defaultValue;
  return values;
}

/** What is wrong with one typed field's value, by its key. */
export interface FieldProblem {
  key: string;
  message: string;
  /** The problem in a word or two, for an issue at `formValues.KEY` ("Required", "Not editable", "Not a number"). */
  issue: string;
}

/**
 * The typed fields of `p` whose value in `formValues` (after withFieldDefaults) is missing, refused or of the
 * wrong data type; empty when a Test may start. A field without an IDP form field, or with a mandatory one,
 * needs a non-empty value; an optional one may be empty. `hint` ends a missing field's message (e.g. the CLI's
 * "pass --field KEY=…").
 */
export function fieldProblems(
  p: FieldSource,
  formValues: Readonly<Record<string, string>>,
  hint: (key: string) => string = () => '',
): FieldProblem[] {
  const values = withFieldDefaults(p, formValues);
  const problems: FieldProblem[] = [];
  for (const { key, uses, def } of typedFields(p)) {
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    const typed = Object.hasOwn(formValues, key) ? formValues[key] : undefined;
    const where = `${uses.join(', ')} ${uses.length > 1 ? 'use' : 'uses'} {{${key}}}`;
    if (def && def.visibility !== 'visible' && typed !== undefined && typed !== def.defaultValue) {
      const state = def.visibility === 'hidden' ? 'hidden' : 'read-only';
      problems.push({
        key,
        message: `"${def.title}" is ${state}: its value comes from the profile and cannot be changed at Test time`,
        issue: 'Not editable',
      });
    } else if (value === undefined || (value === '' && (!def || def.mandatory))) {
      const name = def ? `"${def.title}" is required to test this profile (${where})` : `${where}, which has no value`;
      problems.push({ key, message: `${name}${hint(key)}`, issue: 'Required' });
    } else if (def && value !== '' && !fitsDataType(def.dataType, value)) {
      const expected = DATA_TYPE_EXPECTS[def.dataType];
      problems.push({ key, message: `"${def.title}" must be ${expected}`, issue: `Not ${expected}` });
    }
  }
  return problems;
}

/**
 * `template` with `{tenant}` and each `{{name}}` replaced for display (the Test dialog's "Will call"): `tenant`
 * and `value(name)` as given, unencoded; a placeholder without a value stays as written. Never used to send.
 */
export function previewTemplate(
  template: string,
  tenant: string | undefined,
  value: (name: string) => string | undefined,
): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}|\{tenant\}/g, (match, name: string | undefined) => {
    const v = name === undefined ? tenant : value(name);
    return v === undefined || v === '' ? match : v;
  });
}
