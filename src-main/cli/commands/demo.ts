/** `authbench demo`: the embedded demo IdP with its profile, tested once, served until Ctrl-C. */
import { withContext, type GlobalOptions } from '../context';
import { formatRun } from '../format-run';
import { usageError } from '../output';

export async function demo(global: GlobalOptions, opts: { port?: string }): Promise<void> {
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw usageError('--port must be an integer between 0 and 65535');
  const [{ startDemoIdp }, { ensureDemoProfile, DEMO_BROWSER_PROFILE_NAME }] = await Promise.all([
    import('../../demo/demo-idp'),
    import('../../demo/demo-profile'),
  ]);
  const demoIdp = await startDemoIdp({ port });
  try {
    const run = await withContext(global, async (ctx) => {
      const profile = await ensureDemoProfile(ctx.profiles, demoIdp);
      return ctx.tests.run(profile.id);
    });
    process.stdout.write(`Demo IdP at ${demoIdp.idp.issuer} (token endpoint ${demoIdp.idp.tokenEndpoint})\n`);
    process.stdout.write(formatRun(run, { color: process.stdout.isTTY === true }));
    process.stdout.write(
      `\nProfile "${run.profile}" is stored; test it again with: authbench test "${run.profile}"\n` +
        `Also stored: "${DEMO_BROWSER_PROFILE_NAME}" (authorization code + PKCE): authbench test "${DEMO_BROWSER_PROFILE_NAME}" opens your browser; any login and password sign in.\n` +
        'Serving until Ctrl-C.\n',
    );
  } catch (err) {
    await demoIdp.idp.close();
    throw err;
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await demoIdp.idp.close();
}
