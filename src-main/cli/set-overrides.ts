/**
 * `authbench test NAME --set field=value` (docs/architecture.md, "Variants"): each option one profile field for
 * this run only. A value that parses as a JSON array or object is that; any other value is the plain string.
 */
import { OVERRIDE_FIELDS } from '../../src-shared/profile-overrides';
import { usageError } from './output';

/** `--set` options as overrides; throws a usage error (exit 2) for a malformed option, an unknown or repeated field. */
export function parseSetOptions(options: readonly string[]): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const option of options) {
    const eq = option.indexOf('=');
    const field = eq > 0 ? option.slice(0, eq) : '';
    if (!(OVERRIDE_FIELDS as readonly string[]).includes(field))
      throw usageError(
        `--set expects FIELD=VALUE with FIELD one of ${OVERRIDE_FIELDS.join(', ')}; got "${(eq > 0 ? field : option).slice(0, 40)}"`,
      );
    if (Object.hasOwn(overrides, field)) throw usageError(`--set ${field} is given more than once`);
    overrides[field] = parseValue(option.slice(eq + 1));
  }
  return overrides;
}

function parseValue(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw usageError(`--set value ${text.slice(0, 40)} looks like JSON but does not parse`);
  }
}
