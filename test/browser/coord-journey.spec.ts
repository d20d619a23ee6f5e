import { buildTable, type BrowserTable } from './support/api';
import { mobilize, submitReferral, situationStatus } from './support/coordination';
import { checkA11y, expect, type Lang, screenshot, signIn, test } from './support/ui';

/**
 * The coordinator's journey, in each language: triage, a meeting (attendance, decision,
 * assignment), its minutes; the lead agency mobilises; at the next meeting the coordinator
 * closes the situation. Everything through the screens except what other people do (the
 * referral, the mobilisation), which goes through the API.
 */
const TEXT = {
  en: { triage: 'Triage', meetings: 'Meeting board', discuss: 'Discuss', accepted: 'Accepted', assigned: 'Assigned', closed: 'Closed', minutes: 'Minutes of the meeting' },
  fr: {
    triage: 'Tri',
    meetings: 'Tableau de la rencontre',
    discuss: 'Discuter de',
    accepted: 'Acceptée',
    assigned: 'Attribuée',
    closed: 'Fermée',
    minutes: 'Procès-verbal de la rencontre',
  },
};

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`journey (${lang}): the coordinator runs a meeting (attendance, decision, assignment) and later closes the situation`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `J${lang.toUpperCase()}` });
    const referral = await submitReferral(world, 'police');

    await signIn(page, world.coordinator, lang);
    // Triage: the referral with its advice.
    await page.getByRole('navigation').getByRole('link', { name: text.triage, exact: true }).click();
    const item = page.locator(`[data-testid=triage-item][data-reference="${referral.reference}"]`);
    await expect(item.getByTestId('threshold-verdict')).toBeVisible();

    // A meeting, created from the meetings screen.
    await page.getByRole('navigation').getByRole('link', { name: text.meetings, exact: true }).click();
    await page.getByRole('main').locator('form button[type=submit]').click();
    await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
    const meetingId = page.url().split('/').pop()!;
    await expect(page.getByTestId('agenda-newSituations')).toContainText(referral.reference);

    // Attendance.
    for (const a of ['police', 'health', 'housing'] as const) await page.locator(`#attend-${world.agencies[a].id}`).check();
    await page.getByTestId('attendance-form').locator('button[type=submit]').click();
    await expect(page.getByTestId('attendance-saved')).toBeVisible();

    // Decision: accepted, as the advice says.
    await page.getByRole('button', { name: `${text.discuss} ${referral.reference}` }).click();
    const panel = page.getByTestId('situation-panel');
    await panel.locator(`#p-${referral.id}-outcome-AER`).check();
    await panel.getByTestId('record-decision').click();
    await expect(panel.getByTestId('action-done')).toBeVisible();
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.accepted);

    // Assignment: housing leads, health assists.
    await panel.locator(`#p-${referral.id}-lead`).selectOption(world.agencies.housing.id);
    await panel.locator(`#p-${referral.id}-assist-${world.agencies.health.id}`).check();
    await panel.getByTestId('record-assignment').click();
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.assigned);
    await expect(panel.getByTestId('assignment-facts')).toContainText(world.agencies.housing.name);
    expect(await situationStatus(world, referral.id)).toBe('ASSIGNED');

    // Close the meeting: its minutes.
    await page.getByTestId('close-meeting').click();
    await page.getByTestId('confirm-close-meeting').click();
    await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}/minutes$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(text.minutes);
    await expect(page.getByTestId('min-decisions')).toContainText(referral.reference);
    await expect(page.getByTestId('min-assignments')).toContainText(world.agencies.housing.name);
    await expect(page.getByTestId('minutes-attendance')).toContainText(world.agencies.police.name);

    // Later: the lead agency mobilises; at the next meeting the coordinator closes the situation.
    await mobilize(world, referral.id);
    await page.getByRole('navigation').getByRole('link', { name: text.meetings, exact: true }).click();
    await page.getByRole('main').locator('form button[type=submit]').click();
    await expect(page.getByTestId('agenda-updates')).toContainText(referral.reference);
    await page
      .getByTestId('agenda-updates')
      .getByRole('button', { name: `${text.discuss} ${referral.reference}` })
      .click();
    await panel.locator(`#p-${referral.id}-conclusion`).selectOption('CONNECTED_TO_SERVICES');
    // a person always has a consent status: "not applicable" is not offered (the server would refuse it)
    await expect(panel.locator(`#p-${referral.id}-consent option[value="NOT_APPLICABLE"]`)).toHaveCount(0);
    await expect(panel.locator(`#p-${referral.id}-consent option[value="REFUSED"]`)).toHaveCount(1);
    await panel.locator(`#p-${referral.id}-consent`).selectOption('OBTAINED');
    await checkA11y(page, `board closure form ${lang}`);
    await screenshot(page, 'meeting-board-closure', lang);
    await panel.getByTestId('record-closure').click();
    await expect(panel.getByRole('heading', { level: 3 })).toContainText(text.closed);
    expect(await situationStatus(world, referral.id)).toBe('CLOSED');
  });
}
