/**
 * Runs exported shell scripts (src-main/interop/export-curl.ts) with the real `sh` and `curl`, as a user would:
 * each text is written to a file in a temp dir and run with only PATH and the given variables set.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect } from 'vitest';

/** How a script run ended: its exit code (-1 when it did not exit, e.g. killed at the timeout) and output. */
export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts in a temp dir that lives as long as the file's tests. */
export interface ShellScripts {
  /**
   * `sh FILE` for `text` written to a new file, with only PATH and `env` set, 20 s at the most; never blocks this
   * process (its IdPs answer curl from here). A non-zero exit is returned, not thrown.
   */
  run(text: string, env?: Record<string, string>): Promise<ShellResult>;
  /** `run`, failing the test (with the script's stderr) unless it exits 0; returns stdout. */
  sh(text: string, env?: Record<string, string>): Promise<string>;
}

/** The block of an exported `script` whose first line is `# <step>: …` (its guards and its curl command). */
export function scriptBlock(script: string, step: string): string {
  const found = script.split('\n\n').find((b) => b.startsWith(`# ${step}:`));
  expect(found, `no ${step} block in:\n${script}`).toBeDefined();
  return found!;
}

/**
 * Registers a beforeAll that makes the temp dir `<tmpdir>/<prefix>XXXXXX` and an afterAll that deletes it; call it
 * before the file's own hooks (vitest runs afterAll hooks in reverse, so the dir goes after the file's IdPs close).
 */
export function useShellScripts(prefix: string): ShellScripts {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const run = async (text: string, env: Record<string, string> = {}): Promise<ShellResult> => {
    if (dir === undefined) throw new Error('useShellScripts: run scripts in hooks and tests, after beforeAll');
    const file = join(dir, `run-${randomUUID()}.sh`);
    writeFileSync(file, text);
    try {
      const { stdout, stderr } = await promisify(execFile)('sh', [file], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...env },
        timeout: 20_000,
      });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };
  const sh = async (text: string, env: Record<string, string> = {}): Promise<string> => {
    const res = await run(text, env);
    expect(res.code, res.stderr).toBe(0);
    return res.stdout;
  };
  return { run, sh };
}
