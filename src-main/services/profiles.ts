/**
 * Profile use cases over the two stores (docs/architecture.md, "Data model"): non-secret fields in SQLite,
 * secrets in the keychain. Writes put the secret first, then the row, so a crash never leaves a row pointing at a
 * secret that was not written; orphaned keychain entries are removed by `reconcile`.
 */
import { randomUUID } from 'node:crypto';
import { originChanges } from '../../src-shared/endpoint-origins';
import { AppError } from '../../src-shared/errors';
import { parseOrThrow } from '../../src-shared/validate';
import type { ProfileInput, ProfileSummary, ProfileView, SecretsPatch } from '../../src-shared/profile';
import { deriveStatus } from '../../src-shared/profile-status';
import { SECRET_FIELDS, type SecretField } from '../../src-shared/secret-fields';
import type { SecretPresence } from '../../src-shared/secrets-patch';
import type { SecretStore } from '../secrets/secret-store';
import type { KeychainLedger } from '../store/keychain-ledger';
import type { ProfilesRepo, StoredProfile, TokenLink } from '../store/profiles-repo';
import { accountsWithValues, presence, ProfileSecrets, userCredentialRule, type SecretValues } from './profile-secrets';

/** The schemas a ProfileService validates its input with (src-shared/profile.ts). */
export type ProfileSchemas = Pick<typeof import('../../src-shared/profile'), 'profileInput' | 'secretsPatch'>;

/**
 * What a ProfileService is built on: the profiles table, the keychain ledger, the keychain, and the profile
 * schemas, asked for only by a write (so the list loads none; docs/architecture.md, "The CLI").
 */
export interface ProfileServiceDeps {
  repo: ProfilesRepo;
  ledger: KeychainLedger;
  secrets: SecretStore;
  schemas: () => ProfileSchemas;
  now?: () => Date;
}

/** How an update treats the stored secrets when an endpoint's origin changes (see `update`). */
export interface UpdateOptions {
  /** The user confirmed the stored secrets and token belong to the new origin too. */
  keepSecretsForNewOrigin?: boolean;
}

/**
 * Reads that show a profile (`list`, `get`, `exists`, `fields`) never call the keychain: presence comes from
 * the ledger's confirmed rows (see profile-secrets.ts). Only the engine (`getWithSecrets`), `duplicate` with
 * secrets and an export with secrets read values (docs/security.md, "Where each secret lives").
 */
export class ProfileService {
  private readonly now: () => Date;
  private readonly keys: ProfileSecrets;

  constructor(private readonly deps: ProfileServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.keys = new ProfileSecrets(deps.secrets, deps.ledger);
  }

  /**
   * Every profile as a list row, sorted by name, with its last Test (read in the same query); secret presences
   * from one ledger query, no keychain call.
   */
  async list(): Promise<ProfileSummary[]> {
    const present = this.keys.presentAccounts();
    return this.deps.repo.listSummaries().map((row) => {
      const { status, reasons } = deriveStatus(row, presence(row.id, present));
      const { id, name, grantType, identityProviderName, lastTest, tokenExpiry } = row;
      return {
        id,
        name,
        grantType,
        identityProviderName,
        status,
        statusReasons: reasons,
        ...(lastTest && { lastTest }),
        ...(tokenExpiry && { tokenExpiry }),
      };
    });
  }

  /** The ids of every profile, sorted by name; reads only the database. */
  ids(): string[] {
    return this.deps.repo.listSummaries().map((row) => row.id);
  }

  /**
   * One profile with secret presence (from the ledger), status and last Test: no keychain call.
   * Throws AppError('not_found').
   */
  async get(id: string): Promise<ProfileView> {
    const stored = this.require(id);
    const view = toView(stored, this.keys.presenceOf(id));
    const lastTest = this.deps.repo.lastTest(id);
    const tokenExpiry = this.deps.repo.tokenExpiry(id);
    return { ...view, ...(lastTest && { lastTest }), ...(tokenExpiry && { tokenExpiry }) };
  }

