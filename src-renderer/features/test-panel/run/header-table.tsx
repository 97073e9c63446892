/**
 * A table of HTTP headers (names lower case, RFC 9110 §5.1), sorted by name, with a Copy per value. Request
 * and response tables share fixed column widths, so they align; long values (a JWT) wrap anywhere.
 * Values are as main recorded them: secrets already `[redacted]`.
 */
import { sortedHeaders } from '../../../../src-shared/format';
import type { HeaderMap } from '../../../../src-shared/test-run';
import { CopyButton } from '../../../components/copy-button';

/** The headers of one message under `caption` ("Request headers", "Response headers"). */
export function HeaderTable({ caption, headers }: { caption: string; headers: HeaderMap }) {
  const rows = sortedHeaders(headers);
  return (
    <table className="header-table header-table--aligned">
      <caption>{caption}</caption>
      <colgroup>
        <col className="header-table__name-col" />
        <col />
        <col className="header-table__copy-col" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">
            <span className="visually-hidden">Copy</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={3} className="muted">
              (none)
            </td>
          </tr>
        ) : (
          rows.map(([name, value]) => (
            <tr key={name}>
              <th scope="row" className="header-table__name">
                {name}
              </th>
              <td className="header-table__value">{value}</td>
              <td className="header-table__copy">
                <CopyButton text={value} label={`Copy ${name} value`} small />
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
