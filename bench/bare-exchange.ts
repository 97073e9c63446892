/**
 * The engine bench's baseline: the exchange of a client-credentials Test done by hand with node:http — the
 * token call (RFC 6749 §4.4, client_secret_basic per §2.3.1) and the check GET with the Bearer token
 * (RFC 6750 §2.1). Throws when either answer is not 200.
 */
import { request } from 'node:http';

/** Where and as whom the exchange is made; the secret is passed in (read by the caller). */
export interface Exchange {
  tokenUrl: string;
  checkUrl: string;
  clientId: string;
  clientSecret: string;
}

function send(url: string, method: string, headers: Record<string, string | number>, body?: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Makes the token call then the check GET; resolves when both answered 200. */
export async function bareExchange(x: Exchange): Promise<void> {
  const credentials = `${encodeURIComponent(x.clientId)}:${encodeURIComponent(x.clientSecret)}`;
  const form = 'grant_type=client_credentials&scope=api%3Aread';
  const token = await send(
    x.tokenUrl,
    'POST',
    {
      authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(form),
    },
    form,
  );
  if (token.status !== 200) throw new Error(`token call answered ${token.status}`);
  const accessToken = (JSON.parse(token.text) as { access_token: string }).access_token;
  const check = await send(x.checkUrl, 'GET', { authorization: `Bearer ${accessToken}` });
  if (check.status !== 200) throw new Error(`check answered ${check.status}`);
}
