/**
 * What the editor knows of each grant type (docs/architecture.md, "How to add a grant"): the shared
 * schema whose fields the form shows, validates and sends, and what the type picker says of it. A new
 * grant is one row here (a compile error until it is added) plus an editor section for the fields only
 * it has; every other part of the form reads the grant's fields from its schema.
 */
import type { z } from 'zod';
import { GRANT_SCHEMAS, type GrantType } from '../../../../src-shared/profile';
import type { ProfileDraft } from './profile-draft';

/** One grant type as the editor sees it (its fields: the keys of its schema in GRANT_SCHEMAS, src-shared/profile.ts). */
export interface GrantForm {
  /** One sentence for the type picker: what the grant is for, with its RFC. */
  description: string;
}

/** The field schemas of `grantType`'s object schema, by field. */
const shapeOf = (grantType: GrantType): Readonly<Record<string, z.ZodType>> => GRANT_SCHEMAS[grantType].shape;

/** The editor's row of each grant type. */
export const GRANT_FORMS: Record<GrantType, GrantForm> = {
  authorization_code: {
    description:
      'Authorization code with PKCE: a person signs in at the IdP in the system browser (RFC 6749 §4.1, RFC 7636).',
  },
  client_credentials: {
    description: 'Machine to machine: the client authenticates with its own credentials, no user (RFC 6749 §4.4).',
  },
  password: {
    description:
      'The user’s username and password are sent to the token endpoint. ' +
      'Only for IdPs that still require it (RFC 9700 §2.4).',
  },
  device_code: {
    description:
      'For devices without a browser: a person enters a short code at the IdP on another screen while the client polls (RFC 8628).',
  },
  jwt_bearer: {
    description:
      'Service accounts: Authbench signs a JWT assertion with your private key and trades it for a token (RFC 7523 §2.1).',
  },
  token_exchange: {
    description:
      'Trades a token you already hold (another profile’s, or a pasted one) for a new token for another audience (RFC 8693).',
  },
};

/** The fields of `grantType`, `grantType` itself included. */
export function grantFields(grantType: GrantType): Array<keyof ProfileDraft> {
  return Object.keys(shapeOf(grantType)) as Array<keyof ProfileDraft>;
}

/** True when the draft's grant type has `field` (e.g. `pkce` only for the authorization code). */
export function has(draft: Pick<ProfileDraft, 'grantType'>, field: keyof ProfileDraft): boolean {
  return Object.hasOwn(shapeOf(draft.grantType), field);
}

/** Every field of any grant with its schema (a field shared by grants has one definition). */
export function allFieldSchemas(): Map<keyof ProfileDraft, z.ZodType> {
  const fields = new Map<keyof ProfileDraft, z.ZodType>();
  for (const grantType of Object.keys(GRANT_FORMS) as GrantType[]) {
    for (const [field, schema] of Object.entries(shapeOf(grantType))) {
      if (!fields.has(field as keyof ProfileDraft)) fields.set(field as keyof ProfileDraft, schema);
    }
  }
  return fields;
}
