/**
 * The Authorization Profile Summary table, virtualised by TanStack Virtual: only the rows in view (and a
 * few either side) are in the DOM, so it stays fast with 10,000 profiles. ARIA table semantics
 * (`aria-rowcount`, `aria-rowindex`) tell assistive technology the full size. Headers sort (click or
 * Enter); Up/Down, Page Up/Down, Home/End move between rows, and the list is one stop in the Tab order.
 */
import { useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ProfileSummary } from '../../../../src-shared/profile';
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

/** The columns after the select box; `wrap`: the label may take two lines in a narrow window. */
const HEADERS: Array<{ key: SortKey | null; label: string; wrap?: boolean }> = [
  { key: 'name', label: 'Name' },
  { key: 'grantType', label: 'Authorization Type', wrap: true },
  { key: null, label: 'Test' },
  { key: 'status', label: 'Status' },
  { key: 'lastTest', label: 'Last test' },
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
export function ProfileTable({
  rows,
  sort,
  onSort,
  selected,
  onSelect,
  onSelectAll,
  emptyText,
  resetKey,
}: ProfileTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The rows start below the sticky header: `scrollMargin` says where, and `scrollPaddingStart` makes
  // `scrollToIndex` show a row whole, below the header rather than under it. The warning is about the React
  // Compiler's memoizing, which this app does not use.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = (items.at(-1)?.index ?? -1) + 1;
  // Rows that fit below the header, for Page Up / Page Down.
  const pageSize = Math.max(1, Math.floor(((virtualizer.scrollRect?.height ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT));
  // The active row (the one in the Tab order) belongs to one search and order: a new `resetKey` starts at 0.
  const [active, setActive] = useState({ resetKey, index: 0 });
  const focusRequest = useRef<{ index: number; col: string } | null>(null);
  const activeIndex = Math.min(active.resetKey === resetKey ? active.index : 0, Math.max(rows.length - 1, 0));
  const tabbable = activeIndex >= first && activeIndex < last ? activeIndex : first;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = !allSelected && rows.some((r) => selected.has(r.id));

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  // Focus moves once the target row is rendered (it may have been outside the window): at once, or
  // after the render that brings it in (this effect runs after every render).
  const serveFocusRequest = useCallback(() => {
    const request = focusRequest.current;
    const row = request && scrollRef.current?.querySelector(`[data-index="${request.index}"]`);
    if (!request || !row) return;
    const target =
      row.querySelector<HTMLElement>(`[data-col="${request.col}"]:not(:disabled)`) ??
      row.querySelector<HTMLElement>('[data-col="name"]');
    target?.focus({ preventScroll: true });
    focusRequest.current = null;
  }, [scrollRef]);
  useEffect(serveFocusRequest);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[event.key];
    const control = event.target as HTMLElement;
    const rowEl = control.closest<HTMLElement>('[data-index]');
    if (!move || !rowEl || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(rows.length - 1, move(Number(rowEl.dataset.index), pageSize, rows.length)));
    setActive({ resetKey, index: target });
    virtualizer.scrollToIndex(target);
    focusRequest.current = { index: target, col: control.dataset.col ?? 'name' };
    serveFocusRequest();
  };

  const onFocus = useCallback(
    (event: FocusEvent<HTMLDivElement>) => {
      const rowEl = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (rowEl) setActive({ resetKey, index: Number(rowEl.dataset.index) });
    },
    [resetKey],
  );

  const select = useCallback((id: string, on: boolean) => onSelect(id, on), [onSelect]);

  return (
    <div
      ref={scrollRef}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      role="table"
      aria-label="Authorization profiles"
      aria-rowcount={rows.length + 1}
      className="ptable"
    >
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
          {HEADERS.map(({ key, label, wrap }) => (
            <div
              key={label}
              role="columnheader"
              className={`ptable__cell${wrap ? ' ptable__cell--wrap-head' : ''}`}
              aria-sort={key && sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
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
      <div
        role="rowgroup"
        className="ptable__body"
        style={{ height: Math.max(virtualizer.getTotalSize(), rows.length === 0 ? ROW_HEIGHT : 0) }}
      >
        {rows.length === 0 ? (
          <div role="row" className="ptable__row ptable__row--empty" style={{ top: 0 }}>
            <div role="cell" className="ptable__cell muted">
              {emptyText}
            </div>
          </div>
        ) : (
          rows
            .slice(first, last)
            .map((p, i) => (
              <ProfileRow
                key={p.id}
                profile={p}
                index={first + i}
                top={(first + i) * ROW_HEIGHT}
                selected={selected.has(p.id)}
                tabbable={first + i === tabbable}
                onSelect={select}
              />
            ))
        )}
      </div>
    </div>
  );
}
