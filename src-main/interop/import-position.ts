/**
 * Malformed foreign files (docs/architecture.md, "Import from other tools"): a parse error names the file and
 * the line and column, so the user can find it; the whole import stops before anything is created.
 */
import { AppError } from '../../src-shared/errors';

/** The 1-based line and column of character `offset` of `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * `JSON.parse(text)`, or AppError('invalid_request') "FILE: not valid JSON at line L, column C: reason" (the
 * position from V8's message; the end of the text when the input is truncated).
 */
export function parseJsonAt(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const lc = /\(line (\d+) column (\d+)\)/.exec(message);
    const at = /at position (\d+)/.exec(message);
    const pos = lc
      ? { line: Number(lc[1]), column: Number(lc[2]) }
      : lineColumn(text, at ? Number(at[1]) : text.length);
    const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)/, '');
    throw new AppError(
      'invalid_request',
      `${file} is not JSON: line ${pos.line}, column ${pos.column}: ${reason}; nothing was imported`,
      { issues: [{ path: 'file', message: `line ${pos.line}, column ${pos.column}: ${reason}` }] },
    );
  }
}

/** AppError('invalid_request') for a malformed file at a known line and column (YAML, .bru). */
export function malformedAt(file: string, kind: string, line: number, column: number, reason: string): AppError {
  return new AppError(
    'invalid_request',
    `${file} is not valid ${kind}: line ${line}, column ${column}: ${reason}; nothing was imported`,
    { issues: [{ path: 'file', message: `line ${line}, column ${column}: ${reason}` }] },
  );
}
