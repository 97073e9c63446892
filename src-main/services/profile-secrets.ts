/**
 * The keychain side of profiles (docs/security.md, "Where each secret lives"): secret values, their
 * presence, engine entries such as tokens, and the ledger of the entries this database wrote.
 *
 * Presence ("set / not set") comes from the ledger's confirmed rows, never from the keychain: listing it
 * (libsecret's findCredentials) reads every value of the service, seconds with a few hundred profiles. The
 * ledger is trusted only for what it confirmed:
 * - an interrupted or failed write leaves its row unconfirmed (the row is recorded before the write, confirmed
 *   after it), so the secret shows as "not set" until a read or reconcile finds it;
 * - databases from before the ledger (or its confirmations) and entries added or removed outside Authbench are
 *   corrected by `reconcile`, which the app runs in the background at start: it lists the keychain once and
 *   confirms rows whose entry exists, adds rows for our profiles' entries, and unconfirms rows whose entry is gone;
 * - a Test (any read of a secret) that finds a secret missing unconfirms its row, so the list then shows it
 *   missing; one that finds it confirms its row.
 * The ledger holds account names and the flag only, never a value.
 */
import { AppError } from '../../src-shared/errors';
import type { ProfileInput } from '../../src-shared/profile';
import { requiredSecrets } from '../../src-shared/required-secrets';
import { SECRET_FIELDS, type SecretField } from '../../src-shared/secret-fields';
import type { SecretPresence, SecretsPatch } from '../../src-shared/secrets-patch';
import { storedUserSecrets } from '../../src-shared/grants';
import { secretAccount, type SecretStore } from '../secrets/secret-store';
import type { KeychainLedger } from '../store/keychain-ledger';

/** The stored value of each secret field of one profile, null when not set. */
export type SecretValues = Record<SecretField, string | null>;

/** Keychain access for profiles; every method throws AppError('keychain_unavailable') when it cannot reach it. */
export class ProfileSecrets {
  /** Accounts written or deleted while a reconcile reads the keychain's list (which they may postdate). */
  private changedDuringReconcile: Set<string> | undefined;

  constructor(
    private readonly store: SecretStore,
    private readonly ledger: KeychainLedger,
  ) {}

  /** Every confirmed account of this database (the ledger alone, no keychain call). */
  presentAccounts(): Set<string> {
    return this.ledger.confirmed();
  }

  /** "set / not set" per secret field of profile `id`, from the ledger alone (no keychain call). */
  presenceOf(id: string): SecretPresence {
    return presence(id, this.presentAccounts());
  }

  /** The values of every secret field of profile `id`: one read per field. For the engine and export only. */
  async readAll(id: string): Promise<SecretValues> {
    return this.readFields(id, SECRET_FIELDS);
  }

  /**
   * The values of the secret fields a Test of `profile` uses (usedSecrets), one read each; the others are null
   * without being read, so a Test costs as few keychain calls as its profile needs.
   */
  async readUsed(id: string, profile: ProfileInput): Promise<SecretValues> {
    return this.readFields(id, usedSecrets(profile));
  }

  /** Reads `fields` of profile `id` (the others null unread); each read confirms or unconfirms its ledger row. */
  private async readFields(id: string, fields: readonly SecretField[]): Promise<SecretValues> {
    const values = await Promise.all(fields.map((f) => this.store.get(secretAccount(id, f))));
    const out = Object.fromEntries(SECRET_FIELDS.map((f) => [f, null])) as SecretValues;
    fields.forEach((f, i) => {
      out[f] = values[i] ?? null;
      this.ledger.observe(secretAccount(id, f), out[f] !== null);
    });
    return out;
  }

  /** The value of one entry (`<id>/<key>`), or null. */
  async read(id: string, key: string): Promise<string | null> {
    return this.store.get(secretAccount(id, key));
  }

  /**
   * Writes one entry, recording it in the ledger first so a crash leaves a repairable orphan, and confirming the
   * row once the keychain write succeeded (until then the entry is not shown as set).
   */
  async write(id: string, key: string, value: string): Promise<void> {
    const account = secretAccount(id, key);
    this.changedDuringReconcile?.add(account);
    this.ledger.add(account, id);
    await this.store.set(account, value);
    this.ledger.confirm(account, id);
  }

  /** Deletes one entry and its ledger row; true when the keychain held it. */
  async remove(id: string, key: string): Promise<boolean> {
    return this.removeAccount(secretAccount(id, key));
  }

  private async removeAccount(account: string): Promise<boolean> {
    this.changedDuringReconcile?.add(account);
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
   * Deletes every keychain entry of a profile — its secret fields and every other entry the ledger records
   * under it, such as the held token — except the entries named in `keep` (field or entry names). No keychain
   * listing: entries written before the ledger are recorded by `reconcile` first.
   */
  async removeAll(id: string, keep: ReadonlySet<string> = new Set()): Promise<void> {
    const accounts = new Set([...SECRET_FIELDS.map((f) => secretAccount(id, f)), ...this.ledger.accountsOf(id)]);
    for (const key of keep) accounts.delete(secretAccount(id, key));
    for (const account of accounts) await this.removeAccount(account);
  }

  /**
   * Start-up repair (docs/architecture.md, "Data model"), off the critical path: lists the keychain once (slow
   * with libsecret, which reads every value) and corrects the ledger both ways (KeychainLedger.correct), leaving
   * alone the entries written or deleted meanwhile; then removes the keychain entries this database wrote for
   * profiles that no longer exist. Returns the accounts removed; other data dirs' entries are untouched.
   */
  async reconcile(): Promise<string[]> {
    const changed = new Set<string>();
    this.changedDuringReconcile = changed;
    try {
      this.ledger.correct(new Set(await this.store.listAccounts()), changed);
    } finally {
      if (this.changedDuringReconcile === changed) this.changedDuringReconcile = undefined;
    }
    const orphans = this.ledger.orphans();
    for (const account of orphans) await this.removeAccount(account);
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
 * and, with a client certificate, its passphrase; with DPoP on, the DPoP key.
 */
export function usedSecrets(profile: ProfileInput): SecretField[] {
  const used = requiredSecrets(profile);
  if (profile.clientCertificate.enabled) used.push('clientCertificatePassphrase');
  // The DPoP key (RFC 9449) is read when DPoP is on; a Test generates it when it is missing.
  if (profile.dpop?.enabled) used.push('dpopPrivateKey');
  return used;
}
