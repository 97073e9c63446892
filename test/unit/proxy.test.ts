/** Proxy selection: the profile's proxy, else the environment's (read by proxy-from-env), never for loopback. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveProxy } from '../../src-main/http/proxy';

const PROXY_VARS = ['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'];

/** resolveProxy's answer with exactly `env` as the proxy environment (other proxy variables cleared). */
function proxied(target: string, env: Record<string, string>, profileProxy?: string): string | null {
  for (const name of PROXY_VARS) {
    vi.stubEnv(name, '');
    vi.stubEnv(name.toUpperCase(), '');
  }
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return resolveProxy(target, profileProxy)?.url.href ?? null;
}

describe('resolveProxy', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('uses HTTPS_PROXY for https targets and HTTP_PROXY for http targets', () => {
    const env = { HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:8080' };
    expect(proxied('https://idp.example/token', env)).toBe('http://secure-proxy:3128/');
    expect(proxied('http://idp.example/token', env)).toBe('http://plain-proxy:8080/');
  });

  it('prefers the lower-case variables (curl) and falls back to ALL_PROXY', () => {
    expect(proxied('https://idp.example/', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })).toBe(
      'http://lower:1/',
    );
    expect(proxied('https://idp.example/', { ALL_PROXY: 'http://all:3' })).toBe('http://all:3/');
  });

  it('never sends loopback targets to an environment proxy', () => {
    const env = { HTTPS_PROXY: 'http://proxy:1', HTTP_PROXY: 'http://proxy:1' };
    for (const target of [
      'http://127.0.0.1:8080/token',
      'https://localhost/token',
      'http://[::1]:9/',
      'http://127.8.9.10/',
    ])
      expect(proxied(target, env)).toBeNull();
  });

  it("lets the profile's proxy win over the environment, NO_PROXY and loopback", () => {
    const env = { HTTPS_PROXY: 'http://env:1', NO_PROXY: '*' };
    expect(proxied('https://idp.example/', env, 'http://profile-proxy:9000')).toBe('http://profile-proxy:9000/');
    expect(proxied('http://127.0.0.1:5/', env, 'http://profile-proxy:9000')).toBe('http://profile-proxy:9000/');
  });

  it('connects directly when no proxy is configured', () => {
    expect(proxied('https://idp.example/', {})).toBeNull();
  });

  it('honours NO_PROXY: exact hosts, subdomain suffixes, IP literals, host:port', () => {
    const env = { HTTPS_PROXY: 'http://proxy:1', NO_PROXY: 'corp.example, .internal,10.0.0.7 idp.example:8443' };
    expect(proxied('https://corp.example/', env)).toBeNull();
    expect(proxied('https://a.b.internal/', env)).toBeNull();
    expect(proxied('https://10.0.0.7/', env)).toBeNull();
    expect(proxied('https://idp.example:8443/', env)).toBeNull();
    expect(proxied('https://idp.example/', env)).toBe('http://proxy:1/');
    expect(proxied('https://notcorp.example/', env)).toBe('http://proxy:1/');
    expect(proxied('https://anything.example/', { ...env, NO_PROXY: '*' })).toBeNull();
  });
});
