/**
 * The cURL script of a redacted run (src-main/http/curl.ts): POSIX sh quoting of awkward values (quotes, `$`,
 * backticks, newlines, unicode) checked by a real `sh`, placeholders named after the parameter or header the
 * mask sits in, the authorize step as a comment, the callback skipped, and `sh -n` on the whole script.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote, toCurlScript, variableName } from '../../src-main/http/curl';
import type { Exchange, TestRun } from '../../src-shared/test-run';

/** What a real sh makes of `words` (each printed on its own line between brackets). */
const shWords = (words: string, env: Record<string, string> = {}) =>
  execFileSync('sh', ['-c', `printf '[%s]\\n' ${words}`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });

const exchange = (step: Exchange['step'], request: Partial<Exchange['request']>): Exchange => ({
  step,
  request: { method: 'POST', url: 'https://idp.example/token', headers: {}, body: null, ...request },
  response: { status: 400, statusText: 'Bad Request', headers: {}, body: null },
  durationMs: 12,
});

const run = (exchanges: Exchange[]): TestRun => ({
  id: 'r1',
  ok: false,
  profile: 'Acme\'s "prod"\n$(touch /tmp/pwned)',
  profileId: 'p1',
  grantType: 'authorization_code',
  startedAt: '2026-12-02T06:00:00.000Z',
  durationMs: 40,
  exchanges,
});

describe('shellQuote', () => {
  it.each([
    ["it's", 'single quote'],
    ['say "hi" $HOME `id` $(id) \\n', 'double quotes, $, backticks and a backslash'],
    ['line one\nline two\r\n\ttab', 'newlines and a tab'],
    ['ünïcødé ✓ 日本 😀', 'unicode'],
    ['', 'empty'],
    ["'''", 'only quotes'],
  ])('keeps %j (%s) byte for byte through sh', (value) => {
    expect(shWords(shellQuote(value))).toBe(`[${value}]\n`);
  });
});

describe('variableName', () => {
  it.each([
    ['client_secret', 'CLIENT_SECRET'],
    ['password', 'PASSWORD'],
    ['refresh_token', 'REFRESH_TOKEN'],
    ['code_verifier', 'CODE_VERIFIER'],
    ['client_assertion', 'CLIENT_ASSERTION'],
    ['X-Api-Key', 'X_API_KEY'],
    ['accessToken', 'ACCESS_TOKEN'],
    ['2fa.code', '_2FA_CODE'],
    ['---', 'SECRET'],
  ])('%s → %s', (key, name) => expect(variableName(key)).toBe(name));
});

describe('curlCommand', () => {
  it('turns each masked form parameter into --data-urlencode of the variable named after it', () => {
    const used = new Set<string>();
    const body =
      'grant_type=authorization_code&code=[redacted]&code_verifier=[redacted]&redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Fcb' +
      '&client_assertion=[redacted]&username=%5Bredacted%5D&scope=a+b';
    const cmd = curlCommand(
      exchange('token', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }),
      { appVersion: '1' },
      used,
    );
    expect(cmd).toContain(`--data-urlencode 'code='"$CODE"`);
    expect(cmd).toContain(`--data-urlencode 'code_verifier='"$CODE_VERIFIER"`);
    expect(cmd).toContain(`--data-urlencode 'client_assertion='"$CLIENT_ASSERTION"`);
    expect(cmd).toContain(`--data-urlencode 'username='"$USERNAME"`);
    expect(cmd).toContain(`--data-raw 'redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Fcb'`);
    expect(cmd).toContain(`--data-raw 'scope=a+b'`);
    expect(cmd).not.toContain('[redacted]');
    expect([...used].sort()).toEqual(['CLIENT_ASSERTION', 'CODE', 'CODE_VERIFIER', 'USERNAME']);
  });

  it('fills --user with the form-encoded client_id for Basic, or asks for $BASIC_CREDENTIALS without one', () => {
    const basic = exchange('token', {
      headers: { authorization: 'Basic [redacted]', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const used = new Set<string>();
    expect(curlCommand(basic, { appVersion: '1', clientId: "my app's:id" }, used)).toContain(
      `--user 'my+app%27s%3Aid:'"$CLIENT_SECRET"`,
    );
    expect(curlCommand(basic, { appVersion: '1' }, used)).toContain(
      `--header 'Authorization: Basic '"$BASIC_CREDENTIALS"`,
    );
    expect([...used].sort()).toEqual(['BASIC_CREDENTIALS', 'CLIENT_SECRET']);
  });

  it('names Bearer tokens, secret headers and query parameters; keeps a GET without --request', () => {
    const used = new Set<string>();
    const cmd = curlCommand(
      exchange('check', {
        method: 'GET',
        url: 'https://api.example/me?access_token=[redacted]&x=1',
        headers: { authorization: 'Bearer [redacted]', 'x-api-key': '[redacted]', host: 'api.example', accept: '*/*' },
      }),
      { appVersion: '1' },
      used,
    );
    expect(cmd).toContain(`--header 'authorization: Bearer '"$ACCESS_TOKEN"`);
    expect(cmd).toContain(`--header 'x-api-key: '"$X_API_KEY"`);
    expect(cmd).toContain(`--url 'https://api.example/me?access_token='"$ACCESS_TOKEN"'&x=1'`);
    expect(cmd).not.toContain('host:');
    expect(cmd).not.toContain('--request');
    expect(cmd).not.toContain('--data');
  });

  it('sends a JSON body as one --data-raw word with the variable where the mask was', () => {
    const used = new Set<string>();
    const body = '{"refresh_token":"[redacted]","note":"it\'s $5"}';
    const cmd = curlCommand(
      exchange('refresh', { method: 'PUT', headers: { 'content-type': 'application/json' }, body }),
      { appVersion: '1' },
      used,
    );
    expect(cmd).toContain("--request 'PUT'");
    const word = cmd.split('--data-raw ')[1]!.split(' \\\n')[0]!;
    expect(shWords(word, { REFRESH_TOKEN: 'r$`"\'1' })).toBe(`[{"refresh_token":"r$\`"'1","note":"it's $5"}]\n`);
  });
});

describe('toCurlScript', () => {
  const script = toCurlScript(
    run([
      exchange('discovery', { method: 'GET', url: 'https://idp.example/.well-known/openid-configuration' }),
      exchange('authorize', { method: 'GET', url: 'https://idp.example/authorize?client_id=a&state=s\n$(id)' }),
      exchange('callback', { method: 'GET', url: 'http://127.0.0.1:5/cb?code=[redacted]' }),
      exchange('token', {
        headers: { authorization: 'Basic [redacted]', 'content-type': 'application/x-www-form-urlencoded' },
        body: "grant_type=authorization_code&code=[redacted]&note=it's%0A$HOME",
      }),
    ]),
    { appVersion: '9.9.9', clientId: 'web' },
  );

  it('lists the variables to set, comments the authorize URL and skips the callback', () => {
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain('#   CLIENT_SECRET: the client secret');
    expect(script).toContain('#   CODE: the value of code');
    expect(script).toContain(': "${CODE:?set CODE first}"');
    expect(script).toContain('# https://idp.example/authorize?client_id=a&state=s $(id)');
    expect(script).not.toContain('127.0.0.1:5/cb');
    expect(script.match(/^curl /gm)).toHaveLength(2);
    expect(script).not.toContain('[redacted]');
  });

  it('is valid sh (sh -n)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'authbench-curl-')), 'run.sh');
    writeFileSync(file, script);
    expect(() => execFileSync('sh', ['-n', file], { encoding: 'utf8' })).not.toThrow();
  });
});
