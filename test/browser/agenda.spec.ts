import { call } from './support/api';
import { buildTable, type BrowserTable } from './support/api';
import { closeSituation, createMeeting, decide, assign, mobilize, signInAt, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, screenshot, test, type Lang } from './support/ui';

/**
 * Issue 16, in each language: the coordinator records who is present by person (the sectors present
 * follow, and a referral on the agenda warns of the sectors it needs that nobody present sits for),
 * then works the agenda as ordered items: moves one up with the keyboard (announced, the focus
 * stays on it), marks one discussed, adds a closed situation by its reference, defers it to the
 * next meeting and removes another.
 */
const TEXT = {
  en: { moved: 'moved to position 1 of 2', present: 'Sectors present: Police', absent: 'Health', discussed: 'Discussed', deferred: 'deferred to the next meeting' },
  fr: {
    moved: 'est maintenant au rang 1 sur 2',
    present: 'Secteurs présents\u00a0: Services policiers',
    absent: 'Santé',
    discussed: 'Discuté',
    deferred: 'reporté à la rencontre suivante',
  },
};

const references = async (page: import('@playwright/test').Page) => page.getByTestId('agenda-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-reference')));

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`agenda (${lang}): attendance by person, sectors absent, and the agenda as ordered items`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `A${lang.toUpperCase()}` });
    const first = await submitReferral(world, 'police');
    const second = await submitReferral(world, 'school');
    // a closed situation, not on the agenda until added
    const closed = await submitReferral(world, 'police');
    await decide(world, closed.id);
    await assign(world, closed.id);
    await mobilize(world, closed.id);
    await closeSituation(world, closed.id);
    const meetingId = await createMeeting(world);
    // the next meeting, a week later, to defer to
    await call(
      'POST',
      `/tables/${world.tableId}/meetings`,
      await tokenOf(world.coordinator),
      { scheduledFor: new Date(Date.now() + 7 * 86_400_000).toISOString(), kind: 'REGULAR' },
      201,
    );

    await signInAt(page, world.coordinator, lang, `/meetings/${meetingId}`);
    const items = page.getByTestId('agenda-items');
    await expect(items.getByTestId('agenda-item')).toHaveCount(2);
    expect(await references(page)).toEqual([first.reference, second.reference]);
    await expect(items.getByTestId('sectors-absent')).toHaveCount(0);

    // attendance by person: the police representative only
    const attendees = page.getByTestId('attendees');
    await attendees.locator(`#attendee-${world.reps.police.id}`).check();
    await attendees.getByRole('button').click();
    await expect(attendees.getByTestId('attendees-saved')).toBeVisible();
    await expect(attendees.getByTestId('sectors-present')).toHaveText(`${text.present}.`);
    // the attendance-by-agency form above follows the agencies recorded here, without saying someone else changed them
    await expect(page.locator(`#attend-${world.agencies.police.id}`)).toBeChecked();
    await expect(page.getByTestId('attendance-changed')).toHaveText('');
    const firstItem = items.locator(`[data-reference="${first.reference}"]`);
    await expect(firstItem.getByTestId('sectors-absent')).toContainText(text.absent);

    // move the second up with the keyboard: announced, the focus stays on the item
    await page.locator(`#move-up-${second.id}`).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('agenda-items-announce')).toContainText(`${second.reference} ${text.moved}`);
    await expect.poll(() => references(page)).toEqual([second.reference, first.reference]);
    await expect(page.locator(`#move-down-${second.id}`)).toBeFocused();

    // mark the first discussed
    await firstItem
      .getByRole('button', { name: new RegExp(first.reference) })
      .nth(2)
      .click();
    await expect(firstItem).toHaveAttribute('data-status', 'DISCUSSED');
    await expect(firstItem).toContainText(text.discussed);

    // add the closed one by its reference, then defer it to the next meeting
    await page.locator('#agenda-add-reference').fill(closed.reference.toLowerCase());
    await page.getByTestId('agenda-add').getByRole('button').click();
    const closedItem = items.locator(`[data-reference="${closed.reference}"]`);
    await expect(closedItem).toHaveAttribute('data-status', 'LISTED');
    expect(await references(page)).toEqual([second.reference, first.reference, closed.reference]);
    await checkA11y(page, `agenda items ${lang}`);
    await screenshot(page, 'agenda-items', lang);
    await closedItem
      .getByRole('button', { name: new RegExp(closed.reference) })
      .nth(3)
      .click();
    await expect(closedItem).toHaveAttribute('data-status', 'DEFERRED');
    await expect(page.getByTestId('agenda-items-announce')).toContainText(text.deferred);

    // remove the second: listed among the removed
    const secondItem = items.locator(`[data-reference="${second.reference}"]`);
    await secondItem
      .getByRole('button', { name: new RegExp(second.reference) })
      .nth(4)
      .click();
    await expect(page.getByTestId('agenda-items-removed')).toContainText(second.reference);
    await expect(secondItem).toHaveCount(0);
    await checkA11y(page, `agenda items after changes ${lang}`);
    await screenshot(page, 'agenda-items-after', lang);
  });
}
