/**
 * The CLI's system browser (RFC 8252 §8.12; docs/architecture.md, "The CLI"): the URL is always printed on
 * stderr (stdout stays for `--json`), then opened with the command in `$BROWSER` when set — the Unix
 * convention: a `:`-separated list of commands, tried in order, `%s` replaced by the URL (else it is
 * appended) — or else the OS opener, through the `open` package (xdg-open, macOS `open`, the Windows and
 * WSL handlers). A browser that cannot start is reported on stderr, never fatal: the user can open the
 * printed URL.
 */
import { spawn } from 'node:child_process';

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
 * through `write`). `osOpener` is the OS's URL handler (the `open` package), replaceable for tests.
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
    try {
      await start(command);
      return;
    } catch (err) {
      failures.push(`${command.file}: ${(err as Error).message}`);
    }
  }
  if (commands.length === 0) {
    try {
      await osOpener(url);
      return;
    } catch (err) {
      failures.push(`the OS opener: ${(err as Error).message}`);
    }
  }
  write(`Could not start a browser (${failures.join('; ')}); open the URL above yourself.\n`);
}

/** The OS's URL handler; `open` loads only when a sign-in needs it, keeping the CLI's start-up lean. */
async function openWithOs(url: string): Promise<void> {
  const { default: open } = await import('open');
  await open(url);
}

/** Starts a command detached from our stdin / stdout (stdout is the JSON result); resolves on spawn. */
function start(command: BrowserCommand): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: process.platform !== 'win32',
    });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
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
