import type { Database, Statement } from 'better-sqlite3';
import { lazyStatements } from './lazy-statements';
import { toLastTest, type LastTest } from '../../src-shared/last-test';
import type { ProfileInput, StatusInputs } from '../../src-shared/profile';
import type { TokenExpiry } from '../../src-shared/token-expiry';

/** A profile row mapped to camelCase; `profile` holds the non-secret fields only. */
export interface StoredProfile {
  id: string;
  profile: ProfileInput;
  createdAt: string;
  updatedAt: string;
}

/** What the list needs of a profile: read with json_extract, without parsing every row's fields. */
export interface SummaryRow extends StatusInputs {
  id: string;
  name: string;
  identityProviderName: string;
  /** The newest stored run's outcome, when there is one. */
  lastTest?: LastTest;
  /** The held token's expiry facts (migration 5), when a token is held. */
  tokenExpiry?: TokenExpiry;
}

/**
 * SQL for the outcome of the newest run of profile `profileId` (an SQL expression), as a JSON array
 * [ok, error_code, oauth_error, started_at, duration_ms]: one step down the covering index test_runs_outcome
 * (migration 4), so the run row and its body are never read. Runs of one profile never start in the same
 * millisecond (one Test per profile at a time), so `started_at` alone orders them, as RunsRepo.latest does.
 */
const newestRun = (profileId: string) => `
  SELECT json_array(ok, error_code, oauth_error, started_at, duration_ms) FROM test_runs INDEXED BY test_runs_outcome
  WHERE profile_id = ${profileId} ORDER BY started_at DESC LIMIT 1`;

/** SQL for the held token's expiry facts as [access, refresh, has_refresh_token, usable] (one primary-key step). */
const tokenExpiry = (profileId: string) => `
  SELECT json_array(access_expires_at, refresh_expires_at, has_refresh_token, usable) FROM token_expiry
  WHERE profile_id = ${profileId}`;

/**
 * SQL for the links of token-exchange profiles to the profiles whose held token they send as their `role` token
 * (src-shared/token-exchange-profile.ts: `${role}Source` 'profile', by default `fallback`, and `${role}Profile`
 * the other profile's exact name, as ProfileService.findIdByName matches it).
 */
const tokenLink = (role: TokenRole, fallback: string) => `
  SELECT e.id AS id, '${role}' AS role, s.id AS sourceId, s.name AS sourceName
  FROM profiles e JOIN profiles s ON s.name = json_extract(e.data, '$.tokenExchange.${role}Profile')
  WHERE e.grant_type = 'token_exchange'
    AND coalesce(json_extract(e.data, '$.tokenExchange.${role}Source'), '${fallback}') = 'profile'`;

/** Which of an exchange's tokens another profile's held token is (RFC 8693 §2.1 `subject_token` / `actor_token`). */
export type TokenRole = 'subject' | 'actor';

/** Profile `id` sends, as its `role` token, the held token of profile `sourceId`, named `sourceName`. */
export interface TokenLink {
  id: string;
  role: TokenRole;
  sourceId: string;
  sourceName: string;
}

type ExpiryArray = [access: string | null, refresh: string | null, hasRefresh: number, usable: number];

type LastRunArray = [ok: number, errorCode: string | null, oauthError: string | null, startedAt: string, ms: number];

interface Row {
  id: string;
  name: string;
  grant_type: string;
  data: string;
  created_at: string;
  updated_at: string;
}

/** Validates a stored row's fields and fills the defaults of fields added since it was written (profileInput). */
export type ProfileParser = (data: unknown) => ProfileInput;

/**
 * Profiles table access. Never given a secret: the schema it stores from has no secret fields. `parse` reads a
 * row's fields (`profileInput.parse`); it is handed in so that the list, which parses no row, never loads the
 * profile schemas (docs/architecture.md, "The CLI").
 */
export class ProfilesRepo {
  private readonly stmts: Record<
    'summaries' | 'lastRun' | 'expiry' | 'tokenLinks' | 'byId' | 'byName' | 'insert' | 'update' | 'remove',
    Statement
  >;

