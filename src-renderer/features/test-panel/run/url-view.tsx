/**
 * The request line of an exchange in full: method and URL (wrapped, monospace, never clipped) with Copy, and
 * parameter tables with decoded values (`+` and `%20` as spaces), as main redacted them (`[redacted]`).
 */
import { CopyButton } from '../../../components/copy-button';

/** Method and full URL with a Copy button for the URL. */
export function UrlView({ method, url }: { method: string; url: string }) {
  return (
    <div className="request-line">
      <p className="request-line__text">
        <span className="request-line__method">{method}</span> <span className="request-line__url">{url}</span>
      </p>
      <CopyButton text={url} label="Copy URL" small />
    </div>
  );
}

/** Decoded name / value pairs under `caption` ("Query parameters", "Form parameters"), one per row. */
export function ParamTable({ caption, params }: { caption: string; params: Array<[string, string]> }) {
  return (
    <table className="header-table header-table--aligned param-table">
      <caption>{caption}</caption>
      <colgroup>
        <col className="header-table__name-col" />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {params.map(([name, value], index) => (
          <tr key={index}>
            <th scope="row" className="header-table__name">
              {name}
            </th>
            <td className="header-table__value">{value === '' ? <span className="muted">(empty)</span> : value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
