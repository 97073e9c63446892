/**
 * YAML import files (Insomnia v5, docs/architecture.md "Import from other tools"), parsed with `yaml`; an error
 * names the file, line and column, and nothing is imported.
 */
import { malformedAt } from './import-position';

/** The YAML document of `text`. Throws AppError('invalid_request') naming `file` and the position of the first error. */
export async function parseYamlAt(text: string, file: string): Promise<unknown> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0] ?? { line: 1, col: 1 };
    throw malformedAt(
      file,
      'YAML',
      pos.line,
      pos.col,
      error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}
