/**
 * One section of a run comparison ("Request headers", "Response body", …): the items that differ in a table
 * (item, run A, run B, what happened), and the unchanged ones collapsed behind "N unchanged".
 * Values are as stored: secrets stay `[redacted]`.
 */
import type { DiffItem, DiffKind } from '../../../../src-shared/run-diff';
import type { DiffSection } from '../../../../src-shared/run-diff';

/** What each kind of change reads as. */
export const KIND_LABELS: Record<DiffKind, string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  unchanged: 'unchanged',
  varies: 'varies per run',
};

function Value({ value }: { value: string | undefined }) {
  return value === undefined ? <span className="muted">—</span> : <code className="compare__value">{value}</code>;
}

function Rows({ items }: { items: DiffItem[] }) {
  return (
    <tbody>
      {items.map((item, index) => (
        <tr key={`${item.key}-${index}`} className={`compare__row compare__row--${item.kind}`}>
          <th scope="row" className="compare__key">
            {item.key}
          </th>
          <td>
            <Value value={item.before} />
          </td>
          <td>
            <Value value={item.after} />
          </td>
          <td className="compare__kind">
            <span className={`compare-kind compare-kind--${item.kind}`}>{KIND_LABELS[item.kind]}</span>
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function Table({ caption, items }: { caption: string; items: DiffItem[] }) {
  return (
    <table className="compare__table">
      <caption>{caption}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Run A</th>
          <th scope="col">Run B</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <Rows items={items} />
    </table>
  );
}

/** The differing items of `section`, then its unchanged items behind a disclosure. */
export function DiffTable({ section }: { section: DiffSection }) {
  const differing = section.items.filter((i) => i.kind !== 'unchanged');
  const unchanged = section.items.filter((i) => i.kind === 'unchanged');
  return (
    <div className="compare__section">
      {differing.length > 0 ? (
        <Table caption={section.title} items={differing} />
      ) : (
        <p className="compare__section-title">{section.title}</p>
      )}
      {unchanged.length > 0 ? (
        <details className="compare__unchanged">
          <summary>{unchanged.length} unchanged</summary>
          <Table caption={`${section.title}, unchanged`} items={unchanged} />
        </details>
      ) : null}
    </div>
  );
}
