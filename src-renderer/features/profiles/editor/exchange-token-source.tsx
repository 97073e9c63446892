/**
 * Where a token exchange's subject or actor token comes from (RFC 8693 §2.1): another profile's held token (a
 * picker over the profile list, and which token: access, refresh or ID token) or a token pasted into the keychain
 * (a secret field), and its token type (§3), preset from the held token's kind.
 */
import { FormField, fieldId } from '../../../components/form-field';
import {
  EXCHANGE_TOKEN_TYPES,
  presetTokenType,
  TOKEN_TYPE_URIS,
  type HeldTokenKind,
} from '../../../../src-shared/token-exchange-profile';
import { fieldLabel } from '../form/field-labels';
import type { ProfileForm } from '../form/use-profile-form';
import { useProfilesStore } from '../profiles-store';
import { SelectInput } from './bound-fields';
import { SecretField } from './secret-field';

/** The token type options (RFC 8693 §3): the short name and its URI. */
export const TOKEN_TYPE_OPTIONS: ReadonlyArray<readonly [string, string]> = EXCHANGE_TOKEN_TYPES.map(
  (t) => [t, `${t} (${TOKEN_TYPE_URIS[t]})`] as const,
);

const KIND_OPTIONS: ReadonlyArray<readonly [HeldTokenKind, string]> = [
  ['access_token', 'Access token'],
  ['refresh_token', 'Refresh token'],
  ['id_token', 'ID token'],
];

/** The other profiles a token may come from: every profile but this one, by name. */
function OtherProfilePicker({ form, role }: { form: ProfileForm; role: 'subject' | 'actor' }) {
  const path = `tokenExchange.${role}Profile` as const;
  const summaries = useProfilesStore((s) => s.summaries);
  const own = form.draft.name.trim();
  const others = summaries.filter((s) => s.name !== own);
  const chosen = form.draft.tokenExchange[`${role}Profile`];
  const missing = chosen !== '' && !others.some((s) => s.name === chosen);
  return (
    <FormField
      id={fieldId(path)}
      label={fieldLabel(path)}
      required
      help="The profile whose held token is sent; Test it first. Its token is read in the background, never shown."
      error={missing ? `No other profile is named «${chosen}»` : form.errorFor(path)}
    >
      {(control) => (
        <select
          {...control}
          className="input select"
          value={chosen}
          onChange={(e) => form.set(path, e.target.value)}
          onBlur={() => form.touch(path)}
        >
          <option value="">Choose a profile…</option>
          {missing ? <option value={chosen}>{chosen} (missing)</option> : null}
          {others.map((s) => (
            <option key={s.id} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** The source, the profile or pasted token, and the token type of the subject or the actor token. */
export function ExchangeTokenSource({ form, role }: { form: ProfileForm; role: 'subject' | 'actor' }) {
  const o = form.draft.tokenExchange;
  const source = o[`${role}Source`];
  const sourceOptions: Array<readonly [string, string]> = [
    ...(role === 'actor' ? [['none', 'None: no actor token'] as const] : []),
    ['profile', 'Another profile’s held token'],
    ['pasted', 'A pasted token (kept in the keychain)'],
  ];
  const setKind = (kind: HeldTokenKind) => {
    form.set(`tokenExchange.${role}TokenKind`, kind);
    form.set(`tokenExchange.${role}TokenType`, presetTokenType(kind));
  };
  return (
    <fieldset className="field-group" id={`token-exchange-${role}`}>
      <legend>{role === 'subject' ? 'Subject token' : 'Actor token'}</legend>
      <SelectInput form={form} path={`tokenExchange.${role}Source`} options={sourceOptions} />
      {source === 'profile' ? (
        <>
          <OtherProfilePicker form={form} role={role} />
          <FormField
            id={fieldId(`tokenExchange.${role}TokenKind`)}
            label={fieldLabel(`tokenExchange.${role}TokenKind`)}
          >
            {(control) => (
              <select
                {...control}
                className="input select"
                value={o[`${role}TokenKind`]}
                onChange={(e) => setKind(e.target.value as HeldTokenKind)}
              >
                {KIND_OPTIONS.map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </>
      ) : null}
      {source === 'pasted' ? (
        <SecretField form={form} field={role === 'subject' ? 'subjectToken' : 'actorToken'} multiline />
      ) : null}
      {source !== 'none' ? (
        <SelectInput
          form={form}
          path={`tokenExchange.${role}TokenType`}
          help="RFC 8693 §3: what the token is. Preset from the held token chosen."
          options={TOKEN_TYPE_OPTIONS}
        />
      ) : null}
    </fieldset>
  );
}
