import { adminToken, buildTable, call, type BrowserTable } from './support/api';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/env';
import { assign, closeSituation, decide, mobilize, signInAt, submitReferral } from './support/coordination';
import { database } from './support/database';
import { checkA11y, expect, loadAll, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 17, in each language: the administrator sets a table's dormancy periods (the retention and
 * its bounds shown; a close period not after the flag's refused, then saved); a coordinator sees a
 * dormant referral flagged in triage, and a situation whose retention ran out says its free texts
 * were erased. What only time makes (idle days, the purge) is set in the run's database: the jobs
 * themselves are tested in test/e2e/retention.e2e-spec.ts.
 */
const TEXT = {
  en: { dormant: 'Dormant', erased: 'were erased on', bounds: '30 to 3650' },
  fr: { dormant: 'Inactive', erased: 'ont été effacés le', bounds: 'de 30 à 3650' },
};

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`retention (${lang}): dormancy periods in the table's policy, the dormant flag, erased texts`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `D${lang.toUpperCase()}` });
    const admin = await adminToken();
    const tableName = (await call<{ name: string }>('PATCH', `/tables/${world.tableId}`, admin, { dormancyFlagDays: 60, dormancyCloseDays: 120 }, 200)).body.name;

    await signInAt(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, lang, '/admin/tables');
    // the new table's form shows the retention with its bounds, and the dormancy periods
    await expect(page.locator('#table-retention')).toHaveValue('365');
    await expect(page.locator('#table-retention-hint')).toContainText(text.bounds);
    await expect(page.locator('#table-dormancy-flag')).toHaveValue('60');
    await expect(page.locator('#table-dormancy-close')).toHaveValue('120');
    await loadAll(page, 'table-list', 'table-table');
    const row = page.getByTestId('table-table').locator('tr', { hasText: tableName });
    await row.getByTestId('table-edit-show').click();
    await expect(page.locator('#edit-dormancy-flag')).toHaveValue('60');
    await page.locator('#edit-dormancy-close').fill('50');
    await page.getByTestId('table-save').click();
    await expect(page.locator('#edit-dormancy-close-error')).not.toBeEmpty();
    await checkA11y(page, `admin table dormancy refused ${lang}`);
    await screenshot(page, 'retention-admin-refused', lang);
    await page.locator('#edit-dormancy-close').fill('90');
    await page.getByTestId('table-save').click();
    await expect(page.locator('#edit-dormancy-close')).toHaveCount(0);
    await expect(row).toContainText('90');
    await checkA11y(page, `admin tables with dormancy ${lang}`);
    await screenshot(page, 'retention-admin-tables', lang);
    await signOut(page);

    // A referral idle past the flag period (as the hourly job flags it), and a closed situation whose texts were erased.
    const idle = await submitReferral(world, 'police');
    const purged = await submitReferral(world, 'police');
    await decide(world, purged.id);
    await assign(world, purged.id);
    await mobilize(world, purged.id);
    await closeSituation(world, purged.id);
    await database(async (c) => {
      await c.query(`UPDATE situations SET last_activity_at = now() - interval '61 days', dormant_flagged_at = now() WHERE id = $1`, [idle.id]);
      await c.query(`UPDATE situations SET narrative = NULL, decision_rationale = NULL, texts_erased_at = now() WHERE id = $1`, [purged.id]);
    });

    await signInAt(page, world.coordinator, lang, '/triage');
    const item = page.locator(`[data-testid=triage-item][data-reference="${idle.reference}"]`);
    await expect(item.getByTestId('dormant-flag')).toContainText(text.dormant);
    await expect(item.getByTestId('dormant-notice')).toBeVisible();
    await checkA11y(page, `triage with a dormant referral ${lang}`);
    await screenshot(page, 'retention-triage-dormant', lang);
    await signOut(page);

    await signInAt(page, world.coordinator, lang, `/situations/${purged.id}`);
    await expect(page.getByTestId('texts-erased')).toContainText(text.erased);
    await checkA11y(page, `situation with erased texts ${lang}`);
    await screenshot(page, 'retention-situation-erased', lang);
  });
}
