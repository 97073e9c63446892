/**
 * Profiles as a POSIX sh script of `curl` commands (docs/architecture.md, "Export to other tools"): for each profile
 * its token request (after the grant's own steps: the pushed authorization request and URL to open, the device
 * authorization request; export-curl-grants.ts), its refresh request when it has one, and its Authorization Check
 * URL call, each built by the engine's own request builders (buildTokenRequest, authorizationRequestUrl, parRequest,
 * deviceAuthorizationRequest, buildCheckRequest), so the commands send what a Test sends. Unknown values — secrets
 * unless asked for, the code, tokens, assertions the script cannot sign, `{tenant}`, `{{field}}`s — are shell
 * variables, each checked before the command that needs it.
 */
import type { ProfileInput } from '../../src-shared/profile';
import { fieldUses } from '../../src-shared/dynamic-fields';
import { JWT_CLIENT_AUTH_METHODS } from '../../src-shared/client-auth';
import { AppError } from '../../src-shared/errors';
import { GRANT_TYPE_LABELS } from '../../src-shared/profile';
import { variableName } from '../http/curl';
import { buildCheckRequest } from '../oauth/check';
import { tokenExchangeParameters } from '../oauth/flows/token-exchange';
import { renderUrl, renderValue } from '../oauth/templates';
import { buildTokenRequest } from '../oauth/token-request';
import { APP_VERSION } from '../version';
import { curlCommand, StandIns } from './export-curl-command';
import {
  authorizationCodeSteps,
  deviceCodeSteps,
  GRANT_MEANINGS,
  jwtBearerSteps,
  type StepContext,
  type StepName,
} from './export-curl-grants';
import { fileBase, notesOf, type ExportSource, type ForeignExport } from './export-common';

/** Variables with a usable default: file paths of the TLS material, the token type of the check call. */
const DEFAULTS: Readonly<Record<string, string>> = {
  CLIENT_CERT_FILE: 'client-cert.pem',
  CLIENT_KEY_FILE: 'client-key.pem',
  CLIENT_PFX_FILE: 'client-cert.p12',
  CA_BUNDLE_FILE: 'ca-bundle.pem',
  TOKEN_TYPE: 'Bearer',
};

/** What a variable holds, for the script's header. */
const MEANINGS: Readonly<Record<string, string>> = {
  CLIENT_SECRET: 'the client secret (form-urlencoded when sent with --user, RFC 6749 §2.3.1)',
  USERNAME: "the resource owner's username (RFC 6749 §4.3.2)",
  PASSWORD: "the resource owner's password (RFC 6749 §4.3.2)",
  CODE: 'the code from the redirect after sign-in (RFC 6749 §4.1.2)',
  CODE_VERIFIER: 'the PKCE code verifier (RFC 7636 §4.1)',
  CODE_CHALLENGE: 'the PKCE code challenge of CODE_VERIFIER (RFC 7636 §4.2)',
  STATE: 'a fresh random state (RFC 6749 §10.12)',
  NONCE: 'a fresh random nonce (OpenID Connect Core §3.1.2.1)',
  REDIRECT_URI: 'the loopback redirect URI registered at the IdP (RFC 8252 §7.3)',
  ACCESS_TOKEN: 'the access_token of the token response (RFC 6750)',
  REFRESH_TOKEN: 'the refresh_token of the token response (RFC 6749 §6)',
  SUBJECT_TOKEN: 'the subject token to exchange (RFC 8693 §2.1), e.g. the access token of the profile named in it',
  ACTOR_TOKEN: 'the actor token of the exchange (RFC 8693 §2.1)',
  CLIENT_ASSERTION:
    'a client assertion (RFC 7523 §2.2) signed with the JWT Signing Key (private_key_jwt) or the client secret (client_secret_jwt): iss and sub the client_id, aud the URL called, a fresh jti; the script cannot sign',
  TENANT: 'the tenant for {tenant}',
  ...GRANT_MEANINGS,
};

/** One titled step of a profile: a comment line `# <step>: <title>`, then guards and a command. */
interface Step {
  step: StepName;
  title: string;
  command: string;
  used: Set<string>;
}

