/**
 * The Headers tab of an exchange: request headers, the request body as sent, and response headers.
 * Everything shown is already redacted by main (`[redacted]` in place of secrets).
 */
import { sortedHeaders } from '../../../../src-shared/format';
import type { Exchange, HeaderMap } from '../../../../src-shared/test-run';
import { BROWSER_NOTE } from './response-tab';

function HeaderTable({ caption, headers }: { caption: string; headers: HeaderMap }) {
  const rows = sortedHeaders(headers);
  return (
    <table className="header-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2} className="muted">
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
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** Request headers and body, then response headers (or why there is no response). */
export function HeadersTab({ exchange }: { exchange: Exchange }) {
  const { request, response } = exchange;
  return (
    <div className="headers-tab">
      <HeaderTable caption="Request headers" headers={request.headers} />
      <section aria-label="Request body" className="body-block">
        <h4 className="body-block__title">Request body</h4>
        {request.body === null || request.body === '' ? (
          <p className="muted">(empty body)</p>
        ) : (
          <pre className="code-block">{request.body}</pre>
        )}
      </section>
      {response ? (
        <HeaderTable caption="Response headers" headers={response.headers} />
      ) : (
        <p className="muted">
          {exchange.step === 'authorize' && !exchange.error
            ? BROWSER_NOTE
            : `No response headers: ${exchange.error?.message ?? 'no response arrived'}.`}
        </p>
      )}
    </div>
  );
}
