/**
 * Profiles as Bruno requests (docs/architecture.md, "Export to other tools"): one `.bru` per profile with
 * `auth:oauth2` in Bruno's grant names and keys, the Authorization Check URL (else the Token Request URL) as its URL,
 * written by `@usebruno/lang`'s `jsonToBru` (v2) — never by hand; several profiles also get a `bruno.json`, so the
 * directory opens as a collection. The client secret and stored credentials only when secrets were asked for.
 */
import { jsonToBruV2 } from '@usebruno/lang';
import { callbackUrl, scopeString, type ProfileInput } from '../../src-shared/profile';
import { scopeParameters } from '../oauth/token-request';
import {
  asToolVariables,
  fileBase,
  notesOf,
  grantNotes,
  tlsNotes,
  tokenRequestNotes,
  tokenUse,
  toolGrant,
  type ExportSource,
  type ExportedFile,
  type ForeignExport,
} from './export-common';

const TOOL = 'Bruno';

/** One key/value row of a `.bru` block (headers, params, additional OAuth 2.0 parameters). */
interface Row {
  name: string;
  value: string;
  enabled: true;
  sendIn?: 'headers' | 'queryparams' | 'body';
  type?: 'query' | 'path';
}

const row = (name: string, value: string, extra: Partial<Row> = {}): Row => ({
  name,
  value: asToolVariables(value),
  enabled: true,
  ...extra,
});

/** Bruno's `additionalParameters`: scope keys other than `scope`, additional and IDP form fields, the headers. */
function additionalParameters(p: ProfileInput): { authorization: Row[]; token: Row[]; refresh: Row[] } {
  const others = scopeParameters(p.scopes).filter(([k]) => k !== 'scope');
  const headers = p.requestHeaders.map((h) => row(h.key, h.value, { sendIn: 'headers' }));
  const refresh = p.applyHeadersToRefresh ? headers : [];
  if (p.grantType === 'authorization_code') {
    const auth = [...others, ...p.additionalFields.map((f) => [f.key, f.value] as const)];
    return { authorization: auth.map(([k, v]) => row(k, v, { sendIn: 'queryparams' })), token: headers, refresh };
  }
  const body = others.map(([k, v]) => row(k, v, { sendIn: 'body' }));
  if (p.grantType === 'password') {
    body.push(...p.additionalFields.map((f) => row(f.key, f.value, { sendIn: 'body' })));
    for (const f of p.idpFormFields) {
      if (f.key === 'username' || f.key === 'password') continue;
      const value = f.visibility === 'visible' ? `{{${f.key}}}` : f.defaultValue;
      if (value !== '') body.push(row(f.key, value, { sendIn: 'body' }));
    }
  }
  return { authorization: [], token: [...body, ...headers], refresh };
}

