/**
 * Accessible tabs (WAI-ARIA Authoring Practices, "Tabs with automatic activation"): a tablist of tabs
 * with a roving tabindex; Left/Right arrows, Home and End move focus and select. Only the selected
 * panel is rendered, so large bodies in hidden tabs cost nothing (hence `aria-controls` only on the selected tab).
 */
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** One tab: a stable key, its label and its panel's content (rendered only when selected). */
export interface TabSpec {
  key: string;
  label: string;
  render: () => ReactNode;
}

interface TabsProps {
  tabs: TabSpec[];
  /** Names the tablist for assistive technology, e.g. "Token request details". */
  label: string;
  initial?: string;
}

/** A tablist with its one visible tabpanel. */
export function Tabs({ tabs, label, initial }: TabsProps) {
  const baseId = useId();
  const [selected, setSelected] = useState(initial ?? tabs[0]?.key ?? '');
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const current = tabs.find((t) => t.key === selected) ?? tabs[0];

  const select = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    setSelected(tab.key);
    refs.current.get(tab.key)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tabs__list">
        {tabs.map((tab, index) => {
          const isSelected = tab.key === current?.key;
          return (
            <button
              key={tab.key}
              ref={(el) => {
                if (el) refs.current.set(tab.key, el);
                else refs.current.delete(tab.key);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.key}`}
              aria-selected={isSelected}
              aria-controls={isSelected ? `${baseId}-panel-${tab.key}` : undefined}
              tabIndex={isSelected ? 0 : -1}
              className="tabs__tab"
              onClick={() => setSelected(tab.key)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {current ? (
        <div
          role="tabpanel"
          id={`${baseId}-panel-${current.key}`}
          aria-labelledby={`${baseId}-tab-${current.key}`}
          tabIndex={0}
          className="tabs__panel"
        >
          {current.render()}
        </div>
      ) : null}
    </div>
  );
}
