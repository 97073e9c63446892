/**
 * Windowing for a long list of fixed-height rows in a scroll container: only the rows in view (plus a
 * few either side) are rendered, so 10,000 rows cost as much as 30. The container may have a sticky
 * header of `headerHeight` px above the rows.
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject, type UIEvent } from 'react';

interface VirtualWindowOptions {
  count: number;
  rowHeight: number;
  headerHeight?: number;
  /** Rows rendered beyond each edge of the view. */
  overscan?: number;
}

/** The rendered range [first, last) and what the container needs. */
export interface VirtualWindow {
  ref: RefObject<HTMLDivElement | null>;
  onScroll: (event: UIEvent<HTMLDivElement>) => void;
  first: number;
  last: number;
  /** Height of all rows together (px). */
  totalHeight: number;
  /** Rows that fit in the view, for Page Up / Page Down. */
  pageSize: number;
  /** Scrolls the least needed to show row `index` entirely. */
  scrollToIndex: (index: number) => void;
}

/** Windowing state for a container holding `count` rows of `rowHeight` px. */
export function useVirtualWindow({
  count,
  rowHeight,
  headerHeight = 0,
  overscan = 6,
}: VirtualWindowOptions): VirtualWindow {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop), []);

  const view = Math.max((viewport || 800) - headerHeight, rowHeight);
  // When the list shrinks (a search), the browser clamps scrollTop without always telling us: clamp too.
  const top = Math.min(scrollTop, Math.max(0, count * rowHeight - view));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + view) / rowHeight) + overscan);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = ref.current;
      if (!el) return;
      const top = index * rowHeight;
      const visible = el.clientHeight - headerHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + visible) el.scrollTop = top + rowHeight - visible;
    },
    [rowHeight, headerHeight],
  );

  return {
    ref,
    onScroll,
    first,
    last,
    totalHeight: count * rowHeight,
    pageSize: Math.max(1, Math.floor(view / rowHeight)),
    scrollToIndex,
  };
}
