import { buildTable, call, type BrowserTable } from './support/api';
import { checkA11y, expect, openApp, screenshot, signIn, test, type Lang } from './support/ui';

/** The session: re-authentication over the current screen on a 401 (nothing typed is lost); keyboard basics. */
let world: BrowserTable;
test.beforeAll(async () => {
  world = await buildTable();
});

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`a revoked token asks to sign in again over the screen, and what was typed stays (${lang})`, async ({ page }) => {
    let token = '';
    page.on('response', async (r) => {
      if (r.url().endsWith('/api/v1/auth/login') && r.status() === 200) token = ((await r.json()) as { accessToken: string }).accessToken;
    });
    const rep = world.reps.health;
    await signIn(page, rep, lang, '/referrals/new');
    await expect(page.getByTestId('referral-form')).toBeVisible();
    // the token is revoked elsewhere (as "sign out everywhere" or an administrator would)
    expect((await call('POST', '/auth/logout', token)).status).toBe(204);
    const text = 'Repeated calls about an adult sleeping in a stairwell this week.';
    await page.locator('#r-narrative').fill(text); // the check while typing answers 401
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('#reauth-email')).toHaveValue(rep.email);
    await checkA11y(page, `re-authentication ${lang}`);
    await screenshot(page, 'reauth', lang);
    await dialog.locator('#reauth-password').fill(rep.password);
    await dialog.locator('button[type=submit]').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('#r-narrative')).toHaveValue(text);
    await expect(page.getByTestId('pii-status')).toBeVisible();
  });
}

test('the skip link is the first stop of the keyboard and moves to the main content; focus is visible', async ({ page }) => {
  await openApp(page, 'en', '/signin');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  // the form is reachable and usable with the keyboard alone
  await page.keyboard.press('Tab');
  await expect(page.locator('#signin-email')).toBeFocused();
  await page.keyboard.type(world.reps.police.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(world.reps.police.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sign-out')).toBeVisible();
});
