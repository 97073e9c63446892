/** The keytar SecretStore against the real (throwaway) keyring. Its failure without D-Bus is in test/cli. */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeytarStore, serially } from '../../src-main/secrets/keytar-store';

describe('keytar SecretStore', () => {
  const store = createKeytarStore(`authbench-test-${randomUUID()}`);
  afterAll(async () => {
    for (const a of await store.listAccounts()) await store.delete(a);
  });

  it('stores, lists, reads and deletes a secret', async () => {
    await store.set('p1/clientSecret', 'värde with spaces & symbols');
    expect(await store.get('p1/clientSecret')).toBe('värde with spaces & symbols');
    expect(await store.listAccounts()).toEqual(['p1/clientSecret']);
    expect(await store.delete('p1/clientSecret')).toBe(true);
    expect(await store.get('p1/clientSecret')).toBeNull();
    expect(await store.delete('p1/clientSecret')).toBe(false);
  });

  it('keeps services apart', async () => {
    const other = createKeytarStore(`authbench-test-${randomUUID()}`);
    await store.set('shared/clientSecret', 'one');
    expect(await other.get('shared/clientSecret')).toBeNull();
    expect(await other.listAccounts()).toEqual([]);
  });

  it('answers every one of hundreds of calls made at once from two stores (they are queued, one at a time)', async () => {
    const other = createKeytarStore(`authbench-test-${randomUUID()}`);
    const accounts = Array.from({ length: 60 }, (_, i) => `burst/${i}`);
    await Promise.all(accounts.flatMap((a) => [store.set(a, `v-${a}`), other.set(a, `w-${a}`)]));
    const read = await Promise.all(accounts.flatMap((a) => [store.get(a), other.get(a), store.listAccounts()]));
    expect(read.filter((v) => typeof v === 'string')).toHaveLength(120);
    expect(await Promise.all(accounts.map((a) => store.get(a)))).toEqual(accounts.map((a) => `v-${a}`));
    await Promise.all(accounts.flatMap((a) => [store.delete(a), other.delete(a)]));
    expect(await other.listAccounts()).toEqual([]);
  });

  it('queues keytar calls: none starts before the one before it settles, and a failure does not block the rest', async () => {
    let running = 0;
    let most = 0;
    const op =
      (ms: number, fail = false) =>
      async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, ms));
        running--;
        if (fail) throw new Error('refused');
        return ms;
      };
    const results = await Promise.allSettled([
      serially(op(20)),
      serially(op(5, true)),
      serially(op(1)),
      serially(op(10)),
    ]);
    expect(most).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });
});
