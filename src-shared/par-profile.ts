/**
 * Pushed authorization requests (RFC 9126; docs/architecture.md, "Pushed authorization requests"): the
 * authorization-code profile's "Pushed Authorization Request" choice and its "Pushed Authorization Request URL",
 * and the rule that ties them to the Issuer. profile.ts spreads these fields into the OAuth v2 schema.
 */
import { z } from 'zod';
import { optionalUrl } from './profile-fields';

/**
 * When a Test pushes the authorization request: `auto` when the IdP's metadata says
 * `require_pushed_authorization_requests: true` (RFC 9126 §5), `always`, or `never`.
 */
export const PAR_MODES = ['auto', 'always', 'never'] as const;
export type ParMode = (typeof PAR_MODES)[number];

/** Kore-style labels of the choices, as the editor shows them. */
export const PAR_MODE_LABELS: Readonly<Record<ParMode, string>> = {
  auto: 'Auto (when the IdP requires it)',
  always: 'Always',
  never: 'Never',
};

/** The OAuth v2 profile's PAR fields: the choice (default `auto`) and the optional endpoint (templated like every URL). */
export const parProfileFields = {
  pushedAuthorization: z.enum(PAR_MODES).default('auto'),
  /** RFC 9126 §5 `pushed_authorization_request_endpoint`; the metadata's when empty and the profile has an Issuer. */
  pushedAuthorizationRequestUrl: optionalUrl,
};

/** What the rule below reads of a profile. */
interface ParFields {
  grantType: string;
  issuer?: string;
  pushedAuthorization?: ParMode;
  pushedAuthorizationRequestUrl?: string;
}

/** The cross-field issues of the PAR fields: `always` needs a Pushed Authorization Request URL or an Issuer to read it from. */
export function parIssues(p: ParFields): { path: string[]; message: string }[] {
  if (p.grantType !== 'authorization_code' || p.pushedAuthorization !== 'always') return [];
  if (p.pushedAuthorizationRequestUrl || p.issuer) return [];
  return [
    {
      path: ['pushedAuthorizationRequestUrl'],
      message: 'Required when Pushed Authorization Request is Always and there is no Issuer to read it from',
    },
  ];
}
