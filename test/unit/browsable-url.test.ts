/** The one rule for what the system browser may be asked to open (docs/security.md, "Electron settings"). */
import { describe, expect, it } from 'vitest';
import { isBrowsableUrl } from '../../src-shared/profile-fields';

describe('isBrowsableUrl', () => {
  it('allows https:// anywhere and http:// only to a loopback host', () => {
    for (const url of [
      'https://idp.example.com/authorize?client_id=a',
      'http://127.0.0.1:4000/auth',
      'http://127.8.9.10/auth',
      'http://localhost:8080/auth',
      'http://[::1]:9000/auth',
    ])
      expect(isBrowsableUrl(url), url).toBe(true);
  });

  it('refuses plain http:// to another host, local programs and what is not a URL', () => {
    for (const url of [
      'http://idp.example.com/authorize',
      'http://127.0.0.1.example.com/auth',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:privacy',
      'vscode://file/x',
      'not a url',
      '',
    ])
      expect(isBrowsableUrl(url), url).toBe(false);
  });
});
