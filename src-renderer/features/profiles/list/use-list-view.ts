/**
 * The rows the Authorization Profile Summary shows: the profiles matching the search (name, identity
 * provider or type), in the chosen order. Memoised: with 10,000 profiles a keystroke costs one pass.
 */
import { useMemo } from 'react';
import { GRANT_TYPE_LABELS, type ProfileSummary } from '../../../../src-shared/profile';
import { STATUS_LABELS } from '../status-badge';

/** A sortable column. */
export type SortKey = 'name' | 'grantType' | 'status' | 'lastTest';
/** The list order: a column and a direction. */
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const testedAt = (p: ProfileSummary) => p.lastTest?.startedAt ?? '';
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const COMPARE: Record<SortKey, (a: ProfileSummary, b: ProfileSummary) => number> = {
  name: (a, b) => collator.compare(a.name, b.name),
  grantType: (a, b) =>
    collator.compare(GRANT_TYPE_LABELS[a.grantType], GRANT_TYPE_LABELS[b.grantType]) ||
    collator.compare(a.name, b.name),
  status: (a, b) =>
    collator.compare(STATUS_LABELS[a.status], STATUS_LABELS[b.status]) || collator.compare(a.name, b.name),
  // By when the last Test started (ISO-8601 sorts as text), never tested first; then by name.
  lastTest: (a, b) => byText(testedAt(a), testedAt(b)) || collator.compare(a.name, b.name),
};

/** Profiles sorted by `sort` and filtered by `query` (case-insensitive, on name, IdP and type label). */
export function useListView(summaries: ProfileSummary[], query: string, sort: Sort): ProfileSummary[] {
  const sorted = useMemo(() => {
    const compare = COMPARE[sort.key];
    const rows = [...summaries].sort(compare);
    return sort.dir === 'asc' ? rows : rows.reverse();
  }, [summaries, sort]);

  const haystacks = useMemo(
    () => sorted.map((p) => `${p.name}\n${p.identityProviderName}\n${GRANT_TYPE_LABELS[p.grantType]}`.toLowerCase()),
    [sorted],
  );

  return useMemo(() => {
    const needle = query.trim().toLowerCase();
    if (!needle) return sorted;
    return sorted.filter((_, i) => haystacks[i]!.includes(needle));
  }, [sorted, haystacks, query]);
}
