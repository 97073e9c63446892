/** `profiles:discover`: the IdP's metadata for the editor's "Fill from issuer" (OIDC Discovery 1.0 §4, RFC 8414 §3). */
import type { HttpClient } from '../../http/recording-client';
import { discoverOrThrow } from '../../oauth/discovery';
import type { ProfileService } from '../../services/profiles';
import { transportFor } from '../../services/transport';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type DiscoveryChannels = 'profiles:discover';

/**
 * Discovery through the recording client; with `profileId`, that saved profile's transport (CA bundle, client
 * certificate, proxy) applies. Throws AppError with the fetch's code (`http_error`, `invalid_response`, `dns`, …).
 */
export function discoveryHandlers(profiles: ProfileService, http: HttpClient): HandlerSlice<DiscoveryChannels> {
  return {
    'profiles:discover': async ({ issuer, tenant, profileId }) => {
      const saved = profileId ? await profiles.getWithSecrets(profileId) : undefined;
      const transport = saved ? transportFor(saved.view, saved.secrets) : {};
      return discoverOrThrow(issuer, tenant, (step, request) => http.send({ step, ...request, ...transport }));
    },
  };
}
