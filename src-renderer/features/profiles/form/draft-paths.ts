/**
 * Reading and writing one scalar field of the draft by its schema path (`tokenUrl`, `pkce.method`), so
 * an input, its error (`errorFor(path)`) and its DOM id (`fieldId(path)`) all share one name.
 */
import type { ProfileDraft } from './profile-draft';

type Group = 'tenancy' | 'tokenRequest' | 'pkce' | 'clientCertificate';
type Scalar = Exclude<keyof ProfileDraft, Group | 'scopes' | 'additionalFields' | 'idpFormFields' | 'authorizationFields' | 'requestHeaders'>;
type Nested = { [G in Group]: `${G}.${Extract<keyof ProfileDraft[G], string>}` }[Group];

/** A path to one scalar field of the draft. */
export type DraftPath = Scalar | Nested;

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