  /** True when profile `id` exists; reads only the database. */
  exists(id: string): boolean {
    return this.deps.repo.get(id) !== undefined;
  }

  /** The non-secret fields of profile `id` as stored; reads only the database. Throws AppError('not_found'). */
  fields(id: string): ProfileInput {
    return this.require(id).profile;
  }

  /**
   * A profile and the secret values its Test uses (profile-secrets.ts usedSecrets), each read once from the
   * keychain, the others null unread: for the engine only (a Test, a refresh), never returned across IPC.
   * Presence in the view follows the values read. `allSecrets` reads every secret field (a run whose overrides
   * may need one the stored profile does not use). Throws AppError('not_found').
   */
  async getWithSecrets(
    id: string,
    options: { allSecrets?: boolean } = {},
  ): Promise<{ view: ProfileView; secrets: SecretValues }> {
    const stored = this.require(id);
    const secrets = options.allSecrets ? await this.keys.readAll(id) : await this.keys.readUsed(id, stored.profile);
    return { view: toView(stored, presence(id, accountsWithValues(id, secrets))), secrets };
  }

  /** Looks a profile up by its unique name: no keychain call. Throws AppError('not_found'). */
  async getByName(name: string): Promise<ProfileView> {
    return this.get(this.idByName(name));
  }

  /** The id of the profile named `name`; reads only the database. Throws AppError('not_found'). */
  idByName(name: string): string {
    const id = this.findIdByName(name);
    if (id === undefined) throw new AppError('not_found', `No profile named "${name}"`);
    return id;
  }

  /**
   * Which profiles each token-exchange profile takes its subject or actor token from (store/profiles-repo.ts
   * TokenLink), by the names stored now; reads only the database, without parsing the profiles.
   */
  tokenLinks(): TokenLink[] {
    return this.deps.repo.tokenLinks();
  }

  /** The id of the profile named `name`, or undefined; reads only the database. */
  findIdByName(name: string): string | undefined {
    return this.deps.repo.getByName(name)?.id;
  }

  /**
   * Creates a profile from raw input (validated here, whatever the caller checked).
   * Throws AppError('invalid_request' | 'conflict' | 'keychain_unavailable').
   */
  async create(input: unknown, secrets: unknown = {}): Promise<ProfileView> {
    const { profileInput, secretsPatch } = this.deps.schemas();
    const profile = parseOrThrow(profileInput, input);
    // A new id has nothing stored yet, so there is no username / password to forget.
    const patch = userCredentialRule(profile, parseOrThrow(secretsPatch, secrets), false);
    if (this.deps.repo.getByName(profile.name)) throw conflict(profile.name);
    const id = randomUUID();
    await this.keys.apply(id, patch);
    try {
      this.deps.repo.insert(id, profile, this.now().toISOString());
    } catch (err) {
      await this.keys.removeAll(id);
      if (/UNIQUE/.test((err as Error).message)) throw conflict(profile.name);
      throw err;
    }
    // A fresh id holds exactly what this patch wrote: no keychain listing, which grows with every profile and
    // made importing N profiles with secrets take N² keychain reads.
    const written = Object.fromEntries(
      SECRET_FIELDS.map((f) => [f, typeof patch[f] === 'string' ? patch[f] : null]),
    ) as SecretValues;
    return toView(this.require(id), presence(id, accountsWithValues(id, written)));
  }

