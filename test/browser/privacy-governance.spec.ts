import type { Page } from '@playwright/test';
import { buildTable, call, type BrowserTable } from './support/api';
import { assign, decide, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, screenshot, signIn, test, type Lang } from './support/ui';

/**
 * The privacy officer governs (issue 17, section 3), in English and in French: opens a case on an
 * anomaly flag, annotates and assigns it, records a suspected breach (by situation number) with a
 * containment step and the IPC's notification, closes the case as a suspected breach linked to it,
 * and sets the table's anomaly thresholds.
 */

const T = {
  en: {
    audit: 'Audit explorer',
    anomalies: 'Anomalies',
    cases: 'Anomaly cases',
    breaches: 'Breach log',
    thresholds: 'Anomaly thresholds',
    seeCase: 'See the case',
    open: 'Open',
    closed: 'Closed',
    suspected: 'Breach suspected',
    saved: 'Thresholds saved.',
    notYet: 'Not yet',
  },
  fr: {
    audit: 'Explorateur de la piste de vérification',
    anomalies: 'Anomalies',
    cases: "Dossiers d'anomalie",
    breaches: 'Registre des atteintes',
    thresholds: 'Seuils des anomalies',
    seeCase: 'Voir le dossier',
    open: 'Ouvert',
    closed: 'Fermé',
    suspected: 'Atteinte soupçonnée',
    saved: 'Seuils enregistrés.',
    notYet: 'Pas encore',
  },
} as const;

async function nav(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: /Main navigation|Navigation principale/ })
    .getByRole('link', { name, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    name === T.en.breaches ? 'Privacy breach log' : name === T.fr.breaches ? 'Registre des atteintes à la vie privée' : name,
  );
}

