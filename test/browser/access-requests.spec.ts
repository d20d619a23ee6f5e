import { call, buildTable, type BrowserTable } from './support/api';
import { assign, createMeeting, decide, MEETS, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, expectNotStored, type Lang, screenshot, signIn, test } from './support/ui';

/**
 * Issue 17, individual access requests, in each language: the privacy officer opens "Access
 * requests", searches a person by names and date of birth typed differently from the record
 * (no accents, other case, names swapped), gets the situation's reference as a link, opens it; a
 * search with another date finds nothing; a note naming the person is refused next to the field.
 * Nothing typed is kept in the browser's storage or the URL.
 */
const TEXT = {
  en: { nav: 'Access requests', title: 'Individual access request', search: 'Search', none: 'No situation of this table matches this person.', found: '1 situation found.' },
  fr: {
    nav: "Demandes d'accès",
    title: "Demande d'accès d'une personne",
    search: 'Rechercher',
    none: 'Aucune situation de cette table ne correspond à cette personne.',
    found: '1 situation trouvée.',
  },
};
/** An invented person, recorded with accents. */
const PERSON = { givenName: 'Aurélien', familyName: 'Maëstrichal', dateOfBirth: '2006-09-17' };

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`access requests (${lang}): the privacy officer finds a situation by name and date of birth, references only`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `AR${lang.toUpperCase()}` });
    const referral = await submitReferral(world, 'police', { ...MEETS, situationType: 'FAMILY' });
    await decide(world, referral.id, 'AER', await createMeeting(world));
    await assign(world, referral.id);
    const police = await tokenOf(world.reps.police);
    await call(
      'PUT',
      `/situations/${referral.id}/subject`,
      police,
      {
        kind: 'PERSONS',
        legalAuthority: 'MFIPPA_S32_H',
        persons: [
          { role: 'PRIMARY', ...PERSON },
          { role: 'PARENT', givenName: 'Solenne', familyName: 'Maëstrichal' },
        ],
      },
      204,
    );

    await signIn(page, world.privacy, lang);
    await page
      .getByRole('navigation', { name: /Main navigation|Navigation principale/ })
      .getByRole('link', { name: text.nav, exact: true })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.title);
    const form = page.getByTestId('access-request-form');
    await checkA11y(page, `access request form ${lang}`);

    // typed without accents, in capitals, the two names swapped
    await form.locator('#ar-given').fill('MAESTRICHAL');
    await form.locator('#ar-family').fill('aurelien');
    await form.locator('#ar-dob').fill(PERSON.dateOfBirth);
    await form.locator('#ar-purpose').fill(lang === 'en' ? 'written request received by mail' : 'demande écrite reçue par la poste');
    const searched = page.waitForResponse((r) => r.url().includes('/access-requests/search'));
    await page.getByTestId('access-request-search').click();
    const res = await searched;
    expect(res.status()).toBe(200);
    expect(res.request().method()).toBe('POST');
    expect(res.url()).not.toContain('aurelien');
    await expect(page.getByTestId('access-request-status')).toHaveText(text.found);
    const table = page.getByTestId('access-request-matches');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.getByRole('link', { name: referral.reference })).toBeVisible();
    // references, never identity
    await expect(table).not.toContainText('Aurélien');
    await expect(table).not.toContainText('Solenne');
    await checkA11y(page, `access request found ${lang}`);
    await screenshot(page, 'access-request-found', lang);
    await expectNotStored(page, ['Aurélien', 'aurelien', 'MAESTRICHAL', 'Maëstrichal', PERSON.dateOfBirth]);

    // a note naming the person is refused, shown next to the field, what was typed kept
    await form.locator('#ar-purpose').fill(lang === 'en' ? 'asked by Aurélien at the front desk' : 'demandé par Aurélien à l’accueil');
    await page.getByTestId('access-request-search').click();
    await expect(page.getByTestId('error-summary')).toHaveAttribute('data-status', '422');
    await expect(form.locator('#ar-given')).toHaveValue('MAESTRICHAL');
    await checkA11y(page, `access request refused note ${lang}`);
    await screenshot(page, 'access-request-refused', lang);

    // another date of birth: nothing found
    await page.getByTestId('access-request-reset').click();
    await expect(form.locator('#ar-given')).toHaveValue('');
    await form.locator('#ar-given').fill(PERSON.givenName);
    await form.locator('#ar-family').fill(PERSON.familyName);
    await form.locator('#ar-dob').fill('2006-09-18');
    await page.getByTestId('access-request-search').click();
    await expect(page.getByTestId('access-request-status')).toHaveText(text.none);
    await expect(page.getByTestId('access-request-matches')).toHaveCount(0);
    await checkA11y(page, `access request none ${lang}`);
    await screenshot(page, 'access-request-none', lang);

    // the same person again, then the reference opens the situation's page (de-identified)
    await form.locator('#ar-dob').fill(PERSON.dateOfBirth);
    await page.getByTestId('access-request-search').click();
    await expect(page.getByTestId('access-request-status')).toHaveText(text.found);
    await page.getByTestId('access-request-matches').getByRole('link', { name: referral.reference }).click();
    await expect(page).toHaveURL(new RegExp(`/situations/${referral.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(referral.reference);
    await expectNotStored(page, ['Aurélien', 'Maëstrichal', PERSON.dateOfBirth]);
  });
}
