/**
 * Kore's names for the token-request content type (src-shared/token-content-types.ts) accepted on every way in —
 * the profile schema, a Test's overrides and `--set` — and stored as the short codes; unknown names refused with
 * a message listing the accepted ones.
 */
import { describe, expect, it } from 'vitest';
import { parseSetOptions } from '../../src-main/cli/set-overrides';
import { profileInput, type ProfileInput } from '../../src-shared/profile';
import { mergeOverrides } from '../../src-shared/profile-overrides';
import { tokenContentType, tokenContentTypeCode, TOKEN_CONTENT_TYPES } from '../../src-shared/token-content-types';

/** Kore's labels as its dropdown spells them, the media types Authbench sends, and other spellings, with their codes. */
const ALIASES: [string, string][] = [
  ['JSON', 'json'],
  ['RSS', 'rss'],
  ['XML', 'xml'],
  ['URL Encoded JSON', 'form'],
  ['CSV', 'csv'],
  ['Text', 'text'],
  ['Twitter Encoded JSON', 'twitter-json'],
  ['Multipart/Form-data', 'multipart'],
  ['Multipart/Related', 'multipart-related'],
  ['Oracle ADF', 'oracle-adf'],
  ['application/json', 'json'],
  ['application/json; charset=utf-8', 'json'],
  ['application/rss+xml', 'rss'],
  ['application/xml', 'xml'],
  ['text/xml', 'xml'],
  ['application/x-www-form-urlencoded', 'form'],
  ['Application/X-WWW-Form-Urlencoded; Charset=UTF-8', 'form'],
  ['text/csv', 'csv'],
  ['text/plain', 'text'],
  ['multipart/form-data', 'multipart'],
  ['multipart/related', 'multipart-related'],
  ['application/vnd.oracle.adf.resourceitem+json', 'oracle-adf'],
  ['  url   encoded json ', 'form'],
  ['twitter encoded json', 'twitter-json'],
  ['ORACLE ADF', 'oracle-adf'],
];
const ACCEPTED =
  'Unknown content type; use one of JSON, RSS, XML, URL Encoded JSON, CSV, Text, Twitter Encoded JSON, ' +
  'Multipart/Form-data, Multipart/Related, Oracle ADF, or its media type';

const cc = (tokenRequest: unknown): ProfileInput =>
  profileInput.parse({
    grantType: 'client_credentials',
    name: 'cc',
    identityProviderName: 'idp',
    clientId: 'c',
    tokenUrl: 'https://idp.example/token',
    tokenRequest,
  });

describe('token content type names', () => {
  it.each(ALIASES)('%j is stored as %s', (name, code) => {
    expect(tokenContentTypeCode(name)).toBe(code);
    expect(tokenContentType.parse(name)).toBe(code);
    expect(cc({ method: 'POST', contentType: name }).tokenRequest).toEqual({ method: 'POST', contentType: code });
  });

  it('keeps every code (today’s five included, so older profiles and exports still load)', () => {
    for (const code of TOKEN_CONTENT_TYPES) expect(tokenContentType.parse(code)).toBe(code);
    for (const code of ['form', 'json', 'xml', 'multipart', 'text']) expect(tokenContentType.parse(code)).toBe(code);
    expect(cc(undefined).tokenRequest).toEqual({ method: 'POST', contentType: 'form' });
  });

  it.each(['YAML', 'application/javascript', 'text/html', 'json5', '', 42, null])(
    'refuses %j, listing the accepted names',
    (name) => {
      const result = profileInput.safeParse({
        grantType: 'client_credentials',
        name: 'cc',
        identityProviderName: 'idp',
        clientId: 'c',
        tokenUrl: 'https://idp.example/token',
        tokenRequest: { method: 'POST', contentType: name },
      });
      expect(result.success).toBe(false);
      expect(result.error!.issues).toEqual([
        expect.objectContaining({ path: ['tokenRequest', 'contentType'], message: ACCEPTED }),
      ]);
    },
  );

  it('a Test override and `--set tokenRequest.contentType=` take Kore’s names; the method stays the profile’s', () => {
    const profile = cc({ method: 'PUT', contentType: 'form' });
    const overrides = parseSetOptions(['tokenRequest.contentType=Multipart/Related']);
    expect(overrides).toEqual({ tokenRequest: { contentType: 'Multipart/Related' } });
    const merged = mergeOverrides(profile, overrides);
    expect(merged).toMatchObject({
      ok: true,
      profile: { tokenRequest: { method: 'PUT', contentType: 'multipart-related' } },
    });
    const both = parseSetOptions(['tokenRequest.method=POST', 'tokenRequest.contentType=text/csv']);
    expect(mergeOverrides(profile, both)).toMatchObject({
      ok: true,
      profile: { tokenRequest: { method: 'POST', contentType: 'csv' } },
    });
    const whole = mergeOverrides(profile, { tokenRequest: { method: 'POST', contentType: 'Oracle ADF' } });
    expect(whole).toMatchObject({ ok: true, profile: { tokenRequest: { contentType: 'oracle-adf' } } });
    expect(mergeOverrides(profile, parseSetOptions(['tokenRequest.contentType=YAML']))).toEqual({
      ok: false,
      message: `Token URL Method and Content Type: ${ACCEPTED}`,
    });
  });

  it('`--set` refuses an unknown part, a repeated part, and a part after the whole group', () => {
    expect(() => parseSetOptions(['tokenRequest.body=x'])).toThrowError(/tokenRequest\.contentType/);
    expect(() => parseSetOptions(['scopes.0=x'])).toThrowError(/--set expects FIELD=VALUE/);
    expect(() => parseSetOptions(['tokenRequest.method=GET', 'tokenRequest.method=PUT'])).toThrowError(
      /given more than once/,
    );
    expect(() => parseSetOptions(['tokenRequest={"method":"GET"}', 'tokenRequest.contentType=CSV'])).not.toThrow();
    expect(() => parseSetOptions(['tokenRequest=CSV', 'tokenRequest.method=PUT'])).toThrowError(/cannot be combined/);
  });
});
