/**
 * Profile use cases over the two stores (DESIGN.md §4): non-secret fields in SQLite, secrets in the
 * keychain. Writes put the secret first, then the row, so a crash never leaves a row pointing at a
 * secret that was not written; orphaned keychain entries are removed by `reconcile`.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import { parseOrThrow } from '../../src-shared/validate';
import {
  deriveStatus,
  profileInput,
  secretsPatch,
  SECRET_FIELDS,
  type ProfileInput,
  type ProfileSummary,
  type ProfileView,
  type SecretField,
  type SecretPresence,
  type SecretsPatch,
} from '../../src-shared/profile';
import { secretAccount, type SecretStore } from '../secrets/secret-store';
import type { KeychainLedger } from '../store/keychain-ledger';
import type { ProfilesRepo, StoredProfile } from '../store/profiles-repo';

export interface ProfileServiceDeps {
  repo: ProfilesRepo;
  ledger: KeychainLedger;
  secrets: SecretStore;
  now?: () => Date;
}

export class ProfileService {
  private readonly now: () => Date;

  constructor(private readonly deps: ProfileServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Every profile as a list row, sorted by name; one keychain call for all secret presences. */
  async list(): Promise<ProfileSummary[]> {
    const present = await this.presentAccounts();
    return this.deps.repo.listSummaries().map((row) => {
      const { status, reasons } = deriveStatus(row, presence(row.id, present));
      return { id: row.id, name: row.name, grantType: row.grantType, identityProviderName: row.identityProviderName, status, statusReasons: reasons };
    });
  }

  /** One profile with secret presence and status. Throws AppError('not_found'). */
  async get(id: string): Promise<ProfileView> {
    return (await this.getWithSecrets(id)).view;
  }

  /**
   * A profile and its secret values, read once from the keychain: for the engine only (a Test), never
   * returned across IPC. Throws AppError('not_found').
   */
  async getWithSecrets(id: string): Promise<{ view: ProfileView; secrets: Record<SecretField, string | null> }> {
    const stored = this.require(id);
    const values = await Promise.all(SECRET_FIELDS.map((f) => this.deps.secrets.get(secretAccount(id, f))));
    const secrets = Object.fromEntries(SECRET_FIELDS.map((f, i) => [f, values[i] ?? null])) as Record<SecretField, string | null>;
    const present = new Set(SECRET_FIELDS.filter((f) => secrets[f] !== null).map((f) => secretAccount(id, f)));
    return { view: this.toView(stored, present), secrets };
  }

  /** Looks a profile up by its unique name. Throws AppError('not_found'). */
  async getByName(name: string): Promise<ProfileView> {
    const stored = this.deps.repo.getByName(name);
    if (!stored) throw new AppError('not_found', `No profile named "${name}"`);
    return this.get(stored.id);
  }

  /**
   * Creates a profile from raw input (validated here, whatever the caller checked).
   * Throws AppError('invalid_request' | 'conflict' | 'keychain_unavailable').
   */
  async create(input: unknown, secrets: unknown = {}): Promise<ProfileView> {
    const profile = parseOrThrow(profileInput, input);
    // A new id has nothing stored yet, so there is no username / password to forget.
    const patch = userCredentialRule(profile, parseOrThrow(secretsPatch, secrets), false);
    if (this.deps.repo.getByName(profile.name)) throw conflict(profile.name);
    const id = randomUUID();
    await this.applySecrets(id, patch);
    try {
      this.deps.repo.insert(id, profile, this.now().toISOString());
    } catch (err) {
      await this.deleteSecrets(id);
      if (/UNIQUE/.test((err as Error).message)) throw conflict(profile.name);
      throw err;
    }
    return this.get(id);
  }

  /**
   * Replaces the fields of profile `id`; Name and Authorization Type are immutable (Kore's rule).
   * Throws AppError('not_found' | 'invalid_request' | 'immutable_field' | 'keychain_unavailable').
   */
  async update(id: string, input: unknown, secrets: unknown = {}): Promise<ProfileView> {
    const existing = this.require(id);
    const profile = parseOrThrow(profileInput, input);
    const patch = userCredentialRule(profile, parseOrThrow(secretsPatch, secrets), true);
    for (const field of ['name', 'grantType'] as const) {
      if (profile[field] !== existing.profile[field]) {
        throw new AppError('immutable_field', `${field === 'name' ? 'Name' : 'Authorization Type'} cannot be changed after the profile is created`, {
          issues: [{ path: field, message: 'Cannot be changed after create' }],
        });
      }
    }
    await this.applySecrets(id, patch);
    this.deps.repo.update(id, profile, this.now().toISOString());
    return this.get(id);
  }

  /** Deletes the row and every keychain entry of the profile. Throws AppError('not_found'). */
  async delete(id: string): Promise<void> {
    this.require(id);
    this.deps.repo.remove(id);
    await this.deleteSecrets(id);
  }

  /**
   * Engine-owned keychain entries of a profile beyond its secret fields (e.g. `token`): recorded in the
   * ledger like secrets, deleted with the profile. Values never cross IPC.
   */
  async writeEntry(id: string, key: string, value: string): Promise<void> {
    const account = secretAccount(id, key);
    this.deps.ledger.add(account, id);
    await this.deps.secrets.set(account, value);
  }

  async readEntry(id: string, key: string): Promise<string | null> {
    return this.deps.secrets.get(secretAccount(id, key));
  }

  /** Returns true when an entry was deleted. */
  async deleteEntry(id: string, key: string): Promise<boolean> {
    const account = secretAccount(id, key);
    const deleted = await this.deps.secrets.delete(account);
    this.deps.ledger.remove(account);
    return deleted;
  }

  /** The stored value of one secret, for the engine only: never returned across IPC. */
  async readSecret(id: string, field: SecretField): Promise<string | null> {
    return this.deps.secrets.get(secretAccount(id, field));
  }

  /**
   * Copies profile `id` under `name` (Name is the only change); secrets are copied when `copySecrets`.
   * Throws AppError('not_found' | 'invalid_request' | 'conflict' | 'keychain_unavailable').
   */
  async duplicate(id: string, name: string, copySecrets: boolean): Promise<ProfileView> {
    const source = this.require(id);
    const secrets: SecretsPatch = {};
    if (copySecrets) {
      for (const field of SECRET_FIELDS) {
        const value = await this.readSecret(id, field);
        if (value !== null) secrets[field] = value;
      }
    }
    return this.create({ ...source.profile, name }, secrets);
  }

  /**
   * Start-up repair (DESIGN.md §4): removes keychain entries this database wrote for profiles that no
   * longer exist (a crash between the two stores). Returns the accounts removed. Entries of other data
   * dirs sharing the keychain service are never touched; a missing secret shows in the profile's status.
   */
  async reconcile(): Promise<string[]> {
    const orphans = this.deps.ledger.orphans();
    for (const account of orphans) {
      await this.deps.secrets.delete(account);
      this.deps.ledger.remove(account);
    }
    return orphans;
  }

  private require(id: string): StoredProfile {
    const stored = this.deps.repo.get(id);
    if (!stored) throw new AppError('not_found', 'No such profile (it may have been deleted)');
    return stored;
  }

  /** Every account of the service: one keychain call, for lists. */
  private async presentAccounts(): Promise<Set<string>> {
    return new Set(await this.deps.secrets.listAccounts());
  }

  private toView(stored: StoredProfile, present: Set<string>): ProfileView {
    const secrets = presence(stored.id, present);
    const { status, reasons } = deriveStatus(stored.profile, secrets);
    return { ...stored.profile, id: stored.id, createdAt: stored.createdAt, updatedAt: stored.updatedAt, secrets, status, statusReasons: reasons };
  }

  private async applySecrets(id: string, patch: SecretsPatch): Promise<void> {
    for (const field of SECRET_FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      const account = secretAccount(id, field);
      if (value === null) {
        await this.deps.secrets.delete(account);
        this.deps.ledger.remove(account);
      } else {
        this.deps.ledger.add(account, id); // intent first: a crash after this leaves a repairable orphan
        await this.deps.secrets.set(account, value);
      }
    }
  }

  /** Deletes every keychain entry of a profile: its secret fields and anything else under `<id>/`. */
  private async deleteSecrets(id: string): Promise<void> {
    const accounts = new Set(SECRET_FIELDS.map((f) => secretAccount(id, f)));
    for (const account of await this.deps.secrets.listAccounts()) if (account.startsWith(`${id}/`)) accounts.add(account);
    for (const account of accounts) {
      await this.deps.secrets.delete(account);
      this.deps.ledger.remove(account);
    }
  }
}

/**
 * A user's username and password are stored only for a password-grant profile in pre-authorize mode
 * (DESIGN.md §3); otherwise setting them is refused and any stored ones are deleted.
 */
function userCredentialRule(profile: ProfileInput, patch: SecretsPatch, forgetStored: boolean): SecretsPatch {
  if (profile.grantType === 'password' && profile.authorizationMode === 'pre_authorize') return patch;
  const issues = (['username', 'password'] as const)
    .filter((f) => typeof patch[f] === 'string')
    .map((f) => ({ path: `secrets.${f}`, message: 'Stored only for a password-grant profile in pre-authorize mode' }));
  if (issues.length) throw new AppError('invalid_request', `Invalid ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  return forgetStored ? { ...patch, username: null, password: null } : patch;
}

/** "set / not set" per secret field of profile `id`, from the accounts known to exist. */
function presence(id: string, present: ReadonlySet<string>): SecretPresence {
  return Object.fromEntries(SECRET_FIELDS.map((f) => [f, present.has(secretAccount(id, f))])) as SecretPresence;
}

function conflict(name: string): AppError {
  return new AppError('conflict', `A profile named "${name}" already exists`, { issues: [{ path: 'name', message: 'Already in use' }] });
}
