/**
 * The token exchange grant's section (RFC 8693 §2.1): the subject token and the optional actor token with their
 * sources and types, the requested token type, and the audiences and resources as rows (several of each allowed).
 */
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, Toggle } from './bound-fields';
import { ExchangeTokenSource, TOKEN_TYPE_OPTIONS } from './exchange-token-source';
import { Section } from './section';

/** One list of strings (audiences or resources) as rows with Remove, and Add. */
function TargetRows({ form, field }: { form: ProfileForm; field: 'audiences' | 'resources' }) {
  const values = form.draft.tokenExchange[field];
  const path = `tokenExchange.${field}` as const;
  const set = (next: string[]) => form.set(path, next);
  const noun = field === 'audiences' ? 'Audience' : 'Resource';
  return (
    <fieldset className="field-group" id={`token-exchange-${field}`}>
      <legend>{noun}</legend>
      <p className="muted">
        {field === 'audiences'
          ? 'Each is sent as an audience parameter: the logical name of the service the new token is for.'
          : 'Each is sent as a resource parameter: an absolute URI of the API the new token is for.'}
      </p>
      {values.map((v, i) => (
        <div className="row" key={i}>
          <input
            className="input input--code"
            aria-label={`${noun} ${i + 1}`}
            value={v}
            spellCheck={false}
            onChange={(e) => set(values.map((x, j) => (j === i ? e.target.value : x)))}
            onBlur={() => form.touch(`${path}.${i}`)}
          />
          <button type="button" className="button button--small" onClick={() => set(values.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      {[form.errorFor(path), ...values.map((_, i) => form.errorFor(`${path}.${i}`))]
        .map((message, i) => (message ? { message, row: i } : null))
        .filter((e) => e !== null)
        .map(({ message, row }) => (
          <p className="form-field__error" key={row}>
            {row === 0 ? message : `${noun} ${row}: ${message}`}
          </p>
        ))}
      <div className="row">
        <button type="button" className="button button--small" onClick={() => set([...values, ''])}>
          Add {noun.toLowerCase()}
        </button>
      </div>
    </fieldset>
  );
}

/** The Token Exchange section (only for the `token_exchange` grant). */
export function TokenExchangeSection({ form }: { form: ProfileForm }) {
  return (
    <Section
      id="section-token-exchange"
      title="Token exchange"
      intro="The token traded for a new one (RFC 8693): another profile’s held token, or one you paste."
    >
      <ExchangeTokenSource form={form} role="subject" />
      <ExchangeTokenSource form={form} role="actor" />
      <SelectInput
        form={form}
        path="tokenExchange.requestedTokenType"
        help="The kind of token asked for; empty lets the IdP choose (usually an access token)."
        options={[['', 'Not sent'], ...TOKEN_TYPE_OPTIONS]}
      />
      <TargetRows form={form} field="audiences" />
      <TargetRows form={form} field="resources" />
      <Toggle
        form={form}
        path="tokenExchange.allowOtherHost"
        label="Send to another host"
        help="Off: another profile’s held token is sent only to a Token Request URL at a host that profile itself uses (its endpoints or issuer). Turn on for a token service elsewhere."
      />
    </Section>
  );
}
