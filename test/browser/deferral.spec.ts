import { buildTable, type BrowserTable } from './support/api';
import { createMeeting, signInAt, situationStatus, submitReferral } from './support/coordination';
import { checkA11y, expect, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 16, in each language: at the meeting board the coordinator defers a referral (more
 * information needed); triage lists it as deferred with its age; the originating agency's
 * representative reads the table's question on the situation page, edits the referral and sends
 * it back; it is SUBMITTED again, on the board's new referrals, and the table decides it.
 */
const TEXT = {
  en: { discuss: 'Discuss', deferred: 'Deferred', accepted: 'Accepted', triage: 'Triage', ageToday: 'Deferred 0 days ago.' },
  fr: { discuss: 'Discuter de', deferred: 'Reportée', accepted: 'Acceptée', triage: 'Tri', ageToday: 'Reportée depuis 0 jour.' },
};
const QUESTION = {
  en: 'Which supports were already offered, and were any refused this month?',
  fr: 'Quels soutiens ont déjà été offerts, et certains ont-ils été refusés ce mois-ci\u202f?',
};
const ANSWER = 'Adult living in a vehicle; shelter offered twice this month and refused; outreach visit missed.';

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`deferral (${lang}): the coordinator defers, the agency answers by editing, the referral is back for decision`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `D${lang.toUpperCase()}` });
    const referral = await submitReferral(world, 'police');
    const meetingId = await createMeeting(world);
    const id = `p-${referral.id}`;

    // The coordinator defers at the board: the text is required (20+ characters) before anything is sent.
    await signInAt(page, world.coordinator, lang, `/meetings/${meetingId}`);
    await page.getByRole('button', { name: `${text.discuss} ${referral.reference}` }).click();
    const panel = page.getByTestId('situation-panel');
    await panel.locator(`#${id}-outcome-DEFERRED`).check();
    await expect(panel.locator(`#${id}-rationale`)).toHaveCount(0);
    await panel.locator(`#${id}-info-needed`).fill('More please.');
    await panel.getByTestId('record-decision').click();
    await expect(panel.locator(`#${id}-info-needed-missing`)).toBeVisible();
    expect(await situationStatus(world, referral.id)).toBe('SUBMITTED');
    await panel.locator(`#${id}-info-needed`).fill(QUESTION[lang]);
    await checkA11y(page, `board deferral form ${lang}`);
    await screenshot(page, 'deferral-board-form', lang);
    await panel.getByTestId('record-decision').click();
    await expect(panel.getByTestId('action-done')).toBeVisible();
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.deferred);
    expect(await situationStatus(world, referral.id)).toBe('DEFERRED');

    // Triage: deferred, with its age and the question, not among the referrals awaiting a decision.
    await page.getByRole('navigation').getByRole('link', { name: text.triage, exact: true }).click();
    const deferredItem = page.locator(`[data-testid=deferred-item][data-reference="${referral.reference}"]`);
    await expect(deferredItem).toContainText(text.ageToday);
    await expect(deferredItem).toContainText(QUESTION[lang]);
    await expect(deferredItem).toHaveAttribute('data-overdue', 'false');
    await expect(page.locator(`[data-testid=triage-item][data-reference="${referral.reference}"]`)).toHaveCount(0);
    await checkA11y(page, `triage with a deferred referral ${lang}`);
    await screenshot(page, 'deferral-triage', lang);
    await signOut(page);

    // The originating agency reads the question and answers by editing the referral.
    await signInAt(page, world.reps.police, lang, `/situations/${referral.id}`);
    await expect(page.getByTestId('information-needed')).toContainText(QUESTION[lang]);
    await expect(page.getByTestId('situation-status')).toContainText(text.deferred);
    await checkA11y(page, `situation page, deferred ${lang}`);
    await screenshot(page, 'deferral-situation', lang);
    await page.getByTestId('edit-referral').click();
    await expect(page.getByTestId('edit-referral-form')).toBeVisible();
    await expect(page.getByTestId('information-needed')).toContainText(QUESTION[lang]);
    await expect(page.locator('#r-narrative')).toHaveValue(/vehicle/);
    await expect(page.locator('#rf-ALCOHOL_PERSON_ABUSE')).toBeChecked();
    // the attestations are given again; sending without them lists what is missing
    await page.getByTestId('send-edit').click();
    await expect(page.locator('#referral-missing')).toBeVisible();
    await page.locator('#r-narrative').fill(ANSWER);
    await page.locator('#r-imminent').check();
    await page.locator('#r-exhausted').check();
    await expect(page.getByTestId('pii-status')).not.toBeEmpty();
    await checkA11y(page, `edit referral form ${lang}`);
    await screenshot(page, 'deferral-edit-form', lang);
    await page.getByTestId('send-edit').click();
    await expect(page.getByTestId('edit-done')).toBeVisible();
    await expect(page.getByTestId('information-needed')).toHaveCount(0);
    await expect(page.getByTestId('timeline')).toContainText(lang === 'en' ? 'Deferred by the table' : 'Reportée par la table');
    expect(await situationStatus(world, referral.id)).toBe('SUBMITTED');
    await signOut(page);

    // Back among the new referrals; the table decides it.
    await signInAt(page, world.coordinator, lang, `/meetings/${meetingId}`);
    await expect(page.getByTestId('agenda-newSituations')).toContainText(referral.reference);
    await page.getByRole('button', { name: `${text.discuss} ${referral.reference}` }).click();
    await panel.locator(`#${id}-outcome-AER`).check();
    await panel.getByTestId('record-decision').click();
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.accepted);
    expect(await situationStatus(world, referral.id)).toBe('ACCEPTED');
  });
}
