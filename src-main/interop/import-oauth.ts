/**
 * One foreign OAuth setup → one Authbench profile (docs/architecture.md, "Import from other tools"): profile
 * fields for the editor's schema, secrets for the keychain, and a note for everything the profile cannot carry.
 */
import { RESERVED_PARAMETERS } from '../../src-shared/profile-fields';
import { isLoopbackHost, LIMITS } from '../../src-shared/profile-fields';
import type { ExtraParam, ForeignEntry, OAuthSetup } from './import-types';
import { unresolvedNames } from './import-vars';

const GRANTS: Record<string, string> = {
  authorization_code: 'authorization_code',
  client_credentials: 'client_credentials',
  password: 'password',
};
const STAGE = { auth: 'authorization request', token: 'token request', refresh: 'refresh request' } as const;
const WHERE = { body: 'body', header: 'header', query: 'URL query' } as const;

/** The host of `url`, or undefined when it is not one (e.g. a `{{base}}` placeholder). */
function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).hostname || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** Converts `setup` (found in a `tool` file) to an entry; invalid results are left for profileInput to reject. */
export function setupToEntry(setup: OAuthSetup, tool: string): ForeignEntry {
  const notes = [...setup.notes];
  const grantType = GRANTS[setup.grant];
  if (setup.grant === 'implicit')
    notes.push(
      `${tool}'s implicit grant is not supported (RFC 9700 §2.1.2 deprecates it); imported as the authorization code with PKCE: check the Token Request URL and that the IdP allows it`,
    );
  else if (!grantType) notes.push(`${tool}'s grant "${setup.grant}" has no Authbench equivalent`);
  const grant = grantType ?? (setup.grant === 'implicit' ? 'authorization_code' : setup.grant);
  const secrets: Record<string, string> = {};
  const fields: Record<string, unknown> = {
    grantType: grant,
    name: setup.source.slice(0, LIMITS.name).trim(),
    identityProviderName: hostOf(setup.tokenUrl) ?? hostOf(setup.authUrl) ?? tool,
    description: `Imported from ${tool}: ${setup.source}`.slice(0, LIMITS.description),
    clientId: setup.clientId ?? '',
    tokenUrl: setup.tokenUrl ?? '',
  };
  for (const name of unresolvedNames(setup.clientId))
    notes.push(`Client ID uses {{${name}}}, which was not resolved and cannot be a field there: set the Client ID`);
  if (setup.refreshUrl && setup.refreshUrl !== setup.tokenUrl) fields.refreshTokenUrl = setup.refreshUrl;
  const secret = takeSecret('clientSecret', 'Client Secret', setup.clientSecret, secrets, notes);
  fields.clientAuthMethod =
    !secret && grant === 'authorization_code'
      ? 'none'
      : setup.clientAuth === 'post'
        ? 'client_secret_post'
        : 'client_secret_basic';
  const scopes: Array<{ key: string; value: string }> = [];
  if (setup.scope?.trim()) scopes.push({ key: 'scope', value: setup.scope.trim() });
  const additional: Array<{ key: string; value: string }> = [];
  const headers: Array<{ key: string; value: string }> = [];
  const refreshHeaders: Array<{ key: string; value: string }> = [];
  for (const p of setup.params) {
    placeParam(p, grant, { scopes, additional, headers, refreshHeaders }, notes);
  }
  if (refreshHeaders.length > 0) {
    const same = (a: { key: string; value: string }) =>
      headers.some((h) => h.key.toLowerCase() === a.key.toLowerCase() && h.value === a.value);
    if (refreshHeaders.every(same) && refreshHeaders.length === headers.length) fields.applyHeadersToRefresh = true;
    else
      notes.push(
        `Refresh-only headers (${refreshHeaders.map((h) => h.key).join(', ')}) are not supported: Authbench sends the token request's headers on refresh or none`,
      );
  }
  fields.scopes = scopes;
  fields.requestHeaders = headers;
  if (grant === 'authorization_code') {
    fields.authorizationUrl = setup.authUrl ?? '';
    fields.additionalFields = additional;
    const method = setup.pkce?.method?.toUpperCase() === 'PLAIN' ? 'plain' : 'S256';
    fields.pkce = { enabled: setup.pkce?.enabled ?? setup.grant === 'implicit', method };
    Object.assign(fields, callbackFields(setup.redirectUri, tool, notes));
    if (setup.state) notes.push(stateNote(setup.state));
  } else if (grant === 'password') {
    fields.additionalFields = additional;
    const user = takeSecret('username', 'Username', setup.username, secrets, notes);
    const pass = takeSecret('password', 'Password', setup.password, secrets, notes);
    fields.authorizationMode = user && pass ? 'pre_authorize' : 'user';
    if ((user || pass) && !(user && pass)) {
      notes.push('Only one of Username and Password was set: the Test asks for both (Authorization Mode: user)');
      delete secrets.username;
      delete secrets.password;
    }
  }
  if (setup.method) fields.tokenRequest = { method: setup.method, contentType: setup.contentType ?? 'form' };
  else if (setup.contentType) fields.tokenRequest = { method: 'POST', contentType: setup.contentType };
  if (setup.certificate) fields.clientCertificate = { enabled: true, format: 'pem', certificate: setup.certificate };
  takeSecret('clientPrivateKey', 'Client Private Key', setup.privateKey, secrets, notes);
  takeSecret('clientCertificatePassphrase', 'Certificate Passphrase', setup.passphrase, secrets, notes);
  if (setup.caBundle) fields.caBundle = setup.caBundle;
  if (setup.proxyUrl) fields.proxyUrl = setup.proxyUrl;
  for (const token of setup.tokens)
    notes.push(`The stored ${token} was not imported (Authbench keeps only tokens a Test obtains)`);
  return { name: fields.name as string, fields, secrets, notes };
}

