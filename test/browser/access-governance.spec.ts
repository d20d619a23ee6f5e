import { adminToken, buildTable, call, login, unique, type BrowserTable } from './support/api';
import { signInAt } from './support/coordination';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/env';
import { checkA11y, expect, type Lang, loadAll, screenshot, signIn, signOut, test, nav } from './support/ui';

/**
 * Issue 17 §3, in each language: the administrator sees the privacy officer's removal request and
 * "no agreement published" on the table, publishes a confidentiality agreement (English and French)
 * and revokes the role the officer asked to remove; the coordinator, signing in, reads the agreement
 * in their language and accepts it before the table's screens; the privacy officer accepts it too,
 * then reviews the members: certifies a grant with a note and asks for the removal of another.
 */
const T = {
  en: {
    tables: 'Tables',
    review: 'Members and access review',
    none: /No agreement published/,
    current: /Version 1 published on/,
    text: 'We keep confidential what the table discusses; invented English text.',
    accept: 'I accept',
    certified: 'Certified',
    removalSent: /Removal requested: Rep health/,
    declined: /Request declined/,
  },
  fr: {
    tables: 'Tables',
    review: 'Membres et examen des accès',
    none: /Aucune entente publiée/,
    current: /Version 1 publiée le/,
    text: 'Nous gardons confidentiel ce dont la table discute; texte français inventé.'.replace(';', '\u202f;'),
    accept: "J'accepte",
    certified: 'Certifiée',
    removalSent: /Retrait demandé\u00a0: Rep health/,
    declined: /Demande refusée/,
  },
} as const;
const TEXT_EN = 'We keep confidential what the table discusses; invented English text.';

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`access governance (${lang}): agreement published and accepted, access review, removal requests`, async ({ page }) => {
    test.setTimeout(240_000);
    const t = T[lang];
    const world: BrowserTable = await buildTable({ code: `G${lang.toUpperCase()}` });
    const admin = await adminToken();
    const tableName = `Invented Governance Table ${unique(lang).slice(-6)}`;
    await call('PATCH', `/tables/${world.tableId}`, admin, { name: tableName }, 200);
    // the officer asks (through the API) for the removal of two grants: one the administrator revokes, one they decline
    const officer = await login(world.privacy.email, world.privacy.password);
    for (const rep of [world.reps.school, world.stranger])
      await call('POST', `/tables/${world.tableId}/access-review/removal-requests`, officer, { userId: rep.id, role: 'AGENCY_REP', reason: 'No longer attends the table.' }, 201);

    // The administrator: the table's governance
    await signIn(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, lang);
    await nav(page, t.tables);
    await loadAll(page, 'table-list', 'table-table');
    await page.getByTestId('table-table').locator('tr', { hasText: tableName }).getByTestId('table-members-show').click();
    const panel = page.getByTestId('table-members');
    await expect(panel.getByTestId('table-agreement-status')).toHaveText(t.none);
    const requests = panel.getByTestId('removal-request');
    await expect(requests).toHaveCount(2);
    await expect(panel.locator(`[data-testid=removal-request][data-user="${world.reps.school.id}"]`)).toContainText('No longer attends the table.');
    await checkA11y(page, `admin governance ${lang}`);
    await screenshot(page, 'admin-governance', lang);
    await panel.locator('#agreement-en').fill(TEXT_EN);
    await panel.locator('#agreement-fr').fill(T.fr.text);
    await panel.getByTestId('agreement-publish').click();
    await expect(panel.getByTestId('table-agreement-status')).toHaveText(t.current);
    await panel.locator(`[data-testid=removal-request][data-user="${world.reps.school.id}"]`).getByTestId('removal-revoke').click();
    await expect(requests).toHaveCount(1);
    await panel.locator(`[data-testid=removal-request][data-user="${world.stranger.id}"]`).getByTestId('removal-decline').click();
    await expect(panel.getByTestId('removal-requests')).toContainText(t.declined);
    await expect(requests).toHaveCount(0);
    await checkA11y(page, `admin governance after ${lang}`);
    await screenshot(page, 'admin-governance-published', lang);
    // the review period, on the table's settings
    await page.getByTestId('table-table').locator('tr', { hasText: tableName }).getByTestId('table-edit-show').click();
    await page.locator('#edit-access-review').fill('60');
    await page.getByTestId('table-save').click();
    await expect(page.getByTestId('table-edit-form')).toHaveCount(0);
    await signOut(page);

    // The coordinator: the agreement first, in their language, then the table's screens
    // (signed in at a screen of their own: after a sign-out the sign-in screen would return to the administrator's)
    await signInAt(page, world.coordinator, lang, '/triage');
    const gate = page.getByTestId('undertaking');
    await expect(gate).toBeVisible();
    await expect(page.getByTestId('undertaking-text')).toHaveText(lang === 'fr' ? T.fr.text : TEXT_EN);
    await expect(page.getByTestId('undertaking-text')).toHaveAttribute('lang', lang);
    await checkA11y(page, `undertaking ${lang}`);
    await screenshot(page, 'undertaking', lang);
    await page.getByRole('button', { name: t.accept }).click();
    await expect(gate).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: /Main navigation|Navigation principale/ })).toBeVisible();
    await signOut(page);

    // The privacy officer: accepts too, then reviews the members
    await signInAt(page, world.privacy, lang, '/audit');
    await page.getByRole('button', { name: t.accept }).click();
    await expect(page.getByTestId('undertaking')).toHaveCount(0);
    await nav(page, t.review);
    const grants = page.getByTestId('access-review-grant');
    await expect(grants.first()).toBeVisible();
    await expect(page.getByTestId('access-review-agreement')).toContainText('1');
    await expect(page.getByTestId('access-review-summary')).toContainText('60');
    // the revoked grant is gone, the declined one is still there
    await expect(page.locator(`[data-testid=access-review-grant][data-user="${world.reps.school.id}"]`)).toHaveCount(0);
    await expect(page.locator(`[data-testid=access-review-grant][data-user="${world.stranger.id}"]`)).toHaveCount(1);
    await checkA11y(page, `access review ${lang}`);
    const police = page.locator(`[data-testid=access-review-grant][data-user="${world.reps.police.id}"]`);
    await police.getByTestId('access-review-open').click();
    const review = page.getByTestId('access-review-panel');
    await review.locator('#ar-note').fill('Still attends every week.');
    await review.getByTestId('access-review-certify').click();
    await expect(police).toHaveAttribute('data-status', 'CERTIFIED');
    await expect(police).toContainText(t.certified);
    const health = page.locator(`[data-testid=access-review-grant][data-user="${world.reps.health.id}"]`);
    await health.getByTestId('access-review-open').click();
    await review.locator('#ar-reason').fill('Moved to another unit of the agency.');
    await checkA11y(page, `access review panel ${lang}`);
    await screenshot(page, 'access-review-panel', lang);
    await review.getByTestId('access-review-request-removal').click();
    await expect(page.getByRole('status').filter({ hasText: t.removalSent })).toBeVisible();
    await checkA11y(page, `access review done ${lang}`);
    await screenshot(page, 'access-review', lang);
  });
}
