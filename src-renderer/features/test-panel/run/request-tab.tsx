/**
 * The Request tab of an exchange: method and full URL, its query parameters, the form body's parameters
 * (when the body is `application/x-www-form-urlencoded`, RFC 6749 Appendix B), the request headers and the
 * body as sent. Everything is already redacted by main.
 */
import { useMemo } from 'react';
import { formParameters, mediaType, queryParameters } from '../../../../src-shared/body-format';
import type { RecordedRequest } from '../../../../src-shared/test-run';
import { BodyView } from './body-view';
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
      <HeaderTable caption="Request headers" headers={request.headers} />
      <BodyView title="Request body" body={request.body} contentType={contentType} />
    </div>
  );
}
