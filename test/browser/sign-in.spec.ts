import { adminToken, buildTable, createUser, type BrowserTable } from './support/api';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PASSWORD } from './support/env';
import { browserStorage, checkA11y, expect, expectNotStored, openApp, screenshot, signIn, signOut, test, type Lang } from './support/ui';

let world: BrowserTable;
test.beforeAll(async () => {
  world = await buildTable();
});

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(`sign-in (${lang})`, () => {
    test('the sign-in screen is accessible, served under the strict CSP, and translated', async ({ page }) => {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') violations.push(m.text());
      });
      const res = await page.goto('/signin');
      expect(res?.headers()['content-security-policy']).toContain("style-src 'self';");
      expect(res?.headers()['content-security-policy']).not.toContain('unsafe-inline');
      expect(res?.headers()['cache-control']).toBe('no-store');
      await openApp(page, lang, '/signin');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'fr' ? 'Connexion' : 'Sign in');
      await checkA11y(page, `sign-in ${lang}`);
      await screenshot(page, 'sign-in', lang);
      expect(violations.filter((v) => /Content Security Policy|Refused to/i.test(v))).toEqual([]);
    });

    test('a representative signs in, lands on their first screen, and the token is in no storage', async ({ page }) => {
      const tokens: string[] = [];
      page.on('response', async (r) => {
        if (r.url().endsWith('/api/v1/auth/login') && r.status() === 200) tokens.push(((await r.json()) as { accessToken: string }).accessToken);
      });
      await signIn(page, world.reps.police, lang);
      await expect(page).toHaveURL(/\/situations$/);
      await expect(page.getByTestId('signed-in-as')).toHaveText('Rep police');
      await expect(page.getByRole('navigation')).toContainText(lang === 'fr' ? 'Situations de mon organisme' : "My agency's situations");
      await checkA11y(page, `first screen ${lang}`);
      await screenshot(page, 'first-screen', lang);
      expect(tokens).toHaveLength(1);
      await expectNotStored(page, [tokens[0], tokens[0].split('.')[1], world.reps.police.email]);
      const storage = await browserStorage(page);
      expect(Object.keys(storage.local)).toEqual(['st.lang']);
      expect(storage.session).toEqual({});
      expect(storage.cookies).toBe('');
      // A reload forgets the session (the token lived in memory only).
      await page.reload();
      await expect(page.locator('#signin-email')).toBeVisible();
    });

    test('a wrong password is announced next to the form, in the language', async ({ page }) => {
      await openApp(page, lang, '/signin');
      await page.locator('#signin-email').fill(world.reps.health.email);
      await page.locator('#signin-password').fill('not-the-password-at-all');
      await page.locator('form button[type=submit]').click();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(lang === 'fr' ? 'Adresse courriel ou mot de passe incorrect' : 'Incorrect email address or password');
      await expect(alert).toBeFocused();
      await checkA11y(page, `sign-in error ${lang}`);
      await screenshot(page, 'sign-in-error', lang);
    });

    test('sign-out revokes the token and returns to the sign-in screen', async ({ page }) => {
      await signIn(page, world.reps.health, lang);
      await signOut(page);
      await expect(page.getByRole('status')).toContainText(lang === 'fr' ? 'Vous êtes déconnecté' : 'You have signed out');
      await page.goto('/situations');
      await expect(page.locator('#signin-email')).toBeVisible();
    });

    test('a temporary password must be changed first', async ({ page }) => {
      const admin = await adminToken();
      const user = await createUser(admin, world.agencies.school.id, { temporary: true, displayName: 'New rep' });
      await signIn(page, user, lang);
      await expect(page).toHaveURL(/\/password$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'fr' ? 'Choisissez votre mot de passe' : 'Choose your password');
      await checkA11y(page, `password ${lang}`);
      await screenshot(page, 'password-change', lang);
      await page.locator('#pw-current').fill(user.password);
      await page.locator('#pw-new').fill('password');
      await page.locator('#pw-confirm').fill('password');
      await page.getByRole('button', { name: lang === 'fr' ? 'Enregistrer le mot de passe' : 'Save the password' }).click();
      await expect(page.getByTestId('error-summary')).toHaveAttribute('data-status', '400');
      await checkA11y(page, `password error ${lang}`);
      await page.locator('#pw-new').fill(PASSWORD + '-mine');
      await page.locator('#pw-confirm').fill(PASSWORD + '-mine');
      await page.getByRole('button', { name: lang === 'fr' ? 'Enregistrer le mot de passe' : 'Save the password' }).click();
      // No role yet: the screen says so.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'fr' ? "Aucun rôle pour l'instant" : 'No role yet');
    });
  });
}

test("after a sign-out, the next person to sign in starts on their own first screen, not on the last person's", async ({ page }) => {
  await signIn(page, world.reps.health, 'en');
  await expect(page).toHaveURL(/\/situations$/);
  await signOut(page);
  await page.locator('#signin-email').fill(world.coordinator.email);
  await page.locator('#signin-password').fill(world.coordinator.password);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/triage$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('after the session expires, its way back is for the same person only', async ({ page }) => {
  await page.clock.install();
  const signInHere = async (user: { email: string; password: string }) => {
    await page.locator('#signin-email').fill(user.email);
    await page.locator('#signin-password').fill(user.password);
    await page.locator('form button[type=submit]').click();
  };
  // the representative's session expires on their identity reads (the token lives an hour)
  await signIn(page, world.reps.health, 'en');
  await page.getByRole('navigation').getByRole('link', { name: 'My identity reads' }).click();
  await expect(page).toHaveURL(/\/identity-reads$/);
  await page.clock.fastForward('01:00:05');
  await expect(page.locator('#signin-email')).toBeVisible();
  // the same person is taken back there
  await signInHere(world.reps.health);
  await expect(page).toHaveURL(/\/identity-reads$/);
  // expired again; another person signs in: their own first screen
  await page.clock.fastForward('01:00:05');
  await expect(page.locator('#signin-email')).toBeVisible();
  await signInHere(world.coordinator);
  await expect(page).toHaveURL(/\/triage$/);
});

test('the language switch sets <html lang> and is kept for the next visit', async ({ page }) => {
  await openApp(page, 'en', '/signin');
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('the administrator signs in (bootstrap account)', async ({ page }) => {
  await signIn(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, 'en');
  await expect(page).toHaveURL(/\/admin$/);
});

test('the server answers the SPA for app paths and JSON 404 for unknown API paths', async ({ request }) => {
  const app = await request.get('/situations/some-id');
  expect(app.status()).toBe(200);
  expect(app.headers()['content-type']).toContain('text/html');
  const apiMiss = await request.get('/api/v1/no-such-route');
  expect(apiMiss.status()).toBe(404);
  expect(apiMiss.headers()['content-type']).toContain('application/json');
  const html = await app.text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
  const js = await request.get(asset);
  expect(js.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});
