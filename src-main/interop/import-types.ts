/**
 * The shapes the foreign-format converters share (docs/architecture.md, "Import from other tools"): each
 * converter reads its tool's file into OAuthSetups, which import-oauth.ts turns into profile fields and secrets.
 */
import type { ImportFormat } from '../../src-shared/transfer';

/** Where an extra parameter is sent and on which call (Postman's `send_as`, Bruno's `sendIn`). */
export interface ExtraParam {
  key: string;
  value: string;
  /** The call: the authorization request, the token request or the refresh request. */
  stage: 'auth' | 'token' | 'refresh';
  /** The part of the request: a body parameter, a header or a URL query parameter. */
  where: 'body' | 'header' | 'query';
}

/** One OAuth configuration as a foreign tool holds it, with `{{name}}` templates already in Authbench's form. */
export interface OAuthSetup {
  /** Where it was found, e.g. `Acme API / Admin / Get users`; the profile's name comes from it. */
  source: string;
  /** The tool's grant name, already mapped to RFC 6749 names where one exists (`implicit` kept as is). */
  grant: string;
  authUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
  state?: string;
  redirectUri?: string;
  /** PKCE (RFC 7636): on or off, and the challenge method the tool names (`S256`, `plain`). */
  pkce?: { enabled: boolean; method?: string };
  /** Client authentication: the HTTP Basic header (RFC 6749 §2.3.1) or body parameters. */
  clientAuth?: 'basic' | 'post';
  username?: string;
  password?: string;
  params: ExtraParam[];
  /** Names of tokens the file held (`accessToken`, `refreshToken`): never imported, each gets a note. */
  tokens: string[];
  /** The token call's method and body encoding, when the tool sets them (cURL). */
  method?: string;
  contentType?: 'form' | 'json';
  /** A PEM client certificate, its private key, passphrase, and trusted CAs (cURL's --cert, --key, --cacert). */
  certificate?: string;
  privateKey?: string;
  passphrase?: string;
  caBundle?: string;
  proxyUrl?: string;
  /** What the converter itself could not carry over. */
  notes: string[];
}

/** One profile a foreign file yields: fields for profileInput, secrets for the keychain, and its notes. */
export interface ForeignEntry {
  name: string;
  fields: Record<string, unknown>;
  secrets: Record<string, string>;
  notes: string[];
}

/** A converted foreign file: its format and its entries, in the file's order. */
export interface ForeignImport {
  format: Exclude<ImportFormat, 'authbench'>;
  entries: ForeignEntry[];
}

/** Options of a foreign import: variable values from an environment file (`--environment`). */
export interface ConvertOptions {
  /** `{{name}}` values; unresolved names stay placeholders where Authbench allows them. */
  variables: Record<string, string>;
  /** The file the variables came from, named in notes. */
  environmentPath?: string;
}
