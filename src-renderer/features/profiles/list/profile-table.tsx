/**
 * The Authorization Profile Summary table, virtualised: only the rows in view are in the DOM, so it
 * stays fast with 10,000 profiles. ARIA table semantics (`aria-rowcount`, `aria-rowindex`) tell assistive
 * technology the full size. Headers sort (click or Enter); Up/Down, Page Up/Down, Home/End move between
 * rows, and the list is one stop in the Tab order.
 */
import { useCallback, useEffect, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { ProfileSummary } from '../../../../src-shared/profile';
import { useVirtualWindow } from '../../../components/use-virtual-window';
import { ProfileRow } from './profile-row';
import type { Sort, SortKey } from './use-list-view';

const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 40;

interface ProfileTableProps {
  rows: ProfileSummary[];
  sort: Sort;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (id: string, selected: boolean) => void;
  onSelectAll: (selected: boolean) => void;
  /** Shown as the only row when nothing matches. */
  emptyText: string;
  /** Changes when the search or the order changes: the table then starts again at the top. */
  resetKey: string;
}

const HEADERS: Array<{ key: SortKey | null; label: string }> = [
  { key: 'name', label: 'Name' },
  { key: 'grantType', label: 'Authorization Type' },
  { key: null, label: 'Test' },
  { key: 'status', label: 'Status' },
];

const MOVES: Record<string, (index: number, page: number, count: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  PageDown: (i, page) => i + page,
  PageUp: (i, page) => i - page,
  Home: () => 0,
  End: (_i, _p, count) => count - 1,
};

/** The virtualised summary table. */
export function ProfileTable({ rows, sort, onSort, selected, onSelect, onSelectAll, emptyText, resetKey }: ProfileTableProps) {
  const win = useVirtualWindow({ count: rows.length, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT });
  const [active, setActive] = useState(0);
  const [focusRequest, setFocusRequest] = useState<{ index: number; col: string } | null>(null);
  const activeIndex = Math.min(active, Math.max(rows.length - 1, 0));
  const tabbable = activeIndex >= win.first && activeIndex < win.last ? activeIndex : win.first;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = !allSelected && rows.some((r) => selected.has(r.id));

  useEffect(() => {
    if (win.ref.current) win.ref.current.scrollTop = 0;
    setActive(0);
  }, [resetKey, win.ref]);

  // Focus moves only after the target row is rendered (it may have been outside the window).
  useEffect(() => {
    if (!focusRequest) return;
    const row = win.ref.current?.querySelector(`[data-index="${focusRequest.index}"]`);
    const target = row?.querySelector<HTMLElement>(`[data-col="${focusRequest.col}"]:not(:disabled)`) ?? row?.querySelector<HTMLElement>('[data-col="name"]');
    if (target) {
      target.focus({ preventScroll: true });
      setFocusRequest(null);
    }
  }, [focusRequest, win.first, win.last, win.ref]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[event.key];
    const control = event.target as HTMLElement;
    const rowEl = control.closest<HTMLElement>('[data-index]');
    if (!move || !rowEl || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(rows.length - 1, move(Number(rowEl.dataset.index), win.pageSize, rows.length)));
    setActive(target);
    win.scrollToIndex(target);
    setFocusRequest({ index: target, col: control.dataset.col ?? 'name' });
  };

  const onFocus = useCallback((event: FocusEvent<HTMLDivElement>) => {
    const rowEl = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (rowEl) setActive(Number(rowEl.dataset.index));
  }, []);

  const select = useCallback((id: string, on: boolean) => onSelect(id, on), [onSelect]);

  return (
    <div ref={win.ref} onScroll={win.onScroll} onKeyDown={onKeyDown} onFocus={onFocus} role="table" aria-label="Authorization profiles" aria-rowcount={rows.length + 1} className="ptable">
      <div role="rowgroup" className="ptable__head">
        <div role="row" aria-rowindex={1} className="ptable__row ptable__row--head">
          <div role="columnheader" className="ptable__cell ptable__cell--select">
            <input
              type="checkbox"
              aria-label="Select all shown profiles"
              checked={allSelected}
              ref={(el) => {
                if (el) el.indeterminate = someSelected;
              }}
              onChange={(e) => onSelectAll(e.target.checked)}
              disabled={rows.length === 0}
            />
          </div>
          {HEADERS.map(({ key, label }) => (
            <div key={label} role="columnheader" className="ptable__cell" aria-sort={key && sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
              {key ? (
                <button type="button" className="ptable__sort" onClick={() => onSort(key)}>
                  {label}
                  <span aria-hidden="true" className="ptable__sort-arrow">
                    {sort.key === key ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              ) : (
                label
              )}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="ptable__body" style={{ height: Math.max(win.totalHeight, rows.length === 0 ? ROW_HEIGHT : 0) }}>
        {rows.length === 0 ? (
          <div role="row" className="ptable__row ptable__row--empty" style={{ top: 0 }}>
            <div role="cell" className="ptable__cell muted">
              {emptyText}
            </div>
          </div>
        ) : (
          rows
            .slice(win.first, win.last)
            .map((p, i) => (
              <ProfileRow key={p.id} profile={p} index={win.first + i} top={(win.first + i) * ROW_HEIGHT} selected={selected.has(p.id)} tabbable={win.first + i === tabbable} onSelect={select} />
            ))
        )}
      </div>
    </div>
  );
}
