/** The house rules of docs/architecture.md, "Floors", checked on the source: who may import what. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function violations(dir: string, forbidden: (spec: string, file: string) => boolean): string[] {
  return sources(dir).flatMap((file) =>
    imports(file)
      .filter((spec) => forbidden(spec, file))
      .map((spec) => `${file} imports ${spec}`),
  );
}

describe('architecture', () => {
  it('src-shared is pure TypeScript: no node:, electron, DOM libraries or other layers', () => {
    expect(
      violations(
        'src-shared',
        (s) => s.startsWith('node:') || s === 'electron' || s.startsWith('react') || /src-main|src-renderer/.test(s),
      ),
    ).toEqual([]);
  });

  it('only src-main/app/ and the preload import electron', () => {
    expect(
      violations(
        'src-main',
        (s, file) => s === 'electron' && !file.startsWith('src-main/app/') && file !== 'src-main/preload.ts',
      ),
    ).toEqual([]);
  });

  it('the preload imports only electron and the zod-free channel list (ipc.ts for types only)', () => {
    expect(
      imports('src-main/preload.ts').filter((s) => s !== 'electron' && !s.endsWith('/channels') && !s.endsWith('/ipc')),
    ).toEqual([]);
    const source = readFileSync(join(root, 'src-main/preload.ts'), 'utf8');
    // ipc.ts builds zod schemas: a value import would pull zod into the sandboxed preload.
    expect(source).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+['"][^'"]*\/ipc['"]/m);
  });

  it('the renderer never sees Node or main', () => {
    expect(
      violations(
        'src-renderer',
        (s) =>
          s.startsWith('node:') ||
          s === 'electron' ||
          s.includes('src-main') ||
          ['fs', 'path', 'child_process'].includes(s),
      ),
    ).toEqual([]);
  });

  it('no source file is a giant room (over 300 lines)', () => {
    const big = [...sources('src-shared'), ...sources('src-main'), ...sources('src-renderer')]
      .map((f) => [f, readFileSync(join(root, f), 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 300);
    expect(big).toEqual([]);
  });

  it('comments cite only what a clone holds: the repo docs or RFCs, never outside notes or issue numbers', () => {
    const outside = /\b(?:DESIGN|SECURITY|STYLE)\.md\b|\b[Ii]ssue #?\d+|\.\.\/shared\//;
    const files = ['src-shared', 'src-main', 'src-renderer', 'test', 'bench'].flatMap(sources);
    const cited = files.filter((f) => outside.test(readFileSync(join(root, f), 'utf8')));
    expect(cited).toEqual([]);
  });
});

describe('version', () => {
  it('APP_VERSION matches package.json', async () => {
    const { APP_VERSION } = await import('../../src-main/version');
    expect(APP_VERSION).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });
});
