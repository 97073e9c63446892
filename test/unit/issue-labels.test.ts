/** Field issues named by UI labels, as a rejected import shows them in the app and the CLI. */
import { describe, expect, it } from 'vitest';
import { issueLabel, rejectionMessage } from '../../src-shared/issue-labels';

describe('issueLabel', () => {
  it.each([
    ['tokenUrl', 'Token Request URL'],
    ['clientId', 'Client ID'],
    ['secrets.password', 'Password'],
    ['scopes.2.key', 'Scope 3, key'],
    ['scopes.0', 'Scope 1'],
    ['additionalFields.0.value', 'Additional field 1, value'],
    ['idpFormFields.1.defaultValue', 'IDP form field 2, default value'],
    ['requestHeaders.3.key', 'Request header 4, key'],
    ['tokenRequest.method', 'Token URL Method'],
    ['clientCertificate.format', 'Certificate Format'],
    ['unknownField', 'unknownField'],
    ['__proto__', '__proto__'],
  ])('%s reads "%s"', (path, label) => {
    expect(issueLabel(path)).toBe(label);
  });

  it('has no label for the entry as a whole', () => {
    expect(issueLabel('(root)')).toBeNull();
  });
});

describe('rejectionMessage', () => {
  it('names the profile by number and name, then each field by its label', () => {
    const issues = [
      { path: 'tokenUrl', message: 'Must be an http(s) URL' },
      { path: 'scopes.2.key', message: 'Required' },
    ];
    expect(rejectionMessage(0, 'Acme', issues, 'Invalid …')).toBe(
      'Profile 1 (“Acme”), Token Request URL: Must be an http(s) URL; Scope 3, key: Required',
    );
  });

  it('without a name, issues or field, says what it can', () => {
    expect(rejectionMessage(3, undefined, [{ path: '(root)', message: 'Expected object' }], '')).toBe(
      'Profile 4: Expected object',
    );
    expect(rejectionMessage(1, 'x'.repeat(80), [], 'Something failed')).toBe(
      `Profile 2 (“${'x'.repeat(60)}…”): Something failed`,
    );
  });
});
