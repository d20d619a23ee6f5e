import { readFileSync } from 'node:fs';
import { buildTable, type BrowserTable } from './support/api';
import { assign, createMeeting, decide, MEETS, signInAt, submitReferral } from './support/coordination';
import { checkA11y, expect, expectNotStored, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 17, section 1, in each language: the originating agency's representative records the
 * identity under a legal authority and sees its conditions (who may rely on it, the notice it
 * requires, the consent fields when it requires consent); the disclosure then shows on the
 * situation page, where the disclosing agency records the notice given. The privacy officer reads
 * the disclosure register (period, notice status) and exports it as CSV: no identity value.
 */
const TEXT = {
  en: {
    record: 'Record who or what the situation is about',
    save: 'Record',
    notice: 'Required within 7 days of the disclosure: Mailed to the last known address',
    consent: "The person's consent",
    pending: 'Notice pending',
    given: 'Notice given',
    register: 'Disclosure register',
  },
  fr: {
    record: 'Consigner qui ou quoi la situation concerne',
    save: 'Consigner',
    notice: 'Requis dans les 7\u00a0jours suivant la divulgation\u00a0: Envoyé par la poste à la dernière adresse connue',
    consent: 'Le consentement de la personne',
    pending: 'Avis à donner',
    given: 'Avis donné',
    register: 'Registre des divulgations',
  },
};
const PERSON = { given: 'Isolde', family: 'Vantongeren' };

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`disclosures (${lang}): the authority's conditions, the notice recorded, the privacy officer's register`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `D${lang.toUpperCase()}` });
    const referral = await submitReferral(world, 'police', MEETS);
    const meetingId = await createMeeting(world);
    await decide(world, referral.id, 'AER', meetingId);
    await assign(world, referral.id); // housing leads, health assists

    // The originating agency (police) records the identity; the form shows the authority's conditions.
    await signInAt(page, world.reps.police, lang, `/situations/${referral.id}`);
    await page.getByRole('button', { name: text.record }).click();
    const form = page.getByTestId('subject-form');
    const person = form.getByTestId('subject-person-fields').first();
    await person.locator('input[id$="-givenName"]').fill(PERSON.given);
    await person.locator('input[id$="-familyName"]').fill(PERSON.family);
    // retired authorities are not offered for a new disclosure
    await expect(form.locator('#s-authority option[value="CYFSA_S125"]')).toHaveCount(0);
    await form.locator('#s-authority').selectOption('CONSENT');
    await expect(form.getByTestId('consent-fields')).toBeVisible();
    await expect(form.getByTestId('consent-fields')).toContainText(text.consent);
    await checkA11y(page, `subject form, consent ${lang}`);
    await screenshot(page, 'disclosure-consent-fields', lang);
    await form.locator('#s-authority').selectOption('MFIPPA_S32_H');
    await expect(form.getByTestId('consent-fields')).toHaveCount(0);
    await expect(form.getByTestId('authority-notice')).toHaveText(text.notice);
    await checkA11y(page, `subject form, MFIPPA ${lang}`);
    await screenshot(page, 'disclosure-conditions', lang);
    const written = page.waitForResponse((r) => r.url().includes(`/situations/${referral.id}/subject`) && r.request().method() === 'PUT');
    await form.getByRole('button', { name: text.save, exact: true }).click();
    expect((await written).status()).toBe(204);

    // The disclosure on the situation page: notice pending; the disclosing agency records it.
    const disclosure = page.getByTestId('disclosure').first();
    await expect(disclosure.getByTestId('disclosure-notice')).toContainText(text.pending);
    await expect(disclosure).toContainText(world.agencies.housing.name);
    await expect(disclosure).not.toContainText(PERSON.family);
    await checkA11y(page, `situation disclosures ${lang}`);
    await screenshot(page, 'disclosure-notice-form', lang);
    const noticed = page.waitForResponse((r) => r.url().includes('/notice') && r.request().method() === 'POST');
    await disclosure.getByTestId('notice-save').click();
    expect((await noticed).status()).toBe(200);
    await expect(disclosure.getByTestId('disclosure-notice')).toContainText(text.given);
    await expect(disclosure.getByTestId('notice-form')).toHaveCount(0);
    await signOut(page);

    // The lead agency sees the disclosure but may not record its notice.
    await signInAt(page, world.reps.housing, lang, `/situations/${referral.id}`);
    await expect(page.getByTestId('disclosure').first()).toBeVisible();
    await expect(page.getByTestId('notice-form')).toHaveCount(0);
    await signOut(page);

    // The privacy officer's register: the period, the notice status, agencies by name, no identity.
    await signInAt(page, world.privacy, lang, '/audit/disclosures');
    await expect(page.getByRole('heading', { level: 1, name: text.register })).toBeVisible();
    const row = page.getByTestId('register-table').locator('tbody tr', { hasText: referral.reference });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(world.agencies.police.name);
    await expect(row).toHaveAttribute('data-notice', 'GIVEN');
    await expect(page.locator('body')).not.toContainText(PERSON.family);
    await checkA11y(page, `disclosure register ${lang}`);
    await screenshot(page, 'disclosure-register', lang);
    await page.locator('#register-status').selectOption('GIVEN');
    await page.getByTestId('register-apply').click();
    await expect(page.getByTestId('register-table').locator('tbody tr', { hasText: referral.reference })).toHaveCount(1);
    const download = page.waitForEvent('download');
    await page.getByTestId('register-export').click();
    const body = readFileSync((await (await download).path())!, 'utf8');
    expect(body.startsWith('\uFEFF')).toBe(true);
    // French: semicolons and French headers; English: commas
    expect(body.split(/\r?\n/)[0]).toContain(lang === 'fr' ? 'autorisation légale;' : 'legal authority,');
    expect(body).toContain(referral.reference);
    expect(body).not.toContain(PERSON.family);
    await expectNotStored(page, [PERSON.given, PERSON.family]);
  });
}
