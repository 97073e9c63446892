/**
 * The built CLI with Kore's content type names: a profile file whose token request says "Twitter Encoded JSON"
 * imports as `twitter-json`, and `authbench test --set tokenRequest.contentType=CSV` sends CSV for one run (the
 * method kept from the profile), warns of it, and is not saved; an unknown name is refused with Kore's list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_CONTENT_TYPE_INFO } from '../../src-shared/token-content-types';
import { useCliSandbox } from '../helpers/cli';
import { startEchoIdp, type EchoIdp } from '../helpers/echo-idp';

const SECRET = 'cli-content-Secret-7';

describe('authbench and Kore’s content type names', () => {
  let echo: EchoIdp;
  const { run, importProfiles } = useCliSandbox('authbench-cli-ct-');

  beforeAll(async () => {
    echo = await startEchoIdp();
    const ledger = {
      grantType: 'client_credentials',
      name: 'ledger',
      identityProviderName: 'echo',
      clientId: 'ledger',
      clientAuthMethod: 'client_secret_post',
      tokenUrl: `${echo.origin}/token`,
      tokenRequest: { method: 'PUT', contentType: 'Twitter Encoded JSON' },
      clientSecret: SECRET,
    };
    expect((await importProfiles([ledger])).code).toBe(0);
  });
  afterAll(async () => {
    await echo?.close();
  });

  it('imports Kore’s label as the code and sends that type', async () => {
    const res = await run(['test', 'ledger', '--json']);
    expect(res.code).toBe(0);
    expect(echo.received.at(-1)).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(echo.received.at(-1)!.body)).toEqual({
      grant_type: 'client_credentials',
      client_id: 'ledger',
      client_secret: SECRET,
    });
  });

  it('--set tokenRequest.contentType=CSV sends CSV once, keeps the method, warns, and saves nothing', async () => {
    const res = await run(['test', 'ledger', '--json', '--set', 'tokenRequest.contentType=CSV']);
    expect(res.code).toBe(0);
    const testRun = JSON.parse(res.stdout);
    expect(testRun.overrides).toEqual({ tokenRequest: { contentType: 'CSV' } });
    expect(testRun.warnings).toEqual([TOKEN_CONTENT_TYPE_INFO.csv.warning]);
    expect(echo.received.at(-1)).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/csv' } });
    expect(echo.received.at(-1)!.body).toBe(
      `grant_type,client_id,client_secret\r\nclient_credentials,ledger,${SECRET}\r\n`,
    );
    expect(testRun.exchanges[0].request.body).toBe(
      'grant_type,client_id,client_secret\r\nclient_credentials,ledger,[redacted]\r\n',
    );
    expect(res.stdout + res.stderr).not.toContain(SECRET);
    const exported = JSON.parse((await run(['profiles', 'export', 'ledger'])).stdout);
    expect(exported.profiles[0].tokenRequest).toEqual({ method: 'PUT', contentType: 'twitter-json' });
  });

  it('refuses an unknown content type, listing Kore’s names', async () => {
    const res = await run(['test', 'ledger', '--set', 'tokenRequest.contentType=YAML']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(
      'Unknown content type; use one of JSON, RSS, XML, URL Encoded JSON, CSV, Text, Twitter Encoded JSON, ' +
        'Multipart/Form-data, Multipart/Related, Oracle ADF, or its media type',
    );
    expect(echo.received.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });
});
