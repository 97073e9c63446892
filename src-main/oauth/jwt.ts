/** JWT access tokens decoded for display (jose): never verified, never trusted for a decision. */
import { decodeJwt, decodeProtectedHeader } from 'jose';

/** The protected header and claims of a JWT; `{}` for an opaque token or one that does not decode. */
export function decodeForDisplay(token: string): {
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
} {
  if (token.split('.').length !== 3) return {};
  try {
    return {
      header: decodeProtectedHeader(token) as Record<string, unknown>,
      claims: decodeJwt(token) as Record<string, unknown>,
    };
  } catch {
    return {};
  }
}
