/**
 * A decoded JWT part (protected header or claims) as a table: each name with its value, JSON for objects
 * and arrays, and the local date beside the time claims (iat, exp, nbf, auth_time). Decoded only, never
 * verified: the caption says so.
 */
import { claimDate, TIME_CLAIMS } from './token-time';

function display(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** The name/value table of one decoded JWT part. */
export function ClaimsTable({ caption, values }: { caption: string; values: Record<string, unknown> }) {
  const entries = Object.entries(values);
  return (
    <table className="claims-table">
      <caption>{caption}</caption>
      <tbody>
        {entries.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
              (empty)
            </td>
          </tr>
        ) : (
          entries.map(([name, value]) => {
            const date = TIME_CLAIMS.has(name) ? claimDate(value) : null;
            return (
              <tr key={name}>
                <th scope="row" className="claims-table__name">
                  {name}
                </th>
                <td className="claims-table__value">
                  <span className={typeof value === 'object' && value !== null ? 'claims-table__json' : undefined}>
                    {display(value)}
                  </span>
                  {date ? <span className="claims-table__date"> ({date})</span> : null}
                </td>
              </tr>
            );
          })
        )}
      </tbody>
    </table>
  );
}
