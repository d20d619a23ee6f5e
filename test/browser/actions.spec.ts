import { call, buildTable, type BrowserTable } from './support/api';
import { assign, decide, signInAt, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 16, Filters 3 and 4, in each language: the lead agency's representative plans an action on
 * the situation page (identifying text is refused and stays in the field), its due date past, so it
 * shows overdue; records a contact attempt; then records the action could not be done, with a
 * reason. The timeline tells both, with the agency and the time. A representative of an agency
 * that is not intervening reads the lists without the forms.
 */
const TEXT = {
  en: {
    planned: 'Planned',
    overdue: 'Overdue',
    notDone: 'Could not be done',
    reason: 'Reason: The person declined',
    outcome: 'No answer',
    addAction: 'Add the action',
    addAttempt: 'Record the attempt',
    confirm: 'Record as not done',
    timelineAction: 'Action could not be done: The person declined.',
    timelineAttempt: 'Contact attempted on',
  },
  fr: {
    planned: 'Prévue',
    overdue: 'En retard',
    notDone: 'Non réalisée',
    reason: 'Raison\u00a0: La personne a refusé',
    outcome: 'Aucune réponse',
    addAction: "Ajouter l'action",
    addAttempt: 'Inscrire la tentative',
    confirm: 'Inscrire comme non réalisée',
    timelineAction: 'Action non réalisée\u00a0: La personne a refusé.',
    timelineAttempt: 'Tentative de contact le',
  },
};
const PLAN = {
  en: 'Arrange a supported housing viewing with the outreach worker.',
  fr: "Organiser une visite de logement avec services de soutien avec l'intervenant de proximité.",
};
const NOTE = { en: 'Knocked at the room twice; no answer.', fr: 'Deux visites à la chambre, sans réponse.' };

/**
 * Yesterday in the table's time zone (America/Toronto, the default), as a date field takes it. The
 * browser's own calendar will not do: from 00:00 to 05:00 UTC it is already tomorrow there, and
 * "yesterday" in UTC is still today at the table, so nothing would be overdue.
 */
function yesterday(timeZone = 'America/Toronto'): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`agency actions and contact attempts (${lang}): plan, overdue, contact attempt, could not be done with a reason`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `A${lang.toUpperCase()}` });
    const referral = await submitReferral(world, 'police');
    await decide(world, referral.id, 'AER');
    await assign(world, referral.id); // housing leads, health assists

    await signInAt(page, world.reps.housing, lang, `/situations/${referral.id}`);
    const actions = page.getByTestId('actions');
    const form = actions.getByTestId('new-action');
    // identifying text: refused (422), announced, kept in the field; nothing recorded
    await form.locator('#na-description').fill('Call Emily Harcourt at 647-555-0102 about the viewing.');
    await form.locator('#na-due').fill(yesterday());
    await form.getByRole('button', { name: text.addAction }).click();
    await expect(form.getByRole('alert').first()).toBeVisible();
    await expect(form.locator('#na-description')).toHaveValue(/Harcourt/);
    await checkA11y(page, `actions form, identifying text refused ${lang}`);
    await form.locator('#na-description').fill(PLAN[lang]);
    await form.getByRole('button', { name: text.addAction }).click();
    const row = actions.getByTestId('action-row').filter({ hasText: PLAN[lang] });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(text.planned);
    await expect(row.getByTestId('action-overdue')).toHaveText(text.overdue);
    await expect(row).toContainText(world.agencies.housing.name);

    // a contact attempt, with its outcome and note
    const attempts = page.getByTestId('contact-attempts');
    await attempts.locator('#ca-outcome').selectOption('NO_ANSWER');
    await attempts.locator('#ca-note').fill(NOTE[lang]);
    await attempts.getByRole('button', { name: text.addAttempt }).click();
    await expect(attempts.getByTestId('attempts-list')).toContainText(text.outcome);
    await expect(attempts.getByTestId('attempts-list')).toContainText(NOTE[lang]);
    await checkA11y(page, `situation page, action overdue and a contact attempt ${lang}`);
    await screenshot(page, 'actions-planned', lang);

    // could not be done, with a reason from the taxonomy (keyboard: the button, then the form)
    await row.getByRole('button', { name: new RegExp(`^${text.notDone}`) }).click();
    const notDone = row.getByTestId('not-done-form');
    await expect(notDone.getByRole('button', { name: text.confirm })).toBeDisabled();
    await notDone.locator('select').selectOption('PERSON_DECLINED');
    await notDone.locator('select').press('Tab');
    await notDone.getByRole('button', { name: text.confirm }).click();
    const after = actions.getByTestId('action-row').filter({ hasText: PLAN[lang] });
    await expect(after).toHaveAttribute('data-status', 'NOT_DONE');
    await expect(after).toContainText(text.reason);
    await expect(after.getByTestId('action-overdue')).toHaveCount(0);
    await expect(page.getByTestId('timeline')).toContainText(text.timelineAction);
    await expect(page.getByTestId('timeline')).toContainText(text.timelineAttempt);
    await checkA11y(page, `situation page, action not done ${lang}`);
    await screenshot(page, 'actions-not-done', lang);

    const stored = await call<{ items: { status: string; reasonCode: string }[] }>('GET', `/situations/${referral.id}/actions`, await tokenOf(world.coordinator), undefined, 200);
    expect(stored.body.items).toEqual([expect.objectContaining({ status: 'NOT_DONE', reasonCode: 'PERSON_DECLINED' })]);
    await signOut(page);

    // the school is not intervening: it reads the lists, without the forms
    await signInAt(page, world.reps.school, lang, `/situations/${referral.id}`);
    await expect(page.getByTestId('actions')).toContainText(PLAN[lang]);
    await expect(page.getByTestId('new-action')).toHaveCount(0);
    await expect(page.getByTestId('new-attempt')).toHaveCount(0);
    await expect(page.getByTestId('actions').getByRole('button')).toHaveCount(0);
  });
}
