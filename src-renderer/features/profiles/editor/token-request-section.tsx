/**
 * Token request: the method and body encoding of the token and refresh calls (default POST + form,
 * RFC 6749 §4) with one sentence saying how the selected content type is sent (token-content-types.ts),
 * extra Request Headers, and whether those headers also go on the refresh call.
 */
import { TOKEN_METHODS } from '../../../../src-shared/profile-fields';
import { TOKEN_CONTENT_TYPE_INFO, TOKEN_CONTENT_TYPES } from '../../../../src-shared/token-content-types';
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, Toggle } from './bound-fields';
import { RowTable } from './row-table';
import { Section } from './section';

const BODYLESS_HELP =
  'Not used with GET or DELETE: the parameters go in the URL query. The content type shapes POST, PUT and PATCH bodies.';

/** The Token request section: method, Kore's ten content types with the encoding of the selected one, headers. */
export function TokenRequestSection({ form }: { form: ProfileForm }) {
  const { tokenRequest } = form.draft;
  const standard = tokenRequest.method === 'POST' && tokenRequest.contentType === 'form';
  const bodyless = tokenRequest.method === 'GET' || tokenRequest.method === 'DELETE';
  return (
    <Section id="section-token-request" title="Token request">
      <div className="field-pair field-pair--short-first">
        <SelectInput form={form} path="tokenRequest.method" options={TOKEN_METHODS.map((m) => [m, m] as const)} />
        <SelectInput
          form={form}
          path="tokenRequest.contentType"
          options={TOKEN_CONTENT_TYPES.map((t) => [t, TOKEN_CONTENT_TYPE_INFO[t].kore] as const)}
          help={bodyless ? BODYLESS_HELP : TOKEN_CONTENT_TYPE_INFO[tokenRequest.contentType].help}
        />
      </div>
      {standard ? null : (
        <p className="form-field__warning">
          RFC 6749 specifies POST with a form body; use another method or encoding only when the IdP requires it.
        </p>
      )}
      {bodyless ? (
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
