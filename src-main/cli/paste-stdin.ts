/**
 * `authbench test NAME --paste` (docs/architecture.md, "The CLI"): no browser is opened; the authorization URL
 * is printed on stderr, and the address the browser ends at (the redirect URI with the code, RFC 8252 §7.3)
 * is read from standard input, one line at a time, and handled like a callback until one is accepted.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { PasteCallbackResult } from '../../src-shared/callback';

/** The `openBrowser` of `--paste`: prints `url` and what to paste on stderr (via `write`); opens nothing. */
export function printForPaste(write: (text: string) => void): (url: string) => Promise<void> {
  return async (url) => {
    let redirect = 'the redirect URI';
    try {
      redirect = new URL(url).searchParams.get('redirect_uri') ?? redirect;
    } catch {
      // The flow checks the URL itself; the line below still prints it.
    }
    write(
      `Sign in at this URL in any browser:\n  ${url}\n` +
        `Then paste here the address the browser ends at (it starts with ${redirect}) and press Enter:\n`,
    );
  };
}

/**
 * Reads lines from `input` and hands each to `paste` until one is accepted, writing each answer (or error
 * message) on stderr through `write`; calls `onEnd` when the input ends first. Returns a function that stops reading.
 */
export function readPastedUrls(
  input: Readable,
  paste: (url: string) => PasteCallbackResult,
  write: (text: string) => void,
  onEnd: () => void,
): () => void {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let accepted = false;
  lines.on('line', (line) => {
    if (accepted || !line.trim()) return;
    try {
      const result = paste(line);
      write(`${result.message}\n`);
      if (result.accepted) {
        accepted = true;
        lines.close();
      }
    } catch (err) {
      write(`${(err as Error)?.message ?? String(err)}\n`);
    }
  });
  lines.on('close', () => {
    if (!accepted) onEnd();
  });
  return () => {
    accepted = true;
    lines.close();
  };
}
