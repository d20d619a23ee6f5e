import { buildTable, call, type BrowserTable } from './support/api';
import { createMeeting, signInAt, tokenOf } from './support/coordination';
import { checkA11y, expect, type Lang, screenshot, signIn, test } from './support/ui';

/**
 * Issue 16: the threshold counts the sectors the situation needs. An agency representative's
 * referral (mental health and suicide, two categories of one mandate) starts with the sectors its
 * categories suggest; the representative keeps the one that is needed and the SECTORS criterion
 * counts 1 (not met). At the meeting, the coordinator sees the sectors named and adds one: the
 * advice is recomputed with them and the decision is not against it. EN and FR, axe, screenshots.
 */
const T = {
  en: {
    newReferral: 'Submit a referral',
    send: 'Send the referral',
    discuss: 'Discuss',
    criterion: 'Sectors whose involvement is needed',
    oneOfTwo: '1 (required: 2)',
    named: 'Sectors named as needed: Mental health and addictions.',
  },
  fr: {
    newReferral: "Soumettre une demande d'intervention",
    send: 'Envoyer la demande',
    discuss: 'Discuter de',
    criterion: 'Secteurs dont la participation est nécessaire',
    oneOfTwo: '1 (requis\u00a0: 2)',
    named: 'Secteurs nommés comme nécessaires\u00a0: Santé mentale et dépendances.',
  },
} as const;

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(`sectors whose involvement is needed (${lang})`, () => {
    let world: BrowserTable;
    test.beforeAll(async () => {
      world = await buildTable();
    });

    test('the referral names the sectors (suggested from the categories), the criterion counts them, the table adjusts them at its decision', async ({ page, browser }) => {
      test.setTimeout(180_000);
      await signIn(page, world.reps.health, lang);
      await page.getByRole('navigation').getByRole('link', { name: T[lang].newReferral }).click();
      await expect(page.getByTestId('referral-form')).toBeVisible();
      await page.locator('#r-type').selectOption('PERSON');
      await page.locator('#r-age').selectOption('25-29');
      for (const code of ['MENTAL_HEALTH_PERSON_DIAGNOSED', 'SUICIDE_PERSON_IDEATION', 'OTHER_RISK_FACTOR']) {
        const box = page.locator(`#rf-${code}`);
        if (!(await box.isVisible())) await page.locator('details', { has: box }).locator('summary').click();
        await box.check();
        await page.locator(`#cert-${code}-CONFIRMED`).check();
      }
      // suggested from the categories' mandates; "other" suggests nothing
      const sectors = page.getByTestId('sectors-needed');
      for (const code of ['MENTAL_HEALTH_ADDICTIONS', 'HEALTH', 'EMS_FIRE']) await expect(sectors.locator(`#sn-${code}`)).toBeChecked();
      await expect(sectors.locator('#sn-OTHER')).not.toBeChecked();
      await expect(sectors.locator('input:checked')).toHaveCount(3);
      await checkA11y(page, `referral with suggested sectors ${lang}`);
      await screenshot(page, 'referral-sectors-suggested', lang);
      // the representative keeps only the mandate really needed: the suggestion no longer follows the factors
      await sectors.locator('#sn-HEALTH').uncheck();
      await sectors.locator('#sn-EMS_FIRE').uncheck();
      const drugs = page.locator('#rf-DRUGS_PERSON_ABUSE');
      if (!(await drugs.isVisible())) await page.locator('details', { has: drugs }).locator('summary').click();
      await drugs.check();
      await drugs.uncheck();
      await expect(sectors.locator('input:checked')).toHaveCount(1);
      await page.locator('#r-narrative').fill('Young adult, recent crisis and thoughts of suicide; followed by one mental health team.');
      await expect(page.getByTestId('pii-status')).toHaveText(lang === 'fr' ? 'Aucun renseignement identificatoire trouvé.' : 'No identifying information found.');
      await page.locator('#r-imminent').check();
      await page.locator('#r-exhausted').check();
      const sent = page.waitForResponse((r) => r.url().includes('/situations') && r.request().method() === 'POST');
      await page.getByRole('button', { name: T[lang].send }).click();
      const body = (await (await sent).request().postDataJSON()) as { sectorsNeeded: string[] };
      expect(body.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
      const advice = page.getByTestId('threshold-advice');
      await expect(advice).toBeVisible();
      await expect(advice.getByRole('listitem').filter({ hasText: T[lang].criterion })).toContainText(T[lang].oneOfTwo);
      const situationId = page.url().split('/').pop()!;
      await checkA11y(page, `situation with sectors named ${lang}`);
      await screenshot(page, 'situation-sectors-named', lang);

      // the meeting: the coordinator sees the sector named and adds police; the advice follows
      const meetingId = await createMeeting(world);
      const ctx = await browser.newContext();
      const board = await ctx.newPage();
      await signInAt(board, world.coordinator, lang, `/meetings/${meetingId}`);
      const reference = (await call<{ reference: string }>('GET', `/situations/${situationId}`, await tokenOf(world.coordinator), undefined, 200)).body.reference;
      await board.getByRole('button', { name: `${T[lang].discuss} ${reference}` }).click();
      const form = board.getByTestId('decision-form');
      await expect(form).toBeVisible();
      // the board's threshold advice reads the sectors named
      const boardAdvice = board
        .getByTestId('threshold-advice')
        .filter({ has: board.getByTestId('threshold-sectors') })
        .first();
      await expect(boardAdvice.getByTestId('threshold-sectors')).toHaveText(T[lang].named);
      await expect(boardAdvice.locator('[data-criterion=SECTORS] td').nth(1)).toHaveText('1');
      const p = `#p-${situationId}`;
      await expect(form.locator(`${p}-sector-MENTAL_HEALTH_ADDICTIONS`)).toBeChecked();
      await expect(form.getByTestId('decision-sectors').locator('input:checked')).toHaveCount(1);
      await form.locator(`${p}-outcome-AER`).check();
      await expect(form.getByTestId('against-advice')).toBeVisible();
      await form.locator(`${p}-sector-POLICE`).check();
      await expect(form.getByTestId('adjusted-advice')).toBeVisible();
      await expect(form.getByTestId('against-advice')).toHaveCount(0);
      await checkA11y(board, `decision adjusting the sectors ${lang}`);
      await screenshot(board, 'decision-sectors-adjusted', lang);
      const decided = board.waitForResponse((r) => r.url().includes('/decision') && r.request().method() === 'POST');
      await form.getByTestId('record-decision').click();
      const res = await decided;
      expect(res.status()).toBe(200);
      expect(res.request().postDataJSON()).toMatchObject({ outcome: 'AER', sectorsNeeded: ['MENTAL_HEALTH_ADDICTIONS', 'POLICE'] });
      const after = await call<{ sectorsNeeded: string[]; decision: { againstAdvice: boolean }; threshold: { meets: boolean } }>(
        'GET',
        `/situations/${situationId}`,
        await tokenOf(world.coordinator),
        undefined,
        200,
      );
      expect(after.body.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS', 'POLICE']);
      expect(after.body.decision.againstAdvice).toBe(false);
      expect(after.body.threshold.meets).toBe(true);
      await ctx.close();
    });
  });
}
