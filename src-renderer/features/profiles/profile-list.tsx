/**
 * Kore's "Authorization Profile Summary": every profile with its Authorization Type, a Test action and
 * its Status; search, sortable columns, selection for Export, Import, and "New profile". The table is
 * virtualised, so the page stays fast with 10,000 profiles.
 */
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { ExportResult } from '../../../src-shared/transfer';
import { useFocusOnMount } from '../../components/use-focus-on-mount';
import { ListNotice } from './delete-profile';
import { ExportProfiles } from './list/export-profiles';
import { ImportProfiles } from './list/import-profiles';
import { BatchPanel } from './list/batch-panel';
import { TestAllButton } from './list/test-all-button';
import { ProfileTable } from './list/profile-table';
import { useListView, type Sort, type SortKey } from './list/use-list-view';
import { useProfilesStore } from './profiles-store';

const count = (n: number) => n.toLocaleString('en');
const plural = (n: number) => `${count(n)} ${n === 1 ? 'profile' : 'profiles'}`;

/** The list screen. */
export function ProfileList() {
  const summaries = useProfilesStore((s) => s.summaries);
  const loaded = useProfilesStore((s) => s.listLoaded);
  const error = useProfilesStore((s) => s.listError);
  const showNew = useProfilesStore((s) => s.showNew);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [exported, setExported] = useState<ExportResult | null>(null);
  const titleRef = useFocusOnMount<HTMLHeadingElement>();
  const rows = useListView(summaries, deferred, sort);

  const allIds = useMemo(() => summaries.map((s) => s.id), [summaries]);
  const selectedIds = useMemo(() => allIds.filter((id) => selected.has(id)), [allIds, selected]);

  const onSort = useCallback(
    (key: SortKey) => setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' })),
    [],
  );
  const onSelect = useCallback((id: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const onSelectAll = useCallback(
    (on: boolean) => {
      setSelected((s) => {
        const next = new Set(s);
        for (const row of rows) {
          if (on) next.add(row.id);
          else next.delete(row.id);
        }
        return next;
      });
    },
    [rows],
  );

  return (
    <section className="list-page" aria-labelledby="list-title">
      <div className="page-header">
        <h1 id="list-title" ref={titleRef} tabIndex={-1} className="page-title">
          Authorization Profile Summary
        </h1>
        <span className="spacer" />
        <input
          type="search"
          className="input input--search list-search"
          placeholder="Name, IdP or type"
          aria-label="Search profiles"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ImportProfiles />
        <ExportProfiles selectedIds={selectedIds} allIds={allIds} onExported={setExported} />
        <button type="button" className="button button--primary" onClick={showNew}>
          New profile
        </button>
      </div>
      <ListNotice />
      <p className="list-status" role="status">
        {exported ? (
          <>
            Exported {count(exported.count)} {exported.count === 1 ? 'profile' : 'profiles'}{' '}
            {exported.includedSecrets ? 'with their secrets' : 'without secrets'} to{' '}
            <code className="list-status__path">{exported.path}</code>
          </>
        ) : null}
      </p>
      {error ? (
        <p className="page-message" role="alert">
          Could not load the profiles: {error.message}
        </p>
      ) : !loaded ? (
        <p className="page-message muted">Loading…</p>
      ) : summaries.length === 0 ? (
        <div className="empty-state empty-state--large">
          <p>No authorization profiles yet.</p>
          <p className="muted">
            A profile describes how to obtain a token from an identity provider. Create one, or import a file, then
            press Test to see every exchange.
          </p>
        </div>
      ) : (
        <>
          <div className="list-actions">
            <p className="list-count" aria-live="polite">
              {rows.length === summaries.length
                ? plural(summaries.length)
                : `${count(rows.length)} of ${plural(summaries.length)}`}
              {selectedIds.length > 0 ? ` · ${count(selectedIds.length)} selected` : ''}
            </p>
            <TestAllButton selectedIds={selectedIds} />
          </div>
          <BatchPanel />
          <ProfileTable
            rows={rows}
            sort={sort}
            onSort={onSort}
            selected={selected}
            onSelect={onSelect}
            onSelectAll={onSelectAll}
            emptyText={`No profile matches “${deferred}”.`}
            resetKey={`${deferred}\n${sort.key}\n${sort.dir}`}
          />
        </>
      )}
    </section>
  );
}
