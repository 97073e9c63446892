/**
 * The child process of the crash-safety test (docs/architecture.md, "How it is tested"): once loaded it prints
 * `loaded` and waits for a line on stdin (so the test can start the next child while the last one works), then
 * opens the real context on AUTHBENCH_DATA_DIR with the keychain service AUTHBENCH_KEYCHAIN_SERVICE, prints
 * `ready`, and loops creates, updates (secrets set, replaced or deleted), imports and deletes until killed.
 * Bundled by the test with rolldown and run with plain node; expected failures (a name taken) are ignored.
 */
import { randomBytes } from 'node:crypto';
import { createContext } from '../../src-main/context';
import { AppError } from '../../src-shared/errors';

const NAMES = Array.from({ length: 12 }, (_, i) => `crash ${i}`);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const secret = () => `s-${randomBytes(12).toString('hex')}`;

const fields = (name: string) => ({
  grantType: 'client_credentials',
  name,
  identityProviderName: 'Crash IdP',
  clientId: `client-${randomBytes(4).toString('hex')}`,
  tokenUrl: 'https://idp.example.com/oauth2/token',
  description: 'd'.repeat(Math.floor(Math.random() * 900)),
  scopes: [{ key: 'scope', value: 'api:read' }],
});

async function step(ctx: ReturnType<typeof createContext>): Promise<void> {
  const existing = await ctx.profiles.list();
  const op = Math.random();
  if (op < 0.3 || existing.length === 0) {
    await ctx.profiles.create(fields(pick(NAMES)), { clientSecret: secret() });
  } else if (op < 0.55) {
    const target = pick(existing);
    const secrets = Math.random() < 0.2 ? { clientSecret: null } : { clientSecret: secret() };
    await ctx.profiles.update(target.id, fields(target.name), secrets);
  } else if (op < 0.8) {
    const profiles = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => ({
      ...fields(pick(NAMES)),
      clientSecret: secret(),
    }));
    await ctx.transfer.importText(JSON.stringify({ format: 'authbench.profiles/v1', profiles }));
  } else {
    await ctx.profiles.delete(pick(existing).id);
  }
}

async function main(): Promise<void> {
  process.stdout.write('loaded\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const ctx = createContext({
    dataDir: process.env.AUTHBENCH_DATA_DIR!,
    keychainService: process.env.AUTHBENCH_KEYCHAIN_SERVICE!,
  });
  await ctx.secrets.listAccounts(); // connects to the keychain, so the work starts at once
  process.stdout.write('ready\n');
  for (;;) {
    try {
      await step(ctx);
    } catch (err) {
      if (!(err instanceof AppError) || !['conflict', 'not_found'].includes(err.code)) throw err;
    }
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`crash-child: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
