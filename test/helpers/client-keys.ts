/**
 * Key pairs for client assertions (RFC 7523): each as the PEM or JWK a profile holds and the public JWK the IdP
 * registers (RFC 7591 §2 `jwks`), plus a way to scan a data dir's SQLite files for a value.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A client's key: the private PEM (PKCS#8), the private JWK text, and the public JWK to register. */
export interface ClientKey {
  pem: string;
  jwk: string;
  publicJwk: Record<string, unknown>;
}

/** A fresh key of `type` with `kid` on both JWKs. */
export function makeClientKey(type: 'rsa' | 'ec' | 'ed25519', kid: string): ClientKey {
  const { privateKey, publicKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('ed25519');
  return {
    pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    jwk: JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid }),
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig' },
  };
}

/** True when the SQLite file of `dataDir` (or its WAL) holds `needle`. */
export function sqliteHolds(dataDir: string, needle: string): boolean {
  const db = join(dataDir, 'authbench.db');
  return [db, `${db}-wal`].filter(existsSync).some((f) => readFileSync(f).includes(Buffer.from(needle)));
}
