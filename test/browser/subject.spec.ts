import { call } from './support/api';
import { buildTable, type BrowserTable } from './support/api';
import { assign, createMeeting, decide, MEETS, signInAt, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, expectNotStored, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 16, the subject of a situation, in each language: the originating agency's representative
 * records a family of three (persons with their roles, added and removed with the keyboard) on the
 * situation page; the lead agency's representative reads it back with a purpose: every person, in
 * role order, the PRIMARY first. A place is recorded for a location. Nothing of the subject is kept
 * in the browser's storage or the URL.
 */
const TEXT = {
  en: {
    record: 'Record who or what the situation is about',
    add: 'Add a person',
    remove: 'Remove person 3',
    save: 'Record',
    read: 'Show the identity',
    roles: ['Person at risk', 'Parent', 'Child'],
    place: 'A place',
  },
  fr: {
    record: 'Consigner qui ou quoi la situation concerne',
    add: 'Ajouter une personne',
    remove: 'Retirer la personne 3',
    save: 'Consigner',
    read: "Afficher l'identité",
    roles: ['Personne à risque', 'Parent', 'Enfant'],
    place: 'Un lieu',
  },
};
/** An invented family. */
const FAMILY = [
  { role: 'PRIMARY', given: 'Orlaith', family: 'Brackenridge', dob: '2010-05-02' },
  { role: 'PARENT', given: 'Thaddeus', family: 'Brackenridge', phone: '555-0199-41' },
  { role: 'CHILD', given: 'Pemberly', family: 'Brackenridge' },
];

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`subject (${lang}): a family of three recorded and read back with a purpose; a place for a location`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `S${lang.toUpperCase()}` });
    const referral = await submitReferral(world, 'police', { ...MEETS, situationType: 'FAMILY' });
    const meetingId = await createMeeting(world);
    await decide(world, referral.id, 'AER', meetingId);
    await assign(world, referral.id); // housing leads, health assists

    // The originating agency (police) records the family.
    await signInAt(page, world.reps.police, lang, `/situations/${referral.id}`);
    await page.getByRole('button', { name: text.record }).click();
    const form = page.getByTestId('subject-form');
    await expect(form.locator('#s-kind-PERSONS')).toBeChecked();
    // four persons added from the keyboard, the last one removed again: three remain
    for (let i = 0; i < 3; i++) {
      await form.getByRole('button', { name: text.add }).focus();
      await page.keyboard.press('Enter');
    }
    await expect(form.getByTestId('subject-person-fields')).toHaveCount(4);
    await form.getByRole('button', { name: lang === 'en' ? 'Remove person 4' : 'Retirer la personne 4' }).click();
    await expect(form.getByTestId('subject-person-fields')).toHaveCount(3);
    await expect(form.getByRole('button', { name: text.add })).toBeFocused();
    const persons = form.getByTestId('subject-person-fields');
    for (const [i, p] of FAMILY.entries()) {
      const fields = persons.nth(i);
      await fields.getByRole('combobox').selectOption(p.role);
      await fields.locator('input[id$="-givenName"]').fill(p.given);
      await fields.locator('input[id$="-familyName"]').fill(p.family);
      if (p.dob) await fields.locator('input[id$="-dateOfBirth"]').fill(p.dob);
      if (p.phone) await fields.locator('input[id$="-phone"]').fill(p.phone);
    }
    await form.locator('#s-authority').selectOption('CONSENT');
    await checkA11y(page, `subject form, a family ${lang}`);
    await screenshot(page, 'subject-form', lang);
    const written = page.waitForResponse((r) => r.url().includes(`/situations/${referral.id}/subject`) && r.request().method() === 'PUT');
    await form.getByRole('button', { name: text.save, exact: true }).click();
    expect((await written).status()).toBe(204);
    await expect(page.getByTestId('subject-written')).toBeVisible();
    await expect(page.getByTestId('subject-form')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText('Pemberly');
    await expectNotStored(page, ['Orlaith', 'Thaddeus', 'Pemberly', 'Brackenridge', '555-0199']);
    await signOut(page);

    // The lead agency (housing) reads it with a purpose: every person, the PRIMARY first, with roles.
    await signInAt(page, world.reps.housing, lang, `/situations/${referral.id}`);
    await page.getByTestId('identity-start').click();
    await page.locator('#i-purpose').selectOption('HOME_VISIT');
    await page.locator('#i-note').fill(lang === 'en' ? 'planning the first home visit' : 'préparer la première visite à domicile');
    const read = page.waitForResponse((r) => r.url().includes('/subject?'));
    await page.getByRole('button', { name: text.read }).click();
    const res = await read;
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toBe('no-store');
    const shown = page.getByTestId('subject-person');
    await expect(shown).toHaveCount(3);
    for (const [i, p] of FAMILY.entries()) {
      await expect(shown.nth(i)).toContainText(`${p.given} ${p.family}`);
      await expect(shown.nth(i)).toContainText(text.roles[i]);
    }
    await expect(shown.nth(1)).toContainText('555-0199-41');
    await expect(page.getByTestId('identity-accesses')).toBeVisible();
    await checkA11y(page, `subject shown, a family ${lang}`);
    await screenshot(page, 'subject-shown', lang);
    await expectNotStored(page, ['Orlaith', 'Thaddeus', 'Pemberly', 'Brackenridge']);
    await page.getByTestId('identity-hide').click();
    await expect(page.getByTestId('identity-card')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText('Brackenridge');
    // The assisting agency (health) may read but not record.
    await signOut(page);
    await signInAt(page, world.reps.health, lang, `/situations/${referral.id}`);
    await expect(page.getByTestId('identity-start')).toBeVisible();
    await expect(page.getByTestId('subject-edit')).toHaveCount(0);
    await signOut(page);

    // A location: the lead records a place (address and description), read back through the API.
    const location = await submitReferral(world, 'police', { ...MEETS, situationType: 'LOCATION' });
    await decide(world, location.id, 'AER', meetingId);
    await assign(world, location.id);
    await signInAt(page, world.reps.housing, lang, `/situations/${location.id}`);
    await page.getByRole('button', { name: text.record }).click();
    await expect(page.locator('#s-kind-PLACE')).toBeChecked();
    await page.locator('#s-address').fill('1290 Larkspur Avenue');
    await page.locator('#s-description').fill(lang === 'en' ? 'vacant rooming house, back entrance on the lane' : 'maison de chambres vacante, entrée par la ruelle');
    await page.locator('#s-authority').selectOption('CONSENT');
    await checkA11y(page, `subject form, a place ${lang}`);
    await screenshot(page, 'subject-place-form', lang);
    await page.getByTestId('subject-save').click();
    await expect(page.getByTestId('subject-written')).toBeVisible();
    const place = await call<{ kind: string; place: { address: string } }>(
      'GET',
      `/situations/${location.id}/subject?purposeCode=HOME_VISIT`,
      await tokenOf(world.reps.housing),
      undefined,
      200,
    );
    expect(place.body).toMatchObject({ kind: 'PLACE', place: { address: '1290 Larkspur Avenue' } });
  });
}
