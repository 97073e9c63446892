/**
 * The `authbench` command (docs/architecture.md, "The CLI"): the app's services without Electron. Start-up stays lean:
 * only commander is loaded up front; each command imports what it needs when it runs.
 * Exit codes: 0 passed · 1 test failed · 2 usage or validation error · 3 environment error.
 */
import { Command, CommanderError, Option } from 'commander';
import type { ExportCliOptions } from './commands/profiles';
import type { TestCliOptions } from './commands/test';
import type { TestAllCliOptions } from './commands/test-all';
import { EXIT, exitCodeFor, printError, usageError } from './output';
import { APP_VERSION } from '../version';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function buildProgram(): Command {
  const program = new Command('authbench')
    .description('Store and test OAuth 2.0 authorization profiles from the command line')
    .version(APP_VERSION, '-V, --version')
    .option('--data-dir <dir>', 'data directory (default: AUTHBENCH_DATA_DIR or the per-user app data dir)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({ outputError: (text, write) => write(text) });
  // A command parses each schema once or a few times: zod's JIT (a `new Function` per object schema, compiled on
  // its first parse) costs more than it saves here, so schemas are built without it. Set before any command's
  // module builds its schemas (docs/architecture.md, "The CLI").
  program.hook('preAction', async () => void (await import('zod')).config({ jitless: true }));

  const profiles = program.command('profiles').description('list, import, export, duplicate and delete profiles');
  profiles
    .command('list')
    .description('list the stored profiles')
    .option('--json', 'print JSON')
    .option('--check-keychain', 'first list the keychain once to correct "set / not set" (slow with many entries)')
    .action(async (opts: { json?: boolean; checkKeychain?: boolean }) =>
      (await import('./commands/profiles')).list(program.opts(), opts),
    );
  profiles
    .command('import')
    .argument(
      '<file>',
      'an authbench.profiles/v1 file, a Postman collection, an Insomnia export, a Bruno folder or .bru file, or a curl command (- reads one from stdin)',
    )
    .option('--replace', 'replace a profile of the same name (default: import it as "Name (2)")')
    .option('--format <format>', 'authbench, postman, insomnia, bruno or curl (default: detected)')
    .option(
      '--environment <file>',
      'a Postman environment (JSON) or Bruno environment (.bru) whose variables fill {{name}}s',
    )
    .option('--dry-run', 'print what would be imported, notes and secrets found; create nothing')
    .description('import profiles (secrets in the file go to the OS keychain)')
    .action(async (file: string, opts: import('./commands/profiles').ImportCliOptions) =>
      (await import('./commands/profiles')).importFile(program.opts(), file, opts),
    );
  profiles
    .command('export')
    .argument('[names...]', 'profile names')
    .option('--all', 'export every profile')
    .option('--out <file>', 'write to FILE instead of stdout')
    .option('--include-secrets', 'also write the stored secrets, in plain text (a warning is printed)')
    .addOption(
      new Option(
        '--format <format>',
        'authbench, a Postman collection, Bruno .bru files (--out DIR for several) or a curl script',
      )
        .choices(['authbench', 'postman', 'bruno', 'curl'])
        .default('authbench'),
    )
    .description('export profiles as authbench.profiles/v1 or for Postman, Bruno or curl (secrets only if asked)')
    .action(async (names: string[], opts: ExportCliOptions) =>
      (await import('./commands/profiles')).exportProfilesCommand(program.opts(), names, opts),
    );
  profiles
    .command('duplicate')
    .argument('<name>', 'profile to copy')
    .argument('<new-name>', 'name of the copy')
    .option('--with-secrets', 'copy the stored secrets too')
    .option('--delete-original', 'then delete the original, its runs, secrets and token (a rename)')
    .description('copy a profile under a new name (the usual way to try a variant)')
    .action(async (name: string, newName: string, opts: { withSecrets?: boolean; deleteOriginal?: boolean }) =>
      (await import('./commands/profiles')).duplicate(program.opts(), name, newName, opts),
    );
  profiles
    .command('delete')
    .argument('<name>', 'profile name')
    .option('--yes', 'confirm: the profile and its keychain entries are removed; this cannot be undone')
    .description('delete a profile and its secrets')
    .action(async (name: string, opts: { yes?: boolean }) =>
      (await import('./commands/profiles')).remove(program.opts(), name, opts),
    );

  program
    .command('test')
    .argument('[name]', 'profile name (or --all)')
    .option(
      '--all',
      'test every profile, a few at once; skips those that need a person (exit 1 if any failed or Ctrl-C cancelled; skipped alone is 0)',
    )
    .option('--concurrency <n>', 'with --all: how many Tests run at once (1-32)', '8')
    .option('--tenant <tenant>', 'tenant for {tenant} in URLs')
    .option(
      '--field <key=value>',
      'a value for a form field or a {{field}} the profile uses, e.g. username=alice (repeatable)',
      collect,
      [],
    )
    .option(
      '--set <field=value>',
      'override a profile field for this run, not saved (JSON for lists; tokenRequest.method or .contentType alone; repeatable)',
      collect,
      [],
    )
    .option('--password-stdin', 'read the password from standard input (keeps it out of the process list)')
    .option('--sign-in', 'pre-authorize authorization code: sign in through the browser, not with the held token')
    .option('--paste', 'open no browser: print the sign-in URL, then read the URL the browser ends at from stdin')
    .option('--json', 'print the TestRun as JSON on stdout')
    .option('--har <file>', 'write the exchanges as a HAR 1.2 file (redacted)')
    .option('--curl <file>', 'write the requests as a sh script of curl commands (secrets as $VARIABLES)')
    .option('--bundle <file>', 'write a support bundle: versions, the profile without secrets, the redacted run')
    .addOption(new Option('--timeout <seconds>', 'per-request timeout in seconds').default('30'))
    .description("run the profile's flow against its IdP and show every exchange")
    .action(async (name: string | undefined, opts: TestCliOptions & TestAllCliOptions) => {
      if (opts.all) return (await import('./commands/test-all')).testAll(program.opts(), name, opts);
      if (name === undefined) throw usageError('Name the profile to test, or pass --all');
      return (await import('./commands/test')).test(program.opts(), name, opts);
    });

  // Token tools (RFC 7662, RFC 7009, OIDC Core §5.3) on the profile's held token: commands/token.ts.
  const token = program.command('token').description("introspect, revoke or call UserInfo with a profile's held token");
  for (const [tool, what] of [
    ['introspect', 'ask the Introspection URL whether the held token is active (RFC 7662)'],
    ['revoke', 'revoke the held token at the Revocation URL (RFC 7009) and mark it unusable'],
    ['userinfo', "read the signed-in user's claims at the UserInfo URL (OIDC Core §5.3)"],
  ] as const)
    token
      .command(tool)
      .argument('<name>', 'profile name')
      .option('--refresh-token', 'send the held refresh token instead of the access token (not for userinfo)')
      .option('--json', 'print the run as JSON on stdout')
      .addOption(new Option('--timeout <seconds>', 'request timeout in seconds').default('30'))
      .description(what)
      .action(async (name: string, opts: import('./commands/token').TokenCliOptions) =>
        (await import('./commands/token')).tokenTool(program.opts(), tool, name, opts),
      );

  program
    .command('runs')
    .description('stored runs of a profile')
    .command('diff')
    .argument('<name>', 'profile name')
    .option('--json', 'print the comparison as JSON')
    .description('compare the last two runs of a profile: what changed, what varies per run')
    .action(async (name: string, opts: { json?: boolean }) =>
      (await import('./commands/runs')).diff(program.opts(), name, opts),
    );

  program
    .command('discover')
    .argument('<issuer>', "the IdP's issuer URL, e.g. https://login.example.com/tenant")
    .option('--tenant <tenant>', 'tenant for {tenant} in the issuer')
    .option('--json', 'print the validated metadata as JSON')
    .description("read the IdP's metadata (OIDC Discovery, RFC 8414) and print its endpoints and supported values")
    .action(async (issuer: string, opts: { json?: boolean; tenant?: string }) =>
      (await import('./commands/discover')).discoverCommand(issuer, opts),
    );

  program
    .command('settings')
    .description('show or change the app settings: the refresh token expiry warning and its notification')
    .option('--expiry-warning-hours <n>', 'warn this many hours (1-720) before a refresh token expires')
    .option('--notifications <on|off>', "the app's OS notification of that warning")
    .option('--json', 'print JSON')
    .action(async (opts: import('./commands/settings').SettingsCliOptions) =>
      (await import('./commands/settings')).settings(program.opts(), opts),
    );

  program
    .command('demo')
    .option('--port <n>', 'port for the demo IdP (default: OS-chosen)')
    .description('start the embedded demo IdP, create its profile, test it, and keep serving until Ctrl-C')
    .action(async (opts: { port?: string }) => (await import('./commands/demo')).demo(program.opts(), opts));
  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    printError(err);
    return exitCodeFor(err);
  }
}