/** The guard lines for `used`: a default is set when unset, any other variable must be set. */
function guards(used: Set<string>): string[] {
  return [...used].map((v) => (DEFAULTS[v] ? `: "\${${v}:=${DEFAULTS[v]}}"` : `: "\${${v}:?set ${v} first}"`));
}

/** The steps of one profile, or the note of why a step could not be built. */
async function profileSteps(source: ExportSource, s: StandIns): Promise<{ steps: Step[]; notes: string[] }> {
  const p = source.profile;
  const secrets = source.secrets;
  const steps: Step[] = [];
  const notes: string[] = [];
  const tenant = p.tenancy.enabled ? s.of('TENANT') : undefined;
  const vars: Record<string, string> = {};
  for (const { name } of fieldUses(p)) vars[name] = s.of(variableName(name));
  const storedSecret = p.clientAuthMethod !== 'none' ? secrets?.clientSecret : undefined;
  const secretStandIn = storedSecret ? undefined : s.of('CLIENT_SECRET');
  const clientSecret = storedSecret ?? secretStandIn!;
  // The script cannot sign: a client assertion (RFC 7523 §2.2) is always `$CLIENT_ASSERTION`, never one that expires.
  const clientAssertion = JWT_CLIENT_AUTH_METHODS.has(p.clientAuthMethod) ? s.of('CLIENT_ASSERTION') : undefined;
  if (clientAssertion)
    notes.push(
      `The script cannot sign the client assertion (${p.clientAuthMethod}, RFC 7523 §2.2): set CLIENT_ASSERTION to a fresh one before each request`,
    );
  const stored = p.grantType === 'password' && p.authorizationMode === 'pre_authorize' ? secrets : null;
  const username = stored?.username ?? s.of('USERNAME');
  const password = stored?.password ?? s.of('PASSWORD');
  if (p.grantType === 'password') Object.assign(vars, { username, password });
  const attempt: StepContext['attempt'] = async (step, title, build) => {
    const used = new Set<string>();
    try {
      const request = await build();
      const command =
        'method' in request
          ? curlCommand(p, request, s, used, secretStandIn)
          : `printf '%s\\n' ${s.word(request.url, used)}`;
      steps.push({ step, title, command, used });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      notes.push(`The ${step} request could not be built: ${err.message}`);
    }
  };
  const url = (template: string, field: string) => renderUrl(template, tenant, field, vars);
  const token: StepContext['token'] = (grant, include) =>
    buildTokenRequest({
      profile: p,
      url: url(p.tokenUrl, 'tokenUrl'),
      grant,
      clientSecret,
      clientAssertion,
      include,
      vars,
      tenant,
    });
  const context: StepContext = { s, vars, tenant, clientSecret, clientAssertion, attempt, url, token, notes };

  if (p.grantType === 'authorization_code') {
    await authorizationCodeSteps(p, context);
  } else if (p.grantType === 'password') {
    const fields: [string, string][] = [];
    for (const f of p.idpFormFields) {
      if (f.key === 'username' || f.key === 'password') continue;
      const value = f.visibility === 'visible' ? s.of(variableName(f.key)) : f.defaultValue;
      if (value !== '') fields.push([f.key, value]);
    }
    Object.assign(vars, Object.fromEntries(fields));
    const grant: [string, string][] = [
      ['grant_type', 'password'],
      ['username', username],
      ['password', password],
      ...fields,
    ];
    await attempt('token', 'the token request (RFC 6749 §4.3.2)', () =>
      token(grant, { scopes: true, headers: true, additionalFields: true }),
    );
  } else if (p.grantType === 'device_code') {
    await deviceCodeSteps(p, context);
  } else if (p.grantType === 'jwt_bearer') {
    await jwtBearerSteps(p, context);
  } else if (p.grantType === 'token_exchange') {
    // The subject and actor tokens are never written: another profile's held token, or a pasted secret.
    const o = p.tokenExchange;
    const tokens = { subject: s.of('SUBJECT_TOKEN'), actor: o.actorSource === 'none' ? null : s.of('ACTOR_TOKEN') };
    await attempt('token', 'the token exchange request (RFC 8693 §2.1)', () =>
      token(
        tokenExchangeParameters(o, tokens, (v, where) => renderValue(v, vars, tenant, where)),
        { scopes: true, headers: true },
      ),
    );
  } else {
    await attempt('token', 'the token request (RFC 6749 §4.4.2)', () =>
      token([['grant_type', 'client_credentials']], { scopes: true, headers: true }),
    );
  }
  if (p.grantType !== 'client_credentials' || p.refreshTokenUrl || p.autoRefresh) {
    await attempt('refresh', 'the refresh request (RFC 6749 §6)', () =>
      buildTokenRequest({
        profile: p,
        url: p.refreshTokenUrl ? url(p.refreshTokenUrl, 'refreshTokenUrl') : url(p.tokenUrl, 'tokenUrl'),
        grant: [
          ['grant_type', 'refresh_token'],
          ['refresh_token', s.of('REFRESH_TOKEN')],
        ],
        clientSecret,
        clientAssertion,
        include: { headers: p.applyHeadersToRefresh },
        vars,
        tenant,
      }),
    );
  }
  if (p.checkUrl) {
    const standIn = { accessToken: s.of('ACCESS_TOKEN'), refreshToken: s.of('REFRESH_TOKEN') };
    await attempt('check', 'the Authorization Check URL call with the access token', () =>
      buildCheckRequest(
        p,
        { ...standIn, summary: { tokenType: s.of('TOKEN_TYPE'), hasRefreshToken: true } },
        vars,
        tenant,
      ),
    );
  }
  if (p.clientCertificate.enabled || p.caBundle.trim() !== '')
    notes.push(
      'The client certificate, its key and the CA bundle are not in the script: save them as files and set the *_FILE variables',
    );
  return { steps, notes };
}

