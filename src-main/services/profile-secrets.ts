/**
 * The keychain side of profiles (docs/security.md, "Where each secret lives"): secret values, their
 * presence, engine entries such as tokens, and the ledger of the entries this database wrote.
 *
 * Presence ("set / not set") comes from ONE `listAccounts` call, never from reading values. The ledger
 * cannot answer it: it records intent (a row is added before the keychain write, so a failed or
 * interrupted write leaves a row without an entry), databases from before the ledger have entries
 * without rows, and an entry removed from the keychain outside Authbench is unknown to it. The keychain's
 * own list is the truth, so a secret the ledger names but the keychain lacks shows as "not set".
 */
import { AppError } from '../../src-shared/errors';
import {
  requiredSecrets,
  SECRET_FIELDS,
  type ProfileInput,
  type SecretField,
  type SecretPresence,
  type SecretsPatch,
} from '../../src-shared/profile';
import { storedUserSecrets } from '../../src-shared/grants';
import { secretAccount, type SecretStore } from '../secrets/secret-store';
import type { KeychainLedger } from '../store/keychain-ledger';

/** The stored value of each secret field of one profile, null when not set. */
export type SecretValues = Record<SecretField, string | null>;

/** Keychain access for profiles; every method throws AppError('keychain_unavailable') when it cannot reach it. */
export class ProfileSecrets {
  constructor(
    private readonly store: SecretStore,
    private readonly ledger: KeychainLedger,
  ) {}

  /** Every account of the service (one keychain call, no values read). */
  async presentAccounts(): Promise<Set<string>> {
    return new Set(await this.store.listAccounts());
  }

  /** "set / not set" per secret field of profile `id`, from one keychain call that reads no value. */
  async presenceOf(id: string): Promise<SecretPresence> {
    return presence(id, await this.presentAccounts());
  }

  /** The values of every secret field of profile `id`: one read per field. For the engine and export only. */
  async readAll(id: string): Promise<SecretValues> {
    const values = await Promise.all(SECRET_FIELDS.map((f) => this.store.get(secretAccount(id, f))));
    return Object.fromEntries(SECRET_FIELDS.map((f, i) => [f, values[i] ?? null])) as SecretValues;
  }

  /**
   * The values of the secret fields a Test of `profile` uses (usedSecrets), one read each; the others are null
   * without being read, so a Test costs as few keychain calls as its profile needs.
   */
  async readUsed(id: string, profile: ProfileInput): Promise<SecretValues> {
    const used = usedSecrets(profile);
    const values = await Promise.all(used.map((f) => this.store.get(secretAccount(id, f))));
    const out = Object.fromEntries(SECRET_FIELDS.map((f) => [f, null])) as SecretValues;
    used.forEach((f, i) => (out[f] = values[i] ?? null));
    return out;
  }

  /** The value of one entry (`<id>/<key>`), or null. */
  async read(id: string, key: string): Promise<string | null> {
    return this.store.get(secretAccount(id, key));
  }

  /** Writes one entry, recording it in the ledger first so a crash leaves a repairable orphan. */
  async write(id: string, key: string, value: string): Promise<void> {
    const account = secretAccount(id, key);
    this.ledger.add(account, id);
    await this.store.set(account, value);
  }

  /** Deletes one entry and its ledger row; true when the keychain held it. */
  async remove(id: string, key: string): Promise<boolean> {
    const account = secretAccount(id, key);
    const deleted = await this.store.delete(account);
    this.ledger.remove(account);
    return deleted;
  }

  /** Applies a patch: a string sets the field, null deletes it, an absent key leaves it. */
  async apply(id: string, patch: SecretsPatch): Promise<void> {
    for (const field of SECRET_FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      if (value === null) await this.remove(id, field);
      else await this.write(id, field, value);
    }
  }

  /**
   * Deletes every keychain entry of a profile — its secret fields and anything else under `<id>/`, such as
   * the held token — except the entries named in `keep` (field or entry names).
   */
  async removeAll(id: string, keep: ReadonlySet<string> = new Set()): Promise<void> {
    const accounts = new Set(SECRET_FIELDS.map((f) => secretAccount(id, f)));
    for (const account of await this.store.listAccounts()) if (account.startsWith(`${id}/`)) accounts.add(account);
    for (const key of keep) accounts.delete(secretAccount(id, key));
    for (const account of accounts) {
      await this.store.delete(account);
      this.ledger.remove(account);
    }
  }

  /**
   * Start-up repair (docs/architecture.md, "Data model"): removes the keychain entries this database wrote
   * for profiles that no longer exist. Returns the accounts removed; other data dirs' entries are untouched.
   */
  async reconcile(): Promise<string[]> {
    const orphans = this.ledger.orphans();
    for (const account of orphans) {
      await this.store.delete(account);
      this.ledger.remove(account);
    }
    return orphans;
  }
}

/**
 * A user's username and password are stored only for a password-grant profile in pre-authorize mode
 * (docs/security.md, "What is a secret"); otherwise setting them is refused (AppError('invalid_request')) and,
 * when `forgetStored`, the patch deletes any stored ones (a pre-authorized profile keeps its own).
 */
export function userCredentialRule(profile: ProfileInput, patch: SecretsPatch, forgetStored: boolean): SecretsPatch {
  const stored = storedUserSecrets(profile);
  const issues = (['username', 'password'] as const)
    .filter((f) => typeof patch[f] === 'string' && !stored.includes(f))
    .map((f) => ({ path: `secrets.${f}`, message: 'Stored only for a password-grant profile in pre-authorize mode' }));
  if (issues.length) {
    const message = `Invalid ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
    throw new AppError('invalid_request', message, { issues });
  }
  if (!forgetStored) return patch;
  const forget = (['username', 'password'] as const).filter((f) => !stored.includes(f));
  return { ...patch, ...Object.fromEntries(forget.map((f) => [f, null])) };
}

/** "set / not set" per secret field of profile `id`, from the accounts known to exist. */
export function presence(id: string, present: ReadonlySet<string>): SecretPresence {
  return Object.fromEntries(SECRET_FIELDS.map((f) => [f, present.has(secretAccount(id, f))])) as SecretPresence;
}

/** The accounts of the fields that hold a value, for a view built from values already read. */
export function accountsWithValues(id: string, values: SecretValues): Set<string> {
  return new Set(SECRET_FIELDS.filter((f) => values[f] !== null).map((f) => secretAccount(id, f)));
}

/**
 * The secret fields a Test of `profile` sends or needs: its required ones (requiredSecrets: the client secret
 * unless the client authentication is `none`, pre-authorized credentials, the client certificate's key or PFX)
 * and, with a client certificate, its passphrase.
 */
export function usedSecrets(profile: ProfileInput): SecretField[] {
  const used = requiredSecrets(profile);
  if (profile.clientCertificate.enabled) used.push('clientCertificatePassphrase');
  return used;
}
