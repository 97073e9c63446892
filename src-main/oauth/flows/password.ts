/**
 * The resource owner password credentials grant (RFC 6749 §4.3): legacy, kept for IdPs that still need it
 * (RFC 9700 §2.4 says it MUST NOT be used; docs/security.md, "OAuth defences"). Username and password come
 * from the Test dialog (`user` mode) or the keychain (`pre_authorize`); the profile's IDP form fields add
 * parameters.
 */
import { AppError } from '../../../src-shared/errors';
import { LEGACY_GRANT_WARNING } from '../../../src-shared/grants';
import { DATA_TYPE_EXPECTS, fitsDataType } from '../../../src-shared/form-values';
import { RESERVED_PARAMETERS, type IdpFormField, type PasswordProfile } from '../../../src-shared/profile';
import type { FlowContext, FlowOutcome } from '../flow';
import { renderUrl } from '../templates';
import { buildTokenRequest } from '../token-request';
import { interpretTokenExchange } from '../token-response';

/** Runs the password grant: one token request (§4.3.2), recorded, then interpreted (§5). Throws AppError('invalid_request' | 'secret_missing') before sending when an input is missing or invalid. */
export async function runPassword(profile: PasswordProfile, ctx: FlowContext): Promise<FlowOutcome> {
  ctx.warn(LEGACY_GRANT_WARNING);
  const { username, password } = credentials(profile, ctx);
  const fields = formFieldValues(profile.idpFormFields, ctx.formValues);
  const vars = {
    ...ctx.formValues,
    ...Object.fromEntries(fields.params),
    username,
    password,
    ...(ctx.tenant ? { tenant: ctx.tenant } : {}),
  };
  const url = renderUrl(profile.tokenUrl, ctx.tenant, 'tokenUrl', vars);
  const request = await buildTokenRequest({
    profile,
    url,
    grant: [['grant_type', 'password'], ['username', username], ['password', password], ...fields.params],
    clientSecret: ctx.secrets.clientSecret,
    signingKey: ctx.secrets.jwtSigningKey,
    now: ctx.now(),
    include: { scopes: true, headers: true, additionalFields: true },
    vars,
    tenant: ctx.tenant,
  });
  ctx.onStep('token', `Requesting a token for ${username} from ${new URL(url).host}`);
  const exchange = await ctx.send('token', request);
  const result = interpretTokenExchange(exchange, { profile, now: ctx.now() });
  const secretValues = [password, ...fields.secrets];
  return result.ok
    ? { exchanges: [exchange], token: result.token, secretValues }
    : { exchanges: [exchange], error: result.error, secretValues };
}

/** Username and password: typed at Test time (`user`), or the stored secrets (`pre_authorize`). */
function credentials(profile: PasswordProfile, ctx: FlowContext): { username: string; password: string } {
  if (profile.authorizationMode === 'pre_authorize') {
    const { username, password } = ctx.secrets;
    if (!username || !password)
      throw new AppError(
        'secret_missing',
        `"${profile.name}" is pre-authorized, but its ${!username ? 'Username' : 'Password'} is not stored`,
      );
    return { username, password };
  }
  const pick = (key: 'username' | 'password', title: string): string => {
    const def = profile.idpFormFields.find((f) => f.key === key);
    const value = def ? fieldValue(def, ctx.formValues) : ctx.formValues[key];
    if (!value) throw required(def?.title ?? title, key);
    return value;
  };
  return { username: pick('username', 'Username'), password: pick('password', 'Password') };
}

/**
 * The IDP form field parameters, in profile order: typed values for visible fields (or their pre-filled
 * default), the profile's value for hidden and read-only ones; empty optional fields are not sent.
 * `username` / `password` definitions only shape those two inputs. Throws AppError('invalid_request').
 */
export function formFieldValues(
  fields: readonly IdpFormField[],
  formValues: Readonly<Record<string, string>>,
): { params: [string, string][]; secrets: string[] } {
  const params: [string, string][] = [];
  const secrets: string[] = [];
  for (const field of fields) {
    if (field.key === 'username' || field.key === 'password') continue;
    if (RESERVED_PARAMETERS.has(field.key)) {
      throw new AppError(
        'invalid_request',
        `The IDP form field "${field.title}" uses the key ${field.key}, a parameter Authbench sets itself; rename its key`,
        { issues: [{ path: `idpFormFields.${field.key}`, message: 'Reserved key' }] },
      );
    }
    const value = fieldValue(field, formValues);
    if (value === '') {
      if (field.mandatory) throw required(field.title, field.key);
      continue;
    }
    params.push([field.key, value]);
    if (field.fieldType === 'password') secrets.push(value);
  }
  return { params, secrets };
}

/** One field's value after visibility rules and data-type checks. */
function fieldValue(field: IdpFormField, formValues: Readonly<Record<string, string>>): string {
  const typed = Object.hasOwn(formValues, field.key) ? formValues[field.key] : undefined;
  if (field.visibility !== 'visible') {
    if (typed !== undefined && typed !== field.defaultValue) {
      throw new AppError(
        'invalid_request',
        `"${field.title}" is ${field.visibility === 'hidden' ? 'hidden' : 'read-only'}: its value comes from the profile and cannot be changed at Test time`,
        { issues: [{ path: `formValues.${field.key}`, message: 'Not editable' }] },
      );
    }
    return checkType(field, field.defaultValue);
  }
  return checkType(field, typed ?? field.defaultValue);
}

function checkType(field: IdpFormField, value: string): string {
  if (value === '' || fitsDataType(field.dataType, value)) return field.dataType === 'number' ? value.trim() : value;
  const expected = DATA_TYPE_EXPECTS[field.dataType];
  throw new AppError('invalid_request', `"${field.title}" must be ${expected}`, {
    issues: [{ path: `formValues.${field.key}`, message: `Not ${expected}` }],
  });
}

function required(title: string, key: string): AppError {
  return new AppError('invalid_request', `"${title}" is required to test this profile: enter a value for ${key}`, {
    issues: [{ path: `formValues.${key}`, message: 'Required' }],
  });
}
