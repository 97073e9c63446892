/**
 * The Authorization Type of a new profile, chosen first: one card per grant type (a native radio group,
 * so the arrow keys move between them). It cannot be changed after create, so each card says what it is
 * for (grant-forms.ts); a legacy grant is marked so (RFC 9700 §2.4, docs/security.md, "OAuth defences").
 */
import { GRANT_TYPES, GRANT_TYPE_LABELS } from '../../../../src-shared/profile';
import { GRANT_INFO } from '../../../../src-shared/grants';
import { GRANT_FORMS } from '../form/grant-forms';
import type { ProfileForm } from '../form/use-profile-form';

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
                  {GRANT_INFO[type].legacy ? <span className="badge badge--warn">Legacy</span> : null}
                </span>
                <span id={`${id}-desc`} className="grant-card__desc">
                  {GRANT_FORMS[type].description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
