import { buildTable, call, type BrowserTable } from './support/api';
import { signInAt, situationStatus, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, screenshot, test, type Lang } from './support/ui';

/**
 * Issue 16, in each language: a coordinator marks referrals as duplicates of another referral of
 * the table. On the triage screen: a reference of the wrong shape is said malformed in the page,
 * one that names no referral of this table is refused by the server (said next to the field),
 * then the right one (typed in lower case) is confirmed and the referral leaves the list. On a
 * deferred referral's page: marked, it shows its status and a link to the original; the original
 * lists both duplicates and its timeline tells each link.
 */
const TEXT = {
  en: { duplicate: 'Duplicate', kindDup: 'Marked as a duplicate', kindLinked: 'Duplicate linked' },
  fr: { duplicate: 'Doublon', kindDup: 'Marquée comme doublon', kindLinked: 'Doublon associé' },
};

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`duplicate (${lang}): a coordinator marks referrals as duplicates, from triage and from the situation page`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `DU${lang.toUpperCase()}` });
    const original = await submitReferral(world, 'police');
    const fromTriage = await submitReferral(world, 'health');
    const fromPage = await submitReferral(world, 'school');
    await call(
      'POST',
      `/situations/${fromPage.id}/decision`,
      await tokenOf(world.coordinator),
      { outcome: 'DEFERRED', informationNeeded: 'Which services were offered already, and when?' },
      200,
    );

    // Triage: the referral's card has the action.
    await signInAt(page, world.coordinator, lang, '/triage');
    const card = page.locator(`[data-testid=triage-item][data-reference="${fromTriage.reference}"]`);
    await card.getByTestId('duplicate-start').click();
    const field = card.getByTestId('duplicate-original');
    // the wrong shape: said in the page, nothing sent
    await field.fill('Not a reference');
    await card.getByTestId('duplicate-review').click();
    await expect(card.getByTestId('duplicate-malformed')).toBeVisible();
    await expect(field).toBeFocused();
    await expect(card.getByTestId('duplicate-confirm')).toHaveCount(0);
    // a reference of no referral of this table: the server's refusal, next to the field
    await field.fill(`DU${lang.toUpperCase()}-2001-9999`);
    await card.getByTestId('duplicate-review').click();
    await card.getByTestId('duplicate-yes').click();
    await expect(card.getByTestId('error-summary')).toBeVisible();
    await expect(card.locator(`#dup-${fromTriage.id}-error`)).not.toBeEmpty();
    expect(await situationStatus(world, fromTriage.id)).toBe('SUBMITTED');
    await checkA11y(page, `triage duplicate refused ${lang}`);
    await screenshot(page, 'duplicate-triage-refused', lang);
    // the original's reference, in lower case: confirmed, then the referral leaves the list
    await field.fill(original.reference.toLowerCase());
    await card.getByTestId('duplicate-review').click();
    await expect(card.getByTestId('duplicate-confirm')).toContainText(original.reference);
    await checkA11y(page, `triage duplicate confirmation ${lang}`);
    await screenshot(page, 'duplicate-triage-confirm', lang);
    await card.getByTestId('duplicate-yes').click();
    await expect(page.getByTestId('triage-duplicate-done')).toContainText(original.reference);
    await expect(card).toHaveCount(0);
    expect(await situationStatus(world, fromTriage.id)).toBe('DUPLICATE');
    await screenshot(page, 'duplicate-triage-done', lang);

    // The deferred referral's page.
    await page.goto('about:blank');
    await signInAt(page, world.coordinator, lang, `/situations/${fromPage.id}`);
    const section = page.getByTestId('mark-duplicate');
    await section.getByTestId('duplicate-start').click();
    await section.getByTestId('duplicate-original').fill(original.reference);
    await section.getByTestId('duplicate-review').click();
    await section.getByTestId('duplicate-yes').click();
    await expect(page.getByTestId('duplicate-done')).toContainText(original.reference);
    await expect(page.getByTestId('situation-status')).toHaveText(text.duplicate);
    const link = page.getByTestId('duplicate-of').getByRole('link', { name: original.reference });
    await expect(link).toBeVisible();
    await expect(page.getByTestId('timeline').locator('li[data-kind=DUPLICATE]')).toContainText(text.kindDup);
    await expect(page.getByTestId('timeline').locator('li[data-kind=DUPLICATE]')).toContainText(original.reference);
    await checkA11y(page, `situation marked duplicate ${lang}`);
    await screenshot(page, 'duplicate-marked', lang);

    // The original lists both, and its timeline tells each link.
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/situations/${original.id}$`));
    const listed = page.getByTestId('duplicates');
    await expect(listed.getByRole('link', { name: fromTriage.reference })).toBeVisible();
    await expect(listed.getByRole('link', { name: fromPage.reference })).toBeVisible();
    const linked = page.getByTestId('timeline').locator('li[data-kind=DUPLICATE_LINKED]');
    await expect(linked).toHaveCount(2);
    await expect(linked.first()).toContainText(text.kindLinked);
    await expect(page.getByTestId('mark-duplicate')).toBeVisible();
    await checkA11y(page, `original with its duplicates ${lang}`);
    await screenshot(page, 'duplicate-original', lang);
  });
}
