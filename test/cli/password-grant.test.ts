/**
 * The password grant, check URL, tenancy, mTLS and proxies through the CLI as scripts run it: the built bin
 * in a child process, a real data dir and keychain, @node-oauth/oauth2-server (http and https with a
 * client certificate) and a CONNECT proxy on loopback. `--field` carries username, password and form
 * values; exit 0 passed, 1 failed, 2 refused before anything was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../helpers/cli';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';
import { startTestProxy, type TestProxy } from '../helpers/test-proxy';
import { makeTlsFixtures, PROXIED_HOST, type TlsFixtures } from '../helpers/tls-fixtures';

const SECRET = 'cli-pw Secret:%+&';
const PASSWORD = 'cli user pass:word';

describe('authbench test: password grant, check URL, tenancy, TLS and proxies', () => {
  let idp: PasswordIdp;
  let mtls: PasswordIdp;
  let proxy: TestProxy;
  let fx: TlsFixtures;
  // No proxy from the environment unless a test sets one.
  const { run, importProfiles } = useCliSandbox('authbench-cli-pw-', {
    env: () =>
      Object.fromEntries(
        [
          'HTTPS_PROXY',
          'https_proxy',
          'HTTP_PROXY',
          'http_proxy',
          'ALL_PROXY',
          'all_proxy',
          'NO_PROXY',
          'no_proxy',
        ].map((name) => [name, undefined]),
      ),
  });
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string) => run(args, { env, stdin });
  const creds = ['--field', 'username=erin', '--field', `password=${PASSWORD}`];
  const testJson = async (name: string, args: string[] = creds, extraEnv: NodeJS.ProcessEnv = {}) => {
    const res = await cli(['test', name, '--json', ...args], extraEnv);
    for (const secret of [PASSWORD, SECRET, fx.client.passphrase])
      expect(res.stdout + res.stderr).not.toContain(secret);
    return { ...res, run: res.stdout ? JSON.parse(res.stdout) : undefined };
  };

  beforeAll(async () => {
    fx = makeTlsFixtures();
    const users = [{ username: 'erin', password: PASSWORD }];
    idp = await startPasswordIdp({ clients: [{ id: 'cli-pw', secret: SECRET }], users });
    mtls = await startPasswordIdp({
      clients: [{ id: 'cli-pw', secret: SECRET }],
      users,
      https: { ...fx.server, ca: fx.ca, requestCert: true, rejectUnauthorized: true },
    });
    proxy = await startTestProxy();
    const mtlsPort = new URL(mtls.origin).port;
    const p = (name: string, extra: Record<string, unknown> = {}) => ({
      grantType: 'password',
      name,
      identityProviderName: 'oauth2-server',
      clientId: 'cli-pw',
      tokenUrl: idp.tokenUrl,
      clientSecret: SECRET,
      ...extra,
    });
    const client = {
      clientCertificate: { enabled: true, format: 'pem', certificate: fx.client.cert },
      caBundle: fx.ca,
      clientPrivateKey: fx.client.key,
      clientCertificatePassphrase: fx.client.passphrase,
    };
    const imported = await importProfiles([
      p('pw', {
        checkUrl: `${idp.apiUrl}/me`,
        idpFormFields: [{ title: 'Site', key: 'site', mandatory: true }],
        additionalFields: [{ key: 'site_tag', value: 'tag-{{site}}' }],
      }),
      p('pw pre', { authorizationMode: 'pre_authorize', username: 'erin', password: PASSWORD }),
      p('pw tenant', {
        tenancy: { enabled: true },
        tokenUrl: `${idp.origin}/t/{tenant}/token`,
        checkUrl: `http://{tenant}.${PROXIED_HOST}:${new URL(idp.origin).port}/api/me`,
        proxyUrl: proxy.url,
      }),
      p('pw mtls', { tokenUrl: mtls.tokenUrl, checkUrl: `${mtls.apiUrl}/me`, ...client }),
      p('pw no cert', { tokenUrl: mtls.tokenUrl, caBundle: fx.ca }),
      p('pw via env proxy', { tokenUrl: `https://${PROXIED_HOST}:${mtlsPort}/token`, ...client }),
    ]);
    expect(imported.code, imported.stderr).toBe(0);
  });

  afterAll(async () => {
    await Promise.all([idp?.close(), mtls?.close(), proxy?.close()]);
    fx?.dispose();
  });

  it('passes with --field username/password/site: token and check, exit 0', async () => {
    const { code, run } = await testJson('pw', [...creds, '--field', 'site=a=b']);
    expect(code).toBe(0);
    expect(run).toMatchObject({
      ok: true,
      grantType: 'password',
      token: { tokenType: 'Bearer', hasRefreshToken: true },
    });
    expect(run.exchanges.map((e: { step: string }) => e.step)).toEqual(['token', 'check']);
    expect(Object.fromEntries(new URLSearchParams(idp.tokenRequests.at(-1)!.body))).toMatchObject({
      username: 'erin',
      password: PASSWORD,
      site: 'a=b',
      site_tag: 'tag-a=b',
    });
  });

  it('says once that the password grant is legacy, with the result', async () => {
    const res = await cli(['test', 'pw pre']);
    expect(res.code, res.stderr).toBe(0);
    const output = res.stdout + res.stderr;
    expect(output.match(/legacy \(RFC 9700 §2\.4\)/g)).toHaveLength(1);
  });

  it('reads the password from stdin with --password-stdin, keeping it out of the process list', async () => {
    const res = await cli(
      ['test', 'pw', '--json', '--field', 'username=erin', '--field', 'site=s', '--password-stdin'],
      {},
      `${PASSWORD}\n`,
    );
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).ok).toBe(true);
    expect(new URLSearchParams(idp.tokenRequests.at(-1)!.body).get('password')).toBe(PASSWORD);
    expect(res.stdout + res.stderr).not.toContain(PASSWORD);
    const both = await cli(
      ['test', 'pw', '--field', 'username=erin', '--field', `password=${PASSWORD}`, '--password-stdin'],
      {},
      'x\n',
    );
    expect(both.code).toBe(2);
    expect((await cli(['test', 'pw', '--field', 'username=erin', '--password-stdin'], {}, '')).code).toBe(2);
  });

  it('refreshes once and retries when the check URL answers 401', async () => {
    idp.rejectNextApiCalls(1);
    const { code, run } = await testJson('pw', [...creds, '--field', 'site=x']);
    expect(code).toBe(0);
    expect(run.exchanges.map((e: { step: string }) => e.step)).toEqual(['token', 'check', 'refresh', 'check']);
  });

  it('fails with invalid_grant for a wrong password: exit 1', async () => {
    const { code, run } = await testJson('pw', [
      '--field',
      'username=erin',
      '--field',
      'password=nope-nope',
      '--field',
      'site=x',
    ]);
    expect(code).toBe(1);
    expect(run.error).toMatchObject({ code: 'oauth_error', oauthError: 'invalid_grant' });
  });

  it('uses the stored credentials of a pre-authorized profile without any --field', async () => {
    const { code, run } = await testJson('pw pre', []);
    expect(code).toBe(0);
    expect(run.ok).toBe(true);
  });

  it('exits 2, naming the field, when a mandatory field is missing — and sends nothing', async () => {
    const before = idp.tokenRequests.length;
    const res = await cli(['test', 'pw', '--json', ...creds]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^error \[invalid_request\]: "Site" is required to test this profile/);
    expect(res.stderr).toContain('formValues.site: Required');
    expect(idp.tokenRequests.length).toBe(before);
  });

  it('exits 2, naming the flags, when the username or password is missing — and sends nothing', async () => {
    const before = idp.tokenRequests.length;
    const flags =
      '"pw" needs the resource owner\'s username and password: pass --field username=… and --password-stdin ' +
      '(or set them on the profile)';
    for (const args of [[], ['--field', 'username=erin'], ['--field', `password=${PASSWORD}`]]) {
      const res = await cli(['test', 'pw', '--field', 'site=s', ...args]);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(`error [invalid_request]: ${flags}\n`);
      expect(res.stderr).not.toContain(PASSWORD);
    }
    expect(idp.tokenRequests.length).toBe(before);
  });

  it.each([['=x'], ['no-equals'], ['bad key=x']])('exits 2 for a malformed --field %s', async (field) => {
    const res = await cli(['test', 'pw', '--field', field]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--field expects KEY=VALUE/);
  });

  it('exits 2 for a repeated --field, without echoing its value', async () => {
    const res = await cli(['test', 'pw', '--field', `password=${PASSWORD}`, '--field', 'password=again']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--field password is given more than once/);
    expect(res.stderr).not.toContain(PASSWORD);
  });

  it('renders --tenant in the path and in a host label', async () => {
    const { code, run } = await testJson('pw tenant', [...creds, '--tenant', 'acme']);
    expect(code).toBe(0);
    expect(run.exchanges.map((e: { step: string }) => e.step)).toEqual(['token', 'check']);
    expect(idp.tokenRequests.at(-1)!.path).toBe('/t/acme/token');
    expect(idp.apiCalls.at(-1)!.headers.host).toBe(`acme.${PROXIED_HOST}:${new URL(idp.origin).port}`);
  });

  it.each(['evil.com/x?', '..', 'a#b'])('refuses --tenant %j with exit 2 before any request', async (tenant) => {
    const before = [idp.tokenRequests.length, idp.apiCalls.length, proxy.records.length];
    const res = await cli(['test', 'pw tenant', ...creds, '--tenant', tenant]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^error \[invalid_request\]: (--tenant must match|A tenant may contain only)/);
    expect([idp.tokenRequests.length, idp.apiCalls.length, proxy.records.length]).toEqual(before);
  });

  it('presents the client certificate (PEM + keychain key and passphrase): exit 0', async () => {
    const { code, run } = await testJson('pw mtls');
    expect(code).toBe(0);
    expect(run.exchanges.map((e: { step: string }) => e.step)).toEqual(['token', 'check']);
    expect(mtls.apiCalls.at(-1)!.clientCertCn).toBe('authbench-client');
  });

  it('fails with a tls error when the server requires a client certificate and none is configured: exit 1', async () => {
    const { code, run } = await testJson('pw no cert');
    expect(code).toBe(1);
    expect(run.error).toMatchObject({ code: 'tls', message: expect.stringMatching(/requires a client certificate/) });
  });

  it('goes through HTTPS_PROXY (CONNECT) for a non-loopback host, with mTLS end to end', async () => {
    const before = proxy.records.length;
    const { code, run } = await testJson('pw via env proxy', creds, { HTTPS_PROXY: proxy.url });
    expect(code).toBe(0);
    expect(run.ok).toBe(true);
    expect(proxy.records.slice(before)).toEqual([
      { method: 'CONNECT', target: `${PROXIED_HOST}:${new URL(mtls.origin).port}` },
    ]);
  });

  it('bypasses HTTPS_PROXY for hosts in NO_PROXY (the name then does not resolve)', async () => {
    const before = proxy.records.length;
    const { code, run } = await testJson('pw via env proxy', creds, {
      HTTPS_PROXY: proxy.url,
      NO_PROXY: '.authbench.test',
    });
    expect(code).toBe(1);
    expect(run.error.code).toBe('dns');
    expect(proxy.records.length).toBe(before);
  });

  it('never sends loopback targets to HTTPS_PROXY / HTTP_PROXY', async () => {
    const { code } = await testJson('pw pre', [], {
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
    });
    expect(code).toBe(0);
  });
});
