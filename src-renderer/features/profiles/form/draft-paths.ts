/**
 * Reading and writing one scalar field of the draft by its schema path (`tokenUrl`, `pkce.method`), so
 * an input, its error (`errorFor(path)`) and its DOM id (`fieldId(path)`) all share one name.
 */
import type { ProfileDraft, TableName } from './profile-draft';

type Field = keyof ProfileDraft;
/** Fields holding a group of parts (`pkce`, `tokenRequest`, …). */
type Group = {
  [K in Field]: ProfileDraft[K] extends ReadonlyArray<unknown> ? never : ProfileDraft[K] extends object ? K : never;
}[Field];
type Scalar = Exclude<Field, Group | TableName>;

/** A path to one part of a group: `pkce.method`, `tenancy.enabled`, … */
export type NestedPath = { [G in Group]: `${G}.${Extract<keyof ProfileDraft[G], string>}` }[Group];

/** A path to one scalar field of the draft. */
export type DraftPath = Scalar | NestedPath;

/** The value at `path`. */
export function getIn(draft: ProfileDraft, path: DraftPath): unknown {
  const [head, tail] = path.split('.') as [keyof ProfileDraft, string | undefined];
  const value = draft[head];
  return tail === undefined ? value : (value as unknown as Record<string, unknown>)[tail];
}

/** A copy of the draft with `value` at `path`. */
export function setIn(draft: ProfileDraft, path: DraftPath, value: unknown): ProfileDraft {
  const [head, tail] = path.split('.') as [keyof ProfileDraft, string | undefined];
  if (tail === undefined) return { ...draft, [head]: value };
  return { ...draft, [head]: { ...(draft[head] as object), [tail]: value } };
}
