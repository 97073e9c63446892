/**
 * What a Test will call, as Kore's Test dialog shows it before a run: the Authorization URL's host
 * (authorization code), the Token Request URL and the Authorization Check URL, with `{tenant}` and the typed
 * `{{field}}`s filled in for display only (src-shared/dynamic-fields.ts previewTemplate). Pure.
 */
import { previewTemplate } from '../../../../src-shared/dynamic-fields';
import { secretFormKeys } from '../../../../src-shared/grants';
import type { ProfileView } from '../../../../src-shared/profile';

/** How a secret typed value is shown in the list. */
export const MASK = '••••';

/** One line of the list: a Kore label and the text shown. */
export interface WillCallItem {
  label: string;
  text: string;
}

/**
 * The calls of a Test of `profile` with `tenant` and the typed `values` (by key) filled in; a value of a secret
 * key (secretFormKeys) shows as MASK, and a placeholder without a value stays as written.
 */
export function willCallItems(
  profile: ProfileView,
  tenant?: string,
  values: Readonly<Record<string, string>> = {},
): WillCallItem[] {
  const secrets = secretFormKeys(profile);
  const value = (key: string) => {
    const v = Object.hasOwn(values, key) ? values[key] : undefined;
    return v && secrets.has(key) ? MASK : v;
  };
  const fill = (template: string) => previewTemplate(template, tenant || undefined, value);
  const items: WillCallItem[] = [];
  if ('authorizationUrl' in profile) {
    const url = fill(profile.authorizationUrl);
    items.push({ label: 'Authorization URL host', text: /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1] ?? url });
  }
  // RFC 9126: the pushed authorization request carries the client authentication.
  if (
    'pushedAuthorization' in profile &&
    profile.pushedAuthorizationRequestUrl &&
    profile.pushedAuthorization !== 'never'
  )
    items.push({ label: 'Pushed Authorization Request URL', text: fill(profile.pushedAuthorizationRequestUrl) });
  if ('deviceAuthorizationUrl' in profile)
    items.push({ label: 'Device Authorization URL', text: fill(profile.deviceAuthorizationUrl) });
  items.push({ label: 'Token Request URL', text: fill(profile.tokenUrl) });
  if (profile.checkUrl) items.push({ label: 'Authorization Check URL', text: fill(profile.checkUrl) });
  return items;
}

/** The typed values of a Test dialog's form as the list may hold them: secret ones already masked. */
export function shownValues(profile: ProfileView, form: HTMLFormElement): Record<string, string> {
  const secrets = secretFormKeys(profile);
  const values: Record<string, string> = {};
  for (const [name, v] of new FormData(form)) {
    if (typeof v !== 'string' || !name.startsWith('field.')) continue;
    const key = name.slice('field.'.length);
    values[key] = v && secrets.has(key) ? MASK : v;
  }
  return values;
}
