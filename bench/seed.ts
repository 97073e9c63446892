/**
 * Data for the benchmarks: client-credentials profiles written straight into SQLite in one transaction (as
 * test/e2e/profiles-list.test.ts seeds its 10,000), and the one profile a bench Test runs, created through
 * the profile service with its client secret in the keychain.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { profileInput, type ProfileInput } from '../src-shared/profile';
import type { AppContext } from '../src-main/context';
import { ProfilesRepo } from '../src-main/store/profiles-repo';

/** The name of seeded profile `i`: "profile 00042" (names sort as numbers do). */
export const seededName = (i: number) => `profile ${String(i).padStart(5, '0')}`;

/** A valid client-credentials profile input named `name` with token URL `tokenUrl`. */
export function ccProfile(name: string, tokenUrl: string, extra: Partial<ProfileInput> = {}): ProfileInput {
  return profileInput.parse({
    grantType: 'client_credentials',
    name,
    identityProviderName: 'Bench IdP',
    description: '',
    clientId: 'bench-client',
    clientAuthMethod: 'client_secret_basic',
    tokenUrl,
    scopes: [{ key: 'scope', value: 'api:read' }],
    ...extra,
  });
}

/** Inserts `count` profiles named seededName(0..count-1) in one transaction; returns their ids in order. */
export function seedProfiles(db: Database, count: number): string[] {
  const repo = new ProfilesRepo(db, profileInput.parse);
  const now = new Date().toISOString();
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      repo.insert(id, ccProfile(seededName(i), `https://idp${i % 50}.example.com/oauth2/token`), now);
      ids.push(id);
    }
  })();
  return ids;
}

/**
 * Creates the profile a bench Test runs: client credentials against `idp`'s token URL, then a check GET of
 * `checkUrl` with the token as `Authorization: Bearer` (RFC 6750 §2.1); the secret goes to the keychain.
 */
export async function createTestedProfile(
  ctx: AppContext,
  name: string,
  idp: { tokenUrl: string; checkUrl: string },
  clientSecret: string,
): Promise<string> {
  const input = ccProfile(name, idp.tokenUrl, {
    checkUrl: idp.checkUrl,
    authorizationFields: [{ type: 'header', key: 'Authorization', value: 'Bearer {{access_token}}' }],
  });
  return (await ctx.profiles.create(input, { clientSecret })).id;
}
