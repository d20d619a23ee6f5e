import type { Page } from '@playwright/test';
import { adminToken, buildTable, createUser, grant, type BrowserTable, type BrowserUser } from './support/api';
import { BELOW, createMeeting, decide, MEETS, signInAt, situationStatus, submitReferral } from './support/coordination';
import { checkA11y, expect, screenshot, test, type Lang } from './support/ui';

const TEXT = {
  en: {
    discuss: 'Discuss',
    againstAdvice: 'goes against the threshold advice',
    tooShort: 'needs a rationale of at least 20 characters',
    pii: 'a name',
    rejected: 'Rejected',
    accepted: 'Accepted',
    conflict: 'Another coordinator acted first',
    showCurrent: 'Show the situation as it now is',
    minutes: 'Minutes of the meeting',
  },
  fr: {
    discuss: 'Discuter de',
    againstAdvice: "est contraire à l'avis sur le seuil",
    tooShort: "exige une justification d'au moins 20 caractères",
    pii: 'un nom',
    rejected: 'Refusée',
    accepted: 'Acceptée',
    conflict: 'Un autre coordonnateur a agi en premier',
    showCurrent: "Afficher la situation telle qu'elle est maintenant",
    minutes: 'Procès-verbal de la rencontre',
  },
};

let world: BrowserTable;
let second: BrowserUser;
test.beforeAll(async () => {
  world = await buildTable({ code: 'BRD' });
  const admin = await adminToken();
  second = await createUser(admin, world.agencies.health.id, { displayName: 'Second coordinator', prefix: 'coord2' });
  await grant(admin, world.tableId, second.id, 'COORDINATOR');
});

/** Presses Tab until the element matching `selector` has the focus (keyboard only). */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} never got the focus after ${max} Tab presses`);
}

for (const lang of ['en', 'fr'] as Lang[]) {
  const text = TEXT[lang];

  test(`the board (${lang}): meetings, agenda, a decision against the advice with its errors, minutes printable`, async ({ page }) => {
    test.setTimeout(180_000);
    const meets = await submitReferral(world, 'police', MEETS);
    const below = await submitReferral(world, 'school', BELOW);
    const meetingId = await createMeeting(world);
    await signInAt(page, world.coordinator, lang, '/meetings');
    await expect(page.getByTestId('open-meetings')).toBeVisible();
    await checkA11y(page, `meetings ${lang}`);
    await screenshot(page, 'meetings', lang);

    await page.locator(`a[href="/meetings/${meetingId}"]`).click();
    const news = page.getByTestId('agenda-newSituations');
    await expect(news).toContainText(meets.reference);
    await expect(news).toContainText(below.reference);
    // meeting order: status updates, new referrals, overdue
    const order = await page.locator('[data-testid^=agenda-] h3').allTextContents();
    expect(order.map((h) => h.slice(0, 2))).toEqual(['1.', '2.', '3.']);
    await checkA11y(page, `meeting board ${lang}`);
    await screenshot(page, 'meeting-board', lang);

    // The referral below the threshold, accepted anyway: the rationale becomes required.
    await news.getByRole('button', { name: `${text.discuss} ${below.reference}` }).click();
    const panel = page.getByTestId('situation-panel');
    await expect(panel.getByTestId('threshold-advice')).toBeVisible();
    await expect(panel.locator('[data-criterion=RISK_FACTORS]')).toContainText(lang === 'fr' ? 'Au moins 3' : 'At least 3');
    await checkA11y(page, `meeting board, decision panel ${lang}`);
    await screenshot(page, 'meeting-board-decision', lang);
    await panel.locator(`#p-${below.id}-outcome-AER`).check();
    await expect(panel.getByTestId('against-advice')).toContainText(text.againstAdvice);
    await panel.getByTestId('record-decision').click();
    await expect(panel.getByRole('alert').first()).toContainText(text.tooShort);
    // A rationale with a name: refused by the server (422), shown next to the field, the text kept.
    const rationale = panel.locator(`#p-${below.id}-rationale`);
    const withName = 'Spoke with John Smith at the shelter; the table sees risk beyond the checklist.';
    await rationale.fill(withName);
    await panel.getByTestId('record-decision').click();
    await expect(panel.getByTestId('error-summary')).toHaveAttribute('data-status', '422');
    await expect(panel.locator(`#p-${below.id}-rationale-error`)).toContainText(text.pii);
    await expect(rationale).toHaveValue(withName);
    await checkA11y(page, `meeting board, decision refused ${lang}`);
    await screenshot(page, 'meeting-board-error', lang);
    await rationale.fill('The table sees risk beyond the checklist: several agencies report escalation.');
    await panel.getByTestId('record-decision').click();
    await expect(panel.getByTestId('action-done')).toBeFocused();
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.accepted);
    expect(await situationStatus(world, below.id)).toBe('ACCEPTED');

    // Close the meeting: the minutes, on screen and printed.
    await page.getByTestId('close-meeting').click();
    await checkA11y(page, `close meeting dialog ${lang}`);
    await page.getByTestId('confirm-close-meeting').click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(text.minutes);
    await expect(page.getByTestId('min-decisions')).toContainText(below.reference);
    await expect(page.getByTestId('min-decisions')).toContainText(lang === 'fr' ? "contraire à l'avis" : 'against the advice');
    await checkA11y(page, `minutes ${lang}`);
    await screenshot(page, 'minutes', lang);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.st-header')).toBeHidden();
    await expect(page.locator('.st-nav')).toBeHidden();
    await expect(page.getByTestId('print-minutes')).toBeHidden();
    await expect(page.getByTestId('min-decisions')).toBeVisible();
    await screenshot(page, 'minutes-print', lang);
    await page.emulateMedia({ media: 'screen' });
  });

  test(`two coordinators act on the same situation (${lang}): the second is told clearly, nothing typed is lost`, async ({ browser }) => {
    test.setTimeout(180_000);
    const referral = await submitReferral(world, 'police', MEETS);
    const meetingId = await createMeeting(world);
    const ctxA = await browser.newContext({ locale: lang === 'fr' ? 'fr-CA' : 'en-CA' });
    const ctxB = await browser.newContext({ locale: lang === 'fr' ? 'fr-CA' : 'en-CA' });
    try {
      const a = await ctxA.newPage();
      const b = await ctxB.newPage();
      await signInAt(a, world.coordinator, lang, `/meetings/${meetingId}`);
      await signInAt(b, second, lang, `/meetings/${meetingId}`);
      for (const p of [a, b]) {
        await p.getByRole('button', { name: `${text.discuss} ${referral.reference}` }).click();
        await expect(p.getByTestId('decision-form')).toBeVisible();
      }
      // A prepares an acceptance; meanwhile B rejects it (against the advice, with a rationale).
      const mine = 'The table agrees with the advice: several sectors report escalating risk.';
      await a.locator(`#p-${referral.id}-outcome-AER`).check();
      await a.locator(`#p-${referral.id}-rationale`).fill(mine);
      await b.locator(`#p-${referral.id}-outcome-NOT_AER`).check();
      await b.locator(`#p-${referral.id}-rationale`).fill('One agency can respond alone; the table declines for now.');
      await b.getByTestId('record-decision').click();
      await expect(b.getByTestId('action-done')).toBeVisible();

      await a.getByTestId('record-decision').click();
      const conflict = a.getByTestId('conflict');
      await expect(conflict).toBeVisible();
      await expect(conflict).toBeFocused();
      await expect(conflict).toContainText(text.conflict);
      await expect(conflict).toContainText(text.rejected);
      // What A typed is still there, as typed.
      await expect(a.locator(`#p-${referral.id}-rationale`)).toHaveValue(mine);
      await expect(a.locator(`#p-${referral.id}-outcome-AER`)).toBeChecked();
      await checkA11y(a, `meeting board, conflict ${lang}`);
      await screenshot(a, 'meeting-board-conflict', lang);
      // The situation as it now is; the unsent rationale stays on screen to copy.
      await a.getByRole('button', { name: text.showCurrent }).click();
      await expect(a.getByTestId('situation-panel').getByRole('heading', { level: 3 })).toContainText(text.rejected);
      await expect(a.getByTestId('unsent-text')).toContainText(mine);
      expect(await situationStatus(world, referral.id)).toBe('REJECTED');
    } finally {
      await ctxA.close();
      await ctxB.close();
    }
  });
}

