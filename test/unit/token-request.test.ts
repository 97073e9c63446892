import { describe, expect, it } from 'vitest';
import { basicAuthorization, formUrlEncode, scopeParameters } from '../../src-main/oauth/token-request';
import { clientCredentialsRequest } from '../helpers/token-requests';

// Characters that change meaning in Basic credentials or in a form body: space, ':', '%', '+', '&', '=', non-ASCII.
const CLIENT_ID = 'my client:42';
const CLIENT_SECRET = 'p@ss w:rd%2B+&=é';

/** Decodes one `application/x-www-form-urlencoded` value the way an authorization server does (RFC 6749 §2.3.1). */
const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, '%20'));

const base = {
  tokenUrl: 'https://idp.example/oauth2/token',
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  scopes: [],
};

describe('formUrlEncode', () => {
  it('encodes a space as + and reserved characters as %XX', async () => {
    expect(formUrlEncode('a b:c%d+e&f=g')).toBe('a+b%3Ac%25d%2Be%26f%3Dg');
  });

  it('percent-encodes non-ASCII characters as UTF-8 bytes', async () => {
    expect(formUrlEncode('é€')).toBe('%C3%A9%E2%82%AC');
  });
});

describe('basicAuthorization', () => {
  it('form-urlencodes the client id and secret before base64 (RFC 6749 §2.3.1)', async () => {
    const header = basicAuthorization(CLIENT_ID, CLIENT_SECRET);
    expect(header.startsWith('Basic ')).toBe(true);
    const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
    expect(decoded).toBe('my+client%3A42:p%40ss+w%3Ard%252B%2B%26%3D%C3%A9');
  });

  it('leaves exactly one bare colon, so the server splits id and secret where the client meant', async () => {
    const decoded = Buffer.from(basicAuthorization(CLIENT_ID, CLIENT_SECRET).slice(6), 'base64').toString('utf8');
    expect(decoded.split(':')).toHaveLength(2);
    const [id, secret] = decoded.split(':') as [string, string];
    expect(formDecode(id)).toBe(CLIENT_ID);
    expect(formDecode(secret)).toBe(CLIENT_SECRET);
  });
});

describe('the client-credentials token request (buildTokenRequest)', () => {
  it('sends a form POST with grant_type=client_credentials to the token URL', async () => {
    const req = await clientCredentialsRequest({ ...base, clientAuthMethod: 'client_secret_basic' });
    expect(req.method).toBe('POST');
    expect(req.url).toBe(base.tokenUrl);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(req.body ?? '').get('grant_type')).toBe('client_credentials');
  });

  it('client_secret_basic puts the credentials in the Authorization header and none in the body', async () => {
    const req = await clientCredentialsRequest({ ...base, clientAuthMethod: 'client_secret_basic' });
    expect(req.headers.authorization).toBe(basicAuthorization(CLIENT_ID, CLIENT_SECRET));
    const form = new URLSearchParams(req.body ?? '');
    expect(form.has('client_id')).toBe(false);
    expect(form.has('client_secret')).toBe(false);
  });

  it('client_secret_post puts client_id and client_secret in the body and sends no Authorization header', async () => {
    const req = await clientCredentialsRequest({ ...base, clientAuthMethod: 'client_secret_post' });
    expect(req.headers).not.toHaveProperty('authorization');
    const form = new URLSearchParams(req.body ?? '');
    expect(form.get('client_id')).toBe(CLIENT_ID);
    expect(form.get('client_secret')).toBe(CLIENT_SECRET);
  });

  it('none (a public client) sends only client_id, never a secret, even when one is stored', async () => {
    const req = await clientCredentialsRequest({ ...base, clientAuthMethod: 'none' });
    expect(req.headers).not.toHaveProperty('authorization');
    const form = new URLSearchParams(req.body ?? '');
    expect(form.get('client_id')).toBe(CLIENT_ID);
    expect(form.has('client_secret')).toBe(false);
    expect(req.body).not.toContain(formUrlEncode(CLIENT_SECRET));
  });

  it('joins scope values with single spaces and sends other keys as extra parameters', async () => {
    const req = await clientCredentialsRequest({
      ...base,
      clientAuthMethod: 'client_secret_basic',
      scopes: [
        { key: 'scope', value: 'api:read  api:write' },
        { key: 'audience', value: 'https://api.example/' },
        { key: 'scope', value: 'offline_access' },
        { key: 'resource', value: 'urn:example:billing' },
      ],
    });
    const form = new URLSearchParams(req.body ?? '');
    expect(form.getAll('scope')).toEqual(['api:read api:write offline_access']);
    expect(form.get('audience')).toBe('https://api.example/');
    expect(form.get('resource')).toBe('urn:example:billing');
  });

  it('omits the scope parameter when no scope value is set', async () => {
    const req = await clientCredentialsRequest({
      ...base,
      clientAuthMethod: 'client_secret_basic',
      scopes: [{ key: 'scope', value: '   ' }],
    });
    expect(new URLSearchParams(req.body ?? '').has('scope')).toBe(false);
  });
});

describe('scopeParameters', () => {
  it('keeps repeated non-scope keys (RFC 8707 allows several resource values)', async () => {
    expect(
      scopeParameters([
        { key: 'resource', value: 'https://a.example/' },
        { key: 'resource', value: 'https://b.example/' },
      ]),
    ).toEqual([
      ['resource', 'https://a.example/'],
      ['resource', 'https://b.example/'],
    ]);
  });

  it('returns nothing for no entries', async () => {
    expect(scopeParameters([])).toEqual([]);
  });
});
