/**
 * The CLI's system browser (DESIGN.md §6, RFC 8252 §8.12): the URL is always printed on stderr (stdout
 * stays for `--json`), then opened with the command in `$BROWSER` when set — the Unix convention: a
 * `:`-separated list of commands, tried in order, `%s` replaced by the URL (else it is appended) — or the
 * OS opener (xdg-open, open, or the Windows URL handler). A browser that cannot start is reported on
 * stderr, never fatal: the user can open the printed URL.
 */
import { spawn } from 'node:child_process';

/** One command to run: program and arguments (never through a shell, so the URL is never parsed by one). */
export interface BrowserCommand {
  file: string;
  args: string[];
}

/**
 * The commands to try for `url`, in order: each entry of `$BROWSER` (split on `:` except on Windows,
 * arguments split on whitespace with '…' / "…" quoting, `%s` → URL, `%%` → `%`), else the OS opener.
 */
export function browserCommands(url: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): BrowserCommand[] {
  const configured = env.BROWSER?.trim();
  if (configured) {
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
  if (platform === 'darwin') return [{ file: 'open', args: [url] }];
  // The handler behind `start`, without cmd.exe, which would read `&` and `%…%` in the URL.
  if (platform === 'win32') return [{ file: 'rundll32', args: ['url.dll,FileProtocolHandler', url] }];
  return [{ file: 'xdg-open', args: [url] }];
}

/** Opens `url` as described above; resolves once a command has started (or every one failed, reported). */
export async function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env, write: (text: string) => void = (t) => void process.stderr.write(t)): Promise<void> {
  write(`Sign in at this URL (opening your browser):\n  ${url}\n`);
  const failures: string[] = [];
  for (const command of browserCommands(url, env)) {
    try {
      await start(command);
      return;
    } catch (err) {
      failures.push(`${command.file}: ${(err as Error).message}`);
    }
  }
  write(`Could not start a browser (${failures.join('; ')}); open the URL above yourself.\n`);
}

/** Starts a command detached from our stdin / stdout (stdout is the JSON result); resolves on spawn. */
function start(command: BrowserCommand): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, command.args, { stdio: ['ignore', 'ignore', 'inherit'], detached: process.platform !== 'win32' });
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
      else if (escapes && c === '\\' && quote === '"' && next !== undefined && '"\\$`'.includes(next)) word += line[++i];
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
