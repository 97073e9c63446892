/**
 * `authbench test NAME [--tenant T] [--field KEY=VALUE]... [--sign-in] [--paste] [--har F] [--curl F] [--bundle F]`: runs a profile's
 * Test and prints it for a person, or as TestRun JSON, and writes the redacted reproductions asked for (0600). Fields are the values the Test dialog asks for (username, password, IDP
 * form fields, each typed `{{field}}` the profile uses); they reach the run as formValues, and the secret ones
 * (password, password-typed IDP form fields) are redacted from its output.
 */
import { deviceLines } from '../device-lines';
import { parseSetOptions } from '../set-overrides';
import { AppError } from '../../../src-shared/errors';
import { fieldProblems, type FieldSource } from '../../../src-shared/dynamic-fields';
import { LIMITS, TENANT_PATTERN } from '../../../src-shared/profile-fields';
import type { ProfileInput } from '../../../src-shared/profile';
import type { TestRun } from '../../../src-shared/test-run';
import { withContext, type GlobalOptions } from '../context';
import { EXIT, usageError } from '../output';
import { formatRun } from '../format-run';
import { OPENING_BROWSER } from '../../oauth/flows/browser-sign-in';
import { holdsToken } from '../../../src-shared/token-source';

/** The same key rule as the `test:run` contract's formValues. */
const FIELD_KEY = /^[A-Za-z0-9_.-]{1,255}$/;

/** Options of `authbench test` as commander parses them. */
export interface TestCliOptions {
  tenant?: string;
  field: string[];
  /** `--set FIELD=VALUE`: profile fields overridden for this run only (cli/set-overrides.ts). */
  set?: string[];
  /** Read the password (formValues.password) from standard input, so it is not in the process list. */
  passwordStdin?: boolean;
  /** "Sign in again": a pre-authorize authorization-code Test signs in rather than use the held token. */
  signIn?: boolean;
  /** Open no browser: print the authorization URL, read the redirected URL from standard input (paste-stdin.ts). */
  paste?: boolean;
  json?: boolean;
  har?: string;
  /** Write the requests as a sh script of curl commands, secrets as `$VARIABLES`. */
  curl?: string;
  /** Write the support bundle (authbench.support-bundle/v1). */
  bundle?: string;
  timeout: string;
}

/** Runs the Test; sets process.exitCode 0 (passed) or 1 (failed). Throws AppError (exit 2 or 3) when it cannot start. */
export async function test(global: GlobalOptions, name: string, opts: TestCliOptions): Promise<void> {
  const timeoutSec = Number(opts.timeout);
  if (!Number.isFinite(timeoutSec) || timeoutSec < 1 || timeoutSec > 600)
    throw usageError('--timeout must be a number of seconds between 1 and 600');
  if (opts.tenant !== undefined && (!TENANT_PATTERN.test(opts.tenant) || /^\.+$/.test(opts.tenant)))
    throw usageError('--tenant must match ^[A-Za-z0-9._-]{1,128}$ and not be only dots');
  if (opts.paste && opts.passwordStdin)
    throw usageError(
      '--paste reads the redirected URL from standard input; it cannot be combined with --password-stdin',
    );
  const formValues = parseFields(opts.field);
  const overrides = parseSetOptions(opts.set ?? []);
  if (opts.passwordStdin) {
    if (Object.hasOwn(formValues, 'password'))
      throw usageError('Give the password either with --password-stdin or with --field password=…, not both');
    formValues.password = await readPassword();
  }

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let run: TestRun;
  let fields: ProfileInput;
  const write = (text: string) => void process.stderr.write(text);
  const paste = opts.paste ? await import('../paste-stdin') : undefined;
  let stopReading = () => {};
  try {
    ({ run, fields } = await withContext(
      global,
      async (ctx) => {
        const profile = await ctx.profiles.getByName(name);
        requireFields(profile, formValues);
        if (opts.signIn && !holdsToken(profile))
          write(
            `Note: --sign-in changes nothing here: "${profile.name}" does not keep its token between Tests (only an authorization-code profile in Pre-authorize mode does), so this Test obtains a new one anyway\n`,
          );
        // A device-code Test's user code and URL go to stderr even with --json: someone has to type the code.
        ctx.events.on('test:progress', (p) => p.device && write(deviceLines(p.device)));
        if (!opts.json) {
          ctx.events.on('test:progress', (p) => {
            // With --paste nothing is opened: the printed URL says what to do instead.
            if ((paste && p.message === OPENING_BROWSER) || p.device) return;
            if (p.step !== 'done') process.stderr.write(`… ${p.message}\n`);
          });
        }
        if (paste) {
          // Once the sign-in waits, each line of stdin is a pasted redirected URL; stdin ending first cancels.
          const off = ctx.events.on('test:progress', (p) => {
            if (!p.signIn) return;
            off();
            stopReading = paste.readPastedUrls(
              process.stdin,
              (url) => ctx.tests.pasteCallback(profile.id, url),
              write,
              () => {
                write('Standard input ended before a redirected URL was accepted; the Test is cancelled\n');
                controller.abort();
              },
            );
          });
        }
        const result = await ctx.tests.run(profile.id, {
          timeoutMs: timeoutSec * 1000,
          signal: controller.signal,
          ...(opts.tenant !== undefined ? { tenant: opts.tenant } : {}),
          ...(Object.keys(formValues).length ? { formValues } : {}),
          ...(Object.keys(overrides).length ? { overrides } : {}),
          ...(opts.signIn ? { signIn: true } : {}),
        });
        return { run: result, fields: ctx.profiles.fields(profile.id) };
      },
      { needs: ['tests'], ...(paste ? { openBrowser: paste.printForPaste(write) } : {}) },
    ));
  } catch (err) {
    throw withFlagNames(err, name);
  } finally {
    stopReading();
    process.off('SIGINT', onSigint);
  }
  await writeReproductions(run, fields, opts);
  process.stdout.write(
    opts.json ? `${JSON.stringify(run, null, 2)}\n` : formatRun(run, { color: process.stdout.isTTY === true }),
  );
  process.exitCode = run.ok ? EXIT.ok : EXIT.testFailed;
}

