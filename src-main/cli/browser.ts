/**
 * The CLI's system browser (RFC 8252 §8.12; docs/architecture.md, "The CLI"): the URL is always printed on
 * stderr (stdout stays for `--json`), then opened with the command in `$BROWSER` when set — the Unix
 * convention: a `:`-separated list of commands, tried in order, `%s` replaced by the URL (else it is
 * appended) — or else the OS opener, through the `open` package (xdg-open, macOS `open`, the Windows and
 * WSL handlers). The opener's own output is not shown (xdg-open prints several lines when it fails); a
 * command that cannot start, or exits non-zero within BROWSER_PROBE_MS, has failed. Failure is reported in
 * one line on stderr, never fatal: the user can open the printed URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';

/** How long (ms) a started opener is watched for a non-zero exit that means it could not open the URL. */
export const BROWSER_PROBE_MS = 1500;

/** One command to run: program and arguments (never through a shell, so the URL is never parsed by one). */
export interface BrowserCommand {
  file: string;
  args: string[];
}

/**
 * The `$BROWSER` commands to try for `url`, in order: each entry (split on `:` except on Windows, arguments
 * split on whitespace with '…' / "…" quoting, `%s` → URL, `%%` → `%`); empty when `$BROWSER` is unset or
 * blank, and the OS opener is used instead.
 */
export function browserCommands(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): BrowserCommand[] {
  const configured = env.BROWSER?.trim();
  if (!configured) return [];
  const entries = platform === 'win32' ? [configured] : configured.split(':');
  return entries
    .map((entry) => splitWords(entry.trim(), platform !== 'win32'))
    .filter((words) => words.length > 0)
    .map(([file, ...rest]) => {
      const substituted = rest.some((w) => w.includes('%s'));
      const args = rest.map((w) => w.replace(/%(%|s)/g, (_m, c: string) => (c === 's' ? url : '%')));
      return { file: file!, args: substituted ? args : [...args, url] };
    });
}

/**
 * Opens `url` as described above; resolves once a browser has started (or every attempt failed, reported
 * through `write` as one "Could not open a browser (…)" line). `osOpener` is the OS's URL handler (the
 * `open` package, resolving to the launcher's ChildProcess, which is watched like a `$BROWSER` command),
 * replaceable for tests.
 */
export async function openBrowser(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
  write: (text: string) => void = (t) => void process.stderr.write(t),
  osOpener: (url: string) => Promise<unknown> = openWithOs,
): Promise<void> {
  write(`Sign in at this URL (opening your browser):\n  ${url}\n`);
  const failures: string[] = [];
  const commands = browserCommands(url, env);
  for (const command of commands) {
    const failure = await watch(startCommand(command), basename(command.file));
    if (!failure) return;
    failures.push(failure);
  }
  if (commands.length === 0) {
    let launcher: unknown;
    try {
      launcher = await osOpener(url);
    } catch (err) {
      launcher = undefined;
      failures.push(`the OS opener: ${(err as Error)?.message ?? String(err)}`);
    }
    if (isChildProcess(launcher)) {
      const failure = await watch(Promise.resolve(launcher), basename(launcher.spawnfile));
      if (failure) failures.push(failure);
    }
    if (failures.length === 0) return;
  }
  write(`Could not open a browser (${failures.join('; ')}): open the URL above to sign in.\n`);
}

/** The OS's URL handler; `open` loads only when a sign-in needs it, keeping the CLI's start-up lean. */
async function openWithOs(url: string): Promise<ChildProcess> {
  const { default: open } = await import('open');
  return open(url);
}

function isChildProcess(value: unknown): value is ChildProcess {
  return (
    typeof value === 'object' &&
    value !== null &&
    'spawnfile' in value &&
    typeof (value as ChildProcess).once === 'function'
  );
}

/**
 * Starts a command detached from our stdio (stdout is the JSON result; its stderr is not ours to print);
 * resolves with the child once it has spawned, rejects when it cannot start.
 */
function startCommand(command: BrowserCommand): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, {
      stdio: 'ignore',
      detached: process.platform !== 'win32',
    });
    child.once('error', reject);
    child.once('spawn', () => {
      child.off('error', reject);
      child.on('error', () => {}); // a later error (e.g. on kill) is no reason to crash the CLI
      resolve(child);
    });
  });
}

/**
 * Why the opener `name` failed — it could not start, or exited non-zero (or by a signal) within
 * BROWSER_PROBE_MS — or undefined when it exited 0 or still runs then (a browser that stays open).
 */
async function watch(started: Promise<ChildProcess>, name: string): Promise<string | undefined> {
  let child: ChildProcess;
  try {
    child = await started;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    return `${name} could not start${code ? ` (${code})` : `: ${(err as Error)?.message ?? String(err)}`}`;
  }
  const exited = (code: number | null, signal: NodeJS.Signals | null) =>
    code === 0 ? undefined : code !== null ? `${name} exited ${code}` : `${name} was stopped by ${signal}`;
  if (child.exitCode !== null || child.signalCode !== null) return exited(child.exitCode, child.signalCode);
  const result = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(undefined);
    }, BROWSER_PROBE_MS);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      resolve(exited(code, signal));
    };
    child.once('exit', onExit);
  });
  child.unref();
  return result;
}

/**
 * Splits a command line into words as sh does for plain words: whitespace separates, '…' and "…" group;
 * with `escapes` (not on Windows, where `\` separates paths) a backslash escapes the next character
 * outside quotes, and one of " \ $ ` inside "…".
 */
export function splitWords(line: string, escapes = true): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const next = line[i + 1];
    if (quote) {
      if (c === quote) quote = null;
      else if (escapes && c === '\\' && quote === '"' && next !== undefined && '"\\$`'.includes(next))
        word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (escapes && c === '\\' && next !== undefined) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
