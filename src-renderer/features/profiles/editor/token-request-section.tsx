/**
 * Token request: the method and body encoding of the token and refresh calls (default POST + form,
 * RFC 6749 §4), extra Request Headers, and whether those headers also go on the refresh call.
 */
import { TOKEN_CONTENT_TYPES, TOKEN_METHODS } from '../../../../src-shared/profile-fields';
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, Toggle } from './bound-fields';
import { RowTable } from './row-table';
import { Section } from './section';

const CONTENT_TYPE_LABELS: Record<(typeof TOKEN_CONTENT_TYPES)[number], string> = {
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
  xml: 'application/xml',
  multipart: 'multipart/form-data',
  text: 'text/plain',
};

/** The Token request section. */
export function TokenRequestSection({ form }: { form: ProfileForm }) {
  const { tokenRequest } = form.draft;
  const standard = tokenRequest.method === 'POST' && tokenRequest.contentType === 'form';
  return (
    <Section id="section-token-request" title="Token request">
      <div className="field-pair field-pair--short-first">
        <SelectInput form={form} path="tokenRequest.method" options={TOKEN_METHODS.map((m) => [m, m] as const)} />
        <SelectInput
          form={form}
          path="tokenRequest.contentType"
          options={TOKEN_CONTENT_TYPES.map((t) => [t, CONTENT_TYPE_LABELS[t]] as const)}
        />
      </div>
      {standard ? null : (
        <p className="form-field__warning">
          RFC 6749 specifies POST with a form body; use another method or encoding only when the IdP requires it.
        </p>
      )}
      {tokenRequest.method === 'GET' || tokenRequest.method === 'DELETE' ? (
        <p className="form-field__warning">
          With {tokenRequest.method} the parameters, client secret and password included, travel in the URL, where
          proxies and servers log them.
        </p>
      ) : null}
      <RowTable
        form={form}
        table="requestHeaders"
        legend="Request Headers"
        help="Extra headers sent on the token call (names per RFC 9110; no line breaks in values)."
        empty="No extra headers."
        addLabel="Add header"
        columns={[
          { part: 'key', header: 'Name', code: true, placeholder: 'X-Api-Version' },
          { part: 'value', header: 'Value', code: true },
        ]}
      />
      <Toggle form={form} path="applyHeadersToRefresh" label="Apply these headers to the refresh token call" />
    </Section>
  );
}
