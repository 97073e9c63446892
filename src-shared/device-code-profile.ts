/**
 * The device authorization grant's profile schema (RFC 8628; docs/architecture.md, "Data model"): the common
 * fields plus the Device Authorization URL (§3.1 `device_authorization_endpoint`). profile.ts lists it in the
 * profileInput union; it lives here to keep profile.ts small.
 */
import { z } from 'zod';
import { httpUrl } from './profile-fields';

/**
 * The device-code profile schema over `common` (profile.ts's shared fields): `grantType` `device_code`,
 * the common fields, and `deviceAuthorizationUrl` (templated like every URL field).
 */
export function deviceCodeSchema<T extends z.ZodRawShape>(common: T) {
  return z
    .object({
      grantType: z.literal('device_code'),
      ...common,
      /** RFC 8628 §3.1: where the client asks for a device code and a user code. */
      deviceAuthorizationUrl: httpUrl,
    })
    .strict();
}
