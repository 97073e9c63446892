import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { renderUrl, renderValue, validateTenant } from '../../src-main/oauth/templates';

const refused = (fn: () => unknown, message: RegExp = /tenant/i) => {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('invalid_request');
  expect((caught as AppError).message).toMatch(message);
};

describe('validateTenant', () => {
  it.each(['acme', 'ACME-eu_1', 'a.b', 'x'.repeat(128)])('accepts %s', (t) => expect(validateTenant(t)).toBe(t));
  it.each([
    '',
    'a b',
    'evil.com/x?',
    'a/b',
    '../x',
    'a#b',
    'a@b',
    'a:1',
    'é',
    'x'.repeat(129),
    '.',
    '..',
    '...',
    'a%2Fb',
  ])('refuses %j', (t) => refused(() => validateTenant(t)));
  it('asks for a tenant when none is given', () => refused(() => validateTenant(undefined), /enter the tenant/));
});

describe('renderUrl', () => {
  it('leaves a URL without {tenant} untouched, whatever the tenant', () => {
    expect(renderUrl('https://idp.example/token', '../../evil', 'tokenUrl')).toBe('https://idp.example/token');
  });

  it('renders a tenant in a host label, lower-cased, with the path kept', () => {
    expect(renderUrl('https://{tenant}.okta.com/oauth2/v1/token', 'AcMe', 'tokenUrl')).toBe(
      'https://acme.okta.com/oauth2/v1/token',
    );
  });

  it('renders a tenant in the path and the query, case kept', () => {
    expect(renderUrl('https://login.example.com/{tenant}/oauth2/token?realm={tenant}', 'Contoso_1', 'tokenUrl')).toBe(
      'https://login.example.com/Contoso_1/oauth2/token?realm=Contoso_1',
    );
  });

  it('renders a tenant inside a label and inside a path segment', () => {
    expect(renderUrl('https://{tenant}-idp.example.com/t-{tenant}.json', 'eu', 'tokenUrl')).toBe(
      'https://eu-idp.example.com/t-eu.json',
    );
  });

  it('lets a dotted tenant add subdomains under a fixed parent domain', () => {
    expect(renderUrl('https://{tenant}.okta.com/token', 'dev.acme', 'tokenUrl')).toBe(
      'https://dev.acme.okta.com/token',
    );
    expect(renderUrl('https://{tenant}-sso.example.com/token', 'a.b', 'tokenUrl')).toBe(
      'https://a.b-sso.example.com/token',
    );
  });

  it('allows dots in a path tenant (a file-like segment) but never a dots-only one', () => {
    expect(renderUrl('https://idp.example.com/{tenant}/token', 'v1.2', 'tokenUrl')).toBe(
      'https://idp.example.com/v1.2/token',
    );
    refused(() => renderUrl('https://idp.example.com/{tenant}/token', '..', 'tokenUrl'));
    refused(() => renderUrl('https://idp.example.com/{tenant}/token', '.', 'tokenUrl'));
  });

  it.each([
    ['https://{tenant}/token', 'evil.com'],
    ['https://{tenant}.com/token', 'evil.co'],
    ['https://login.{tenant}.com/token', 'attacker.example'],
    ['https://{tenant}.localhost:8080/token', 'evil.example'],
  ])('refuses a dotted tenant where the host has no fixed parent domain: %s with %s', (template, tenant) => {
    refused(() => renderUrl(template, tenant, 'tokenUrl'), /no fixed parent domain/);
  });

  it('still accepts a single-label tenant where the template makes the tenant a domain label', () => {
    expect(renderUrl('https://{tenant}.com/token', 'acme', 'tokenUrl')).toBe('https://acme.com/token');
  });

  it.each(['a.', '.a', 'a..b'])('refuses empty host labels: %s', (tenant) => {
    refused(() => renderUrl('https://{tenant}.okta.com/token', tenant, 'tokenUrl'));
  });

  it('refuses a tenant the URL parser would rewrite into another host (a number read as an IPv4 address)', () => {
    refused(() => renderUrl('https://{tenant}/token', '2130706433', 'tokenUrl'), /change the host/);
    refused(() => renderUrl('https://{tenant}/token', '0x7f000001', 'tokenUrl'), /change the host/);
  });

  it.each(['evil.com/x?', 'evil.com#', 'a@evil.com', 'evil.com:443', '../admin', 'a/../../b', 'a%2F..'])(
    'refuses %j before building any URL',
    (tenant) => {
      refused(() => renderUrl('https://{tenant}.okta.com/oauth2/{tenant}/token', tenant, 'tokenUrl'));
    },
  );

  it('never lets any tenant leave the parent domain or restructure the path (seeded fuzz of hostile characters)', () => {
    const alphabet = 'aZ09._-/?#@:%\\ .\u0000\n';
    let seed = 20240607;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const tenant = Array.from(
        { length: 1 + Math.floor(random() * 10) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      let rendered: string;
      try {
        rendered = renderUrl('https://{tenant}.okta.com/oauth2/{tenant}/token?x=1', tenant, 'tokenUrl');
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        continue;
      }
      accepted++;
      const url = new URL(rendered);
      expect(url.hostname.endsWith('.okta.com')).toBe(true);
      expect(url.hostname).toBe(`${tenant.toLowerCase()}.okta.com`);
      expect(url.pathname).toBe(`/oauth2/${tenant}/token`);
      expect([url.port, url.search, url.hash, url.username]).toEqual(['', '?x=1', '', '']);
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('names the field by its label in the error', () => {
    refused(() => renderUrl('https://{tenant}/x', 'a.b', 'checkUrl'), /Authorization Check URL/);
    refused(() => renderUrl('https://{tenant}/x', 'a.b', 'tokenUrl'), /Token Request URL/);
  });

  it('turns an unparseable template into a clear error, not a TypeError', () => {
    refused(() => renderUrl('https://idp:{tenant}/x', 'acme', 'tokenUrl'), /not a valid URL template/);
  });
});

describe('renderValue', () => {
  const vars = { access_token: 'at-1', username: 'alice', pin: '{tenant}' };

  it('fills {{name}} and {tenant}, tolerating spaces inside the braces', () => {
    expect(renderValue('Bearer {{ access_token }} for {{username}}@{tenant}', vars, 'acme', 'Header x')).toBe(
      'Bearer at-1 for alice@acme',
    );
  });

  it('refuses an unknown name, naming where it was used', () => {
    refused(() => renderValue('{{nope}}', vars, undefined, 'Header X-Test'), /Header X-Test uses \{\{nope\}\}/);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'never reads Object.prototype: {{%s}} is unknown',
    (name) => {
      refused(() => renderValue(`{{${name}}}`, vars, undefined, 'Scope'), /has no value/);
    },
  );

  it('does not render a substituted value again (a form value containing {tenant} stays literal)', () => {
    expect(renderValue('{{pin}}', vars, undefined, 'Additional field pin')).toBe('{tenant}');
    expect(renderValue('{{pin}}/{tenant}', vars, 'acme', 'Additional field pin')).toBe('{tenant}/acme');
  });

  it('asks for the tenant only when {tenant} is used', () => {
    expect(renderValue('plain', vars, undefined, 'x')).toBe('plain');
    refused(() => renderValue('{tenant}', vars, undefined, 'x'), /enter the tenant/);
  });

  it('leaves single braces and empty double braces alone', () => {
    expect(renderValue('{a} {{}} {{ }}', vars, undefined, 'x')).toBe('{a} {{}} {{ }}');
  });
});
