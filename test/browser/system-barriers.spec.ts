import { buildTable, call, type BrowserTable } from './support/api';
import { assign, createMeeting, decide, mobilize, signInAt, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 19, docs/evaluation.md section 5, in each language: the lead declines for lack of capacity
 * (the form proposes CAPACITY, the representative keeps it and adds a wait list for shelter); the
 * lead, given again, marks an action not done as not eligible (ELIGIBILITY proposed and kept); at
 * the meeting the coordinator closes with OTHER, whose note is required (refused without it, the
 * other fields kept). The situation shows every barrier recorded, with its context.
 */
const TEXT = {
  en: {
    legend: 'System barriers',
    decline: 'Decline',
    confirmDecline: 'Decline the lead',
    capacity: 'Insufficient capacity',
    waitList: 'Wait list',
    eligibility: 'Eligibility criteria',
    other: 'Other (see the note)',
    leadDeclined: 'Lead declined',
    actionNotDone: 'Action not done',
    atClosure: 'At closure',
    notDone: 'Could not be done',
    confirmNotDone: 'Record as not done',
    discuss: 'Discuss',
    closed: 'Closed',
    changed: 'System barriers saved.',
    geography: 'Geography',
  },
  fr: {
    legend: 'Obstacles liés aux services',
    decline: 'Refuser',
    confirmDecline: 'Refuser la responsabilité',
    capacity: 'Capacité insuffisante',
    waitList: "Liste d'attente",
    eligibility: "Critères d'admissibilité",
    other: 'Autre (voir la note)',
    leadDeclined: 'Refus de la responsabilité',
    actionNotDone: 'Action non réalisée',
    atClosure: 'Fermeture',
    notDone: 'Non réalisée',
    confirmNotDone: 'Inscrire comme non réalisée',
    discuss: 'Discuter de',
    closed: 'Fermée',
    changed: 'Obstacles enregistrés.',
    geography: 'Géographie',
  },
};
const OTHER_NOTE = { en: 'No evening program within reach by public transit.', fr: 'Aucun programme en soirée accessible en transport en commun.' };
const PLAN = { en: 'Book an intake at the youth shelter.', fr: 'Réserver une évaluation au refuge pour les jeunes.' };

type Stored = { systemBarriers: { context: string; code: string; service: string | null; note: string | null }[] };

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`system barriers (${lang}): with a lead's decline, an action not done and the closure; shown on the situation`, async ({ page }) => {
    test.setTimeout(240_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `B${lang.toUpperCase()}` });
    const referral = await submitReferral(world, 'police');
    await decide(world, referral.id, 'AER');
    await assign(world, referral.id); // housing leads, health assists

    // The lead declines for lack of capacity: CAPACITY is proposed (ticked, said so); a wait list for shelter added.
    await signInAt(page, world.reps.housing, lang, `/situations/${referral.id}`);
    const form = page.getByTestId('lead-answer-form');
    await form.getByRole('button', { name: text.decline, exact: true }).click();
    await expect(form.getByRole('group', { name: text.legend })).toHaveAttribute('data-testid', 'la-barrier-barriers');
    await expect(form.locator('#la-barrier-CAPACITY')).not.toBeChecked();
    await form.locator('#la-reason').selectOption('CAPACITY');
    await expect(form.locator('#la-barrier-CAPACITY')).toBeChecked();
    await expect(form.getByTestId('la-barrier-barriers-proposed')).toContainText(text.capacity);
    await form.locator('#la-barrier-WAIT_LIST').check();
    await form.locator('#la-barrier-WAIT_LIST-service').selectOption('HOUSING_SHELTER');
    await expect(form.locator('#la-barrier-OTHER-note')).toHaveCount(0);
    await checkA11y(page, `lead decline with system barriers ${lang}`);
    await screenshot(page, 'barriers-lead-decline', lang);
    await form.getByRole('button', { name: text.confirmDecline }).click();
    const shown = page.getByTestId('system-barriers');
    await expect(shown.getByTestId('system-barrier')).toHaveCount(2);
    await expect(shown).toContainText(text.capacity);
    await expect(shown).toContainText(text.waitList);
    await expect(shown).toContainText(text.leadDeclined);
    await signOut(page);

    // Given again, the lead mobilises and marks an action not done, not eligible: ELIGIBILITY proposed and kept.
    await assign(world, referral.id);
    await mobilize(world, referral.id);
    await call('POST', `/situations/${referral.id}/actions`, await tokenOf(world.reps.housing), { description: PLAN[lang], dueDate: '2099-01-15' }, 201);
    await signInAt(page, world.reps.housing, lang, `/situations/${referral.id}`);
    const row = page.getByTestId('actions').getByTestId('action-row').filter({ hasText: PLAN[lang] });
    await row.getByRole('button', { name: new RegExp(`^${text.notDone}`) }).click();
    const notDone = row.getByTestId('not-done-form');
    await notDone.locator('select').first().selectOption('NOT_ELIGIBLE');
    await expect(notDone.locator('[id$="-barrier-ELIGIBILITY"]')).toBeChecked();
    await checkA11y(page, `action not done with system barriers ${lang}`);
    await screenshot(page, 'barriers-action-not-done', lang);
    await notDone.getByRole('button', { name: text.confirmNotDone }).click();
    await expect(page.getByTestId('actions').getByTestId('action-row').filter({ hasText: PLAN[lang] })).toHaveAttribute('data-status', 'NOT_DONE');
    await expect(page.getByTestId('system-barriers')).toContainText(text.eligibility);
    await expect(page.getByTestId('system-barriers')).toContainText(text.actionNotDone);
    await signOut(page);

    // At the meeting the coordinator closes with OTHER: its note is required, then recorded.
    const meetingId = await createMeeting(world);
    await signInAt(page, world.coordinator, lang, `/meetings/${meetingId}`);
    await page
      .getByTestId('agenda-updates')
      .getByRole('button', { name: `${text.discuss} ${referral.reference}` })
      .click();
    const panel = page.getByTestId('situation-panel');
    const closure = panel.getByTestId('closure-form');
    await closure.locator(`#p-${referral.id}-conclusion`).selectOption('STILL_AER_OTHER');
    await closure.locator(`#p-${referral.id}-consent`).selectOption('OBTAINED');
    await closure.locator(`#p-${referral.id}-barrier-OTHER`).check();
    await closure.locator(`#p-${referral.id}-barrier-NO_SERVICE`).check();
    await closure.getByTestId('record-closure').click();
    await expect(closure.getByTestId('error-summary')).toHaveAttribute('data-status', '400');
    await expect(closure.locator(`#p-${referral.id}-barrier-NO_SERVICE`)).toBeChecked();
    await closure.locator(`#p-${referral.id}-barrier-OTHER-note`).fill(OTHER_NOTE[lang]);
    await checkA11y(page, `closure form with system barriers ${lang}`);
    await screenshot(page, 'barriers-closure', lang);
    await closure.getByTestId('record-closure').click();
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.closed);
    const recorded = panel.getByTestId('system-barriers');
    await expect(recorded.getByTestId('system-barrier')).toHaveCount(5);
    await expect(recorded).toContainText(OTHER_NOTE[lang]);
    await expect(recorded).toContainText(text.atClosure);
    await checkA11y(page, `situation panel with the barriers recorded ${lang}`);
    await screenshot(page, 'barriers-recorded', lang);

    const stored = await call<Stored>('GET', `/situations/${referral.id}`, await tokenOf(world.coordinator), undefined, 200);
    expect(stored.body.systemBarriers.map((b) => [b.context, b.code, b.service])).toEqual([
      ['LEAD_DECLINE', 'WAIT_LIST', 'HOUSING_SHELTER'],
      ['LEAD_DECLINE', 'CAPACITY', null],
      ['ACTION_NOT_DONE', 'ELIGIBILITY', null],
      ['CLOSURE', 'NO_SERVICE', null],
      ['CLOSURE', 'OTHER', null],
    ]);
    expect(stored.body.systemBarriers.find((b) => b.code === 'OTHER')?.note).toBe(OTHER_NOTE[lang]);
    await signOut(page);

    // Within the reopening period the coordinator corrects the closure's barriers on the situation page.
    await signInAt(page, world.coordinator, lang, `/situations/${referral.id}`);
    const change = page.getByTestId('change-barriers');
    await expect(change.locator('#cb-barrier-NO_SERVICE')).toBeChecked();
    await expect(change.locator('#cb-barrier-OTHER-note')).toHaveValue(OTHER_NOTE[lang]);
    await change.locator('#cb-barrier-NO_SERVICE').uncheck();
    await change.locator('#cb-barrier-GEOGRAPHY').check();
    await change.locator('#cb-barrier-GEOGRAPHY-service').selectOption('COUNSELLING');
    await checkA11y(page, `closure barriers changed ${lang}`);
    await change.getByTestId('change-barriers-submit').click();
    await expect(change.getByTestId('change-barriers-done')).toHaveText(text.changed);
    await screenshot(page, 'barriers-changed', lang);
    await expect(page.getByTestId('system-barriers')).toContainText(text.geography);
    const after = await call<Stored>('GET', `/situations/${referral.id}`, await tokenOf(world.coordinator), undefined, 200);
    expect(after.body.systemBarriers.filter((b) => b.context === 'CLOSURE').map((b) => [b.code, b.service])).toEqual([
      ['GEOGRAPHY', 'COUNSELLING'],
      ['OTHER', null],
    ]);
  });
}
