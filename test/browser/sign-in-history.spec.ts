import { adminToken, call, createUser, grant, type BrowserTable, type BrowserUser, buildTable } from './support/api';
import { assign, decide, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, screenshot, signIn, test, type Lang, nav } from './support/ui';

/**
 * Issue 17, section 3: the privacy officer's sign-in history of the table's users, names beside
 * the ids, and the agency and purpose filters of the audit explorer and the access log, in English
 * and in French.
 */
const T = {
  en: {
    signIns: 'Sign-in history',
    accessLog: 'Access logs',
    audit: 'Audit explorer',
    refused: 'Sign-in refused',
    wrong: 'wrong password',
    deactivated: 'Account deactivated',
    byAdmin: '(administrator)',
  },
  fr: {
    signIns: 'Historique des connexions',
    accessLog: "Journaux d'accès",
    audit: 'Explorateur de la piste de vérification',
    refused: 'Connexion refusée',
    wrong: 'mot de passe erroné',
    deactivated: 'Compte désactivé',
    byAdmin: '(administration)',
  },
} as const;

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(`sign-in history and the officer's filters (${lang})`, () => {
    let world: BrowserTable;
    let leaver: BrowserUser;
    let situationId: string;
    test.beforeAll(async () => {
      test.setTimeout(120_000);
      world = await buildTable();
      const admin = await adminToken();
      // two refused sign-ins of the school's representative
      for (let i = 0; i < 2; i++) await call('POST', '/auth/login', undefined, { email: world.reps.school.email, password: 'not-the-password-at-all' }, 401);
      // a member deactivated by the administrator
      leaver = await createUser(admin, world.agencies.police.id, { displayName: `Leaver ${lang}`, prefix: 'leaver' });
      await grant(admin, world.tableId, leaver.id, 'AGENCY_REP');
      await call('PATCH', `/users/${leaver.id}`, admin, { active: false }, 200);
      // an identity read for a home visit by the lead agency's representative, one for safety planning by the originating agency's
      const s = await submitReferral(world);
      situationId = s.id;
      await decide(world, s.id);
      await assign(world, s.id);
      await call('PUT', `/situations/${s.id}/identity`, await tokenOf(world.reps.police), { givenName: 'Philippa', familyName: 'Marchbanks', legalAuthority: 'MFIPPA_S32_H' }, 204);
      await call('GET', `/situations/${s.id}/identity?purposeCode=HOME_VISIT`, await tokenOf(world.reps.housing), undefined, 200);
      await call('GET', `/situations/${s.id}/identity?purposeCode=SAFETY_PLANNING`, await tokenOf(world.reps.police), undefined, 200);
    });

    test("the officer reads the table's sign-in history by user and event, with names and no e-mail", async ({ page }) => {
      test.setTimeout(120_000);
      const t = T[lang];
      await signIn(page, world.privacy, lang);
      await expect(page).toHaveURL(/\/audit$/);
      await nav(page, t.signIns);
      const rows = page.getByTestId('sign-in-results').locator('tbody tr');
      await expect(rows.first()).toBeVisible();
      await expect(page.getByTestId('sign-in-results')).not.toContainText('@example.test');
      await checkA11y(page, `sign-in history ${lang}`);
      await screenshot(page, 'sign-in-history', lang);

      const school = await page
        .locator('#sign-in-user option', { hasText: `Rep school (${world.agencies.school.name})` })
        .first()
        .getAttribute('value');
      await page.locator('#sign-in-user').selectOption(school!);
      await page.locator('#sign-in-kind').selectOption('SIGN_IN_FAILED');
      await page.getByTestId('sign-in-search').click();
      await expect(rows).toHaveCount(2);
      for (const row of await rows.all()) {
        await expect(row).toHaveAttribute('data-kind', 'SIGN_IN_FAILED');
        await expect(row).toContainText('Rep school');
        await expect(row).toContainText(world.agencies.school.name);
        await expect(row).toContainText(t.refused);
        await expect(row).toContainText(t.wrong);
      }
      await checkA11y(page, `sign-in history filtered ${lang}`);
      await screenshot(page, 'sign-in-history-refused', lang);

      await page.locator('#sign-in-user').selectOption(leaver.id);
      await page.locator('#sign-in-kind').selectOption('DEACTIVATED');
      await page.getByTestId('sign-in-search').click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(`Leaver ${lang}`);
      await expect(rows.first()).toContainText(t.deactivated);
      await expect(rows.first()).toContainText(t.byAdmin);
    });

    test('the officer filters the audit explorer and the access log by purpose and agency, and sees names', async ({ page }) => {
      test.setTimeout(120_000);
      const t = T[lang];
      await signIn(page, world.privacy, lang);
      await expect(page).toHaveURL(/\/audit$/);
      await page.locator('#audit-purpose').selectOption('HOME_VISIT');
      await page.getByTestId('audit-search').click();
      const results = page.getByTestId('audit-results').locator('tbody tr');
      await expect(results).toHaveCount(1);
      await expect(results.first()).toContainText('Rep housing');
      await expect(results.first()).toContainText(world.agencies.housing.name);
      await checkA11y(page, `audit explorer by purpose ${lang}`);
      await screenshot(page, 'audit-explorer-purpose', lang);

      await nav(page, t.accessLog);
      await page.locator('#access-situation').selectOption(situationId);
      await page.locator('#access-agency').selectOption(world.agencies.police.id);
      await page.locator('#access-purpose').selectOption('SAFETY_PLANNING');
      await page.getByTestId('access-log-show').click();
      const log = page.getByTestId('access-log').locator('tbody tr');
      await expect(log).toHaveCount(1);
      await expect(log.first()).toContainText('Rep police');
      await expect(log.first()).toContainText(world.agencies.police.name);
      await expect(page.getByTestId('access-log')).not.toContainText('Marchbanks');
      await checkA11y(page, `access log by agency and purpose ${lang}`);
      await screenshot(page, 'audit-access-log-filtered', lang);
    });
  });
}
