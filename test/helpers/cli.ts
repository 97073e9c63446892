/** Runs the built `authbench` bin in a child process, as scripts do, and collects its output and exit code. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startOidcIdp, type RunningIdp } from '../../src-main/demo/demo-idp';

export const BIN = resolve(__dirname, '../../bin/authbench.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `authbench ...args` with `env` (the whole environment); `stdin`, when given, is written and closed. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c) => (stdout += c));
    child.stderr!.on('data', (c) => (stderr += c));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/**
 * oidc-provider on loopback with the public native client `cli-native` (no secret, RFC 8252): the authorization
 * code with PKCE and refresh tokens, a loopback redirect on any port, scopes `openid offline_access`.
 */
export function startCliNativeIdp(): Promise<RunningIdp> {
  return startOidcIdp({
    clients: [
      {
        client_id: 'cli-native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: ['http://127.0.0.1/callback'],
        application_type: 'native',
        scope: 'openid offline_access',
      },
    ],
  });
}

/** An authorization-code profile of `cli-native` at `idp` for a profiles file, named `name`, with `fields` over it. */
export function cliNativeProfile(idp: RunningIdp, name: string, fields: Record<string, unknown> = {}) {
  return {
    grantType: 'authorization_code',
    name,
    identityProviderName: 'oidc-provider',
    clientId: 'cli-native',
    clientAuthMethod: 'none',
    authorizationUrl: `${idp.issuer}/auth`,
    tokenUrl: idp.tokenEndpoint,
    scopes: [{ key: 'scope', value: 'openid offline_access' }],
    ...fields,
  };
}
