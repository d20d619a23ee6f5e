import type { Page } from '@playwright/test';
import { adminToken, buildTable, createUser, grant, type BrowserTable, type BrowserUser } from './support/api';
import { assign, BELOW, createMeeting, decide, MEETS, signInAt, situationStatus, submitReferral } from './support/coordination';
import { checkA11y, expect, screenshot, setTabHidden, test, type Lang } from './support/ui';

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
    mobilized: 'Mobilized',
    assigned: 'Assigned',
    chooseServices: 'Choose at least one service',
    beforeDecision: 'must not be before the decision',
    mobilizationDone: 'Mobilization recorded for',
    housing: 'Housing / shelter',
    changedByOther: 'was changed by someone else',
    attendanceChanged: 'Someone else recorded the attendance',
    triage: 'Triage',
    meetingClosed: 'closed',
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
    mobilized: 'Intervention en cours',
    assigned: 'Attribuée',
    chooseServices: 'Choisissez au moins un service',
    beforeDecision: 'La date ne doit pas précéder la décision', // the server's field problem, in French
    mobilizationDone: 'Intervention consignée pour',
    housing: "Logement / hébergement d'urgence",
    changedByOther: "Quelqu'un d'autre a modifié",
    attendanceChanged: "Quelqu'un d'autre a enregistré les présences",
    triage: 'Tri',
    meetingClosed: 'fermée',
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

/** The board's poll interval (web/src/api/queries.ts LIVE_MS). */
const LIVE_MS = 8_000;
/** How long a change made elsewhere may take to show on an open board: the poll interval and a margin. */
const LIVE_WAIT = { timeout: 20_000 };

/**
 * Presses Tab until the element matching `selector` has the focus (keyboard only). The board has
 * many controls (the agenda items with their buttons, attendance by person): a walk that wraps
 * around the page passes them all.
 */
