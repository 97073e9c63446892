/**
 * No secret leaks from an authorization-code Test (docs/security.md, "The redactor"): Chromium signs in at a
 * real oidc-provider, and the code exchange goes to a token endpoint that echoes the code, the
 * `code_verifier` and the confidential client's secret back in every shape and encoding
 * (test/helpers/echo-idp.ts). The run returned through the router, the SQLite file and the HAR, cURL and
 * support-bundle files hold none of them, in any encoding.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import type { TestRun } from '../../src-shared/test-run';
import { startAuthCodeBench, steps, WEB_APP_SECRET, type AuthCodeBench } from '../helpers/auth-code-bench';
import { allStrings, ENCODINGS, pairs, SHAPES, startEchoIdp, type EchoIdp } from '../helpers/echo-idp';

describe('no secret leaks from an authorization-code Test', () => {
  let bench: AuthCodeBench;
  let echo: EchoIdp;
  beforeAll(async () => {
    bench = await startAuthCodeBench();
    echo = await startEchoIdp();
  });
  afterAll(async () => {
    await bench?.close();
    await echo?.close();
  });

  it.each(SHAPES.filter((s) => s !== '/redirect'))(
    'the code, verifier and client secret echoed as %s stay out of the run, SQLite, HAR, cURL and bundle',
    async (shape) => {
      const opener = bench.browser.opener();
      bench.setOpener(opener.open);
      bench.sent.length = 0;
      const profile = await bench.createProfile(
        {
          clientId: 'web-app',
          clientAuthMethod: 'client_secret_basic',
          scopes: [{ key: 'scope', value: 'openid' }],
          tokenUrl: `${echo.origin}${shape}`,
        },
        WEB_APP_SECRET,
      );
      const envelope = (await bench.call('test:run', { profileId: profile.id })) as Envelope<TestRun>;
      await opener.results[0];
      if (!envelope.ok) throw new Error(envelope.error.message);
      const run = envelope.value;
      expect(steps(run)).toEqual(['authorize', 'callback', 'token']);
      const exchange = bench.sent.find((r) => r.step === 'token')!;
      const form = new URLSearchParams(exchange.body!);
      const secrets = [form.get('code')!, form.get('code_verifier')!, WEB_APP_SECRET];
      expect(secrets.every((s) => s.length >= 16)).toBe(true);
      const needles = [
        ...secrets.flatMap((s) => Object.values(ENCODINGS).map((encode) => encode(s))),
        ...pairs('web-app', WEB_APP_SECRET),
      ];

      const har = join(bench.ctx.dataDir, `${run.id}.har`);
      await bench.ctx.runs.saveHar(run.id, har);
      const curl = join(bench.ctx.dataDir, `${run.id}.sh`);
      await bench.ctx.runs.saveCurl(run.id, curl);
      const bundle = join(bench.ctx.dataDir, `${run.id}.json`);
      await bench.ctx.runs.saveBundle(run.id, bundle);
      const curlText = readFileSync(curl, 'utf8');
      expect(curlText).toContain(`--data-urlencode 'code='"$CODE"`);
      expect(curlText).toContain(`--data-urlencode 'code_verifier='"$CODE_VERIFIER"`);
      const db = join(bench.ctx.dataDir, 'authbench.db');
      const texts = [
        JSON.stringify(envelope),
        ...allStrings(run),
        ...[har, curl, bundle].map((f) => readFileSync(f, 'utf8')),
      ];
      const files = [db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f));
      const hits = [...new Set(needles)].filter(
        (n) => texts.some((t) => t.includes(n)) || files.some((b) => b.includes(Buffer.from(n))),
      );
      expect(hits).toEqual([]);
      expect(JSON.stringify(run)).toContain('[redacted]');
    },
  );
});
