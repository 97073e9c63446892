/** The `profiles:*` channels that edit and read profiles (docs/architecture.md, "The IPC contract"). */
import { AppError } from '../../../src-shared/errors';
import { duplicateAs } from '../../services/duplicate-as';
import type { ProfileService } from '../../services/profiles';
import type { HandlerSlice } from '../router';

/** The channels of this slice. */
export type ProfileChannels =
  | 'profiles:list'
  | 'profiles:get'
  | 'profiles:create'
  | 'profiles:update'
  | 'profiles:delete'
  | 'profiles:duplicate'
  | 'profiles:dpop-key'
  | 'profiles:dpop-new-key';

/**
 * Handlers over the profile service; none reads a secret value except a duplicate that copies them (and that,
 * asked to, deletes the original once the copy exists).
 */
export function profileHandlers(profiles: ProfileService): HandlerSlice<ProfileChannels> {
  return {
    'profiles:list': () => profiles.list(),
    'profiles:get': ({ id }) => profiles.get(id),
    'profiles:create': ({ profile, secrets }) => profiles.create(profile, secrets),
    'profiles:update': ({ id, profile, secrets, keepSecretsForNewOrigin }) =>
      profiles.update(id, profile, secrets, { keepSecretsForNewOrigin }),
    'profiles:delete': async ({ id }) => {
      await profiles.delete(id);
      return { deleted: true as const };
    },
    'profiles:duplicate': ({ id, name, copySecrets, deleteOriginal }) =>
      duplicateAs(profiles, id, name, { copySecrets, deleteOriginal }),
    // The DPoP key (RFC 9449) stays in main: only its public thumbprint and algorithm cross IPC.
    'profiles:dpop-key': async ({ id }) => {
      if (!profiles.exists(id)) throw new AppError('not_found', 'No such profile (it may have been deleted)');
      const json = await profiles.readSecret(id, 'dpopPrivateKey');
      const { storedKeyAlg, storedKeyThumbprint } = await import('../../oauth/dpop-key');
      const alg = storedKeyAlg(json);
      return { thumbprint: await storedKeyThumbprint(json), ...(alg ? { alg } : {}) };
    },
    // "New key": a new pair for the profile's algorithm, straight to the keychain; a token bound to the old key is
    // then not reused (services/held-token.ts) and the next Test obtains one bound to the new key.
    'profiles:dpop-new-key': async ({ id }) => {
      const { dpop } = await profiles.get(id);
      const { generateDpopKey } = await import('../../oauth/dpop-key');
      const { key, json } = await generateDpopKey(dpop.alg);
      await profiles.writeEntry(id, 'dpopPrivateKey', json);
      return { thumbprint: key.thumbprint, alg: key.alg };
    },
  };
}
