import type { Page } from '@playwright/test';
import { adminToken, buildTable, call, grant, unique, type BrowserTable } from './support/api';
import { submitReferral, tokenOf, MEETS, type Submitted } from './support/coordination';
import { checkA11y, expect, screenshot, signIn, test, type Lang } from './support/ui';

/**
 * "Go to reference" in the header (issue #16), in English and in French: an agency representative
 * and a coordinator type a situation's reference (any case) and land on its page; a coordinator who
 * sits at two tables lands on a situation of the other one (the table follows); a reference that
 * names nothing in the user's tables, and a malformed one, are said next to the field. axe on each
 * state, screenshots.
 */
const T = {
  en: { label: 'Go to reference', go: 'Go', notFound: 'No situation with this reference in your tables.', malformed: "Enter a situation's reference, such as PEEL-2026-0012." },
  fr: {
    label: 'Aller au numéro de dossier',
    go: 'Ouvrir',
    notFound: 'Aucune situation ne porte ce numéro de dossier dans vos tables.',
    malformed: "Entrez le numéro de dossier d'une situation, par exemple PEEL-2026-0012.",
  },
} as const;

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(`go to reference (${lang})`, () => {
    let world: BrowserTable;
    let here: Submitted;
    let elsewhere: Submitted;
    let otherTableId: string;

    test.beforeAll(async () => {
      world = await buildTable({ code: lang === 'en' ? 'PEEL' : 'LAVAL' });
      here = await submitReferral(world);
      // a second table (another code) where the coordinator sits too, with a situation of its own
      const admin = await adminToken();
      const other = await call<{ id: string }>('POST', '/tables', admin, { name: unique('Second table'), code: lang === 'en' ? 'HALTON' : 'LONGUEUIL' }, 201);
      for (const agency of [world.agencies.police, world.agencies.health]) await call('POST', `/tables/${other.body.id}/agencies`, admin, { agencyId: agency.id }, 201);
      otherTableId = other.body.id;
      await grant(admin, other.body.id, world.coordinator.id, 'COORDINATOR');
      await grant(admin, other.body.id, world.reps.police.id, 'AGENCY_REP');
      const res = await call<Submitted>('POST', `/tables/${other.body.id}/situations`, await tokenOf(world.reps.police), MEETS, 201);
      elsewhere = { id: res.body.id, reference: res.body.reference };
    });

    const field = (page: Page) => page.getByRole('search').getByLabel(T[lang].label);
    /** Signed in and on the first screen (the redirects after sign-in done), then the field is used. */
    const signInAndSettle = async (page: Page, user: Parameters<typeof signIn>[1]) => {
      await signIn(page, user, lang);
      await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toBeVisible();
    };
    /** Types a reference and submits it with Enter, once the field holds it. */
    const submit = async (page: Page, text: string) => {
      await field(page).fill(text);
      await expect(field(page)).toHaveValue(text);
      await field(page).press('Enter');
    };

    test('an agency representative opens a situation by its reference, in lower case', async ({ page }) => {
      await signIn(page, world.reps.housing, lang);
      await expect(field(page)).toBeVisible();
      await checkA11y(page, `header with the reference field ${lang}`);
      await field(page).fill(here.reference.toLowerCase());
      await page.getByRole('search').getByRole('button', { name: T[lang].go }).click();
      await expect(page).toHaveURL(new RegExp(`/situations/${here.id}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Situation ${here.reference}`);
      await expect(field(page)).toHaveValue('');
      await checkA11y(page, `situation opened by reference ${lang}`);
      await screenshot(page, 'reference-lookup-opened', lang);
    });

    test("says so next to the field when the reference names nothing in the user's tables, or is not a reference", async ({ page }) => {
      await signInAndSettle(page, world.reps.housing);
      // a real reference, but of a table the housing representative does not sit at
      await submit(page, elsewhere.reference);
      const message = page.getByTestId('reference-lookup-message');
      // a busy shared server (the full suite): the look-up may take longer than the default
      await expect(message).toHaveText(T[lang].notFound, { timeout: 20_000 });
      await expect(message).toHaveAttribute('role', 'alert');
      await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
      await expect(field(page)).toHaveAttribute('aria-describedby', 'reference-lookup-message');
      await checkA11y(page, `reference not found ${lang}`);
      await screenshot(page, 'reference-lookup-not-found', lang);
      await submit(page, `${world.code}-1999-0001`);
      await expect(message).toHaveText(T[lang].notFound);
      await submit(page, 'hello');
      await expect(message).toHaveText(T[lang].malformed);
      // the screen stays where it was
      await expect(page).toHaveURL(/\/situations$/);
    });

    test('a coordinator at two tables lands on a situation of the other table, which becomes the current one', async ({ page }) => {
      await signIn(page, world.coordinator, lang);
      // the landing screen first: the sign-in's own navigation must not land after the look-up's
      await expect(page).toHaveURL(/\/triage$/);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const table = page.locator('.st-table-select select');
      for (const [s, tableId] of [
        [here, world.tableId],
        [elsewhere, otherTableId],
      ] as const) {
        await field(page).fill(s.reference);
        await field(page).press('Enter');
        // a busy shared server (the full suite): the look-up and the page may take longer than the default
        await expect(page).toHaveURL(new RegExp(`/situations/${s.id}$`), { timeout: 20_000 });
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Situation ${s.reference}`);
        await expect(table).toHaveValue(tableId);
      }
      await expect(page.getByTestId('situation-status')).toBeVisible();
      await checkA11y(page, `situation of the other table opened by reference ${lang}`);
      await screenshot(page, 'reference-lookup-other-table', lang);
    });
  });
}
