/**
 * The Headers tab of an exchange: the response headers only (the request's are in the Request tab), or why
 * there are none. Everything shown is already redacted by main (`[redacted]` in place of secrets).
 */
import type { Exchange } from '../../../../src-shared/test-run';
import { HeaderTable } from './header-table';

/** The response headers of `exchange`. */
export function HeadersTab({ exchange }: { exchange: Exchange }) {
  const { response } = exchange;
  if (response) return <HeaderTable caption="Response headers" headers={response.headers} />;
  return (
    <p className="muted">
      {exchange.step === 'authorize' && !exchange.error
        ? 'No response headers: the system browser received the response (see the Response tab).'
        : 'No response headers: no response arrived.'}
    </p>
  );
}
