import { adminToken, buildTable, call, type BrowserTable } from './support/api';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/env';
import { assign, closeSituation, decide, signInAt, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, loadAll, screenshot, signOut, test, type Lang } from './support/ui';

/**
 * Issue 19, docs/evaluation.md 6.2-6.4, in each language: the police representative (originating
 * agency) of an assigned situation whose subject is written opens the optional equity questions on
 * the situation page: the notice comes first with the table's contact and retention, the questions
 * appear once the notice is confirmed; a select-all question keeps "Prefer not to answer" alone; the
 * answers are saved, read back with a purpose, changed, then withdrawn; recorded again and the
 * situation closed, they can still be withdrawn (never read back) while the identity is live.
 */
const TEXT = {
  en: {
    ask: 'Ask the equity questions',
    asked: 'Yes, the questions were asked',
    given: 'I gave this notice to the person',
    self: 'The person',
    metis: 'Yes, Métis',
    inuit: 'Yes, Inuit',
    prefer: 'Prefer not to answer',
    sikh: 'Sikh',
    save: 'Save the answers',
    saved: 'Recorded. The answers are kept encrypted, apart from the identity.',
    show: 'Show the answers',
    change: 'Change these answers',
    withdraw: 'Withdraw the answers',
    withdrawn: 'The answers were withdrawn and deleted.',
    none: 'No answers recorded.',
    afterClosure: 'The situation is closed. Until its identifying information is deleted, the person may still change or withdraw these answers',
    retention: (days: number) => `${days} days after the situation is closed`,
    noticeTitle: 'About these optional questions',
  },
  fr: {
    ask: "Poser les questions sur l'équité",
    asked: 'Oui, les questions ont été posées',
    given: "J'ai donné cet avis à la personne",
    self: 'La personne elle-même',
    metis: 'Oui, Métis',
    inuit: 'Oui, Inuit',
    prefer: 'Préfère ne pas répondre',
    sikh: 'Sikhisme',
    save: 'Enregistrer les réponses',
    saved: "Enregistré. Les réponses sont conservées chiffrées, à part de l'identité.",
    show: 'Afficher les réponses',
    change: 'Modifier ces réponses',
    withdraw: 'Retirer les réponses',
    withdrawn: 'Les réponses ont été retirées et supprimées.',
    none: 'Aucune réponse consignée.',
    afterClosure: "La situation est fermée. Jusqu'à la suppression de ses renseignements identificatoires, la personne peut encore modifier ou retirer ces réponses",
    retention: (days: number) => `${days}\u00a0jours après la fermeture de la situation`,
    noticeTitle: 'À propos de ces questions facultatives',
  },
};
const CONTACT = { equityContactTitle: 'Privacy officer, Invented Situation Table', equityContactEmail: 'privacy.office@example.test' };
const IDENTITY = { givenName: 'Zephyrine', familyName: 'Quillfeather', dateOfBirth: '1987-03-14', legalAuthority: 'MFIPPA_S32_H' };

