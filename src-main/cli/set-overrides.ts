/**
 * `authbench test NAME --set field=value` (docs/architecture.md, "Variants"): each option one profile field for
 * this run only (`tokenRequest.method` and `tokenRequest.contentType` one part of that group). A value that parses
 * as a JSON array or object is that; any other value is the plain string.
 */
import { OVERRIDE_FIELDS } from '../../src-shared/profile-overrides';
import { usageError } from './output';

/** `--set` options as overrides; throws a usage error (exit 2) for a malformed option, an unknown or repeated field. */
export function parseSetOptions(options: readonly string[]): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const option of options) {
    const eq = option.indexOf('=');
    const name = eq > 0 ? option.slice(0, eq) : '';
    const [field = '', part] = name.split(/\.(.*)/s);
    if (
      !(OVERRIDE_FIELDS as readonly string[]).includes(field) ||
      (part !== undefined && !GROUP_PARTS[field]?.includes(part))
    )
      throw usageError(
        `--set expects FIELD=VALUE with FIELD one of ${[...OVERRIDE_FIELDS, ...GROUP_NAMES].join(', ')}; got "${(eq > 0 ? name : option).slice(0, 40)}"`,
      );
    const group = overrides[field];
    if (part === undefined ? Object.hasOwn(overrides, field) : isGroup(group) && Object.hasOwn(group, part))
      throw usageError(`--set ${name} is given more than once`);
    if (part !== undefined && group !== undefined && !isGroup(group))
      throw usageError(`--set ${name} cannot be combined with --set ${field}`);
    const value = parseValue(option.slice(eq + 1));
    overrides[field] = part === undefined ? value : { ...(group as object | undefined), [part]: value };
  }
  return overrides;
}

/** Parts of a group field a `--set` may name alone (`tokenRequest.contentType=CSV`); the others keep the profile's. */
const GROUP_PARTS: Readonly<Record<string, readonly string[]>> = { tokenRequest: ['method', 'contentType'] };
const GROUP_NAMES = Object.entries(GROUP_PARTS).flatMap(([field, parts]) => parts.map((p) => `${field}.${p}`));
const isGroup = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseValue(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw usageError(`--set value ${text.slice(0, 40)} looks like JSON but does not parse`);
  }
}
