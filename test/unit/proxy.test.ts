import { describe, expect, it } from 'vitest';
import { noProxyMatches, resolveProxy } from '../../src-main/http/proxy';

const proxied = (target: string, env: Record<string, string>, profileProxy?: string) => resolveProxy(target, profileProxy, env)?.url.href ?? null;

describe('resolveProxy', () => {
  it('uses HTTPS_PROXY for https targets and HTTP_PROXY for http targets', () => {
    const env = { HTTPS_PROXY: 'http://secure-proxy:3128', HTTP_PROXY: 'http://plain-proxy:8080' };
    expect(proxied('https://idp.example/token', env)).toBe('http://secure-proxy:3128/');
    expect(proxied('http://idp.example/token', env)).toBe('http://plain-proxy:8080/');
  });

  it('prefers the lower-case variables (curl) and falls back to ALL_PROXY', () => {
    expect(proxied('https://idp.example/', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })).toBe('http://lower:1/');
    expect(proxied('https://idp.example/', { ALL_PROXY: 'http://all:3' })).toBe('http://all:3/');
  });

  it('reads a proxy without a scheme as http://', () => {
    expect(proxied('https://idp.example/', { HTTPS_PROXY: 'proxy.corp:3128' })).toBe('http://proxy.corp:3128/');
  });

  it('never sends loopback targets to an environment proxy', () => {
    const env = { HTTPS_PROXY: 'http://proxy:1', HTTP_PROXY: 'http://proxy:1' };
    for (const target of ['http://127.0.0.1:8080/token', 'https://localhost/token', 'http://[::1]:9/', 'http://127.8.9.10/']) expect(proxied(target, env)).toBeNull();
  });

  it("lets the profile's proxy win over the environment, NO_PROXY and loopback", () => {
    const env = { HTTPS_PROXY: 'http://env:1', NO_PROXY: '*' };
    expect(proxied('https://idp.example/', env, 'http://profile-proxy:9000')).toBe('http://profile-proxy:9000/');
    expect(proxied('http://127.0.0.1:5/', env, 'http://profile-proxy:9000')).toBe('http://profile-proxy:9000/');
  });

  it('connects directly when no proxy is configured', () => {
    expect(proxied('https://idp.example/', {})).toBeNull();
  });

  it('honours NO_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://proxy:1', NO_PROXY: 'corp.example, .internal,10.0.0.7 idp.example:8443' };
    expect(proxied('https://login.corp.example/', env)).toBeNull();
    expect(proxied('https://corp.example/', env)).toBeNull();
    expect(proxied('https://a.b.internal/', env)).toBeNull();
    expect(proxied('https://10.0.0.7/', env)).toBeNull();
    expect(proxied('https://idp.example:8443/', env)).toBeNull();
    expect(proxied('https://idp.example/', env)).toBe('http://proxy:1/');
    expect(proxied('https://notcorp.example/', env)).toBe('http://proxy:1/');
  });
});

describe('noProxyMatches', () => {
  it.each([
    ['*', 'anything.example', '443', true],
    ['example.com', 'example.com', '443', true],
    ['example.com', 'api.example.com', '443', true],
    ['example.com', 'badexample.com', '443', false],
    ['*.example.com', 'api.example.com', '443', true],
    ['.example.com', 'example.com', '443', true],
    ['example.com:8080', 'example.com', '443', false],
    ['example.com:8080', 'example.com', '8080', true],
    ['EXAMPLE.com.', 'Example.COM', '443', true],
    ['[::1]:443', '[::1]', '443', true],
    ['fd00::1', '[fd00::1]', '443', true],
    ['', 'example.com', '443', false],
  ])('%j matches %s:%s → %s', (noProxy, host, port, expected) => {
    expect(noProxyMatches(noProxy, host, port)).toBe(expected);
  });
});
