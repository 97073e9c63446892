/**
 * `authbench discover ISSUER [--json] [--tenant T]`: reads the IdP's metadata (OIDC Discovery 1.0 §4, RFC 8414
 * §3) and prints its endpoints and supported values, or with `--json` the validated metadata. Exit 0, 1 when the
 * fetch or the validation failed, 2 for usage (a refused issuer or tenant). Needs no data dir nor keychain.
 */
import type { DiscoveryResult } from '../../../src-shared/discovery';
import { TENANT_PATTERN } from '../../../src-shared/profile-fields';
import { forTerminal } from '../../http/log-text';
import { createRecordingClient } from '../../http/recording-client';
import { discover } from '../../oauth/discovery';
import { EXIT, usageError } from '../output';

/** Options of `authbench discover` as commander parses them. */
export interface DiscoverCliOptions {
  json?: boolean;
  tenant?: string;
}

/** Prints the metadata of `issuer`; sets process.exitCode 1 when none was read. Throws AppError (exit 2) for usage. */
export async function discoverCommand(issuer: string, opts: DiscoverCliOptions): Promise<void> {
  if (opts.tenant !== undefined && (!TENANT_PATTERN.test(opts.tenant) || /^\.+$/.test(opts.tenant)))
    throw usageError('--tenant must match ^[A-Za-z0-9._-]{1,128}$ and not be only dots');
  const http = createRecordingClient();
  const attempt = await discover(issuer, opts.tenant, (step, request) => http.send({ step, ...request }));
  if (!attempt.result) {
    const error = attempt.error!;
    process.stderr.write(`error [${error.code}]: ${forTerminal(error.message)}\n`);
    process.exitCode = EXIT.testFailed;
    return;
  }
  process.stdout.write(opts.json ? `${JSON.stringify(attempt.result, null, 2)}\n` : formatDiscovery(attempt.result));
}

/** The metadata for a person: where it was read, the endpoints, then each list of supported values. */
export function formatDiscovery(result: DiscoveryResult): string {
  const { metadata } = result;
  const rows: Array<[string, string | readonly string[] | undefined]> = [
    ['Issuer', metadata.issuer],
    ['Read from', result.url],
    ['Authorization URL', metadata.authorization_endpoint],
    ['Token Request URL', metadata.token_endpoint],
    // RFC 9126 §5: where a pushed authorization request goes, and whether the IdP refuses any other.
    [
      'PAR endpoint',
      metadata.pushed_authorization_request_endpoint &&
        `${metadata.pushed_authorization_request_endpoint}${metadata.require_pushed_authorization_requests ? ' (required)' : ''}`,
    ],
    ['JWKS URI', metadata.jwks_uri],
    ['Userinfo', metadata.userinfo_endpoint],
    ['Revocation', metadata.revocation_endpoint],
    ['Introspection', metadata.introspection_endpoint],
    ['Grant types', metadata.grant_types_supported ?? ['authorization_code', 'implicit (RFC 8414 default)']],
    [
      'Client authentication',
      metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic (RFC 8414 default)'],
    ],
    ['PKCE methods', metadata.code_challenge_methods_supported],
    ['Response types', metadata.response_types_supported],
    ['Scopes', metadata.scopes_supported],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows
    .filter(([, value]) => value !== undefined)
    .map(([label, value]) => {
      const text = typeof value === 'string' ? value : value!.join(', ') || '(none)';
      return `${`${label}:`.padEnd(width)}${forTerminal(text)}\n`;
    })
    .join('');
}
