import type { AxeResults } from 'axe-core';
import { expect, test as base, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl } from './env';

export type Lang = 'en' | 'fr';

/** The browser's locale for each language: French runs see dates and numbers in inputs as a French user does. */
export const LOCALE: Record<Lang, string> = { en: 'en-CA', fr: 'fr-CA' };

/** The language a test runs in: the specs name it in a title, "(fr)" or "(en)" (the config's locale otherwise). */
const langOf = (titles: string[]): Lang | null => {
  const m = /\((en|fr)\)/.exec(titles.join(' '));
  return m ? (m[1] as Lang) : null;
};

/**
 * Playwright's `test` with the server the global setup started as baseURL, and the browser
 * context's locale of the language the test names in its title (fr-CA for "(fr)": navigator.language,
 * Intl, Accept-Language; date inputs follow their lang, see playwright.config.ts). Fill date inputs
 * with ISO values (`fill('2026-03-14')`), which do not depend on the locale. openApp checks the
 * context and the app agree.
 */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none here
  baseURL: async ({}, use) => {
    await use(baseUrl());
  },
  locale: async ({ locale }, use, testInfo) => {
    const lang = langOf(testInfo.titlePath);
    await use(lang ? LOCALE[lang] : locale);
  },
});
export { expect };

export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

/** Opens the app in `lang` (the language choice is the only thing the app keeps in storage). */
export async function openApp(page: Page, lang: Lang, path = '/'): Promise<void> {
  await page.addInitScript((l) => {
    if (!localStorage.getItem('st.lang')) localStorage.setItem('st.lang', l);
  }, lang);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  // the browser speaks the app's language too (the test fixture's locale; a context of your own: pass LOCALE[lang])
  if (lang === 'fr') expect(await page.evaluate(() => navigator.language)).toBe(LOCALE.fr);
}

/**
 * Signs in through the sign-in screen; waits until the screen after it is shown. With `path`, opens
 * that screen first (the app asks to sign in, then returns there): the token lives in the page's
 * memory only, so a `page.goto` after signing in signs out; move with clicks, or sign in at `path`.
 */
export async function signIn(page: Page, user: { email: string; password: string }, lang: Lang = 'en', path = '/signin'): Promise<void> {
  await openApp(page, lang, path);
  await expect(page.locator('#signin-email')).toBeVisible();
  await page.locator('#signin-email').fill(user.email);
  await page.locator('#signin-password').fill(user.password);
  await page.locator('form button[type=submit]').click();
  await expect(page.getByTestId('sign-out')).toBeVisible();
  // the first screen has landed (the root redirects to it at once: the roles come with the sign-in)
  await expect(page).not.toHaveURL(/\/(signin)?$/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await expect(page.locator('#signin-email')).toBeVisible();
}

/** axe-core's own build, read once per worker. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core with the WCAG 2.0/2.1 A and AA rules: fails on any violation, naming each. axe.run runs in
 * the page itself (the app has no frames), axe-core evaluated once per document: the app is one page,
 * so a test's checks share it. AxeBuilder evaluated its 500 kB twice a check, a third of the check's
 * time (about 150 ms each against 400-600 ms for the run, measured in this Chromium); its default mode
 * also opened a blank page for every check to merge the results of cross-origin frames.
 */
export async function checkA11y(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, WCAG_AA);
  expect(violations, `axe violations on ${name}`).toEqual([]);
}

/** A full-page screenshot in test/browser/screenshots/<name>.<lang>.png (git-ignored). */
export async function screenshot(page: Page, name: string, lang: Lang): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.${lang}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Everything the page's origin keeps: localStorage, sessionStorage, Cache Storage, cookies, URL. */
export async function browserStorage(page: Page): Promise<{ local: Record<string, string>; session: Record<string, string>; caches: string[]; cookies: string; url: string }> {
  const inPage = await page.evaluate(async () => {
    const dump = (s: Storage) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)!).map((k) => [k, s.getItem(k) ?? '']));
    const caches: string[] = [];
    if ('caches' in self) {
      for (const name of await self.caches.keys()) {
        const cache = await self.caches.open(name);
        for (const req of await cache.keys()) {
          const res = await cache.match(req);
          caches.push(`${req.url} ${res ? await res.text() : ''}`);
        }
      }
    }
    return { local: dump(localStorage), session: dump(sessionStorage), caches, cookies: document.cookie };
  });
  return { ...inPage, url: page.url() };
}

/** Fails when `needle` appears anywhere in the browser's storage or the URL. */
export async function expectNotStored(page: Page, needles: string[]): Promise<void> {
  const stored = JSON.stringify(await browserStorage(page));
  for (const n of needles) expect(stored.includes(n), `"${n.slice(0, 12)}…" found in browser storage or URL`).toBe(false);
}

/**
 * Makes the page say its tab is hidden (or visible again): `document.visibilityState` and the
 * `visibilitychange` event, which is what the app's polling (TanStack Query's focus manager) reads.
 */
export async function setTabHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** Clicks "Load more" under a paged list until the server has no more; each click adds rows. */
export async function loadAll(page: Page, list: string, table: string): Promise<void> {
  const more = page.getByTestId(`${list}-more`);
  const rows = page.getByTestId(table).locator('tbody tr');
  await expect(page.getByTestId(`${list}-count`)).not.toHaveText('');
  while (await more.isVisible()) {
    const before = await rows.count();
    await more.click();
    await expect(rows).not.toHaveCount(before);
  }
  // the count said is the number of rows shown
  await expect.poll(async () => Number((await page.getByTestId(`${list}-count`).textContent())?.match(/\d+/)?.[0]) === (await rows.count())).toBe(true);
}

/** Follows a link of the main navigation, and waits for its page's heading. */
export async function nav(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: /Main navigation|Navigation principale/ })
    .getByRole('link', { name, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Picks the option whose label contains `text` (labels are localised; values are ids). */
export async function selectByText(page: Page, selector: string, text: string): Promise<void> {
  const value = await page.locator(`${selector} option`, { hasText: text }).first().getAttribute('value');
  expect(value, `option "${text}" in ${selector}`).toBeTruthy();
  await page.locator(selector).selectOption(value!);
}
