/**
 * The building blocks of a run comparison (docs/architecture.md, "The Test panel"): one list of values that
 * differ on every run, and the comparison of two sets of named values (headers, parameters, JSON key paths)
 * or two texts line by line. Values are compared as stored, so `[redacted]` stays `[redacted]`.
 */
import { bodyKind, formParameters } from './body-format';

/** How one compared item changed from the earlier run (`before`) to the later one (`after`). */
export type DiffKind = 'added' | 'removed' | 'changed' | 'unchanged' | 'varies';

/** One compared item: a header, a parameter, a JSON key path, a body line or an outcome field. */
export interface DiffItem {
  /** Header or parameter name, JSON key path (`$.error`), `line N`, or a field name ("Status"). */
  key: string;
  kind: DiffKind;
  /** The value in the earlier run; absent when the item is only in the later one. */
  before?: string;
  /** The value in the later run; absent when the item is only in the earlier one. */
  after?: string;
}

/**
 * Header names (lower case, RFC 9110 §5.1) whose values differ on every run: the response date (RFC 9110
 * §6.6.1) and request ids. The one place this list is kept.
 */
export const VOLATILE_HEADERS: ReadonlySet<string> = new Set([
  'date',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'traceparent',
]);

/**
 * Parameter names and JSON keys whose values differ on every run: `state` and `code` (RFC 6749 §4.1),
 * `nonce` (OpenID Connect Core §3.1.2.1), `code_challenge` (RFC 7636 §4.2) and `jti` (RFC 7519 §4.1.7).
 */
export const VOLATILE_PARAMETERS: ReadonlySet<string> = new Set(['state', 'nonce', 'code', 'code_challenge', 'jti']);

/** The kind of a value present in both runs: `unchanged` when equal, else `varies` when volatile, else `changed`. */
function kindOf(before: string, after: string, volatile: boolean): DiffKind {
  if (before === after) return 'unchanged';
  return volatile ? 'varies' : 'changed';
}

/**
 * Compares two lists of name/value pairs; a repeated name is matched by its order (`scope`, `scope #2`).
 * `isVolatile(name)` marks names whose differing values are `varies`, not `changed`. Items keep first-seen order.
 */
export function diffPairs(
  before: Array<[string, string]>,
  after: Array<[string, string]>,
  isVolatile: (name: string) => boolean,
): DiffItem[] {
  const keyed = (pairs: Array<[string, string]>) => {
    const seen = new Map<string, number>();
    const out = new Map<string, string>();
    for (const [name, value] of pairs) {
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      out.set(n === 1 ? name : `${name} #${n}`, value);
    }
    return out;
  };
  const a = keyed(before);
  const b = keyed(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.map((key) => {
    const name = key.replace(/ #\d+$/, '');
    const [x, y] = [a.get(key), b.get(key)];
    if (x === undefined) return { key, kind: 'added', after: y };
    if (y === undefined) return { key, kind: 'removed', before: x };
    return { key, kind: kindOf(x, y, isVolatile(name)), before: x, after: y };
  });
}

/** Header maps compared by name; `date` and request ids are `varies`. */
export function diffHeaders(before: Record<string, string>, after: Record<string, string>): DiffItem[] {
  const sorted = (h: Record<string, string>) =>
    Object.entries(h).sort(([x], [y]) => x.localeCompare(y)) as Array<[string, string]>;
  return diffPairs(sorted(before), sorted(after), (name) => VOLATILE_HEADERS.has(name.toLowerCase()));
}

/** Whether a parameter or JSON key name is in VOLATILE_PARAMETERS. */
export function isVolatileParameter(name: string): boolean {
  return VOLATILE_PARAMETERS.has(name);
}

/** A parsed JSON value flattened to `$.a.b[0]` → JSON text of each leaf (empty objects and arrays are leaves). */
export function flattenJson(value: unknown, path = '$', out: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(value) && value.length > 0) value.forEach((v, i) => flattenJson(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object' && Object.keys(value).length > 0)
    for (const [k, v] of Object.entries(value)) flattenJson(v, `${path}.${k}`, out);
  else out.push([path, JSON.stringify(value)]);
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The last name of a JSON key path (`$.a.jti` → `jti`). */
const lastKey = (path: string) => path.replace(/\[\d+\]$/, '').replace(/^.*\./, '');

/** Longest common subsequence table bound: longer texts are compared line by line at the same index. */
const MAX_LCS_LINES = 400;

/** Two texts line by line (`line N` of the later text, or of the earlier one for a removed line). */
export function diffLines(before: string, after: string): DiffItem[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length > MAX_LCS_LINES || b.length > MAX_LCS_LINES) {
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i): DiffItem => {
      const key = `line ${i + 1}`;
      if (i >= a.length) return { key, kind: 'added', after: b[i] };
      if (i >= b.length) return { key, kind: 'removed', before: a[i] };
      return { key, kind: a[i] === b[i] ? 'unchanged' : 'changed', before: a[i], after: b[i] };
    });
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffItem[] = [];
  let [i, j] = [0, 0];
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ key: `line ${j + 1}`, kind: 'unchanged', before: a[i], after: b[j] });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ key: `line ${j + 1}`, kind: 'added', after: b[j] });
      j++;
    } else {
      out.push({ key: `line ${i + 1}`, kind: 'removed', before: a[i] });
      i++;
    }
  }
  return out;
}

/**
 * Two bodies compared by what they hold: JSON by key path (volatile keys `varies`), form bodies by parameter,
 * anything else line by line; a body only in one run is one added or removed item.
 */
export function diffBodies(
  before: string | null,
  after: string | null,
  types: [string | undefined, string | undefined] = [undefined, undefined],
): DiffItem[] {
  if (before === null && after === null) return [];
  if (before === null) return [{ key: 'body', kind: 'added', after: after! }];
  if (after === null) return [{ key: 'body', kind: 'removed', before }];
  const kinds = [bodyKind(before, types[0]), bodyKind(after, types[1])];
  const [x, y] = [parseJson(before), parseJson(after)];
  if (kinds[0] === 'json' && kinds[1] === 'json' && x !== undefined && y !== undefined)
    return diffPairs(flattenJson(x), flattenJson(y), (path) => isVolatileParameter(lastKey(path)));
  if (kinds[0] === 'form' && kinds[1] === 'form')
    return diffPairs(formParameters(before.trim()), formParameters(after.trim()), isVolatileParameter);
  return diffLines(before, after);
}