async function tabTo(page: Page, selector: string, max = 250): Promise<void> {
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
      // A's tab hidden: its board stops reading again (polling pauses), so B's decision reaches A only
      // as the server's refusal of A's own (a conflict between two reads, which polling makes rare).
      await setTabHidden(a, true);
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

  test(`the coordinator records a mobilisation from the board with the keyboard (${lang})`, async ({ page }) => {
    test.setTimeout(180_000);
    const referral = await submitReferral(world, 'police', MEETS);
    await decide(world, referral.id, 'AER');
    await assign(world, referral.id);
    const meetingId = await createMeeting(world);
    await signInAt(page, world.coordinator, lang, `/meetings/${meetingId}`);
    const updates = page.getByTestId('agenda-updates');
    await expect(updates).toContainText(referral.reference);
    await page.locator('body').focus();

    await tabTo(page, `#toggle-updates-${referral.id}`);
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('situation-panel');
    await expect(panel.getByRole('heading', { level: 3 })).toBeFocused();
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.assigned);
    const form = panel.getByTestId('mobilization-form');
    const when = panel.locator(`#p-${referral.id}-mobilized-at`);
    // The time defaults to now (to the second, in the browser's time zone).
    const initial = await when.inputValue();
    expect(Math.abs(Date.parse(initial) - Date.now())).toBeLessThan(120_000);

    // No service chosen: said next to the services, nothing sent.
    await tabTo(page, '[data-testid=record-mobilization]');
    await page.keyboard.press('Enter');
    await expect(form.getByRole('alert').first()).toContainText(text.chooseServices);
    await expect(panel.locator(`#p-${referral.id}-services`)).toHaveAttribute('aria-describedby', `p-${referral.id}-services-missing`);
    expect(await situationStatus(world, referral.id)).toBe('ASSIGNED');

    // A service, by keyboard; then a time before the decision: refused by the server (400), shown next to the field.
    await tabTo(page, `#p-${referral.id}-service-HOUSING_SHELTER`);
    await page.keyboard.press('Space');
    await expect(panel.locator(`#p-${referral.id}-service-HOUSING_SHELTER`)).toBeChecked();
    await when.fill('2020-01-06T10:00:00');
    await tabTo(page, '[data-testid=record-mobilization]');
    await page.keyboard.press('Enter');
    await expect(form.getByTestId('error-summary')).toHaveAttribute('data-status', '400');
    await expect(form.getByTestId('error-summary')).toBeFocused();
    await expect(panel.locator(`#p-${referral.id}-mobilized-at-error`)).toContainText(text.beforeDecision);
    await expect(panel.locator(`#p-${referral.id}-service-HOUSING_SHELTER`)).toBeChecked();
    await checkA11y(page, `meeting board, mobilisation refused ${lang}`);
    await screenshot(page, 'meeting-board-mobilization', lang);

    // Back to the default (now), recorded with the keyboard.
    await when.fill(initial);
    await tabTo(page, '[data-testid=record-mobilization]');
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('action-done')).toBeFocused();
    await expect(panel.getByTestId('action-done')).toContainText(`${text.mobilizationDone} ${referral.reference}`);
    await expect(panel.getByTestId('action-done')).toContainText(text.housing);
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.mobilized);
    await expect(page.locator(`#toggle-updates-${referral.id}`).locator('xpath=ancestor::tr')).toContainText(text.mobilized);
    expect(await situationStatus(world, referral.id)).toBe('MOBILIZED');
    await checkA11y(page, `meeting board, mobilisation recorded ${lang}`);
    await screenshot(page, 'meeting-board-mobilized', lang);

    // In the meeting's minutes.
    await page.getByTestId('close-meeting').click();
    await page.getByTestId('confirm-close-meeting').click();
    await expect(page.getByTestId('min-mobilizations')).toContainText(referral.reference);
  });

  test(`live (${lang}): B's open board shows what A decided and assigned, announces it in B's panel, keeps B's text`, async ({ browser }) => {
    test.setTimeout(240_000);
    const referral = await submitReferral(world, 'police', MEETS);
    const other = await submitReferral(world, 'health', BELOW);
    const meetingId = await createMeeting(world);
    const ctxA = await browser.newContext({ locale: lang === 'fr' ? 'fr-CA' : 'en-CA' });
    const ctxB = await browser.newContext({ locale: lang === 'fr' ? 'fr-CA' : 'en-CA' });
    try {
      const a = await ctxA.newPage();
      const b = await ctxB.newPage();
      // B's timers run on a clock the test moves on (in real time otherwise): after each change A makes,
      // B's clock is moved one poll interval on, and B's board reads again then, not up to 8 s later.
      await b.clock.install();
      await signInAt(a, world.coordinator, lang, `/meetings/${meetingId}`);
      await signInAt(b, second, lang, `/meetings/${meetingId}`);
      // a mark that a reload would wipe
      await b.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      const row = (p: typeof b) => p.locator(`#toggle-newSituations-${referral.id}`).locator('xpath=ancestor::tr');

      // B opens the referral and starts writing a rationale; A decides it meanwhile.
      await b.getByRole('button', { name: `${text.discuss} ${referral.reference}` }).click();
      const bPanel = b.getByTestId('situation-panel');
      const rationale = 'B was writing this while A decided: the table hears more escalation.';
      await bPanel.locator(`#p-${referral.id}-rationale`).fill(rationale);
      await a.getByRole('button', { name: `${text.discuss} ${referral.reference}` }).click();
      await a.locator(`#p-${referral.id}-outcome-AER`).check();
      await a.getByTestId('record-decision').click();
      await expect(a.getByTestId('action-done')).toBeVisible();

      // Without a reload, within the poll interval: B's row, B's panel (polite live region), B's text kept.
      const live = bPanel.getByTestId('live-change');
      await b.clock.fastForward(LIVE_MS);
      await expect(live).toContainText(text.changedByOther, LIVE_WAIT);
      await expect(live).toHaveAttribute('role', 'status');
      await expect(live).toContainText(text.accepted);
      await expect(bPanel.getByRole('heading', { level: 3 })).toContainText(text.accepted);
      await expect(row(b)).toContainText(text.accepted, LIVE_WAIT);
      await expect(bPanel.getByTestId('unsent-text')).toContainText(rationale);
      // the rationale's field went with the decision form: the focus is on the notice, not lost
      await expect(live).toBeFocused();
      await expect(bPanel.getByTestId('assignment-form')).toBeVisible();
      await expect(bPanel.getByTestId('conflict')).toHaveCount(0);
      await checkA11y(b, `meeting board, changed by someone else ${lang}`);
      await screenshot(b, 'meeting-board-live', lang);

      // B writes a status update; A assigns the situation and records attendance: B's note stays in its field.
      const note = 'The police service met the family on Tuesday; the school is aware.';
      await bPanel.locator(`#p-${referral.id}-update-note`).fill(note);
      await a.locator(`#p-${referral.id}-lead`).selectOption(world.agencies.housing.id);
      await a.getByTestId('record-assignment').click();
      await expect(a.getByTestId('situation-panel').getByRole('heading', { level: 3 })).toContainText(text.assigned);
      await a.locator(`#attend-${world.agencies.police.id}`).check();
      await a.getByTestId('attendance-form').locator('button[type=submit]').click();
      await expect(a.getByTestId('attendance-saved')).toBeVisible();

      await b.clock.fastForward(LIVE_MS);
      await expect(live).toContainText(text.assigned, LIVE_WAIT);
      await expect(bPanel.getByTestId('mobilization-form')).toBeVisible();
      await expect(bPanel.getByTestId('assignment-facts')).toContainText(world.agencies.housing.name);
      await expect(bPanel.locator(`#p-${referral.id}-update-note`)).toHaveValue(note);
      await expect(row(b)).toContainText(text.assigned);
      await expect(b.getByTestId('attendance-changed')).toContainText(text.attendanceChanged, LIVE_WAIT);
      await expect(b.locator(`#attend-${world.agencies.police.id}`)).toBeChecked();
      expect(await b.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

      // Another referral rejected (it leaves the agenda) and the meeting closed, both by A: B's row
      // stays with its new status; B's board turns read-only and B's unsent note stays on screen.
      await decide(world, other.id, 'NOT_AER');
      await a.getByTestId('close-meeting').click();
      await a.getByTestId('confirm-close-meeting').click();
      await expect(a.getByRole('heading', { level: 1 })).toContainText(text.minutes);
      await b.clock.fastForward(LIVE_MS);
      await expect(b.getByTestId('meeting-state')).toContainText(text.meetingClosed, LIVE_WAIT);
      await expect(b.locator(`#toggle-newSituations-${other.id}`).locator('xpath=ancestor::tr')).toContainText(text.rejected, LIVE_WAIT);
      await expect(bPanel.getByTestId('update-form')).toHaveCount(0);
      await expect(bPanel.getByTestId('unsent-text')).toContainText(note);
      await expect(b.getByTestId('close-meeting')).toHaveCount(0);

      // Triage, live too: a referral sent while B looks at it appears without a reload.
      await b.getByRole('navigation').getByRole('link', { name: text.triage, exact: true }).click();
      await expect(b.getByTestId('triage-count')).toBeVisible();
      const fresh = await submitReferral(world, 'school', BELOW);
      await b.clock.fastForward(LIVE_MS);
      await expect(b.locator(`[data-testid=triage-item][data-reference="${fresh.reference}"]`)).toBeVisible(LIVE_WAIT);
      expect(await b.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
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
