/**
 * Where secrets live (docs/architecture.md, "Where things live"): the OS keychain, behind one interface so the backend (keytar today,
 * @napi-rs/keyring later) changes in one file. Accounts are `<profileId>/<field>`.
 * Every method throws AppError('keychain_unavailable') when the keychain cannot be reached; nothing
 * ever falls back to plaintext.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** Returns true when an entry was deleted. */
  delete(account: string): Promise<boolean>;
  /** Every account of this service (values are not returned). */
  listAccounts(): Promise<string[]>;
}

/** The keychain account of one secret field of one profile. */
export function secretAccount(profileId: string, field: string): string {
  return `${profileId}/${field}`;
}