/** A comment line: no newline may end the comment early and run the rest as a command. */
const comment = (text: string) => `# ${text.replace(/[\r\n]+/g, ' ')}`;

/**
 * The sh script of every profile of `sources` (one file `<name>.sh`) and the notes of steps that could not be
 * built. `includedSecrets` says whether the sources carry their stored secrets (then written in plain text).
 */
export async function exportCurl(
  sources: readonly ExportSource[],
  name: string,
  includedSecrets: boolean,
): Promise<ForeignExport> {
  const s = new StandIns();
  const all = new Set<string>();
  const notes: ForeignExport['notes'] = [];
  const sections: string[] = [];
  for (const source of sources) {
    const p: ProfileInput = source.profile;
    const built = await profileSteps(source, s);
    notes.push(...notesOf(p.name, built.notes));
    const blocks = built.steps.map((step) => {
      step.used.forEach((v) => all.add(v));
      return [comment(`${step.step}: ${step.title}`), ...guards(step.used), step.command].join('\n');
    });
    sections.push([comment(`── "${p.name}" (${GRANT_TYPE_LABELS[p.grantType]}) ──`), ...blocks].join('\n\n'));
  }
  const variables = [...all].sort();
  // The `{{name}}` a field variable stands for (`TOKEN_ID` → `tokenId`), for the header.
  const fieldOf = new Map<string, string>();
  for (const { profile } of sources)
    for (const name of [...fieldUses(profile).map((u) => u.name), ...profile.idpFormFields.map((f) => f.key)])
      fieldOf.set(variableName(name), name);
  const header = [
    '#!/bin/sh',
    comment(`Authbench ${APP_VERSION}: the requests of ${sources.length} profile(s), as a Test sends them.`),
    comment(
      includedSecrets
        ? 'This file holds secrets in plain text: keep it private and delete it after use.'
        : 'Secrets are not in this file: set the variables a command needs before running it.',
    ),
    ...variables.map((v) =>
      comment(
        `  ${v}: ${MEANINGS[v] ?? (DEFAULTS[v] ? `default ${DEFAULTS[v]}` : `the value of {{${fieldOf.get(v) ?? v}}}`)}`,
      ),
    ),
    comment(
      'A value is inserted as it is: percent-encode one that goes into a URL, escape one inside a JSON or XML body.',
    ),
  ];
  return {
    files: [{ name: `${fileBase(name)}.sh`, text: `${header.join('\n')}\n\n${sections.join('\n\n')}\n` }],
    notes,
  };
}
