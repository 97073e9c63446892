/**
 * Tells an import file's format from its text (docs/architecture.md, "Import from other tools"): a `curl`
 * command, Authbench's document, a Postman collection, an Insomnia v4 export (JSON) or v5 file (YAML).
 */
import { AppError } from '../../src-shared/errors';
import { EXPORT_FORMAT } from '../../src-shared/export-format';
import type { ImportFormat } from '../../src-shared/transfer';
import { parseJsonAt } from './import-position';

/** The detected format, with the parsed JSON when the text had to be parsed to tell. */
export type Detected = { format: ImportFormat } | { format: ImportFormat; doc: unknown };

/**
 * The format of `text` read from `file`. Throws AppError('invalid_request'): malformed JSON (with its line and
 * column), a Postman environment given as the file, or a format it cannot tell (use --format).
 */
export function detectFormat(text: string, file: string): Detected {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (looksLikeCurl(start)) return { format: 'curl' };
  if (start.startsWith('{')) {
    const doc = parseJsonAt(text, file) as Record<string, unknown>;
    if (doc?.format === EXPORT_FORMAT) return { format: 'authbench', doc };
    const info = doc?.info as { schema?: unknown } | undefined;
    if (info && (Array.isArray(doc.item) || String(info.schema ?? '').includes('getpostman.com')))
      return { format: 'postman', doc };
    if (doc?._type === 'export' || '__export_format' in (doc ?? {})) return { format: 'insomnia', doc };
    if (doc?._postman_variable_scope === 'environment' || Array.isArray(doc?.values))
      throw new AppError(
        'invalid_request',
        `${file} is a Postman environment: pass it with --environment and import the collection`,
      );
    return { format: 'authbench', doc }; // its own schema names what is wrong
  } else if (/^type:\s*collection\.insomnia\.rest\/5/m.test(start)) return { format: 'insomnia' };
  throw new AppError(
    'invalid_request',
    `${file}: cannot tell the format (Authbench, Postman, Insomnia, Bruno or a curl command); name it with --format`,
  );
}

/** True when the first command of a shell text (after comments, `:`, `set` and `export` lines) is `curl`. */
function looksLikeCurl(text: string): boolean {
  const first = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '' && !/^(?:#|:\s|set\s|export\s)/.test(line));
  return first !== undefined && /^(?:\$\s+)?curl(?:\s|$)/.test(first);
}
