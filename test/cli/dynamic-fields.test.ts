/**
 * `authbench test NAME --field KEY=VALUE` for a profile whose Token Request URL uses a `{{field}}`: the built bin
 * in a child process against @node-oauth/oauth2-server on loopback. Given, the value lands in its path segment;
 * missing, the CLI refuses with exit 2 naming the field and the `--field` to add, before any request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCliSandbox } from '../helpers/cli';
import { startPasswordIdp, type PasswordIdp } from '../helpers/password-idp';

const SECRET = 'cli-fields-secret';
const PASSWORD = 'cli-fields-password';
const PIN = 'cli-pin-5521';

describe('authbench test --field for {{field}}s', () => {
  let idp: PasswordIdp;
  const { run: cli, importProfiles } = useCliSandbox('authbench-cli-fields-');

  beforeAll(async () => {
    idp = await startPasswordIdp({
      clients: [{ id: 'cli-fields', secret: SECRET }],
      users: [{ username: 'erin', password: PASSWORD }],
    });
    const imported = await importProfiles([
      {
        grantType: 'password',
        name: 'fields',
        identityProviderName: 'oauth2-server',
        clientId: 'cli-fields',
        clientSecret: SECRET,
        authorizationMode: 'pre_authorize',
        username: 'erin',
        password: PASSWORD,
        tokenUrl: `${idp.origin}/t/{{tokenId}}/token?pin={{pin}}`,
        idpFormFields: [{ title: 'PIN', key: 'pin', fieldType: 'password', mandatory: true }],
      },
    ]);
    expect(imported.code, imported.stderr).toBe(0);
  });

  afterAll(async () => {
    await idp?.close();
  });

  it('renders a given --field into its path segment and keeps a password-typed one out of the output', async () => {
    const res = await cli(['test', 'fields', '--json', '--field', 'tokenId=eu/1', '--field', `pin=${PIN}`]);
    expect(res.code, res.stderr).toBe(0);
    expect(idp.tokenRequests.at(-1)!.path).toBe('/t/eu%2F1/token');
    expect(idp.tokenRequests.at(-1)!.query).toEqual({ pin: PIN });
    expect(res.stdout + res.stderr).not.toContain(PIN);
    expect(JSON.parse(res.stdout).exchanges[0].request.url).toContain('pin=%5Bredacted%5D');
  });

  it('refuses a missing field with exit 2, naming it and the --field to add, before any request', async () => {
    const before = idp.tokenRequests.length;
    const res = await cli(['test', 'fields', '--field', `pin=${PIN}`]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Token Request URL uses {{tokenId}}, which has no value: pass --field tokenId=…');
    const empty = await cli(['test', 'fields', '--field', 'tokenId=eu', '--field', 'pin=']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(
      '"PIN" is required to test this profile (Token Request URL uses {{pin}}): pass --field pin=…',
    );
    expect(idp.tokenRequests.length).toBe(before);
  });
});