/** A local `datetime-local` value of now (after the breach was discovered), in the browser's time zone. */
function now(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
    return d.toISOString().slice(0, 19);
  });
}

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(`privacy governance (${lang})`, () => {
    let world: BrowserTable;
    let reference: string;
    test.beforeAll(async () => {
      test.setTimeout(120_000);
      world = await buildTable({ code: 'GOV' });
      const s = await submitReferral(world);
      reference = s.reference;
      await decide(world, s.id);
      await assign(world, s.id);
      await call(
        'PUT',
        `/situations/${s.id}/identity`,
        await tokenOf(world.reps.police),
        { givenName: 'Zephyrine', familyName: 'Quillfeather', legalAuthority: 'MFIPPA_S32_H' },
        204,
      );
      // an uninvolved agency's representative is refused: an IDENTITY_REFUSED flag
      await call('GET', `/situations/${s.id}/identity?purposeCode=HOME_VISIT`, await tokenOf(world.reps.school), undefined, 403);
    });

    test('opens a case on a flag, annotates and assigns it, records a breach with containment and notification, closes the case linked to it, sets thresholds', async ({
      page,
    }) => {
      test.setTimeout(180_000);
      const t = T[lang];
      await signIn(page, world.privacy, lang);
      await expect(page).toHaveURL(/\/audit$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.audit);

      // Anomalies: open a case on the refused read
      await nav(page, t.anomalies);
      const flag = page.locator('[data-testid=anomaly-flag][data-kind=IDENTITY_REFUSED]').filter({ hasText: 'Rep school' });
      await expect(flag).toBeVisible();
      await expect(page.getByTestId('anomalies-thresholds')).toContainText('10');
      await flag.getByTestId('open-case').click();
      await expect(flag.getByTestId('case-opened')).toBeVisible();
      await checkA11y(page, `anomalies with a case ${lang}`);
      await screenshot(page, 'governance-anomalies', lang);
      await flag.getByRole('link', { name: t.seeCase }).click();

      // The case: a note with a name is refused, a de-identified one kept; assigned to the officer
      await expect(page.getByTestId('case-facts')).toHaveAttribute('data-status', 'OPEN');
      await expect(page.getByTestId('case-facts')).toContainText('Rep school');
      await page.locator('#case-note').fill('Called Zephyrine Quillfeather about it');
      await page.locator('section[aria-labelledby=case-notes] button[type=submit]').click();
      await expect(page.getByTestId('error-summary')).toHaveAttribute('data-status', '422');
      await page.locator('#case-note').fill('The representative asked without standing; reminded of the rules.');
      await page.locator('section[aria-labelledby=case-notes] button[type=submit]').click();
      await expect(page.getByTestId('case-notes')).toContainText('reminded of the rules');
      await page.locator('#case-assignee-select').selectOption(world.privacy.id);
      await page.locator('section[aria-labelledby=case-assign] button[type=submit]').click();
      await expect(page.getByTestId('case-assignee')).toHaveText('Privacy officer');
      await checkA11y(page, `anomaly case ${lang}`);
      await screenshot(page, 'governance-case', lang);

      // The breach log: record a suspected breach by situation number, a containment step, the IPC notified
      await nav(page, t.breaches);
      await page.locator('#breach-kind').selectOption('UNAUTHORIZED_ACCESS');
      await page.locator('#breach-description').fill('Repeated identity read attempts without standing by one representative.');
      await page.locator('#breach-refs').fill('NOPE-2000-0001');
      await page.getByTestId('breach-form').locator('button[type=submit]').click();
      await expect(page.getByTestId('error-summary')).toHaveAttribute('data-status', '400');
      await checkA11y(page, `breach log with an error ${lang}`);
      await page.locator('#breach-refs').fill(reference);
      await page.getByTestId('breach-form').locator('button[type=submit]').click();
      await expect(page.getByTestId('breach-facts')).toHaveAttribute('data-status', 'OPEN');
      await expect(page.getByTestId('breach-situations')).toHaveText(reference);
      await page.locator('#step-description').fill('Access of the representative suspended pending review.');
      await page.getByTestId('step-form').locator('button[type=submit]').click();
      await expect(page.getByTestId('containment-steps')).toContainText('suspended pending review');
      await expect(page.getByTestId('breach-ipc')).toHaveText(t.notYet);
      await page.locator('#notify-ipc').fill(await now(page));
      await page.getByTestId('notifications-form').locator('button[type=submit]').click();
      await expect(page.getByTestId('breach-ipc')).not.toHaveText(t.notYet);
      await checkA11y(page, `breach record ${lang}`);
      await screenshot(page, 'governance-breach', lang);

      // Back to the case: closed as a suspected breach, linked to the record
      await nav(page, t.cases);
      await expect(page.getByTestId('cases-status')).not.toHaveText('');
      await page.getByTestId('case-link').first().click();
      await page.locator('#case-outcome').selectOption('BREACH_SUSPECTED');
      await expect(page.locator('#case-breach option')).toHaveCount(2);
      await page.locator('#case-breach').selectOption({ index: 1 });
      await page.locator('section[aria-labelledby=case-close] button[type=submit]').click();
      await expect(page.getByTestId('case-facts')).toHaveAttribute('data-status', 'CLOSED');
      await expect(page.getByTestId('case-facts')).toContainText(t.suspected);
      await checkA11y(page, `closed case ${lang}`);
      await nav(page, t.cases);
      await page.locator('#cases-status').selectOption('CLOSED');
      await expect(page.getByTestId('case-link')).toHaveCount(1);
      await checkA11y(page, `cases ${lang}`);
      await screenshot(page, 'governance-cases', lang);

      // Thresholds: a bad value names its field, a good one is saved
      await nav(page, t.thresholds);
      await page.locator('#threshold-officeEndHour').fill('5');
      await page.getByTestId('thresholds-form').locator('button[type=submit]').click();
      await expect(page.getByTestId('error-summary')).toHaveAttribute('data-status', '400');
      await page.locator('#threshold-officeEndHour').fill('19');
      await page.locator('#threshold-maxReadsPerHour').fill('3');
      await page.getByTestId('thresholds-form').locator('button[type=submit]').click();
      await expect(page.getByTestId('thresholds-saved')).toHaveText(t.saved);
      await expect(page.getByTestId('thresholds-status')).toContainText('Privacy officer');
      await checkA11y(page, `thresholds ${lang}`);
      await screenshot(page, 'governance-thresholds', lang);
    });
  });
}