/** The `auth.oauth2` object `jsonToBru` reads, and the notes of what Bruno cannot express. */
function oauth2(source: ExportSource): { auth: Record<string, unknown>; notes: string[] } {
  const p = source.profile;
  const notes = [...grantNotes(p, TOOL), ...tokenRequestNotes(p, TOOL), ...tlsNotes(p, TOOL)];
  const use = tokenUse(p, TOOL);
  notes.push(...use.notes);
  const secret = p.clientAuthMethod !== 'none' ? (source.secrets?.clientSecret ?? '') : '';
  const auth: Record<string, unknown> = {
    grantType: toolGrant(p),
    accessTokenUrl: asToolVariables(p.tokenUrl),
    refreshTokenUrl: asToolVariables(p.refreshTokenUrl ?? ''),
    clientId: p.clientId,
    clientSecret: secret,
    scope: asToolVariables(scopeString(p.scopes)),
    credentialsPlacement: p.clientAuthMethod === 'client_secret_basic' ? 'basic_auth_header' : 'body',
    credentialsId: 'credentials',
    tokenPlacement: use.placement.in === 'header' ? 'header' : 'url',
    tokenHeaderPrefix: use.placement.in === 'header' ? use.placement.prefix : '',
    tokenQueryKey: use.placement.in === 'query' ? use.placement.key : 'access_token',
    autoFetchToken: true,
    autoRefreshToken: p.autoRefresh,
    additionalParameters: additionalParameters(p),
  };
  if (p.grantType === 'authorization_code') {
    auth.authorizationUrl = asToolVariables(p.authorizationUrl);
    auth.pkce = p.pkce.enabled;
    if (p.pkce.enabled && p.pkce.method === 'plain') notes.push(`${TOOL} sends PKCE as S256, not plain`);
    if (p.callbackPort) auth.callbackUrl = callbackUrl(p);
    else {
      auth.callbackUrl = `http://${p.callbackHost}${p.callbackPath}`;
      notes.push(`No fixed Callback Port: the callback URL ${auth.callbackUrl as string} has none`);
    }
  }
  if (p.grantType === 'password') {
    const stored = p.authorizationMode === 'pre_authorize' ? source.secrets : null;
    auth.username = stored?.username ?? '{{username}}';
    auth.password = stored?.password ?? '{{password}}';
  }
  return { auth, notes };
}

/** The `.bru` text of `source` (the `seq`-th request of its collection) and its notes. */
function bruFile(source: ExportSource, seq: number): { text: string; notes: string[] } {
  const p = source.profile;
  const { auth, notes } = oauth2(source);
  const { plain } = tokenUse(p, TOOL);
  const payload = plain.filter((f) => f.type === 'payload');
  const method = p.checkUrl ? (payload.length > 0 ? 'post' : 'get') : 'post';
  const params = [
    ...plain.filter((f) => f.type === 'query').map((f) => row(f.key, f.value, { type: 'query' })),
    ...plain.filter((f) => f.type === 'path').map((f) => row(f.key, f.value, { type: 'path' })),
  ];
  // Bruno writes a path parameter `:key`; the profile's `{key}` in the check URL becomes that.
  let url = asToolVariables(p.checkUrl ?? p.tokenUrl);
  for (const f of plain.filter((x) => x.type === 'path')) url = url.split(`{${f.key}}`).join(`:${f.key}`);
  const json = {
    meta: { name: p.name, type: 'http', seq },
    http: { method, url, body: payload.length > 0 ? 'json' : 'none', auth: 'oauth2' },
    params,
    headers: plain.filter((f) => f.type === 'header').map((f) => row(f.key, f.value)),
    auth: { oauth2: auth },
    ...(payload.length > 0
      ? { body: { json: JSON.stringify(Object.fromEntries(payload.map((f) => [f.key, asToolVariables(f.value)]))) } }
      : {}),
    ...(p.description ? { docs: p.description } : {}),
  };
  return { text: jsonToBruV2(json), notes };
}

/**
 * One `.bru` per profile of `sources`; with more than one, also `bruno.json` naming the collection `name`, so the
 * files make a Bruno collection directory. Two profiles whose file names clash get ` (2)`.
 */
export function exportBruno(sources: readonly ExportSource[], name: string): ForeignExport {
  const files: ExportedFile[] = [];
  const notes: ForeignExport['notes'] = [];
  const used = new Set<string>();
  sources.forEach((source, i) => {
    const bru = bruFile(source, i + 1);
    notes.push(...notesOf(source.profile.name, bru.notes));
    const base = fileBase(source.profile.name);
    let file = `${base}.bru`;
    for (let n = 2; used.has(file.toLowerCase()); n++) file = `${base} (${n}).bru`;
    used.add(file.toLowerCase());
    files.push({ name: file, text: bru.text });
  });
  if (sources.length > 1) {
    const collection = { version: '1', name, type: 'collection', ignore: ['node_modules', '.git'] };
    files.push({ name: 'bruno.json', text: `${JSON.stringify(collection, null, 2)}\n` });
  }
  return { files, notes };
}
