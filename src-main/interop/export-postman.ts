/// <reference types="postman-collection/types/index" />
/**
 * Profiles as one Postman collection v2.1 (docs/architecture.md, "Export to other tools"): a request per profile
 * carrying Postman's OAuth 2.0 auth (`auth.type: "oauth2"`, Postman's keys), the Authorization Check URL (else the
 * Token Request URL) as its URL, `{tenant}` and `{{field}}`s as collection variables with empty values. Built with
 * `postman-collection`'s classes and serialised by its `toJSON()`; the client secret only when secrets were asked for.
 */
import { Collection, Item, Variable } from 'postman-collection';
import { callbackUrl, scopeString, type ProfileInput } from '../../src-shared/profile';
import { scopeParameters } from '../oauth/token-request';
import {
  asToolVariables,
  fileBase,
  notesOf,
  templateVariables,
  grantNotes,
  tlsNotes,
  tokenRequestNotes,
  tokenUse,
  toolGrant,
  type ExportSource,
  type ForeignExport,
} from './export-common';

const TOOL = 'Postman';

/** One `tokenRequestParams` / `authRequestParams` / `refreshRequestParams` row of Postman's oauth2 auth. */
interface ExtraParam {
  key: string;
  value: string;
  enabled: true;
  send_as: 'request_body' | 'request_header' | 'request_url';
}

/** Postman's `grant_type` for a profile: PKCE makes `authorization_code_with_pkce`. */
function postmanGrant(p: ProfileInput): string {
  if (p.grantType === 'authorization_code')
    return p.pkce.enabled ? 'authorization_code_with_pkce' : 'authorization_code';
  return toolGrant(p) === 'password' ? 'password_credentials' : 'client_credentials';
}

const param = (key: string, value: string, send_as: ExtraParam['send_as']): ExtraParam => ({
  key,
  value: asToolVariables(value),
  enabled: true,
  send_as,
});

/** The parameters a Test sends besides the grant's: scope keys other than `scope`, additional and IDP form fields. */
function extraParams(p: ProfileInput): { auth: ExtraParam[]; token: ExtraParam[]; refresh: ExtraParam[] } {
  const others = scopeParameters(p.scopes).filter(([k]) => k !== 'scope');
  const headers = p.requestHeaders.map((h) => param(h.key, h.value, 'request_header'));
  const refresh = p.applyHeadersToRefresh ? headers : [];
  if (p.grantType === 'authorization_code') {
    const auth = [...others, ...p.additionalFields.map((f) => [f.key, f.value] as const)];
    return { auth: auth.map(([k, v]) => param(k, v, 'request_url')), token: headers, refresh };
  }
  const body = others.map(([k, v]) => param(k, v, 'request_body'));
  if (p.grantType === 'password') {
    body.push(...p.additionalFields.map((f) => param(f.key, f.value, 'request_body')));
    for (const f of p.idpFormFields) {
      if (f.key === 'username' || f.key === 'password') continue;
      const value = f.visibility === 'visible' ? `{{${f.key}}}` : f.defaultValue;
      if (value !== '') body.push(param(f.key, value, 'request_body'));
    }
  }
  return { auth: [], token: [...body, ...headers], refresh };
}

