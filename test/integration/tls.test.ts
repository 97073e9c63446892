/**
 * TLS against real https servers with certificates made by the test: a per-profile CA
 * bundle (trusted besides the system CAs), self-signed / expired / wrong-host servers, mTLS with a PEM
 * certificate + encrypted key or a PFX (key, PFX and passphrase from the keychain) on token, check and refresh calls, and a
 * CONNECT proxy carrying all of it. Every failure is classified `tls` with a message saying which.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileInput, SecretsPatch } from '../../src-shared/profile';
import type { TestRun } from '../../src-shared/test-run';
import { makeTestContext, type TestContext } from '../helpers/context';
import { startPasswordIdp, type PasswordIdp, type PasswordIdpOptions } from '../helpers/password-idp';
import { startTestProxy, type TestProxy } from '../helpers/test-proxy';
import { makeTlsFixtures, PROXIED_HOST, type TlsFixtures } from '../helpers/tls-fixtures';

const SECRET = 'tls-client-secret';
const PASSWORD = 'tls-user-password';

describe('TLS, mTLS and proxies', () => {
  let fx: TlsFixtures;
  let ctx: TestContext;
  let proxy: TestProxy;
  const idps: Record<'trusted' | 'selfSigned' | 'expired' | 'wrongHost' | 'mtls' | 'mtls12', PasswordIdp> = {} as never;

  beforeAll(async () => {
    fx = makeTlsFixtures();
    const base: PasswordIdpOptions = {
      clients: [{ id: 'tls-client', secret: SECRET }],
      users: [{ username: 'dave', password: PASSWORD }],
    };
    idps.trusted = await startPasswordIdp({ ...base, https: fx.server });
    idps.selfSigned = await startPasswordIdp({ ...base, https: fx.selfSigned });
    idps.expired = await startPasswordIdp({ ...base, https: fx.expired });
    idps.wrongHost = await startPasswordIdp({ ...base, https: fx.wrongHost });
    idps.mtls = await startPasswordIdp({
      ...base,
      https: { ...fx.server, ca: fx.ca, requestCert: true, rejectUnauthorized: true },
    });
    idps.mtls12 = await startPasswordIdp({
      ...base,
      https: { ...fx.server, ca: fx.ca, requestCert: true, rejectUnauthorized: true, maxVersion: 'TLSv1.2' },
    });
    proxy = await startTestProxy();
    ctx = makeTestContext();
  });
  afterAll(async () => {
    await ctx?.dispose();
    await Promise.all([...Object.values(idps).map((i) => i.close()), proxy?.close()]);
    fx?.dispose();
  });

  let n = 0;
  async function test(
    idp: PasswordIdp,
    fields: Record<string, unknown> = {},
    secrets: SecretsPatch = {},
  ): Promise<{ run: TestRun; id: string }> {
    const profile = await ctx.profiles.create(
      {
        grantType: 'password',
        name: `tls ${++n}`,
        identityProviderName: 'oauth2-server',
        clientId: 'tls-client',
        tokenUrl: idp.tokenUrl,
        ...fields,
      } as ProfileInput,
      { clientSecret: SECRET, ...secrets },
    );
    expect(profile.status).toBe('configured');
    return {
      run: await ctx.tests.run(profile.id, { formValues: { username: 'dave', password: PASSWORD }, timeoutMs: 10_000 }),
      id: profile.id,
    };
  }
  const pem = () => ({
    clientCertificate: { enabled: true, format: 'pem', certificate: fx.client.cert },
    caBundle: fx.ca,
  });
  const pemSecrets = (passphrase = fx.client.passphrase): SecretsPatch => ({
    clientPrivateKey: fx.client.key,
    clientCertificatePassphrase: passphrase,
  });
  const pfx = () => ({ clientCertificate: { enabled: true, format: 'pfx', certificate: '' }, caBundle: fx.ca });
  const pfxSecrets = (passphrase = fx.client.pfxPassphrase): SecretsPatch => ({
    clientPfx: fx.client.pfxBase64,
    clientCertificatePassphrase: passphrase,
  });

  describe('server certificates', () => {
    it('refuses a server signed by an unknown CA, and names the fix', async () => {
      const { run } = await test(idps.trusted);
      expect(run.error).toMatchObject({ code: 'tls' });
      expect(run.error?.message).toMatch(
        /not signed by a trusted CA \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): add the IdP's CA to the profile's CA Bundle/,
      );
    });

    it('trusts it with the CA in the profile’s CA bundle, for the token and the check call', async () => {
      const { run } = await test(idps.trusted, { caBundle: fx.ca, checkUrl: `${idps.trusted.apiUrl}/me` });
      expect(run.ok).toBe(true);
      expect(run.exchanges.map((e) => [e.step, e.response?.status])).toEqual([
        ['token', 200],
        ['check', 200],
      ]);
    });

    it('refuses a self-signed server, and trusts it once its certificate is in the bundle', async () => {
      expect((await test(idps.selfSigned)).run.error?.message).toMatch(
        /self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
      );
      expect((await test(idps.selfSigned, { caBundle: fx.selfSigned.cert })).run.ok).toBe(true);
    });

    it('refuses an expired certificate even from a trusted CA', async () => {
      const { run } = await test(idps.expired, { caBundle: fx.ca });
      expect(run.error).toMatchObject({
        code: 'tls',
        message: expect.stringMatching(/has expired \(CERT_HAS_EXPIRED\)/),
      });
    });

    it('refuses a certificate for another host, naming the host it is for', async () => {
      const { run } = await test(idps.wrongHost, { caBundle: fx.ca });
      expect(run.error).toMatchObject({
        code: 'tls',
        message: expect.stringMatching(
          /is for another host \(ERR_TLS_CERT_ALTNAME_INVALID\): it names DNS:other\.example/,
        ),
      });
    });

    it('refuses a CA bundle that holds no certificate, before sending', async () => {
      const before = idps.trusted.tokenRequests.length;
      const { run } = await test(idps.trusted, { caBundle: 'not a certificate' });
      expect(run.error).toMatchObject({
        code: 'tls',
        message: 'The CA Bundle holds no PEM certificate (-----BEGIN CERTIFICATE-----)',
      });
      expect(idps.trusted.tokenRequests.length).toBe(before);
    });
  });

  describe('client certificates (mTLS)', () => {
    it('presents a PEM certificate with its encrypted key on the token, check and refresh calls', async () => {
      const { run, id } = await test(idps.mtls, { ...pem(), checkUrl: `${idps.mtls.apiUrl}/me` }, pemSecrets());
      expect(run.ok).toBe(true);
      expect(run.exchanges.map((e) => e.step)).toEqual(['token', 'check']);
      const refreshed = await ctx.tests.refreshNow(id);
      expect(refreshed.ok).toBe(true);
      expect(idps.mtls.tokenRequests.slice(-2).map((r) => r.clientCertCn)).toEqual([
        'authbench-client',
        'authbench-client',
      ]);
      expect(idps.mtls.apiCalls.at(-1)!.clientCertCn).toBe('authbench-client');
      expect(JSON.stringify([run, refreshed])).not.toContain(fx.client.passphrase);
    });

    it('presents a PFX opened with its passphrase', async () => {
      const { run } = await test(idps.mtls, pfx(), pfxSecrets());
      expect(run.ok).toBe(true);
      expect(idps.mtls.tokenRequests.at(-1)!.clientCertCn).toBe('authbench-client');
    });

    it('says the server requires a client certificate when none is configured', async () => {
      const { run } = await test(idps.mtls, { caBundle: fx.ca });
      expect(run.error).toMatchObject({
        code: 'tls',
        message: expect.stringMatching(
          /requires a client certificate and none was sent: turn on Client Certificate Exchange/,
        ),
      });
    });

    it('says the server rejected a certificate from a CA it does not trust', async () => {
      const { run } = await test(
        idps.mtls,
        { clientCertificate: { enabled: true, format: 'pem', certificate: fx.rogueClient.cert }, caBundle: fx.ca },
        { clientPrivateKey: fx.rogueClient.key },
      );
      expect(run.error?.code).toBe('tls');
      expect(run.error?.message).toMatch(/rejected the client certificate/);
    });

    it('explains TLS 1.2 failures too: no certificate (alert 40), and a rejected one', async () => {
      const none = (await test(idps.mtls12, { caBundle: fx.ca })).run;
      expect(none.error).toMatchObject({
        code: 'tls',
        message: expect.stringMatching(
          /ended the TLS handshake \(alert 40, handshake failure\): it may require a client certificate/,
        ),
      });
      const rogue = (
        await test(
          idps.mtls12,
          { clientCertificate: { enabled: true, format: 'pem', certificate: fx.rogueClient.cert }, caBundle: fx.ca },
          { clientPrivateKey: fx.rogueClient.key },
        )
      ).run;
      expect(rogue.error).toMatchObject({
        code: 'tls',
        message: expect.stringMatching(/rejected the client certificate/),
      });
      expect((await test(idps.mtls12, pfx(), pfxSecrets())).run.ok).toBe(true);
    });

    it.each([
      [
        'a wrong PEM key passphrase',
        () => [pem(), pemSecrets('wrong passphrase')] as const,
        'The client private key could not be decrypted: the Certificate Passphrase is wrong',
      ],
      [
        'a missing PEM key passphrase',
        () => [pem(), { clientPrivateKey: fx.client.key }] as const,
        'The client private key is encrypted: set its Certificate Passphrase',
      ],
      [
        'a wrong PFX passphrase',
        () => [pfx(), pfxSecrets('nope')] as const,
        'The PFX client certificate could not be opened: the Certificate Passphrase is wrong',
      ],
      [
        'a key of another certificate',
        () => [pem(), { clientPrivateKey: fx.rogueClient.key }] as const,
        'The Client Private Key does not belong to the client certificate',
      ],
    ])('explains %s, before sending anything', async (_name, setup, message) => {
      const before = idps.mtls.tokenRequests.length;
      const [fields, secrets] = setup();
      const { run } = await test(idps.mtls, fields, secrets);
      expect(run.error).toMatchObject({ code: 'tls', message });
      expect(run.exchanges[0]!.response).toBeNull();
      expect(idps.mtls.tokenRequests.length).toBe(before);
    });
  });

  describe('proxies', () => {
    it('tunnels https through the profile’s proxy with CONNECT, with the CA bundle and mTLS applied end to end', async () => {
      const port = new URL(idps.mtls.origin).port;
      const { run } = await test(
        idps.mtls,
        {
          ...pem(),
          tokenUrl: `https://${PROXIED_HOST}:${port}/token`,
          checkUrl: `https://${PROXIED_HOST}:${port}/api/me`,
          proxyUrl: proxy.url,
        },
        pemSecrets(),
      );
      expect(run.ok).toBe(true);
      expect(proxy.records.slice(-2)).toEqual([
        { method: 'CONNECT', target: `${PROXIED_HOST}:${port}` },
        { method: 'CONNECT', target: `${PROXIED_HOST}:${port}` },
      ]);
      expect(idps.mtls.tokenRequests.at(-1)!.clientCertCn).toBe('authbench-client');
    });

    it('says so when the profile’s proxy cannot be reached', async () => {
      const { run } = await test(idps.trusted, { caBundle: fx.ca, proxyUrl: 'http://127.0.0.1:9' });
      expect(run.error).toMatchObject({
        code: 'connection_refused',
        message: expect.stringMatching(/^Cannot reach the proxy 127\.0\.0\.1:9 \(the profile's Proxy URL\)/),
      });
    });
  });
});