  constructor(
    db: Database,
    private readonly parse: ProfileParser,
  ) {
    this.stmts = lazyStatements(db, {
      // `data` alone is the profile's: the run's body is never read here.
      summaries: `
        SELECT p.id, name, grant_type AS grantType,
               json_extract(p.data, '$.identityProviderName') AS identityProviderName,
               json_extract(p.data, '$.clientAuthMethod') AS clientAuthMethod,
               json_extract(p.data, '$.authorizationMode') AS authorizationMode,
               json_extract(p.data, '$.clientCertificate.enabled') AS certEnabled,
               json_extract(p.data, '$.clientCertificate.format') AS certFormat,
               (${newestRun('p.id')}) AS lastRun, (${tokenExpiry('p.id')}) AS expiry
        FROM profiles p ORDER BY name COLLATE NOCASE`,
      lastRun: `SELECT (${newestRun('?')}) AS lastRun`,
      expiry: `SELECT (${tokenExpiry('?')}) AS expiry`,
      tokenLinks: `${tokenLink('subject', 'profile')} UNION ALL ${tokenLink('actor', 'none')}`,
      byId: 'SELECT * FROM profiles WHERE id = ?',
      byName: 'SELECT * FROM profiles WHERE name = ?',
      insert:
        'INSERT INTO profiles (id, name, grant_type, data, created_at, updated_at) VALUES (@id, @name, @grant_type, @data, @created_at, @updated_at)',
      update: 'UPDATE profiles SET data = @data, updated_at = @updated_at WHERE id = @id',
      remove: 'DELETE FROM profiles WHERE id = ?',
    });
  }

  /** Every profile's list fields, sorted by name (rows were validated when written). */
  listSummaries(): SummaryRow[] {
    type Raw = Omit<SummaryRow, 'clientCertificate' | 'authorizationMode' | 'lastTest'> & {
      lastRun: string | null;
      expiry: string | null;
      authorizationMode: SummaryRow['authorizationMode'] | null;
      certEnabled: number | null;
      certFormat: 'pem' | 'pfx' | null;
    };
    return (this.stmts.summaries.all() as Raw[]).map((raw) => {
      const { certEnabled, certFormat, authorizationMode, id, name, grantType, identityProviderName } = raw;
      const lastTest = lastTestOf(raw.lastRun);
      const tokenExpiry = expiryOf(raw.expiry);
      return {
        id,
        name,
        grantType,
        identityProviderName,
        clientAuthMethod: raw.clientAuthMethod,
        ...(authorizationMode ? { authorizationMode } : {}),
        clientCertificate: { enabled: certEnabled === 1, format: certFormat ?? 'pem' },
        ...(lastTest ? { lastTest } : {}),
        ...(tokenExpiry ? { tokenExpiry } : {}),
      };
    });
  }

  /** The outcome of profile `id`'s newest stored run (never its body), or undefined when it has none. */
  lastTest(id: string): LastTest | undefined {
    return lastTestOf((this.stmts.lastRun.get(id) as { lastRun: string | null }).lastRun);
  }

  /** The expiry facts of profile `id`'s held token (never a value), or undefined when none is held. */
  tokenExpiry(id: string): TokenExpiry | undefined {
    return expiryOf((this.stmts.expiry.get(id) as { expiry: string | null }).expiry);
  }

  /**
   * Every token-exchange profile's link to a profile whose held token it sends (RFC 8693 §2.1 subject or actor
   * token), read with json_extract without parsing any row; a name that matches no profile gives no link.
   */
  tokenLinks(): TokenLink[] {
    return this.stmts.tokenLinks.all() as TokenLink[];
  }

  get(id: string): StoredProfile | undefined {
    const row = this.stmts.byId.get(id) as Row | undefined;
    return row && this.toStored(row);
  }

  getByName(name: string): StoredProfile | undefined {
    const row = this.stmts.byName.get(name) as Row | undefined;
    return row && this.toStored(row);
  }

  /** Inserts a new row; throws SQLite's UNIQUE error when the name is taken. */
  insert(id: string, profile: ProfileInput, now: string): StoredProfile {
    this.stmts.insert.run({
      id,
      name: profile.name,
      grant_type: profile.grantType,
      data: JSON.stringify(profile),
      created_at: now,
      updated_at: now,
    });
    return { id, profile, createdAt: now, updatedAt: now };
  }

  /** Replaces the fields of an existing row (name and grant type are checked immutable by the caller). */
  update(id: string, profile: ProfileInput, now: string): void {
    this.stmts.update.run({ id, data: JSON.stringify(profile), updated_at: now });
  }

  remove(id: string): boolean {
    return this.stmts.remove.run(id).changes > 0;
  }

  private toStored(row: Row): StoredProfile {
    return {
      id: row.id,
      profile: this.parse(JSON.parse(row.data)),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

function lastTestOf(lastRun: string | null): LastTest | undefined {
  if (lastRun === null) return undefined;
  const [ok, errorCode, oauthError, startedAt, durationMs] = JSON.parse(lastRun) as LastRunArray;
  return toLastTest({ ok, errorCode, oauthError, startedAt, durationMs });
}

function expiryOf(expiry: string | null): TokenExpiry | undefined {
  if (expiry === null) return undefined;
  const [access, refresh, hasRefresh, usable] = JSON.parse(expiry) as ExpiryArray;
  return {
    ...(access !== null ? { accessExpiresAt: access } : {}),
    ...(refresh !== null ? { refreshExpiresAt: refresh } : {}),
    hasRefreshToken: hasRefresh === 1,
    usable: usable === 1,
  };
}