type Answers = { answers: Record<string, string[]>; answeredBy: string };

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`equity questions (${lang}): notice first, questions once it is given, saved, read back, changed and withdrawn`, async ({ page }) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    const world: BrowserTable = await buildTable({ code: `Q${lang.toUpperCase()}` });
    const table = await call<{ identityRetentionDays: number; name: string }>('PATCH', `/tables/${world.tableId}`, await adminToken(), {}, 200);

    // the administrator names the notice's contact in the table's settings
    await signInAt(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, lang, '/admin/tables');
    await loadAll(page, 'table-list', 'table-table');
    const row = page.getByTestId('table-table').locator('tr', { hasText: table.body.name });
    await row.getByTestId('table-edit-show').click();
    await page.locator('#edit-equity-title').fill(CONTACT.equityContactTitle);
    await page.locator('#edit-equity-email').fill(CONTACT.equityContactEmail);
    await checkA11y(page, `admin table equity contact ${lang}`);
    await screenshot(page, 'equity-admin-contact', lang);
    await page.getByTestId('table-save').click();
    await expect(page.locator('#edit-equity-title')).toHaveCount(0);
    await signOut(page);
    expect((await call<typeof CONTACT>('PATCH', `/tables/${world.tableId}`, await adminToken(), {}, 200)).body).toMatchObject(CONTACT);

    const referral = await submitReferral(world, 'police');
    await decide(world, referral.id, 'AER');
    await assign(world, referral.id); // housing leads, health assists
    const police = await tokenOf(world.reps.police);
    await call('PUT', `/situations/${referral.id}/identity`, police, IDENTITY, 204);

    await signInAt(page, world.reps.police, lang, `/situations/${referral.id}`);
    const section = page.getByTestId('equity-section');
    await expect(section.getByTestId('equity-status')).toHaveText(text.none);
    await section.getByRole('button', { name: text.ask }).click();
    const form = section.getByTestId('equity-form');
    // the notice first, with the table's contact and retention filled in
    const notice = form.getByTestId('equity-notice');
    await expect(notice).toContainText(text.noticeTitle);
    await expect(notice).toContainText(text.retention(table.body.identityRetentionDays));
    await expect(notice).toContainText(`${CONTACT.equityContactTitle}, ${CONTACT.equityContactEmail}`);
    await form.getByLabel(text.asked).check();
    // the questions only once the notice is confirmed
    await expect(form.getByTestId('equity-q-RACE')).toHaveCount(0);
    await form.getByLabel(text.given).check();
    await form.getByLabel(text.self, { exact: true }).check();
    const indigenous = form.getByTestId('equity-q-INDIGENOUS_IDENTITY');
    await indigenous.getByLabel(text.metis).check();
    await indigenous.getByLabel(text.inuit).check();
    // "Prefer not to answer" stands alone: it clears the others, and another answer clears it
    await indigenous.getByLabel(text.prefer).check();
    await expect(indigenous.getByLabel(text.metis)).not.toBeChecked();
    await indigenous.getByLabel(text.metis).check();
    await expect(indigenous.getByLabel(text.prefer)).not.toBeChecked();
    await indigenous.getByLabel(text.inuit).check();
    await form.getByTestId('equity-q-RELIGION').getByLabel(text.sikh).check();
    await expect(form.getByTestId('equity-q-RELIGION').locator('input[type="radio"]')).toHaveCount(10);
    await form.getByTestId('equity-q-RACE').getByLabel(text.prefer).check();
    await checkA11y(page, `equity questions ${lang}`);
    await screenshot(page, 'equity-questions', lang);
    await form.getByRole('button', { name: text.save }).click();
    await expect(section.getByTestId('equity-done')).toHaveText(text.saved);
    await expect(form).toHaveCount(0);

    const stored = await call<Answers>('GET', `/situations/${referral.id}/equity?purposeCode=SERVICE_CONNECTION`, police, undefined, 200);
    expect(stored.body.answers).toEqual({ INDIGENOUS_IDENTITY: ['INUIT', 'METIS'], RACE: ['PREFER_NOT_TO_ANSWER'], RELIGION: ['SIKH'] });
    expect(stored.body.answeredBy).toBe('SELF');

    // read back with a purpose, then changed: the form comes back with the answers, the notice to confirm again
    await section.getByRole('button', { name: text.show }).click();
    await section.getByTestId('equity-why').locator('#eq-purpose').selectOption('SERVICE_CONNECTION');
    // the purpose form shared with the subject's read (PurposeFields)
    await checkA11y(page, `equity purpose ${lang}`);
    await screenshot(page, 'equity-why', lang);
    await section.getByTestId('equity-why').getByRole('button', { name: text.show }).click();
    const shown = section.getByTestId('equity-answers');
    await expect(shown).toContainText(text.sikh);
    await expect(shown).toContainText(text.metis);
    // each of several choices on a line of its own: labels such as "Yes, Inuit" hold a comma
    await expect(shown.getByTestId('equity-a-INDIGENOUS_IDENTITY').getByRole('listitem')).toHaveText([text.inuit, text.metis]);
    await checkA11y(page, `equity answers read back ${lang}`);
    await screenshot(page, 'equity-answers', lang);
    await shown.getByRole('button', { name: text.change }).click();
    await form.getByLabel(text.given).check();
    await expect(form.getByTestId('equity-q-RELIGION').getByLabel(text.sikh)).toBeChecked();
    await form.getByTestId('equity-q-INDIGENOUS_IDENTITY').getByLabel(text.inuit).uncheck();
    await expect(section.getByTestId('equity-done')).toHaveCount(0);
    await form.getByRole('button', { name: text.save }).click();
    await expect(section.getByTestId('equity-done')).toHaveText(text.saved);
    await expect(form).toHaveCount(0);
    const changed = await call<Answers>('GET', `/situations/${referral.id}/equity?purposeCode=SERVICE_CONNECTION`, police, undefined, 200);
    expect(changed.body.answers.INDIGENOUS_IDENTITY).toEqual(['METIS']);

    // withdrawn at the person's request
    await section.getByRole('button', { name: text.withdraw }).click();
    await section.getByTestId('equity-withdraw-yes').click();
    await expect(section.getByTestId('equity-done')).toHaveText(text.withdrawn);
    await expect(section.getByTestId('equity-status')).toHaveText(text.none);
    await call('GET', `/situations/${referral.id}/equity?purposeCode=SERVICE_CONNECTION`, police, undefined, 404);

    // recorded again, then the situation closed: the person may still withdraw them (6.4), never have them read back
    const version = (await call<{ version: string }>('GET', `/situations/${referral.id}/equity/form`, police, undefined, 200)).body.version;
    const again = { asked: 'ASKED', answeredBy: 'SELF', noticeVersion: version, noticeGiven: true, answers: { RELIGION: ['SIKH'] } };
    await call('PUT', `/situations/${referral.id}/equity`, police, again, 200);
    await closeSituation(world, referral.id);
    // a new page load (the session lives in memory only: signed in again)
    await signInAt(page, world.reps.police, lang, `/situations/${referral.id}`);
    await expect(section.getByTestId('equity-after-closure')).toContainText(text.afterClosure);
    await expect(section.getByRole('button', { name: text.show })).toHaveCount(0);
    // closed without the lead's answer: nothing is still awaited
    await expect(page.getByTestId('lead-answer-status')).toHaveCount(0);
    await checkA11y(page, `equity after closure ${lang}`);
    await screenshot(page, 'equity-after-closure', lang);
    await section.getByRole('button', { name: text.withdraw }).click();
    await section.getByTestId('equity-withdraw-yes').click();
    await expect(section.getByTestId('equity-done')).toHaveText(text.withdrawn);
    await call('GET', `/situations/${referral.id}/equity/form`, police, undefined, 409);
    await signOut(page);
  });
}