test('keyboard only: open a referral on the board, decide and assign it without a mouse', async ({ page }) => {
  test.setTimeout(180_000);
  const referral = await submitReferral(world, 'health', MEETS);
  const meetingId = await createMeeting(world);
  await signInAt(page, world.coordinator, 'en', `/meetings/${meetingId}`);
  await expect(page.getByTestId('agenda-newSituations')).toContainText(referral.reference);
  await page.locator('body').focus();

  await tabTo(page, `#toggle-newSituations-${referral.id}`);
  await page.keyboard.press('Enter');
  // the focus moves to the panel's heading
  await expect(page.getByTestId('situation-panel').getByRole('heading', { level: 3 })).toBeFocused();
  await tabTo(page, `#p-${referral.id}-outcome-AER`);
  await page.keyboard.press('Space');
  await expect(page.locator(`#p-${referral.id}-outcome-AER`)).toBeChecked();
  await tabTo(page, `#p-${referral.id}-rationale`);
  await page.keyboard.type('Meets the threshold; the table agrees.');
  await tabTo(page, '[data-testid=record-decision]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-done')).toBeFocused();
  expect(await situationStatus(world, referral.id)).toBe('ACCEPTED');

  // The assignment, still by keyboard: the lead from the list, one assisting agency.
  await tabTo(page, `#p-${referral.id}-lead`);
  const options = await page.locator(`#p-${referral.id}-lead option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const steps = options.indexOf(world.agencies.housing.id);
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator(`#p-${referral.id}-lead`)).toHaveValue(world.agencies.housing.id);
  await tabTo(page, `#p-${referral.id}-assist-${world.agencies.police.id}`);
  await page.keyboard.press('Space');
  await tabTo(page, '[data-testid=record-assignment]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-done')).toBeFocused();
  expect(await situationStatus(world, referral.id)).toBe('ASSIGNED');
});

test('decisions already taken outside the meeting leave the agenda in meeting order', async ({ page }) => {
  // an accepted situation goes to "status updates" (1.), a new referral to "new referrals" (2.)
  const accepted = await submitReferral(world, 'police', MEETS);
  await decide(world, accepted.id, 'AER');
  const fresh = await submitReferral(world, 'police', MEETS);
  const meetingId = await createMeeting(world);
  await signInAt(page, world.coordinator, 'en', `/meetings/${meetingId}`);
  await expect(page.getByTestId('agenda-updates')).toContainText(accepted.reference);
  await expect(page.getByTestId('agenda-updates')).not.toContainText(fresh.reference);
  await expect(page.getByTestId('agenda-newSituations')).toContainText(fresh.reference);
});