/** Writes the HAR, cURL and support-bundle files `opts` asks for, each 0600 (all from the redacted run). */
async function writeReproductions(run: TestRun, fields: ProfileInput, opts: TestCliOptions): Promise<void> {
  if (!opts.har && !opts.curl && !opts.bundle) return;
  const { writeBundleFile, writeCurlFile, writeHarFile } = await import('../../services/runs');
  if (opts.har) await writeHarFile(run, opts.har);
  if (opts.curl) await writeCurlFile(run, fields.clientId, opts.curl);
  if (opts.bundle) await writeBundleFile(run, fields, opts.bundle);
}

/**
 * A password-grant Test refused for a missing username or password (`formValues.username` / `.password`
 * Required) says which flags supply them; any other error is returned as it is.
 */
function withFlagNames(err: unknown, name: string): unknown {
  const missing = (path: string) =>
    err instanceof AppError && err.details?.issues?.some((i) => i.path === path && i.message === 'Required');
  if (!missing('formValues.username') && !missing('formValues.password')) return err;
  return new AppError(
    'invalid_request',
    `"${name}" needs the resource owner's username and password: pass --field username=… and --password-stdin ` +
      '(or set them on the profile)',
    (err as AppError).details,
  );
}

/** `--field KEY=VALUE` options as formValues (the value may contain "="). Throws a usage error (exit 2). */
function parseFields(fields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = eq > 0 ? field.slice(0, eq) : '';
    // The value is not echoed: it may be a password.
    if (!FIELD_KEY.test(key))
      throw usageError(
        `--field expects KEY=VALUE with a KEY of letters, digits, ".", "_" or "-"; got "${eq > 0 ? key : field.slice(0, 40)}"`,
      );
    if (Object.hasOwn(values, key)) throw usageError(`--field ${key} is given more than once`);
    const value = field.slice(eq + 1);
    if (value.length > LIMITS.password) throw usageError(`--field ${key} is longer than ${LIMITS.password} characters`);
    values[key] = value;
  }
  return { ...values };
}

/** The password from standard input: everything up to EOF, without one trailing newline. Throws a usage error when empty. */
async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!password) throw usageError('--password-stdin read an empty password');
  if (password.length > LIMITS.password) throw usageError(`The password is longer than ${LIMITS.password} characters`);
  return password;
}

/**
 * A typed `{{field}}` of `profile` without a usable value is a usage error (exit 2) before any request, naming the
 * field, where it is used and the `--field KEY=…` to add (src-shared/dynamic-fields.ts fieldProblems).
 */
function requireFields(profile: FieldSource, formValues: Readonly<Record<string, string>>): void {
  const problems = fieldProblems(profile, formValues, (key) => `: pass --field ${key}=…`);
  if (problems.length > 0)
    throw new AppError('invalid_request', problems.map((p) => p.message).join('; '), {
      issues: problems.map((p) => ({ path: `formValues.${p.key}`, message: p.issue })),
    });
}
