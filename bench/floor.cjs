// The floor of a CLI Test (docs/architecture.md, "Benchmarks"): bare Node reading the client secret from the
// keychain (keytar) and making the same exchange as `authbench test NAME` — the token call (RFC 6749 §4.4,
// client_secret_basic) and the check GET with the Bearer token (RFC 6750 §2.1) — with node:http.
// CommonJS, like the CLI's own bundle: an ES-module entry makes Node load more of itself at start.
//   node bench/floor.cjs TOKEN_URL CHECK_URL CLIENT_ID KEYCHAIN_SERVICE KEYCHAIN_ACCOUNT
'use strict';
const { request } = require('node:http');
const keytar = require('keytar');

const [tokenUrl, checkUrl, clientId, service, account] = process.argv.slice(2);

/** Sends one request and resolves with its status and body text. */
function send(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Reads the secret, makes the token call and the check GET; throws when either is not 200. */
async function main() {
  const secret = await keytar.getPassword(service, account);
  if (secret === null) throw new Error(`no keychain entry ${service} / ${account}`);
  const credentials = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64');
  const form = 'grant_type=client_credentials&scope=api%3Aread';
  const token = await send(
    tokenUrl,
    'POST',
    {
      authorization: `Basic ${credentials}`,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(form),
    },
    form,
  );
  if (token.status !== 200) throw new Error(`token call answered ${token.status}`);
  const check = await send(checkUrl, 'GET', { authorization: `Bearer ${JSON.parse(token.text).access_token}` });
  if (check.status !== 200) throw new Error(`check answered ${check.status}`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