/** The oauth2 auth parameters of `source` and its notes. */
function oauth2(source: ExportSource): { params: { key: string; value: unknown }[]; notes: string[] } {
  const p = source.profile;
  const notes = [...grantNotes(p, TOOL), ...tokenRequestNotes(p, TOOL), ...tlsNotes(p, TOOL)];
  const use = tokenUse(p, TOOL);
  notes.push(...use.notes);
  const extra = extraParams(p);
  const params: { key: string; value: unknown }[] = [
    { key: 'grant_type', value: postmanGrant(p) },
    { key: 'tokenName', value: p.name },
    { key: 'accessTokenUrl', value: asToolVariables(p.tokenUrl) },
    { key: 'clientId', value: p.clientId },
    { key: 'scope', value: asToolVariables(scopeString(p.scopes)) },
    { key: 'client_authentication', value: p.clientAuthMethod === 'client_secret_basic' ? 'header' : 'body' },
  ];
  if (p.refreshTokenUrl) params.push({ key: 'refreshTokenUrl', value: asToolVariables(p.refreshTokenUrl) });
  const secret = source.secrets?.clientSecret;
  if (secret && p.clientAuthMethod !== 'none') params.push({ key: 'clientSecret', value: secret });
  if (p.grantType === 'authorization_code') {
    params.push({ key: 'authUrl', value: asToolVariables(p.authorizationUrl) });
    if (p.pkce.enabled) params.push({ key: 'challengeAlgorithm', value: p.pkce.method });
    if (p.callbackPort)
      params.push({ key: 'redirect_uri', value: callbackUrl(p) }, { key: 'useBrowser', value: false });
    else notes.push(`No fixed Callback Port: register ${TOOL}'s own callback URL at the IdP, or set a fixed port`);
  }
  if (p.grantType === 'password') {
    const stored = p.authorizationMode === 'pre_authorize' ? source.secrets : null;
    params.push(
      { key: 'username', value: stored?.username ?? '{{username}}' },
      { key: 'password', value: stored?.password ?? '{{password}}' },
    );
  }
  if (use.placement.in === 'header')
    params.push({ key: 'addTokenTo', value: 'header' }, { key: 'headerPrefix', value: use.placement.prefix });
  else {
    params.push({ key: 'addTokenTo', value: 'queryParams' });
    if (use.placement.key !== 'access_token')
      notes.push(`${TOOL} sends the token as the access_token query parameter, not ${use.placement.key}`);
  }
  if (extra.auth.length > 0) params.push({ key: 'authRequestParams', value: extra.auth });
  if (extra.token.length > 0) params.push({ key: 'tokenRequestParams', value: extra.token });
  if (extra.refresh.length > 0) params.push({ key: 'refreshRequestParams', value: extra.refresh });
  return { params, notes };
}

/** A request in Postman's collection format (v2.1 `request`), as `postman-collection` reads it. */
interface RequestJson {
  url: string;
  method: string;
  header: { key: string; value: string }[];
  body?: { mode: 'raw'; raw: string };
  auth: { type: 'oauth2'; oauth2: { key: string; value: unknown }[] };
}

/** The request of `source`: the check call (GET, or POST with the payload fields as JSON) or the token URL. */
function request(source: ExportSource, params: { key: string; value: unknown }[]): RequestJson {
  const p = source.profile;
  const { plain } = tokenUse(p, TOOL);
  let url = asToolVariables(p.checkUrl ?? p.tokenUrl);
  for (const f of plain.filter((x) => x.type === 'path')) url = url.split(`{${f.key}}`).join(asToolVariables(f.value));
  const query = plain.filter((f) => f.type === 'query').map((f) => `${f.key}=${asToolVariables(f.value)}`);
  if (query.length > 0) url += `${url.includes('?') ? '&' : '?'}${query.join('&')}`;
  const header = plain.filter((f) => f.type === 'header').map((f) => ({ key: f.key, value: asToolVariables(f.value) }));
  const payload = plain.filter((f) => f.type === 'payload');
  const body = Object.fromEntries(payload.map((f) => [f.key, asToolVariables(f.value)]));
  return {
    url,
    method: p.checkUrl ? (payload.length > 0 ? 'POST' : 'GET') : 'POST',
    header: payload.length > 0 ? [...header, { key: 'Content-Type', value: 'application/json' }] : header,
    ...(payload.length > 0 ? { body: { mode: 'raw', raw: JSON.stringify(body) } } : {}),
    auth: { type: 'oauth2', oauth2: params },
  };
}

/**
 * The collection named `name` holding one request per profile of `sources`, as a file `<name>.postman_collection.json`,
 * with the notes of what Postman cannot express. Loads `postman-collection` only when called (CLI start-up).
 */
export function exportPostman(sources: readonly ExportSource[], name: string): ForeignExport {
  const variables = new Set<string>();
  const notes: ForeignExport['notes'] = [];
  const collection = new Collection({ info: { name } });
  for (const source of sources) {
    const p = source.profile;
    for (const v of templateVariables(p)) variables.add(v);
    if (p.grantType === 'password' && !(p.authorizationMode === 'pre_authorize' && source.secrets))
      ['username', 'password'].forEach((v) => variables.add(v));
    const auth = oauth2(source);
    notes.push(...notesOf(p.name, auth.notes));
    const definition = { name: p.name, request: request(source, auth.params), description: p.description || undefined };
    // The typings mark every Request member required; the library accepts the collection format's optional ones.
    collection.items.add(new Item(definition as unknown as Item.definition));
  }
  for (const key of variables)
    collection.variables.add(new Variable({ key, value: '', type: 'string' } as unknown as Variable.definition));
  const text = `${JSON.stringify(collection.toJSON(), null, 2)}\n`;
  return { files: [{ name: `${fileBase(name)}.postman_collection.json`, text }], notes };
}
