import { buildTable, type BrowserTable } from './support/api';
import { assign, createMeeting, decide, signInAt, situationStatus, submitReferral } from './support/coordination';
import { checkA11y, expect, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 16, Filters 3 and 4, in each language: the lead agency's representative declines the lead
 * on the situation page (a reason from the pick-list and a de-identified note; identifying text is
 * refused and stays in the field); the coordinator sees the decline in the board's panel and the
 * assignment form again, the declining agency marked, and assigns another lead, which accepts.
 */
const TEXT = {
  en: {
    discuss: 'Discuss',
    pending: "Awaiting the lead agency's answer",
    declined: 'Lead declined: the coordinator assigns again',
    accepted: 'Lead accepted',
    reason: 'Outside our mandate',
    mark: 'declined the lead',
    declinedBy: (agency: string) => `Lead declined by ${agency}: Outside our mandate. Assign again.`,
    status: 'Accepted',
    timeline: 'Lead declined: back to the coordinator to assign again.',
  },
  fr: {
    discuss: 'Discuter de',
    pending: "En attente de la réponse de l'organisme responsable",
    declined: 'Responsabilité refusée\u00a0: la coordination attribue de nouveau',
    accepted: 'Responsabilité acceptée',
    reason: 'Hors de notre mandat',
    mark: 'a refusé la responsabilité',
    declinedBy: (agency: string) => `Responsabilité refusée par ${agency}\u00a0: Hors de notre mandat. Attribuez-la de nouveau.`,
    status: 'Acceptée',
    timeline: 'Responsabilité refusée\u00a0: retour à la coordination pour une nouvelle attribution.',
  },
};
const NOTE = {
  en: 'Housing loss is not the main risk; mental health should lead.',
  fr: "La perte du logement n'est pas le risque principal\u202f; la santé mentale devrait diriger.",
};

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`lead answer (${lang}): the lead declines with a reason, the coordinator assigns again, the new lead accepts`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `L${lang.toUpperCase()}` });
    const referral = await submitReferral(world, 'police');
    const meetingId = await createMeeting(world);
    await decide(world, referral.id, 'AER', meetingId);
    await assign(world, referral.id); // housing leads, health assists

    // The housing representative: the lead awaits its answer; a decline needs a reason.
    await signInAt(page, world.reps.housing, lang, `/situations/${referral.id}`);
    await expect(page.getByTestId('lead-answer-state')).toContainText(text.pending);
    const form = page.getByTestId('lead-answer-form');
    await form.getByRole('button', { name: lang === 'en' ? 'Decline' : 'Refuser', exact: true }).click();
    await expect(form.getByRole('button', { name: lang === 'en' ? 'Decline the lead' : 'Refuser la responsabilité' })).toBeDisabled();
    await form.locator('#la-reason').selectOption('MANDATE');
    // identifying text is refused (422), announced, and stays in the field
    await form.locator('#la-note').fill('Call Emily Harcourt at 647-555-0102 instead.');
    await form.getByRole('button', { name: lang === 'en' ? 'Decline the lead' : 'Refuser la responsabilité' }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expect(form.locator('#la-note')).toHaveValue(/Harcourt/);
    expect(await situationStatus(world, referral.id)).toBe('ASSIGNED');
    await checkA11y(page, `lead answer form, identifying note refused ${lang}`);
    await screenshot(page, 'lead-answer-form', lang);
    await form.locator('#la-note').fill(NOTE[lang]);
    await form.getByRole('button', { name: lang === 'en' ? 'Decline the lead' : 'Refuser la responsabilité' }).click();
    await expect(page.getByTestId('lead-answer-state')).toContainText(text.declined);
    await expect(page.getByTestId('lead-answer-reason')).toHaveText(text.reason);
    await expect(page.getByTestId('lead-answer-status')).toContainText(NOTE[lang]);
    await expect(page.getByTestId('lead-answer-form')).toHaveCount(0);
    await expect(page.getByTestId('situation-status')).toContainText(text.status);
    await expect(page.getByTestId('timeline')).toContainText(text.timeline);
    await checkA11y(page, `situation page, lead declined ${lang}`);
    await screenshot(page, 'lead-answer-declined', lang);
    expect(await situationStatus(world, referral.id)).toBe('ACCEPTED');
    await signOut(page);

    // The coordinator: the decline and its reason in the panel, the assignment form again with housing marked.
    await signInAt(page, world.coordinator, lang, `/meetings/${meetingId}`);
    await page.getByRole('button', { name: `${text.discuss} ${referral.reference}` }).click();
    const panel = page.getByTestId('situation-panel');
    await expect(panel.getByTestId('panel-lead-answer')).toHaveText(text.declinedBy(world.agencies.housing.name));
    const lead = panel.locator(`#p-${referral.id}-lead`);
    await expect(lead).toHaveValue('');
    await expect(lead.locator(`option[value="${world.agencies.housing.id}"]`)).toContainText(text.mark);
    await expect(lead.locator(`option[value="${world.agencies.school.id}"]`)).not.toContainText(text.mark);
    await checkA11y(page, `board panel after a decline ${lang}`);
    await screenshot(page, 'lead-answer-board', lang);
    await lead.selectOption(world.agencies.school.id);
    await panel.getByTestId('record-assignment').click();
    await expect(panel.getByTestId('panel-lead-answer')).toContainText(text.pending);
    expect(await situationStatus(world, referral.id)).toBe('ASSIGNED');
    await signOut(page);

    // The school representative accepts.
    await signInAt(page, world.reps.school, lang, `/situations/${referral.id}`);
    await page
      .getByTestId('lead-answer-form')
      .getByRole('button', { name: lang === 'en' ? 'Accept the lead' : 'Accepter la responsabilité' })
      .click();
    await expect(page.getByTestId('lead-answer-state')).toContainText(text.accepted);
    await expect(page.getByTestId('lead-answer-form')).toHaveCount(0);
    await checkA11y(page, `situation page, lead accepted ${lang}`);
  });
}
