import { adminToken, buildTable, call, type BrowserTable } from './support/api';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/env';
import { assign, closeSituation, decide, mobilize, signInAt, situationStatus, submitReferral } from './support/coordination';
import { checkA11y, expect, loadAll, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 16, in each language: the administrator sets a table's reopening period (refused out of
 * 0-365, then saved); a coordinator opens a closed situation's page, is refused a rationale too
 * short (in the page) and one with a phone number (the server's check), then reopens it with a
 * de-identified rationale: it is MOBILIZED again, as it was closed from, and the timeline keeps
 * the closure and shows the change.
 */
const TEXT = {
  en: { mobilized: 'Mobilized', reopen: 'Reopen the situation', closure: 'Closure' },
  fr: { mobilized: 'Intervention en cours', reopen: 'Rouvrir la situation', closure: 'Fermeture' },
};
const RATIONALE = {
  en: 'The housing placement fell through; the table resumes the intervention.',
  fr: "Le placement en logement n'a pas abouti\u202f; la table reprend l'intervention.",
};

/** The table's reopening period as the API lists it (every page of GET /tables, the administrator's). */
async function reopenLimitOf(admin: string, tableId: string): Promise<number | undefined> {
  let cursor: string | null = null;
  do {
    const page: { body: { items: { id: string; reopenLimitDays: number }[]; nextCursor: string | null } } = await call(
      'GET',
      `/tables?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      admin,
      undefined,
      200,
    );
    const found = page.body.items.find((x) => x.id === tableId);
    if (found) return found.reopenLimitDays;
    cursor = page.body.nextCursor;
  } while (cursor);
  return undefined;
}

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`reopen (${lang}): the reopening period in the table's policy, and a coordinator reopens a closed situation`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `R${lang.toUpperCase()}` });
    const admin = await adminToken();
    const tableName = (await call<{ name: string }>('PATCH', `/tables/${world.tableId}`, admin, { reopenLimitDays: 30 }, 200)).body.name;

    // The administrator edits the table's reopening period: out of bounds is refused, 45 is kept.
    await signInAt(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, lang, '/admin/tables');
    const row = page.getByTestId('table-table').locator('tr', { hasText: tableName });
    // every table of the run's database is listed, 20 at a time: load them all (the list first)
    await loadAll(page, 'table-list', 'table-table');
    await row.getByTestId('table-edit-show').click();
    await expect(page.locator('#edit-reopen')).toHaveValue('30');
    await page.locator('#edit-reopen').fill('400');
    await page.getByTestId('table-save').click();
    await expect(page.locator('#edit-reopen-error')).not.toBeEmpty();
    await page.locator('#edit-reopen').fill('45');
    await checkA11y(page, `admin table reopening period ${lang}`);
    await screenshot(page, 'reopen-admin-policy', lang);
    await page.getByTestId('table-save').click();
    await expect(page.locator('#edit-reopen')).toHaveCount(0);
    expect(await reopenLimitOf(admin, world.tableId)).toBe(45);
    await signOut(page);

    // A situation walked to CLOSED from MOBILIZED.
    const referral = await submitReferral(world, 'police');
    await decide(world, referral.id);
    await assign(world, referral.id);
    await mobilize(world, referral.id);
    await closeSituation(world, referral.id);

    await signInAt(page, world.coordinator, lang, `/situations/${referral.id}`);
    const section = page.getByTestId('reopen');
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(text.reopen);
    // too short: said in the page, nothing sent
    await section.locator('#reopen-rationale').fill('Too short.');
    await section.getByTestId('reopen-submit').click();
    await expect(section.locator('#reopen-rationale-short')).toBeVisible();
    await expect(section.locator('#reopen-rationale')).toBeFocused();
    expect(await situationStatus(world, referral.id)).toBe('CLOSED');
    // identifying: the server refuses it (422), the text stays for correction
    await section.locator('#reopen-rationale').fill('Reopened: she called again from 416-555-0199 last night.');
    await section.getByTestId('reopen-submit').click();
    await expect(section.locator('#reopen-rationale-error')).not.toBeEmpty();
    await expect(section.locator('#reopen-rationale')).toHaveValue(/416-555-0199/);
    expect(await situationStatus(world, referral.id)).toBe('CLOSED');
    await checkA11y(page, `reopen form with an error ${lang}`);
    await screenshot(page, 'reopen-refused', lang);

    await section.locator('#reopen-rationale').fill(RATIONALE[lang]);
    await section.getByTestId('reopen-submit').click();
    await expect(page.getByTestId('situation-status')).toContainText(text.mobilized);
    await expect(page.getByTestId('reopen')).toHaveCount(0);
    await expect(page.getByTestId('reopen-done')).toContainText(text.mobilized);
    expect(await situationStatus(world, referral.id)).toBe('MOBILIZED');
    const timeline = page.getByTestId('timeline');
    await expect(timeline.locator('li[data-kind=CLOSURE]')).toContainText(text.closure);
    const reopening = timeline.locator('li[data-kind=REOPENING]');
    await expect(reopening).toContainText(text.mobilized);
    await expect(reopening).toContainText(RATIONALE[lang]);
    await checkA11y(page, `situation reopened ${lang}`);
    await screenshot(page, 'reopen-done', lang);
  });
}
