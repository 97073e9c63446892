/**
 * What the editor knows of each grant type (docs/architecture.md, "How to add a grant"): the shared
 * schema whose fields the form shows, validates and sends, and what the type picker says of it. A new
 * grant is one row here (a compile error until it is added) plus an editor section for the fields only
 * it has; every other part of the form reads the grant's fields from its schema.
 */
import type { z } from 'zod';
import {
  authorizationCodeProfile,
  clientCredentialsProfile,
  deviceCodeProfile,
  jwtBearerProfile,
  passwordProfile,
  tokenExchangeProfile,
  type GrantType,
} from '../../../../src-shared/profile';
import type { ProfileDraft } from './profile-draft';

/** One grant type as the editor sees it. */
export interface GrantForm {
  /** The grant's object schema from src-shared/profile.ts: its keys are the grant's fields. */
  schema: { readonly shape: Readonly<Record<string, z.ZodType>> };
  /** One sentence for the type picker: what the grant is for, with its RFC. */
  description: string;
}

/** The editor's row of each grant type. */
export const GRANT_FORMS: Record<GrantType, GrantForm> = {
  authorization_code: {
    schema: authorizationCodeProfile,
    description:
      'Authorization code with PKCE: a person signs in at the IdP in the system browser (RFC 6749 §4.1, RFC 7636).',
  },
  client_credentials: {
    schema: clientCredentialsProfile,
    description: 'Machine to machine: the client authenticates with its own credentials, no user (RFC 6749 §4.4).',
  },
  password: {
    schema: passwordProfile,
    description:
      'The user’s username and password are sent to the token endpoint. ' +
      'Only for IdPs that still require it (RFC 9700 §2.4).',
  },
  device_code: {
    schema: deviceCodeProfile,
    description:
      'For devices without a browser: a person enters a short code at the IdP on another screen while the client polls (RFC 8628).',
  },
  jwt_bearer: {
    schema: jwtBearerProfile,
    description:
      'Service accounts: Authbench signs a JWT assertion with your private key and trades it for a token (RFC 7523 §2.1).',
  },
  token_exchange: {
    schema: tokenExchangeProfile,
    description:
      'Trades a token you already hold (another profile’s, or a pasted one) for a new token for another audience (RFC 8693).',
  },
};

/** The fields of `grantType`, `grantType` itself included. */
export function grantFields(grantType: GrantType): Array<keyof ProfileDraft> {
  return Object.keys(GRANT_FORMS[grantType].schema.shape) as Array<keyof ProfileDraft>;
}

/** True when the draft's grant type has `field` (e.g. `pkce` only for the authorization code). */
export function has(draft: Pick<ProfileDraft, 'grantType'>, field: keyof ProfileDraft): boolean {
  return Object.hasOwn(GRANT_FORMS[draft.grantType].schema.shape, field);
}

/** Every field of any grant with its schema (a field shared by grants has one definition). */
export function allFieldSchemas(): Map<keyof ProfileDraft, z.ZodType> {
  const fields = new Map<keyof ProfileDraft, z.ZodType>();
  for (const form of Object.values(GRANT_FORMS)) {
    for (const [field, schema] of Object.entries(form.schema.shape)) {
      if (!fields.has(field as keyof ProfileDraft)) fields.set(field as keyof ProfileDraft, schema);
    }
  }
  return fields;
}
