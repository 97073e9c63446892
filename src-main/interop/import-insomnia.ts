/**
 * Insomnia exports (docs/architecture.md, "Import from other tools"): v4 (JSON, `_type: export`,
 * `__export_format: 4`) and v5 (YAML, `type: collection.insomnia.rest/5.0`, parsed with `yaml`). Every
 * `authentication.type: oauth2` of a request or folder becomes one setup; `{{ _.name }}` variables come from the
 * environment file, then the export's base environment.
 */
import { AppError } from '../../src-shared/errors';
import type { ConvertOptions, OAuthSetup } from './import-types';
import { flattenVars, resolveVars } from './import-vars';

const GRANTS: Record<string, string> = {
  authorization_code: 'authorization_code',
  client_credentials: 'client_credentials',
  password: 'password',
  implicit: 'implicit',
};
const KNOWN = new Set([
  ...['type', 'grantType', 'accessTokenUrl', 'authorizationUrl', 'clientId', 'clientSecret', 'scope', 'state'],
  ...['redirectUrl', 'username', 'password', 'usePkce', 'pkceMethod', 'credentialsInBody', 'audience', 'resource'],
  ...['disabled', 'tokenPrefix', 'responseType', 'origin'],
]);

type Auth = Record<string, unknown>;

/** Insomnia's `{{ _.name }}` (and `{{name}}`) as Authbench's `{{name}}`, then resolved from `vars`. */
function template(value: unknown, vars: Record<string, string>, notes: string[]): string | undefined {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value === '') return undefined;
  if (/\{%.*?%\}/.test(value))
    notes.push(`The Insomnia template tag in "${value.slice(0, 80)}" is not supported: set this value in the profile`);
  return resolveVars(value.replace(/\{\{\s*_\.([^{}\s]+)\s*\}\}/g, '{{$1}}'), vars);
}

/** One Insomnia oauth2 authentication → a setup. */
function toSetup(auth: Auth, source: string, vars: Record<string, string>): OAuthSetup {
  const notes: string[] = [];
  const t = (key: string) => template(auth[key], vars, notes);
  const grant = t('grantType') ?? 'authorization_code';
  if (auth.disabled === true) notes.push('This authentication is disabled in Insomnia');
  const prefix = t('tokenPrefix');
  if (prefix && prefix !== 'Bearer')
    notes.push(
      `Insomnia's token prefix "${prefix}" is not kept: add an Authorization Field with it if the API needs it`,
    );
  const responseType = t('responseType');
  if (responseType && responseType !== 'code' && grant !== 'implicit')
    notes.push(`Insomnia's response type "${responseType}" is not supported: Authbench asks for response_type=code`);
  for (const key of Object.keys(auth))
    if (!KNOWN.has(key) && t(key) !== undefined)
      notes.push(`Insomnia setting "${key}" is not supported and was not imported`);
  const stage = grant === 'authorization_code' || grant === 'implicit' ? 'auth' : 'token';
  return {
    source,
    grant: GRANTS[grant] ?? grant,
    authUrl: t('authorizationUrl'),
    tokenUrl: t('accessTokenUrl'),
    clientId: t('clientId'),
    clientSecret: t('clientSecret'),
    scope: t('scope'),
    state: t('state'),
    redirectUri: t('redirectUrl'),
    pkce: { enabled: auth.usePkce === true, method: t('pkceMethod') },
    clientAuth: auth.credentialsInBody === true ? 'post' : 'basic',
    username: t('username'),
    password: t('password'),
    params: (['audience', 'resource'] as const).flatMap((key) => {
      const value = t(key);
      return value ? [{ key, value, stage, where: 'body' as const }] : [];
    }),
    tokens: [],
    notes,
  };
}

interface V4Resource {
  _id?: string;
  _type?: string;
  parentId?: string | null;
  name?: string;
  authentication?: Auth;
  data?: unknown;
  accessToken?: string;
  refreshToken?: string;
}

/** The setups of an Insomnia v4 export (parsed JSON). Throws AppError('invalid_request') for another document. */
export function insomniaV4Setups(doc: unknown, file: string, options: ConvertOptions): OAuthSetup[] {
  const resources = (doc as { resources?: unknown }).resources;
  if (!Array.isArray(resources))
    throw new AppError('invalid_request', `${file}: an Insomnia export without "resources"`);
  const list = resources as V4Resource[];
  const byId = new Map(list.filter((r) => r._id).map((r) => [r._id!, r]));
  const workspaceIds = new Set(list.filter((r) => r._type === 'workspace').map((r) => r._id));
  const base = list.find((r) => r._type === 'environment' && workspaceIds.has(r.parentId ?? undefined));
  const vars = { ...flattenVars(base?.data), ...options.variables };
  const path = (r: V4Resource): string => {
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    const own = r.name || 'Untitled';
    return parent && (parent._type === 'request_group' || parent._type === 'workspace')
      ? `${path(parent)} / ${own}`
      : own;
  };
  const setups: OAuthSetup[] = [];
  for (const r of list) {
    if ((r._type === 'request' || r._type === 'request_group') && r.authentication?.type === 'oauth2') {
      const setup = toSetup(r.authentication, path(r), vars);
      const token = list.find((x) => x._type === 'oauth2_token' && x.parentId === r._id);
      if (token?.accessToken) setup.tokens.push('access token');
      if (token?.refreshToken) setup.tokens.push('refresh token');
      setups.push(setup);
    }
  }
  const subs = list.filter((r) => r._type === 'environment' && r !== base).map((r) => r.name ?? 'Untitled');
  if (subs.length > 0 && setups[0])
    setups[0].notes.push(`Sub-environments (${subs.join(', ')}) were not applied: only the base environment was`);
  return setups;
}

interface V5Node {
  name?: string;
  authentication?: Auth;
  children?: V5Node[];
}

/** The setups of an Insomnia v5 export (parsed YAML). Throws AppError('invalid_request') for another document. */
export function insomniaV5Setups(doc: unknown, file: string, options: ConvertOptions): OAuthSetup[] {
  const d = doc as {
    name?: string;
    collection?: unknown;
    environments?: { data?: unknown; subEnvironments?: unknown[] };
  };
  if (!Array.isArray(d.collection))
    throw new AppError('invalid_request', `${file}: an Insomnia v5 file without a "collection" list`);
  const vars = { ...flattenVars(d.environments?.data), ...options.variables };
  const setups: OAuthSetup[] = [];
  const walk = (nodes: V5Node[], path: string) => {
    for (const node of nodes) {
      const name = `${path} / ${node.name || 'Untitled'}`;
      if (node.authentication?.type === 'oauth2') setups.push(toSetup(node.authentication, name, vars));
      if (Array.isArray(node.children)) walk(node.children, name);
    }
  };
  walk(d.collection as V5Node[], d.name || 'Insomnia collection');
  const subs = (d.environments?.subEnvironments ?? []).map((e) => (e as { name?: string }).name ?? 'Untitled');
  if (subs.length > 0 && setups[0])
    setups[0].notes.push(`Sub-environments (${subs.join(', ')}) were not applied: only the base environment was`);
  return setups;
}
