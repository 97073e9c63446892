import type { Database, Statement } from 'better-sqlite3';
import { profileInput, type ProfileInput, type StatusInputs } from '../../src-shared/profile';

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
}

interface Row {
  id: string;
  name: string;
  grant_type: string;
  data: string;
  created_at: string;
  updated_at: string;
}

/** Profiles table access. Never given a secret: the schema it stores from has no secret fields. */
export class ProfilesRepo {
  private readonly stmts: Record<'summaries' | 'byId' | 'byName' | 'insert' | 'update' | 'remove', Statement>;

  constructor(db: Database) {
    this.stmts = {
      summaries: db.prepare(`
        SELECT id, name, grant_type AS grantType,
               json_extract(data, '$.identityProviderName') AS identityProviderName,
               json_extract(data, '$.clientAuthMethod') AS clientAuthMethod,
               json_extract(data, '$.authorizationMode') AS authorizationMode,
               json_extract(data, '$.clientCertificate.enabled') AS certEnabled,
               json_extract(data, '$.clientCertificate.format') AS certFormat
        FROM profiles ORDER BY name COLLATE NOCASE`),
      byId: db.prepare('SELECT * FROM profiles WHERE id = ?'),
      byName: db.prepare('SELECT * FROM profiles WHERE name = ?'),
      insert: db.prepare(
        'INSERT INTO profiles (id, name, grant_type, data, created_at, updated_at) VALUES (@id, @name, @grant_type, @data, @created_at, @updated_at)',
      ),
      update: db.prepare('UPDATE profiles SET data = @data, updated_at = @updated_at WHERE id = @id'),
      remove: db.prepare('DELETE FROM profiles WHERE id = ?'),
    };
  }

  /** Every profile's list fields, sorted by name (rows were validated when written). */
  listSummaries(): SummaryRow[] {
    type Raw = Omit<SummaryRow, 'clientCertificate' | 'authorizationMode'> & {
      authorizationMode: SummaryRow['authorizationMode'] | null;
      certEnabled: number | null;
      certFormat: 'pem' | 'pfx' | null;
    };
    return (this.stmts.summaries.all() as Raw[]).map(({ certEnabled, certFormat, authorizationMode, ...r }) => ({
      ...r,
      ...(authorizationMode ? { authorizationMode } : {}),
      clientCertificate: { enabled: certEnabled === 1, format: certFormat ?? 'pem' },
    }));
  }

  get(id: string): StoredProfile | undefined {
    const row = this.stmts.byId.get(id) as Row | undefined;
    return row && toStored(row);
  }

  getByName(name: string): StoredProfile | undefined {
    const row = this.stmts.byName.get(name) as Row | undefined;
    return row && toStored(row);
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
}

function toStored(row: Row): StoredProfile {
  return {
    id: row.id,
    profile: profileInput.parse(JSON.parse(row.data)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
