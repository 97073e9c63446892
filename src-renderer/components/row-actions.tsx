/**
 * Move up / Move down / Remove for one row of an editable table. Each button names its row for screen
 * readers ("Move Scope row 2 up"); moving keeps focus on the moved row's button so repeated presses
 * keep moving the same row.
 */
import { useEffect, useRef } from 'react';

interface RowActionsProps {
  /** e.g. "Scope row 2". */
  rowName: string;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  /** Set by the table right after this row moved: which button to focus again. */
  refocus?: 'up' | 'down' | null;
}

/** The action buttons of one row. */
export function RowActions({ rowName, index, count, onMove, onRemove, refocus }: RowActionsProps) {
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (refocus === 'up') (index > 0 ? up : down).current?.focus();
    if (refocus === 'down') (index < count - 1 ? down : up).current?.focus();
  }, [refocus, index, count]);

  return (
    <div className="row-actions">
      <button
        ref={up}
        type="button"
        className="icon-button"
        aria-label={`Move ${rowName} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        ↑
      </button>
      <button
        ref={down}
        type="button"
        className="icon-button"
        aria-label={`Move ${rowName} down`}
        title="Move down"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="icon-button icon-button--danger"
        aria-label={`Remove ${rowName}`}
        title="Remove"
        onClick={onRemove}
      >
        ✕
      </button>
    </div>
  );
}
