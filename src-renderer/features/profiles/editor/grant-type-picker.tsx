/**
 * The Authorization Type of a new profile, chosen first: three cards (a native radio group, so the
 * arrow keys move between them). It cannot be changed after create, so each card says what it is for;
 * the password grant is marked legacy (RFC 9700 §2.4, SECURITY.md N6).
 */
import { GRANT_TYPES, GRANT_TYPE_LABELS, type GrantType } from '../../../../src-shared/profile';
import type { ProfileForm } from '../form/use-profile-form';

const DESCRIPTIONS: Record<GrantType, string> = {
  authorization_code: 'Authorization code with PKCE: a person signs in at the IdP in the system browser (RFC 6749 §4.1, RFC 7636).',
  client_credentials: 'Machine to machine: the client authenticates with its own credentials, no user (RFC 6749 §4.4).',
  password: 'The user’s username and password are sent to the token endpoint. Only for IdPs that still require it (RFC 9700 §2.4).',
};

/** The radio cards choosing the grant type of a new profile. */
export function GrantTypePicker({ form }: { form: ProfileForm }) {
  return (
    <fieldset className="grant-picker" aria-describedby="grant-picker-help">
      <legend className="form-field__label">Authorization Type</legend>
      <p id="grant-picker-help" className="form-field__help">
        Choose first: the fields below follow the type, and it cannot be changed after the profile is created.
      </p>
      <div className="grant-picker__options">
        {GRANT_TYPES.map((type) => {
          const id = `grant-${type}`;
          const checked = form.draft.grantType === type;
          return (
            <label key={type} htmlFor={id} className={`grant-card${checked ? ' grant-card--checked' : ''}`}>
              <input
                id={id}
                type="radio"
                name="grantType"
                value={type}
                checked={checked}
                aria-labelledby={`${id}-title`}
                aria-describedby={`${id}-desc`}
                onChange={() => form.set('grantType', type)}
              />
              <span className="grant-card__text">
                <span className="grant-card__title">
                  <span id={`${id}-title`}>{GRANT_TYPE_LABELS[type]}</span>
                  {type === 'password' ? <span className="badge badge--warn">Legacy</span> : null}
                </span>
                <span id={`${id}-desc`} className="grant-card__desc">
                  {DESCRIPTIONS[type]}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
