/**
 * Redaction of `text/csv` (RFC 4180) in place (docs/security.md, "The redactor"): the first row names the
 * columns, and every later cell of a column with a sensitive name becomes `[redacted]`; every other cell keeps
 * its bytes and is passed to `inner`.
 */
import { isSensitiveKey, REDACTED } from './redact-keys';

/** One field as written (quotes included), its value, and what ends it: `,`, a line break, or '' at the end. */
interface Cell {
  raw: string;
  value: string;
  end: string;
}

/** The fields of `text`, row by row; a quoted field may hold `,`, `""` and line breaks. */
export function csvRows(text: string): Cell[][] {
  const rows: Cell[][] = [[]];
  let i = 0;
  while (i < text.length) {
    const start = i;
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] !== '"') break;
        value += text[i];
        i += text[i] === '"' ? 2 : 1;
      }
      i++;
    }
    while (i < text.length && !/[,\r\n]/.test(text.charAt(i))) value += text[i++];
    const raw = text.slice(start, i);
    const end = /^(,|\r\n|\n|\r)/.exec(text.slice(i, i + 2))?.[1] ?? '';
    i += end.length;
    rows.at(-1)!.push({ raw, value, end });
    if (end !== ',' && end !== '') rows.push([]);
  }
  return rows.filter((r) => r.length > 0);
}

/** `text` with the cells of sensitive columns masked; `inner` redacts the other cells' values. */
export function redactCsv(text: string, inner: (value: string) => string): string {
  const rows = csvRows(text);
  const names = rows[0]?.map((c) => c.value) ?? [];
  return rows
    .map((row, r) =>
      row
        .map((cell, c) => {
          if (r > 0 && isSensitiveKey(names[c] ?? '')) return REDACTED + cell.end;
          const masked = inner(cell.value);
          return (masked === cell.value ? cell.raw : `"${masked.replace(/"/g, '""')}"`) + cell.end;
        })
        .join(''),
    )
    .join('');
}
