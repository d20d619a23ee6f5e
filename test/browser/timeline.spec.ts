import { buildTable, call, login, type BrowserTable } from './support/api';
import { MEETS } from './support/coordination';
import { checkA11y, expect, screenshot, signIn, signOut, test, type Lang } from './support/ui';

/**
 * A situation's full timeline (GET /situations/:id/timeline) on its page, in English and in French:
 * every step with the acting agency and a localised time, the assignment's time, every status
 * update with its note, "Load more" past the first page of 50. And "My identity reads": after
 * reading an identity, the read is listed there (with the situation's reference and the purpose);
 * another user's list does not show it. Every screen: axe (0 violations) and a screenshot.
 */
const IDENTITY = { givenName: 'Zephyrine', familyName: 'Quillfeather', dateOfBirth: '1987-03-14', legalAuthority: 'MFIPPA_S32_H' };
const UPDATES = 50;
const T = {
  en: {
    more: 'Load more',
    read: 'Show the identity',
    myReads: 'My identity reads',
    kinds: ['Referral submitted', 'Decision', 'Assignment', 'Mobilization', 'Status update'],
    time: /(a\.m\.|p\.m\.|AM|PM)/i,
    homeVisit: 'Home visit',
    none: 'You have not asked for any identity.',
  },
  fr: {
    more: 'Afficher la suite',
    read: "Afficher l'identité",
    myReads: "Mes consultations d'identité",
    kinds: ["Demande d'intervention soumise", 'Décision', 'Attribution', 'Intervention', 'Mise à jour'],
    time: /\d{1,2} h \d{2}/,
    homeVisit: 'Visite à domicile',
    none: "Vous n'avez demandé aucune identité.",
  },
} as const;

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(`situation timeline and my identity reads (${lang})`, () => {
    let world: BrowserTable;
    let situation: { id: string; reference: string };
    test.beforeAll(async () => {
      test.setTimeout(120_000);
      world = await buildTable();
      const police = await login(world.reps.police.email);
      const coordinator = await login(world.coordinator.email);
      const housing = await login(world.reps.housing.email);
      const health = await login(world.reps.health.email);
      const created = await call<{ id: string; reference: string }>('POST', `/tables/${world.tableId}/situations`, police, MEETS, 201);
      situation = created.body;
      await call('POST', `/situations/${situation.id}/decision`, coordinator, { outcome: 'AER', rationale: 'The table agreed the risk is acutely elevated today.' }, 200);
      await call('POST', `/situations/${situation.id}/assignment`, coordinator, { leadAgencyId: world.agencies.housing.id, assistingAgencyIds: [world.agencies.health.id] }, 200);
      await call('PUT', `/situations/${situation.id}/identity`, police, IDENTITY, 204);
      await call('POST', `/situations/${situation.id}/mobilization`, housing, { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] }, 200);
      for (let i = 1; i <= UPDATES; i++) {
        await call('POST', `/situations/${situation.id}/updates`, i % 2 ? housing : health, { note: `Follow-up number ${i}: contact kept, plan on track.` }, 201);
      }
    });

    test('the situation page shows the whole timeline: who and when for every step, every update, more on demand', async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, world.reps.school, lang, `/situations/${situation.id}`);
      const timeline = page.getByTestId('timeline');
      await expect(timeline.locator('li')).toHaveCount(50);
      const items = timeline.locator('li');
      // intake, decision, assignment, mobilisation, then the updates: each with its kind, agency and localised time
      for (const [i, kind] of T[lang].kinds.entries()) await expect(items.nth(i).locator('.st-timeline__kind')).toHaveText(kind);
      await expect(items.nth(0)).toContainText(world.agencies.police.name);
      await expect(items.nth(1)).toContainText(world.agencies.health.name); // the coordinator's agency
      await expect(items.nth(1).locator('blockquote')).toHaveText('The table agreed the risk is acutely elevated today.');
      const assignment = timeline.locator('li[data-kind=ASSIGNMENT]');
      await expect(assignment).toContainText(world.agencies.housing.name);
      await expect(assignment).toContainText(world.agencies.health.name);
      await expect(assignment.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
      await expect(assignment.locator('time')).toHaveText(T[lang].time);
      await expect(items.nth(4).locator('blockquote')).toHaveText('Follow-up number 1: contact kept, plan on track.');
      await expect(items.nth(4)).toContainText(world.agencies.housing.name);
      await expect(items.nth(5)).toContainText(world.agencies.health.name);
      await expect(timeline).not.toContainText('Follow-up number 47:');
      await checkA11y(page, `situation timeline ${lang}`);
      await screenshot(page, 'situation-timeline', lang);

      await page.getByRole('button', { name: T[lang].more }).click();
      await expect(items).toHaveCount(4 + UPDATES);
      await expect(items.last().locator('blockquote')).toHaveText(`Follow-up number ${UPDATES}: contact kept, plan on track.`);
      await expect(page.getByTestId('timeline-more')).toHaveCount(0);
      // identity nowhere on the page of an uninvolved agency
      await expect(page.locator('body')).not.toContainText(IDENTITY.familyName);
      await checkA11y(page, `situation timeline, all entries ${lang}`);
    });

    test('an identity read appears in "My identity reads", and only there for the reader', async ({ page, browser }) => {
      test.setTimeout(120_000);
      await signIn(page, world.reps.housing, lang, `/situations/${situation.id}`);
      await page.getByTestId('identity-start').click();
      await page.locator('#i-purpose').selectOption('HOME_VISIT');
      await page.locator('#i-note').fill('planning the first home visit');
      await page.getByRole('button', { name: T[lang].read }).click();
      await expect(page.getByTestId('identity-card')).toContainText(IDENTITY.familyName);
      await page.getByTestId('identity-hide').click();
      await expect(page.getByTestId('identity-accesses')).toBeVisible();
      await page.getByTestId('identity-accesses').getByRole('link').click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(T[lang].myReads);
      const row = page.getByTestId('my-reads').locator(`tr[data-reference="${situation.reference}"]`);
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(T[lang].homeVisit);
      await expect(row).toContainText('planning the first home visit');
      await expect(row.locator('time')).toHaveText(T[lang].time);
      await expect(page.locator('body')).not.toContainText(IDENTITY.familyName);
      await checkA11y(page, `my identity reads ${lang}`);
      await screenshot(page, 'my-identity-reads', lang);
      // the reference leads back to the situation
      await row.getByRole('link', { name: situation.reference }).click();
      await expect(page.getByTestId('situation-summary')).toBeVisible();
      await signOut(page);

      // another representative (assisting agency) who read nothing: the list is empty
      const other = await browser.newContext();
      const otherPage = await other.newPage();
      await signIn(otherPage, world.reps.health, lang);
      await otherPage.getByRole('navigation').getByRole('link', { name: T[lang].myReads }).click();
      await expect(otherPage.getByTestId('my-reads-empty')).toHaveText(T[lang].none);
      await expect(otherPage.locator('body')).not.toContainText(situation.reference);
      await checkA11y(otherPage, `my identity reads, empty ${lang}`);
      await other.close();
    });
  });
}
