/**
 * End to end: the Authorization Profile Summary with 10,000 profiles, seeded straight into SQLite in one
 * transaction (as bench/seed.ts does) before the page loads. The list is virtualised: the DOM holds
 * only the rows in view; search narrows it, headers sort it, and scrolling (or End) reaches the last one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { GRANT_TYPES, profileInput } from '../../src-shared/profile';
import { ProfilesRepo } from '../../src-main/store/profiles-repo';
import { requireBuiltRenderer, startE2eApp, type E2eApp, poll as pollUntil } from '../helpers/e2e-app';
import type { TestContext } from '../helpers/context';

requireBuiltRenderer();

const COUNT = 10_000;
const IDPS = ['Okta', 'Auth0', 'Keycloak', 'Azure AD', 'Ping'];
const ENVS = ['dev', 'staging', 'prod', 'sandbox'];
const nameOf = (i: number) => `${IDPS[i % IDPS.length]} ${ENVS[i % ENVS.length]} ${String(i).padStart(5, '0')}`;

/** 10,000 profiles of all three types; public clients (auth `none`, half of them) need no secret, so they are Configured. */
function seed(ctx: TestContext) {
  const repo = new ProfilesRepo(ctx.db, profileInput.parse);
  const now = new Date().toISOString();
  ctx.db.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      const grantType = GRANT_TYPES[i % 3]!;
      repo.insert(
        randomUUID(),
        profileInput.parse({
          grantType,
          name: nameOf(i),
          identityProviderName: IDPS[i % IDPS.length],
          clientId: `client-${i}`,
          clientAuthMethod: Math.floor(i / 20) % 2 === 0 ? 'none' : 'client_secret_basic',
          tokenUrl: `https://idp${i % 50}.example.com/oauth2/token`,
          ...(grantType === 'authorization_code'
            ? { authorizationUrl: `https://idp${i % 50}.example.com/oauth2/authorize` }
            : {}),
          scopes: [{ key: 'scope', value: 'api:read' }],
        }),
        now,
      );
    }
  })();
}

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp({ seed });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

afterEach(() => {
  expect(app.takeErrors()).toEqual([]);
});

const poll = <T>(read: () => Promise<T>) => pollUntil(read, 15_000);
const bodyRows = (page: Page) => page.locator('.ptable__body [role="row"]');
const firstName = (page: Page) => bodyRows(page).first().locator('[data-col="name"]').innerText();
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const sortedNames = [...Array(COUNT).keys()].map(nameOf).sort(collator.compare);
const [firstSorted, secondSorted] = sortedNames as [string, string];
const lastName = sortedNames.at(-1)!;

describe('Authorization Profile Summary with 10,000 profiles', () => {
  it('keeps only the visible rows in the DOM, and reaches the last profile by scrolling', async () => {
    const { page } = app;
    const table = page.getByRole('table', { name: 'Authorization profiles' });
    await poll(() => page.locator('.list-count').innerText()).toBe('10,000 profiles');
    expect(await table.getAttribute('aria-rowcount')).toBe(String(COUNT + 1));
    const rendered = await bodyRows(page).count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(await page.locator('[role="row"]').count()).toBeLessThan(100);
    expect(await firstName(page)).toBe(firstSorted);
    await app.screenshot('profile-list-10000', { fullPage: false });
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('profile-list-10000-dark', { fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });

    await table.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.getByRole('button', { name: lastName, exact: true }).waitFor();
    expect(await bodyRows(page).count()).toBeLessThan(60);
    const lastRow = page.getByRole('row', { name: new RegExp(lastName) });
    expect(await lastRow.getAttribute('aria-rowindex')).toBe(String(COUNT + 1));
  });

  it('narrows the list with the search box', async () => {
    const { page } = app;
    const search = page.getByLabel('Search profiles');
    const needle = nameOf(9999).toLowerCase();
    await search.fill(needle);
    await poll(() => page.locator('.list-count').innerText()).toBe('1 of 10,000 profiles');
    expect(await bodyRows(page).count()).toBe(1);
    expect(await firstName(page)).toBe(nameOf(9999));

    await search.fill('keycloak');
    await poll(() => page.locator('.list-count').innerText()).toBe('2,000 of 10,000 profiles');
    await search.fill('no such profile');
    await poll(() => page.locator('.ptable__body').innerText()).toContain('No profile matches “no such profile”.');
    await search.fill('');
    await poll(() => page.locator('.list-count').innerText()).toBe('10,000 profiles');
  });

  it('sorts by a column from the keyboard and moves between rows with the arrow keys', async () => {
    const { page } = app;
    const nameHeader = page.getByRole('columnheader', { name: /Name/ });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await nameHeader.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    await poll(() => firstName(page)).toBe(lastName);
    await page.keyboard.press('Enter');
    await poll(() => firstName(page)).toBe(firstSorted);

    const statusHeader = page.getByRole('columnheader', { name: /Status/ });
    await statusHeader.getByRole('button').click();
    expect(await statusHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await bodyRows(page).first().innerText()).toContain('Configured');
    await statusHeader.getByRole('button').click();
    await poll(() => bodyRows(page).first().innerText()).toContain('Not configured');
    await nameHeader.getByRole('button').click();

    // The list is one Tab stop; arrows, End and Home move between rows, rendering them as needed.
    await page.getByRole('button', { name: firstSorted, exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await poll(() => focusedText(page)).toBe(secondSorted);
    await page.keyboard.press('End');
    await poll(() => focusedText(page)).toBe(lastName);
    await page.keyboard.press('ArrowUp');
    await poll(() => focusedText(page)).not.toBe(lastName);
    await page.keyboard.press('Home');
    await poll(() => focusedText(page)).toBe(firstSorted);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: firstSorted }).waitFor();
  });
});
