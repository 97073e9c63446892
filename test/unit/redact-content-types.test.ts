/**
 * A token request in each of Kore's ten content types (src-main/oauth/token-body.ts) is redacted by name
 * (docs/security.md, "The redactor") — with no secret value known to the redactor, so only the body's structure
 * can find client_secret, password, refresh_token and code_verifier — in the stored exchange, the HAR file and the
 * cURL script, where each mask becomes the shell variable named after its parameter.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toCurlScript } from '../../src-main/http/curl';
import { toHar } from '../../src-main/http/har';
import { createRedactor, REDACTED } from '../../src-main/http/redact';
import { encodeBody } from '../../src-main/oauth/token-body';
import type { Exchange, TestRun } from '../../src-shared/test-run';
import { TOKEN_CONTENT_TYPES } from '../../src-shared/token-content-types';

/** Secret values with an ASCII core every encoding keeps (JSON and \\u escapes, %XX, CSV quotes, XML entities). */
const SECRETS = {
  client_secret: 'CSVAL1 a&b=c/"q"',
  password: "PWVAL2 pä'ss,<w>",
  refresh_token: 'RTVAL3+/=',
  code_verifier: 'CVVAL4_-.~',
};
const CORES = ['CSVAL1', 'PWVAL2', 'RTVAL3', 'CVVAL4'];
const PARAMS: [string, string][] = [
  ['grant_type', 'password'],
  ['username', 'alice-user'],
  ...Object.entries(SECRETS),
  ['scope', 'read write'],
];

const run = (exchange: Exchange): TestRun => ({
  id: 'r1',
  ok: false,
  profile: 'content types',
  profileId: 'p1',
  grantType: 'password',
  startedAt: '2026-12-02T06:00:00.000Z',
  durationMs: 1,
  exchanges: [exchange],
});

describe('by-name redaction of every token content type', () => {
  it.each(TOKEN_CONTENT_TYPES)('%s: no secret in the exchange, the HAR or the cURL script', (type) => {
    const { contentType, body } = encodeBody(type, PARAMS);
    for (const core of CORES) expect(body).toContain(core);
    const redacted = createRedactor().exchange({
      step: 'token',
      request: { method: 'POST', url: 'https://idp.example/token', headers: { 'content-type': contentType }, body },
      response: { status: 400, statusText: 'Bad Request', headers: {}, body: null },
      durationMs: 3,
    });
    const stored = redacted.request.body!;
    const har = JSON.stringify(toHar(run(redacted), '1.0.0'));
    const curl = toCurlScript(run(redacted), { appVersion: '1.0.0' });
    for (const core of CORES) {
      expect(stored).not.toContain(core);
      expect(har).not.toContain(core);
      expect(curl).not.toContain(core);
    }
    // Only the secrets went: the other parameters and the format's structure are intact.
    expect(stored.split(REDACTED).length - 1).toBe(CORES.length);
    expect(stored).toContain('alice-user');
    expect(stored.length).toBeGreaterThan(REDACTED.length * CORES.length);
    // Each mask is its own variable in the script, set before running it.
    for (const variable of ['CLIENT_SECRET', 'PASSWORD', 'REFRESH_TOKEN', 'CODE_VERIFIER']) {
      expect(curl).toContain(`"$${variable}"`);
      expect(curl).toContain(`: "\${${variable}:?set ${variable} first}"`);
    }
    expect(curl).not.toContain(REDACTED);
  });

  it.each(TOKEN_CONTENT_TYPES)('%s: the script, its variables set, sends the original body again (sh)', (type) => {
    const simple = {
      CLIENT_SECRET: 'CSVAL1x',
      PASSWORD: 'PWVAL2y',
      REFRESH_TOKEN: 'RTVAL3z',
      CODE_VERIFIER: 'CVVAL4w',
    };
    const params: [string, string][] = [
      ['grant_type', 'password'],
      ['username', 'alice-user'],
      ['client_secret', simple.CLIENT_SECRET],
      ['password', simple.PASSWORD],
      ['refresh_token', simple.REFRESH_TOKEN],
      ['code_verifier', simple.CODE_VERIFIER],
    ];
    const { contentType, body } = encodeBody(type, params);
    const redacted = createRedactor().exchange({
      step: 'token',
      request: { method: 'POST', url: 'https://idp.example/token', headers: { 'content-type': contentType }, body },
      response: null,
      durationMs: 1,
    });
    const script = toCurlScript(run(redacted), { appVersion: '1' });
    const words = script
      .slice(script.indexOf('\ncurl ') + 6)
      .replace(/\\\n/g, ' ')
      .trimEnd();
    const args = execFileSync('sh', ['-c', `set -- ${words}; printf '%s\\0' "$@"`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ...simple },
    }).split('\0');
    if (args.includes('--data-urlencode')) {
      // A form body: one option a pair, the masked ones re-encoded by curl.
      const pairs = args.filter((_, i) => /^--data-(raw|urlencode)$/.test(args[i - 1] ?? ''));
      expect(pairs).toEqual(params.map(([k, v]) => `${k}=${v}`));
    } else expect(args[args.indexOf('--data-raw') + 1]).toBe(body);
  });
});
