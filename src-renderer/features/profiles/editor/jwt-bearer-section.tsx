/**
 * The JWT bearer grant's assertion (RFC 7523 §2.1, §3): the JWT Signing Key, `iss`, `sub`, `aud`, extra claims as
 * key/value rows, the algorithm and the Key ID. Authbench builds and signs it at every Test.
 */
import type { ProfileForm } from '../form/use-profile-form';
import { SelectInput, TextInput, UrlInput } from './bound-fields';
import { algOptions, SigningKeyField } from './client-assertion-fields';
import { Section } from './section';

/** The JWT bearer section (only for the `jwt_bearer` grant). */
export function JwtBearerSection({ form }: { form: ProfileForm }) {
  const claims = form.draft.jwtBearer.claims;
  const setClaims = (next: typeof claims) => form.set('jwtBearer.claims', next);
  return (
    <Section id="section-jwt-bearer" title="JWT bearer assertion">
      <SigningKeyField form={form} />
      <TextInput form={form} path="jwtBearer.issuer" code help="The iss claim. Empty: the Client ID." />
      <TextInput
        form={form}
        path="jwtBearer.subject"
        code
        help="The sub claim: the service account or user. Empty: the Client ID."
      />
      <UrlInput form={form} path="jwtBearer.audience" help="The aud claim. Empty: the Token Request URL." />
      <SelectInput
        form={form}
        path="jwtBearer.alg"
        help="From the key: RSA → RS256, P-256 → ES256, Ed25519 → EdDSA."
        options={algOptions(false)}
      />
      <TextInput form={form} path="jwtBearer.kid" code help="The kid header. Empty: the JWK's own kid, or none." />
      <fieldset className="field-group" id="jwt-bearer-claims">
        <legend>Extra Claims</legend>
        <p className="muted">
          Added to the assertion; a value that reads as JSON (a number, true, an array) is sent as JSON. The scope is
          added from Scope.
        </p>
        {claims.map((c, i) => (
          <div className="row" key={i}>
            <input
              className="input input--code"
              aria-label={`Extra claim name ${i + 1}`}
              value={c.key}
              onChange={(e) => setClaims(claims.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
            />
            <input
              className="input input--code"
              aria-label={`Extra claim value ${i + 1}`}
              value={c.value}
              onChange={(e) => setClaims(claims.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
            />
            <button
              type="button"
              className="button button--small"
              onClick={() => setClaims(claims.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        ))}
        {[form.errorFor('jwtBearer.claims'), ...claims.map((_, i) => form.errorFor(`jwtBearer.claims.${i}.key`))]
          .map((message, i) => (message ? { message, row: i } : null))
          .filter((e) => e !== null)
          .map(({ message, row }) => (
            <p className="form-field__error" key={row}>
              {row === 0 ? message : `Extra claim ${row}: ${message}`}
            </p>
          ))}
        <button
          type="button"
          className="button button--small"
          onClick={() => setClaims([...claims, { key: '', value: '' }])}
        >
          Add claim
        </button>
      </fieldset>
    </Section>
  );
}