/** Moves `value` into `secrets[field]` unless empty or an unresolved variable (reported); true when it was set. */
function takeSecret(
  field: string,
  label: string,
  value: string | undefined,
  secrets: Record<string, string>,
  notes: string[],
): boolean {
  if (value === undefined || value === '') return false;
  const names = unresolvedNames(value);
  if (names.length > 0 || /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(value)) {
    const what = names.length > 0 ? `{{${names.join('}}, {{')}}}` : value;
    notes.push(`${label} is ${what}, which was not resolved: set the ${label} in the profile`);
    return false;
  }
  secrets[field] = value;
  return true;
}

/** The note for a fixed `state`: Authbench always sends a fresh one (RFC 6749 §10.12). */
function stateNote(state: string): string {
  const shown = unresolvedNames(state).length > 0 ? state : 'a fixed value';
  return `The state (${shown}) is not kept: Authbench sends a fresh random state on every sign-in (RFC 6749 §10.12)`;
}

/** Callback Host / Port / Path from a loopback redirect URI; any other redirect URI gets a note. */
function callbackFields(redirect: string | undefined, tool: string, notes: string[]): Record<string, unknown> {
  if (!redirect) return {};
  try {
    const url = new URL(redirect);
    const host = url.hostname === 'localhost' ? 'localhost' : url.hostname === '127.0.0.1' ? '127.0.0.1' : null;
    if (url.protocol === 'http:' && host && isLoopbackHost(url.hostname) && !url.search && !url.hash) {
      return {
        callbackHost: host,
        callbackPath: url.pathname || '/',
        ...(url.port ? { callbackPort: Number(url.port) } : {}),
      };
    }
  } catch {
    // not a URL: reported below
  }
  notes.push(
    `${tool}'s redirect URI ${redirect} is not used: Authbench receives the code on a loopback redirect URI (RFC 8252 §7.3), http://127.0.0.1/callback by default; register it with the IdP`,
  );
  return {};
}

interface Rows {
  scopes: Array<{ key: string; value: string }>;
  additional: Array<{ key: string; value: string }>;
  headers: Array<{ key: string; value: string }>;
  refreshHeaders: Array<{ key: string; value: string }>;
}

/** Puts one extra parameter where the profile can send it the same way, or notes why it cannot. */
function placeParam(p: ExtraParam, grant: string, rows: Rows, notes: string[]): void {
  const where = `${p.key} (${WHERE[p.where]} of the ${STAGE[p.stage]})`;
  if (p.where !== 'header' && RESERVED_PARAMETERS.has(p.key)) {
    notes.push(`Extra parameter ${where} is not imported: Authbench sets ${p.key} itself`);
    return;
  }
  if (p.stage === 'refresh') {
    if (p.where === 'header') rows.refreshHeaders.push({ key: p.key, value: p.value });
    else notes.push(`Extra parameter ${where} is not supported: Authbench sends no extra parameters on refresh`);
    return;
  }
  if (p.where === 'header') {
    if (p.stage === 'token') rows.headers.push({ key: p.key, value: p.value });
    else notes.push(`Header ${where} is not supported: a browser request carries no extra headers`);
    return;
  }
  if (p.stage === 'auth') {
    if (grant === 'authorization_code') rows.additional.push({ key: p.key, value: p.value });
    else notes.push(`Extra parameter ${where} is not used: this grant has no authorization request`);
    return;
  }
  if (p.where === 'query') {
    notes.push(`Extra parameter ${where} is not supported: add it to the Token Request URL if the IdP needs it`);
  } else if (grant === 'client_credentials') rows.scopes.push({ key: p.key, value: p.value });
  else if (grant === 'password') rows.additional.push({ key: p.key, value: p.value });
  else if (p.key === 'audience' || p.key === 'resource') {
    rows.scopes.push({ key: p.key, value: p.value });
    notes.push(
      `Extra parameter ${where} is sent as a Scope row: with the authorization request, not the token request`,
    );
  } else
    notes.push(
      `Extra parameter ${where} is not supported: for the authorization code, Additional Fields go with the authorization request`,
    );
}
