import { adminToken, call, login, unique } from './support/api';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD, TEMPORARY_PASSWORD } from './support/env';
import { checkA11y, expect, type Lang, loadAll, screenshot, signIn, signOut, test, nav, selectByText } from './support/ui';

/**
 * The administrator's screens, in English and in French: the administrator sets up agencies, a
 * table and users entirely in the browser (a new user then has to choose a password).
 *
 * The lists are the whole server's, newest last: each step loads them to the end, and axe and the
 * screenshots read every row loaded. This file's name puts it among the first the runner starts,
 * while the suite's shared database holds a few tables only (run late, with hundreds of rows per
 * list, it took four times as long); it asserts the same on a database of any size.
 */

const T = {
  en: {
    agencies: 'Agencies',
    tables: 'Tables',
    users: 'Users and roles',
    password: 'Choose your password',
    savePassword: 'Save the password',
    deactivated: 'Deactivated',
    mustChange: 'must choose a password',
    moreToLoad: 'More remain to be loaded',
    rep: 'Agency representative',
    officer: 'Privacy officer',
  },
  fr: {
    agencies: 'Organismes',
    tables: 'Tables',
    users: 'Utilisateurs et rôles',
    password: 'Choisissez votre mot de passe',
    savePassword: 'Enregistrer le mot de passe',
    deactivated: 'Désactivé',
    mustChange: 'doit choisir un mot de passe',
    moreToLoad: "D'autres restent à charger",
    rep: "Représentant ou représentante d'organisme",
    officer: 'Responsable de la protection de la vie privée',
  },
} as const;

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(`administration (${lang})`, () => {
    test('the bootstrap administrator sets up two agencies, a table and users with roles; a new user must choose a password', async ({ page }) => {
      test.setTimeout(180_000);
      const t = T[lang];
      const suffix = unique(lang).slice(-6);
      const agencyA = `Invented Youth Services ${suffix}`;
      const agencyB = `Invented Family Clinic ${suffix}`;
      const tableName = `Invented North Table ${suffix}`;
      const repEmail = `${unique(`rep-${lang}`)}@example.test`;
      const poEmail = `${unique(`po-${lang}`)}@example.test`;
      const leaverEmail = `${unique(`leaver-${lang}`)}@example.test`;

      // More agencies than a page of the list (20), so that the list pages
      const admin = await adminToken();
      for (let i = 0; i < 21; i++) await call('POST', '/agencies', admin, { name: `Invented Filler ${suffix} ${i}`, sector: 'OTHER' }, 201);

      await signIn(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, lang);
      await expect(page).toHaveURL(/\/admin$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.agencies);
      // The list shows a page with its count, and loads the next pages on demand
      await expect(page.getByTestId('agency-table').locator('tbody tr')).toHaveCount(20);
      await expect(page.getByTestId('agency-list-count')).toContainText('20');
      await expect(page.getByTestId('agency-list-count')).toContainText(t.moreToLoad);
      await page.getByTestId('agency-list-more').click();
      await expect(page.getByTestId('agency-table').locator('tbody tr')).not.toHaveCount(20);

      // Two agencies
      for (const [name, sector] of [
        [agencyA, 'COMMUNITY_YOUTH_SERVICES'],
        [agencyB, 'HEALTH'],
      ] as const) {
        await page.locator('#agency-name').fill(name);
        await page.locator('#agency-sector').selectOption(sector);
        await page.getByTestId('agency-create').click();
        await expect(page.locator('section[aria-labelledby=agency-new] [role=status]')).toContainText(name);
        await loadAll(page, 'agency-list', 'agency-table');
        await expect(page.getByTestId('agency-table')).toContainText(name);
      }
      // A missing sector is announced next to the form, in the language
      await page.locator('#agency-name').fill(`Incomplete ${suffix}`);
      await page.getByTestId('agency-create').click();
      await expect(page.getByTestId('error-summary')).toHaveAttribute('data-status', '400');
      await checkA11y(page, `admin agencies ${lang}`);
      await screenshot(page, 'admin-agencies', lang);

      // A table with its policy, time zone and retention
      await nav(page, t.tables);
      await page.locator('#table-name').fill(tableName);
      await page.locator('#table-code').fill('NORTH');
      await page.locator('#table-tz').selectOption('America/Winnipeg');
      await page.locator('#table-retention').fill('45');
      await page.locator('#table-deferral').fill('21');
      await page.locator('#table-new-minRiskFactors').fill('4');
      await page.getByTestId('table-create').click();
      await expect(page.locator('section[aria-labelledby=table-new] [role=status]')).toContainText(tableName);
      await loadAll(page, 'table-list', 'table-table');
      const row = page.getByTestId('table-table').locator('tr', { hasText: tableName });
      await expect(row).toContainText('America/Winnipeg');
      await expect(row).toContainText('45');
      await expect(row).toContainText(lang === 'fr' ? /facteurs de risque\s*:\s*4\b/ : '4 risk factors');
      // Edit its policy
      await row.getByTestId('table-edit-show').click();
      // the policy's four number inputs stand on one line
      const tops = await Promise.all(['minRiskFactors', 'minCategories', 'minSectors', 'minConfirmed'].map(async (f) => (await page.locator(`#table-edit-${f}`).boundingBox())!.y));
      expect(new Set(tops).size).toBe(1);
      await expect(page.locator('#edit-deferral')).toHaveValue('21');
      await page.locator('#table-edit-minSectors').fill('3');
      await page.getByTestId('table-save').click();
      await expect(row).toContainText(lang === 'fr' ? /secteurs\s*:\s*3\b/ : '3 sectors');
      // Both agencies become members
      for (const agency of [agencyA, agencyB]) {
        await selectByText(page, '#member-table', tableName);
        await selectByText(page, '#member-agency', agency);
        await page.getByTestId('member-add').click();
        await expect(page.locator('section[aria-labelledby=member-new] [role=status]')).toContainText(agency);
      }
      await checkA11y(page, `admin tables ${lang}`);
      await screenshot(page, 'admin-tables', lang);

      // Users with temporary passwords, and their roles
      await nav(page, t.users);
      const users = [
        { email: repEmail, name: `Rep ${suffix}`, agency: agencyA, role: 'AGENCY_REP' },
        { email: poEmail, name: `Officer ${suffix}`, agency: agencyB, role: 'PRIVACY_OFFICER' },
        { email: leaverEmail, name: `Leaver ${suffix}`, agency: agencyB, role: 'AGENCY_REP' },
      ];
      for (const u of users) {
        await page.locator('#user-email').fill(u.email);
        await page.locator('#user-name').fill(u.name);
        await selectByText(page, '#user-agency', u.agency);
        await page.locator('#user-password').fill(TEMPORARY_PASSWORD);
        await page.getByTestId('user-create').click();
        await expect(page.locator('section[aria-labelledby=user-new] [role=status]')).toContainText(u.name);
        await loadAll(page, 'user-list', 'user-table');
        await expect(page.locator(`[data-testid=user-row][data-email="${u.email}"]`)).toContainText(t.mustChange);
        await selectByText(page, '#role-user', u.name);
        await selectByText(page, '#role-table', tableName);
        await page.locator('#role-role').selectOption(u.role);
        await page.getByTestId('role-grant').click();
        await loadAll(page, 'user-list', 'user-table');
        await expect(page.locator(`[data-testid=user-row][data-email="${u.email}"]`)).toContainText(tableName);
      }
      // The same email address again: a conflict said in the form's words; what was typed stays
      await page.locator('#user-email').fill(repEmail);
      await page.locator('#user-name').fill(`Twin ${suffix}`);
      await selectByText(page, '#user-agency', agencyA);
      await page.locator('#user-password').fill(TEMPORARY_PASSWORD);
      await page.getByTestId('user-create').click();
      const conflict = page.locator('section[aria-labelledby=user-new] [data-testid=error-summary]');
      await expect(conflict).toHaveAttribute('data-status', '409');
      await expect(conflict).toHaveText(lang === 'fr' ? 'Un compte utilise déjà cette adresse courriel.' : 'An account already uses this email address.');
      await expect(conflict).toBeFocused();
      await expect(page.locator('#user-email')).toHaveValue(repEmail);
      await expect(page.locator('#user-name')).toHaveValue(`Twin ${suffix}`);
      await checkA11y(page, `admin users conflict ${lang}`);
      await page.locator('#user-email').fill('');
      await page.locator('#user-name').fill('');
      await page.locator('#user-password').fill('');

      // Revoke the leaver's role, then deactivate the account
      const leaver = page.locator(`[data-testid=user-row][data-email="${leaverEmail}"]`);
      await leaver.getByRole('button', { name: new RegExp(lang === 'fr' ? 'Retirer' : 'Revoke') }).click();
      await expect(leaver).not.toContainText(tableName);
      await leaver.getByTestId('user-deactivate').click();
      await leaver.getByTestId('user-deactivate-confirm').click();
      await expect(leaver).toContainText(t.deactivated);
      await checkA11y(page, `admin users ${lang}`);
      await screenshot(page, 'admin-users', lang);

      // The table's members: its agencies, and its users with their roles (the leaver's role is gone); revoke the officer's role from there
      await nav(page, t.tables);
      await loadAll(page, 'table-list', 'table-table');
      await page.getByTestId('table-table').locator('tr', { hasText: tableName }).getByTestId('table-members-show').click();
      const panel = page.getByTestId('table-members');
      await expect(panel.getByRole('heading', { level: 2 })).toContainText(tableName);
      await expect(panel.getByTestId('table-member-agencies').locator('tbody tr')).toHaveCount(2);
      await expect(panel.getByTestId('table-member-agencies')).toContainText(agencyA);
      await expect(panel.getByTestId('table-member-agencies')).toContainText(agencyB);
      const grants = panel.getByTestId('table-grants');
      await expect(grants.locator('tbody tr')).toHaveCount(2);
      await expect(grants.locator(`[data-email="${repEmail}"]`)).toContainText(t.rep);
      await expect(grants.locator(`[data-email="${poEmail}"]`)).toContainText(t.officer);
      await expect(grants.locator(`[data-email="${poEmail}"]`)).toContainText(agencyB);
      await expect(grants).not.toContainText(leaverEmail);
      await checkA11y(page, `admin table members ${lang}`);
      await screenshot(page, 'admin-table-members', lang);
      await grants
        .locator(`[data-email="${poEmail}"]`)
        .getByRole('button', { name: new RegExp(lang === 'fr' ? 'Retirer' : 'Revoke') })
        .click();
      await expect(grants.locator(`[data-email="${poEmail}"]`)).toHaveCount(0);
      await expect(panel.locator('[role=status]').first()).toContainText(`Officer ${suffix}`);

      // What the browser did is what the server holds
      // every page of users (the browser suites share one database: there may be many more than a page)
      type Listed = { email: string; active: boolean; roles: { role: string }[] };
      type ListPage = { items: Listed[]; nextCursor: string | null };
      const everyone: Listed[] = [];
      let cursor: string | null = null;
      do {
        const next: { body: ListPage } = await call<ListPage>('GET', `/users?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, admin, undefined, 200);
        everyone.push(...next.body.items);
        cursor = next.body.nextCursor;
      } while (cursor);
      const byEmail = (e: string) => everyone.find((u) => u.email === e)!;
      expect(byEmail(repEmail).roles.map((r) => r.role)).toEqual(['AGENCY_REP']);
      expect(byEmail(poEmail).roles).toEqual([]);
      expect(byEmail(leaverEmail)).toMatchObject({ active: false, roles: [] });
      expect((await call('POST', '/auth/login', undefined, { email: leaverEmail, password: TEMPORARY_PASSWORD })).status).toBe(401);
      await signOut(page);

      // The new representative signs in with the temporary password and must choose their own
      await signIn(page, { email: repEmail, password: TEMPORARY_PASSWORD }, lang);
      await expect(page).toHaveURL(/\/password$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.password);
      await page.locator('#pw-current').fill(TEMPORARY_PASSWORD);
      await page.locator('#pw-new').fill(`${PASSWORD}-${suffix}`);
      await page.locator('#pw-confirm').fill(`${PASSWORD}-${suffix}`);
      await page.getByRole('button', { name: t.savePassword }).click();
      await expect(page).toHaveURL(/\/situations$/);
      await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(t.password);
      await signOut(page);
      expect(await login(repEmail, `${PASSWORD}-${suffix}`)).toBeTruthy();
    });
  });
}
