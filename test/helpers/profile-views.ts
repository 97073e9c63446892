/** Profiles as main holds them, built from the shared schema for unit tests of the engine's services. */
import { profileInput, SECRET_FIELDS, type ProfileView } from '../../src-shared/profile';
import type { FlowSecrets } from '../../src-main/oauth/flow';

/**
 * A configured client-credentials ProfileView (id `id-1`) with `fields` over a minimal profile, parsed by the
 * shared schema (defaults filled); every secret is marked `secretsSet`.
 */
export function profileView(fields: Record<string, unknown>, secretsSet = false): ProfileView {
  const input = profileInput.parse({
    name: 'p',
    identityProviderName: 'idp',
    clientId: 'c',
    tokenUrl: 'https://idp.test/token',
    ...fields,
  });
  const secrets = Object.fromEntries(SECRET_FIELDS.map((f) => [f, secretsSet])) as ProfileView['secrets'];
  return { ...input, id: 'id-1', createdAt: '', updatedAt: '', secrets, status: 'configured', statusReasons: [] };
}

/** The secret values of a run: all null but those in `over`. */
export function flowSecrets(over: Partial<FlowSecrets> = {}): FlowSecrets {
  return { ...Object.fromEntries(SECRET_FIELDS.map((f) => [f, null])), ...over } as FlowSecrets;
}
