/**
 * Postman collections v2.0 and v2.1 (docs/architecture.md, "Import from other tools"), read with Postman's own
 * `postman-collection` SDK: every `oauth2` auth on the collection, a folder or a request becomes one setup.
 * `{{variables}}` come from the environment file, then the collection's own variables.
 */
import type { Collection as PostmanCollection, ItemGroup as PostmanGroup, Item, RequestAuth } from 'postman-collection';
import { AppError } from '../../src-shared/errors';
import { cjsModule } from './import-cjs';
import type { ConvertOptions, ExtraParam, OAuthSetup } from './import-types';
import { resolveVars } from './import-vars';

const GRANTS: Record<string, string> = {
  authorization_code: 'authorization_code',
  authorization_code_with_pkce: 'authorization_code',
  client_credentials: 'client_credentials',
  password_credentials: 'password',
  implicit: 'implicit',
};
const SEND_AS: Record<string, ExtraParam['where']> = {
  request_body: 'body',
  request_header: 'header',
  request_url: 'query',
};
/** Settings read below, or that only shape how Postman itself shows or stores the token. */
const KNOWN = new Set([
  ...['grant_type', 'authUrl', 'accessTokenUrl', 'refreshTokenUrl', 'clientId', 'clientSecret', 'scope', 'state'],
  ...['redirect_uri', 'challengeAlgorithm', 'code_verifier', 'client_authentication', 'username', 'password'],
  ...['authRequestParams', 'tokenRequestParams', 'refreshRequestParams', 'addTokenTo', 'headerPrefix', 'audience'],
  ...['resource', 'accessToken', 'refreshToken', 'id_token', 'tokenName', 'tokenType', 'useBrowser', 'tokenId'],
  ...['refreshTokenAutoRefresh', 'autoRefreshToken', 'autoFetchToken', 'tokenHeaderPrefix'],
]);

/**
 * The OAuth setups of a Postman collection document (already parsed JSON). Throws AppError('invalid_request')
 * naming `file` when it is not a v2.0 / v2.1 collection.
 */
export async function postmanSetups(doc: unknown, file: string, options: ConvertOptions): Promise<OAuthSetup[]> {
  const raw = doc as { info?: { name?: unknown; schema?: unknown }; item?: unknown };
  if (!raw || typeof raw !== 'object' || !raw.info || !Array.isArray(raw.item))
    throw new AppError(
      'invalid_request',
      `${file}: not a Postman collection v2.0 or v2.1 (no "info" and "item"); a v1 collection must be exported again as v2.1 first`,
    );
  const { Collection, ItemGroup } = cjsModule(await import('postman-collection'));
  const collection: PostmanCollection = new Collection(raw as never);
  const vars = { ...(collection.variables.toObject() as Record<string, string>), ...options.variables };
  const setups: OAuthSetup[] = [];
  const visit = (auth: RequestAuth | undefined, source: string) => {
    if ((auth as { type?: string } | undefined)?.type === 'oauth2')
      setups.push(toSetup(auth!.parameters().toObject() as Record<string, unknown>, source, vars));
  };
  const root = collection.name || 'Postman collection';
  visit(collection.auth, root);
  const walk = (group: PostmanGroup, path: string) => {
    group.items.each((child: Item | PostmanGroup) => {
      const name = `${path} / ${child.name || 'Untitled'}`;
      if (ItemGroup.isItemGroup(child)) {
        visit((child as PostmanGroup).auth, name);
        walk(child as PostmanGroup, name);
      } else visit((child as Item).request?.auth, name);
    }, undefined);
  };
  walk(collection, root);
  return setups;
}

/** The text of a Postman value (strings as they are, numbers and booleans as text), variables resolved. */
function text(value: unknown, vars: Record<string, string>): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : resolveVars(value, vars);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** One Postman oauth2 parameter object → a setup. */
function toSetup(p: Record<string, unknown>, source: string, vars: Record<string, string>): OAuthSetup {
  const t = (key: string) => text(p[key], vars);
  const rawGrant = t('grant_type') ?? 'authorization_code';
  const notes: string[] = [];
  const params: ExtraParam[] = [];
  const lists = [
    ['authRequestParams', 'auth'],
    ['tokenRequestParams', 'token'],
    ['refreshRequestParams', 'refresh'],
  ] as const;
  for (const [key, stage] of lists) {
    for (const row of Array.isArray(p[key]) ? (p[key] as Array<Record<string, unknown>>) : []) {
      const name = text(row.key, vars);
      if (!name) continue;
      if (row.enabled === false) {
        notes.push(`The disabled extra parameter ${name} was not imported`);
        continue;
      }
      const where = SEND_AS[String(row.send_as ?? (stage === 'auth' ? 'request_url' : 'request_body'))] ?? 'body';
      params.push({ key: name, value: text(row.value, vars) ?? '', stage, where: stage === 'auth' ? 'query' : where });
    }
  }
  for (const key of ['audience', 'resource']) {
    const value = t(key);
    if (value)
      params.push({ key, value, stage: rawGrant.startsWith('authorization_code') ? 'auth' : 'token', where: 'body' });
  }
  if (t('addTokenTo') === 'queryParams')
    notes.push(
      "Postman 'Add auth data to: request URL' is not supported; the token is sent as a header (or as the Authorization Fields say)",
    );
  const prefix = t('headerPrefix');
  if (prefix && prefix !== 'Bearer')
    notes.push(
      `Postman's header prefix "${prefix}" is not kept: add an Authorization Field with it if the API needs it`,
    );
  if (t('code_verifier'))
    notes.push('The fixed code_verifier is not kept: Authbench makes a fresh one for every sign-in (RFC 7636 §4.1)');
  for (const key of Object.keys(p)) {
    if (!KNOWN.has(key) && t(key) !== undefined)
      notes.push(`Postman setting "${key}" is not supported and was not imported`);
  }
  const auth = t('client_authentication');
  return {
    source,
    grant: GRANTS[rawGrant] ?? rawGrant,
    authUrl: t('authUrl'),
    tokenUrl: t('accessTokenUrl'),
    refreshUrl: t('refreshTokenUrl'),
    clientId: t('clientId'),
    clientSecret: t('clientSecret'),
    scope: t('scope'),
    state: t('state'),
    redirectUri: t('redirect_uri'),
    pkce: {
      enabled: rawGrant === 'authorization_code_with_pkce',
      method: t('challengeAlgorithm'),
    },
    clientAuth: auth === 'body' ? 'post' : 'basic',
    username: t('username'),
    password: t('password'),
    params,
    tokens: ['accessToken', 'refreshToken', 'id_token'].filter((k) => t(k) !== undefined),
    notes,
  };
}