  /**
   * Replaces the fields of profile `id`; Name and Authorization Type are immutable (Kore's rule). When an
   * endpoint or the proxy moves to another origin, the stored secrets and the held token are deleted —
   * except those set in this same `secrets` patch — unless `options.keepSecretsForNewOrigin` confirms they
   * belong to the new host too (docs/security.md, "Where each secret lives").
   * Throws AppError('not_found' | 'invalid_request' | 'immutable_field' | 'keychain_unavailable').
   */
  async update(id: string, input: unknown, secrets: unknown = {}, options: UpdateOptions = {}): Promise<ProfileView> {
    const existing = this.require(id);
    const { profileInput, secretsPatch } = this.deps.schemas();
    const profile = parseOrThrow(profileInput, input);
    const patch = userCredentialRule(profile, parseOrThrow(secretsPatch, secrets), true);
    for (const field of ['name', 'grantType'] as const) {
      if (profile[field] !== existing.profile[field]) {
        const label = field === 'name' ? 'Name' : 'Authorization Type';
        throw new AppError('immutable_field', `${label} cannot be changed after the profile is created`, {
          issues: [{ path: field, message: 'Cannot be changed after create' }],
        });
      }
    }
    if (!options.keepSecretsForNewOrigin && originChanges(existing.profile, profile).length > 0) {
      const supplied = SECRET_FIELDS.filter((f) => typeof patch[f] === 'string');
      await this.keys.removeAll(id, new Set(supplied));
    }
    await this.keys.apply(id, patch);
    this.deps.repo.update(id, profile, this.now().toISOString());
    return this.get(id);
  }

  /** Deletes the row and every keychain entry of the profile. Throws AppError('not_found'). */
  async delete(id: string): Promise<void> {
    this.require(id);
    this.deps.repo.remove(id);
    await this.keys.removeAll(id);
  }

  /**
   * Engine-owned keychain entries of a profile beyond its secret fields (e.g. `token`): recorded in the
   * ledger like secrets, deleted with the profile. Values never cross IPC.
   */
  async writeEntry(id: string, key: string, value: string): Promise<void> {
    await this.keys.write(id, key, value);
  }

  /** The value of an engine-owned entry (e.g. `token`), or null; never returned across IPC. */
  async readEntry(id: string, key: string): Promise<string | null> {
    return this.keys.read(id, key);
  }

  /** Deletes an engine-owned entry; returns true when one was deleted. */
  async deleteEntry(id: string, key: string): Promise<boolean> {
    return this.keys.remove(id, key);
  }

  /** The stored value of one secret, for the engine only: never returned across IPC. */
  async readSecret(id: string, field: SecretField): Promise<string | null> {
    return this.keys.read(id, field);
  }

  /**
   * Every secret value of profile `id`, each read once: for an export with secrets, never returned across IPC.
   * Throws AppError('not_found').
   */
  async readSecrets(id: string): Promise<SecretValues> {
    this.require(id);
    return this.keys.readAll(id);
  }

  /**
   * Copies profile `id` under `name` (Name is the only change); secrets are copied when `copySecrets`.
   * Throws AppError('not_found' | 'invalid_request' | 'conflict' | 'keychain_unavailable').
   */
  async duplicate(id: string, name: string, copySecrets: boolean): Promise<ProfileView> {
    const source = this.require(id);
    const secrets: SecretsPatch = {};
    if (copySecrets) {
      const values = await this.keys.readAll(id);
      for (const field of SECRET_FIELDS) {
        const value = values[field];
        if (value !== null) secrets[field] = value;
      }
    }
    return this.create({ ...source.profile, name }, secrets);
  }

  /**
   * Start-up repair (docs/architecture.md, "Data model"), run in the background: lists the keychain once to
   * correct the ledger's presence both ways, then removes keychain entries this database wrote for profiles that
   * no longer exist (a crash between the two stores). Returns the accounts removed. Entries of other data dirs
   * sharing the keychain service are never touched; a missing secret shows in the status.
   */
  async reconcile(): Promise<string[]> {
    return this.keys.reconcile();
  }

  private require(id: string): StoredProfile {
    const stored = this.deps.repo.get(id);
    if (!stored) throw new AppError('not_found', 'No such profile (it may have been deleted)');
    return stored;
  }
}

function toView(stored: StoredProfile, secrets: SecretPresence): ProfileView {
  const { status, reasons } = deriveStatus(stored.profile, secrets);
  const { id, createdAt, updatedAt } = stored;
  return { ...stored.profile, id, createdAt, updatedAt, secrets, status, statusReasons: reasons };
}

function conflict(name: string): AppError {
  return new AppError('conflict', `A profile named "${name}" already exists`, {
    issues: [{ path: 'name', message: 'Already in use' }],
  });
}
