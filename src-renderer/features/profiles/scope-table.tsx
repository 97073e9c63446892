/**
 * Kore's "Scope" key/value table: add, edit and remove rows. Values of `scope` keys are joined with
 * spaces into the `scope` parameter (RFC 6749 §3.3); other keys are sent as extra parameters.
 */
import { fieldId } from '../../components/form-field';
import type { ProfileForm } from './use-profile-form';

/** The Scope table of the editor. */
export function ScopeTable({ form }: { form: ProfileForm }) {
  const rows = form.draft.scopes;
  return (
    <fieldset className="form-field scope-table">
      <legend className="form-field__label">Scope</legend>
      {rows.length === 0 ? (
        <p className="form-field__help">No scope parameters: the IdP grants its default scope.</p>
      ) : (
        <table className="kv-table">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const keyError = form.errorFor(`scopes.${index}.key`);
              const valueError = form.errorFor(`scopes.${index}.value`);
              const keyId = fieldId(`scopes.${index}.key`);
              const valueId = fieldId(`scopes.${index}.value`);
              return (
                <tr key={row.rowId}>
                  <td>
                    <input
                      id={keyId}
                      className="input"
                      aria-label={`Scope key ${index + 1}`}
                      aria-invalid={!!keyError}
                      aria-describedby={keyError ? `${keyId}-error` : undefined}
                      value={row.key}
                      spellCheck={false}
                      onChange={(e) => form.setScope(index, 'key', e.target.value)}
                      onBlur={() => form.touch(`scopes.${index}.key`)}
                    />
                    {keyError ? (
                      <p id={`${keyId}-error`} className="form-field__error">
                        {keyError}
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <input
                      id={valueId}
                      className="input"
                      aria-label={`Scope value ${index + 1}`}
                      aria-invalid={!!valueError}
                      aria-describedby={valueError ? `${valueId}-error` : undefined}
                      value={row.value}
                      placeholder="e.g. openid api:read"
                      spellCheck={false}
                      onChange={(e) => form.setScope(index, 'value', e.target.value)}
                      onBlur={() => form.touch(`scopes.${index}.value`)}
                    />
                    {valueError ? (
                      <p id={`${valueId}-error`} className="form-field__error">
                        {valueError}
                      </p>
                    ) : null}
                  </td>
                  <td className="kv-table__actions">
                    <button type="button" className="button button--ghost button--small" aria-label={`Remove scope row ${index + 1}`} onClick={() => form.removeScope(index)}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" className="button button--small" onClick={() => form.addScope()}>
        Add scope
      </button>
    </fieldset>
  );
}
