import { call } from './support/api';
import { buildTable, type BrowserTable } from './support/api';
import { assign, createMeeting, decide, signInAt, situationStatus, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 16, Filter 4 per agency, in each language: the assisting agency's representative records
 * its own mobilisation on the situation page (the situation stays assigned) and later changes the
 * services it connected; at the meeting the coordinator sees each agency's mobilisation in the
 * board's panel, records the lead's (the situation is mobilised) and changes the lead's services.
 */
const TEXT = {
  en: {
    record: 'Record the mobilization',
    assigned: 'Assigned',
    mobilized: 'Mobilized',
    notYet: 'Not mobilized yet',
    mental: 'Mental health services',
    counselling: 'Counselling',
    income: 'Income support',
    housing: 'Housing / shelter',
    change: (agency: string) => `Change the services of ${agency}`,
    save: 'Save the services',
    saved: (agency: string) => `Services of ${agency} saved`,
    timeline: (agency: string) => `${agency} (assisting agency) mobilized on`,
    servicesTimeline: (agency: string) => `Services connected by ${agency}`,
    assisting: 'Assisting agency',
  },
  fr: {
    record: "Consigner l'intervention",
    assigned: 'Attribuée',
    mobilized: 'Intervention en cours',
    notYet: 'Intervention pas encore commencée',
    mental: 'Services de santé mentale',
    counselling: 'Counseling',
    income: 'Soutien du revenu',
    housing: "Logement / hébergement d'urgence",
    change: (agency: string) => `Modifier les services de ${agency}`,
    save: 'Enregistrer les services',
    saved: (agency: string) => `Services de ${agency} enregistrés\u00a0:`,
    timeline: (agency: string) => `Intervention de ${agency} (organisme d'appui) le`,
    servicesTimeline: (agency: string) => `Services mobilisés par ${agency}\u00a0:`,
    assisting: "Organisme d'appui",
  },
};

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`mobilisation by agency (${lang}): the assisting agency mobilises and changes its services; the coordinator records the lead's on the board`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `M${lang.toUpperCase()}` });
    const health = world.agencies.health;
    const housing = world.agencies.housing;
    const referral = await submitReferral(world, 'police');
    const meetingId = await createMeeting(world);
    await decide(world, referral.id, 'AER', meetingId);
    await assign(world, referral.id); // housing leads, health assists

    // The assisting agency's representative records its own mobilisation.
    await signInAt(page, world.reps.health, lang, `/situations/${referral.id}`);
    const table = page.getByTestId('agency-mobilizations');
    await expect(table.locator(`tr[data-agency-id="${housing.id}"]`)).toContainText(text.notYet);
    await expect(table.locator(`tr[data-agency-id="${health.id}"]`)).toContainText(text.assisting);
    await page.locator('#sv-MENTAL_HEALTH').check();
    await page.getByRole('button', { name: text.record, exact: true }).click();
    const healthRow = table.locator(`tr[data-agency-id="${health.id}"]`);
    await expect(healthRow).toContainText(text.mental);
    await expect(healthRow).not.toContainText(text.notYet);
    await expect(page.getByTestId('situation-status')).toHaveText(text.assigned);
    expect(await situationStatus(world, referral.id)).toBe('ASSIGNED');
    // its own record is done: no second form; the lead is still to mobilise, and it cannot act for the lead
    await expect(page.locator('#m-at')).toHaveCount(0);
    await expect(table.getByTestId('agency-record')).toHaveCount(0);
    await expect(page.getByTestId('timeline')).toContainText(text.timeline(health.name));
    await checkA11y(page, `situation page, assisting agency mobilised ${lang}`);
    await screenshot(page, 'mobilization-agencies-assisting', lang);

    // Later: it connected counselling too.
    await table.getByRole('button', { name: text.change(health.name) }).click();
    const form = page.getByTestId('agency-form-services');
    await expect(form.locator('#agency-mobilizations-form-sv-MENTAL_HEALTH')).toBeChecked();
    await form.locator('#agency-mobilizations-form-sv-COUNSELLING').check();
    await checkA11y(page, `situation page, services form ${lang}`);
    await form.getByRole('button', { name: text.save }).click();
    await expect(page.getByTestId('agency-mobilization-done')).toContainText(text.saved(health.name));
    await expect(page.getByTestId('agency-mobilization-done')).toBeFocused();
    await expect(healthRow).toContainText(text.counselling);
    await expect(page.getByTestId('timeline')).toContainText(text.servicesTimeline(health.name));
    await checkA11y(page, `situation page, services changed ${lang}`);
    await screenshot(page, 'mobilization-agencies-services', lang);
    await signOut(page);

    // The coordinator at the meeting: each agency's mobilisation in the panel; records the lead's.
    await signInAt(page, world.coordinator, lang, `/meetings/${meetingId}`);
    await page.locator(`#toggle-updates-${referral.id}`).click();
    const panel = page.getByTestId('situation-panel');
    const agencies = panel.getByTestId('agency-mobilizations');
    await expect(agencies.locator(`tr[data-agency-id="${health.id}"]`)).toContainText(text.counselling);
    await expect(agencies.locator(`tr[data-agency-id="${housing.id}"]`)).toContainText(text.notYet);
    await panel.locator(`#p-${referral.id}-service-HOUSING_SHELTER`).check();
    await panel.getByTestId('record-mobilization').click();
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.mobilized);
    await expect(agencies.locator(`tr[data-agency-id="${housing.id}"]`)).toContainText(text.housing);
    // the lead's services changed from the board
    await agencies.getByRole('button', { name: text.change(housing.name) }).click();
    const boardForm = panel.getByTestId('agency-form-services');
    await boardForm.locator(`#p-${referral.id}-agencies-form-sv-INCOME_SUPPORT`).check();
    await checkA11y(page, `board, services form ${lang}`);
    await screenshot(page, 'mobilization-agencies-board-form', lang);
    await boardForm.getByRole('button', { name: text.save }).click();
    await expect(panel.getByTestId('action-done')).toContainText(text.saved(housing.name));
    await expect(agencies.locator(`tr[data-agency-id="${housing.id}"]`)).toContainText(text.income);
    await checkA11y(page, `board, agencies mobilised ${lang}`);
    await screenshot(page, 'mobilization-agencies-board', lang);
    expect(await situationStatus(world, referral.id)).toBe('MOBILIZED');

    const view = await call<{ agencies: { agencyId: string; services: string[] }[] }>('GET', `/situations/${referral.id}`, await tokenOf(world.coordinator), undefined, 200);
    expect(view.body.agencies.map((a) => [a.agencyId, a.services])).toEqual([
      [housing.id, ['HOUSING_SHELTER', 'INCOME_SUPPORT']],
      [health.id, ['MENTAL_HEALTH', 'COUNSELLING']],
    ]);
  });
}
