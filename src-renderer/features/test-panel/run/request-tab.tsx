/**
 * The Request tab of an exchange: method and full URL, its query parameters, the form body's parameters
 * (when the body is `application/x-www-form-urlencoded`, RFC 6749 Appendix B), the request headers and the
 * body as sent, and each JWT assertion and DPoP proof it carried decoded (RFC 7523, RFC 9449). Everything is already redacted by main.
 */
import { useMemo } from 'react';
import { formParameters, mediaType, queryParameters } from '../../../../src-shared/body-format';
import type { RecordedRequest } from '../../../../src-shared/test-run';
import { ClaimsTable } from '../token/claims-table';
import { BodyView } from './body-view';
import { DpopProofView } from './dpop-proof-view';
import { HeaderTable } from './header-table';
import { ParamTable, UrlView } from './url-view';

/** What Authbench sent in one exchange. */
export function RequestTab({ request }: { request: RecordedRequest }) {
  const contentType = request.headers['content-type'];
  const query = useMemo(() => queryParameters(request.url), [request.url]);
  const form = useMemo(
    () =>
      request.body && mediaType(contentType) === 'application/x-www-form-urlencoded'
        ? formParameters(request.body)
        : [],
    [request.body, contentType],
  );
  return (
    <div className="request-tab">
      <UrlView method={request.method} url={request.url} />
      {query.length > 0 ? <ParamTable caption="Query parameters" params={query} /> : null}
      {form.length > 0 ? <ParamTable caption="Form parameters" params={form} /> : null}
      {(request.assertions ?? []).map((a, i) => (
        <section className="request-tab__assertion" key={i} aria-label={`Decoded ${a.parameter}`}>
          <h4>{a.parameter} (decoded; the signature is not kept, RFC 7523)</h4>
          <ClaimsTable caption={`${a.parameter} header`} values={a.header} />
          <ClaimsTable caption={`${a.parameter} claims`} values={a.claims} />
        </section>
      ))}
      {request.dpopProof ? <DpopProofView proof={request.dpopProof} /> : null}
      <HeaderTable caption="Request headers" headers={request.headers} />
      <BodyView title="Request body" body={request.body} contentType={contentType} />
    </div>
  );
}
