import { readFileSync } from 'node:fs';
import { buildTable, call, type BrowserTable } from './support/api';
import { BELOW, signInAt, submitReferral, tokenOf } from './support/coordination';
import { checkA11y, expect, screenshot, test, type Lang } from './support/ui';

/**
 * Issue 16, in each language: the coordinator publishes the agenda of the next meeting from its
 * board; opens the minutes of the meeting before it (closed): a draft with each decision's
 * rationale, printable (the print view keeps the minutes only), downloadable as a PDF
 * (application/pdf); approves them at the next meeting: they say who approved them and the
 * approval is no longer offered. The notification preferences list the two meeting e-mails.
 */
const T = {
  en: {
    publish: 'Publish the agenda',
    published: /Agenda published on/,
    draft: 'Draft: not approved yet',
    approved: /Approved on .* by Coordinator, at the next meeting/,
    approve: 'Approve the minutes',
    rationale: 'Rationale',
    pdf: 'Download the PDF',
    agendaKind: 'the agenda of a meeting is published',
    minutesKind: 'the minutes of a meeting are ready for review',
  },
  fr: {
    publish: "Publier l'ordre du jour",
    published: /Ordre du jour publié le/,
    draft: 'Projet\u00a0: pas encore approuvé',
    approved: /Approuvé le .* par Coordinator, à la rencontre suivante/,
    approve: 'Approuver le procès-verbal',
    rationale: 'Justification',
    pdf: 'Télécharger le PDF',
    agendaKind: "l'ordre du jour d'une rencontre est publié",
    minutesKind: "le procès-verbal d'une rencontre est prêt pour relecture",
  },
} as const;
const RATIONALE = {
  en: 'Below the threshold; the school alone can respond to this.',
  fr: "Sous le seuil\u202f; l'école peut répondre seule à cette situation.",
};
const DAY = 86_400_000;

for (const lang of ['en', 'fr'] as Lang[]) {
  test(`minutes (${lang}): publish the agenda, print and download the minutes, approve them at the next meeting`, async ({ page }) => {
    test.setTimeout(180_000);
    const t = T[lang];
    const world: BrowserTable = await buildTable({ code: `M${lang.toUpperCase()}` });
    const coordinator = await tokenOf(world.coordinator);
    const meeting = async (at: number) =>
      (await call<{ id: string }>('POST', `/tables/${world.tableId}/meetings`, coordinator, { scheduledFor: new Date(at).toISOString(), kind: 'REGULAR' }, 201)).body.id;
    const previous = await meeting(Date.now() - 7 * DAY);
    const referral = await submitReferral(world, 'school', BELOW);
    await call('PUT', `/meetings/${previous}/attendance`, coordinator, { agencyIds: [world.agencies.school.id, world.agencies.health.id] }, 200);
    await call('POST', `/situations/${referral.id}/decision`, coordinator, { outcome: 'NOT_AER', rationale: RATIONALE[lang], meetingId: previous }, 200);
    await call('POST', `/meetings/${previous}/close`, coordinator, {}, 200);
    const next = await meeting(Date.now() + DAY);

    // The next meeting's board: the agenda is published once.
    await signInAt(page, world.coordinator, lang, `/meetings/${next}`);
    const publish = page.getByRole('button', { name: t.publish });
    await expect(publish).toBeVisible();
    await checkA11y(page, `board with publish ${lang}`);
    await publish.click();
    await expect(page.getByTestId('agenda-published')).toHaveText(t.published);
    await expect(page.getByRole('button', { name: t.publish })).toHaveCount(0);
    expect((await call<{ agendaPublishedAt: string | null }>('GET', `/meetings/${next}`, coordinator, undefined, 200)).body.agendaPublishedAt).not.toBeNull();
    await checkA11y(page, `board agenda published ${lang}`);
    await screenshot(page, 'minutes-agenda-published', lang);

    // The previous meeting's minutes: a draft, with the decision's rationale.
    await signInAt(page, world.coordinator, lang, `/meetings/${previous}/minutes`);
    await expect(page.getByTestId('minutes-status')).toHaveText(t.draft);
    const decisions = page.getByTestId('min-decisions');
    await expect(decisions.getByRole('columnheader', { name: t.rationale })).toBeVisible();
    await expect(decisions.locator('tbody tr', { hasText: referral.reference })).toContainText(RATIONALE[lang]);
    await checkA11y(page, `minutes draft ${lang}`);
    await screenshot(page, 'minutes-draft', lang);

    // The PDF: fetched with the session, answered as application/pdf, saved under the meeting's date.
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/meetings/${previous}/minutes.pdf`)),
      page.waitForEvent('download'),
      page.getByRole('button', { name: t.pdf }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(new URL(response.url()).searchParams.get('lang')).toBe(lang);
    expect(download.suggestedFilename()).toMatch(/^minutes-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // Approved at the next meeting (open): the document says so, and the approval is no longer offered.
    await page.getByRole('button', { name: t.approve }).click();
    await expect(page.getByTestId('minutes-status')).toHaveText(t.approved);
    await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-status', 'APPROVED');
    await expect(page.getByRole('button', { name: t.approve })).toHaveCount(0);
    await expect(page.getByTestId('minutes-approved')).toBeVisible();
    const stored = await call<{ status: string; approvedAtMeetingId: string }>('GET', `/meetings/${previous}/minutes`, coordinator, undefined, 200);
    expect(stored.body).toMatchObject({ status: 'APPROVED', approvedAtMeetingId: next });
    await checkA11y(page, `minutes approved ${lang}`);
    await screenshot(page, 'minutes-approved', lang);

    // An agency's representative reads them too (the MINUTES_READY e-mail links here), without the coordinator's actions.
    const rep = await page
      .context()
      .browser()!
      .newContext({ locale: lang === 'fr' ? 'fr-CA' : 'en-CA' });
    const repPage = await rep.newPage();
    await signInAt(repPage, world.reps.school, lang, `/meetings/${previous}/minutes`);
    await expect(repPage.getByTestId('minutes-status')).toHaveText(t.approved);
    await expect(repPage.getByTestId('min-decisions').locator('tbody tr', { hasText: referral.reference })).toContainText(RATIONALE[lang]);
    await expect(repPage.getByRole('button', { name: t.approve })).toHaveCount(0);
    await checkA11y(repPage, `minutes read by an agency representative ${lang}`);
    await screenshot(repPage, 'minutes-agency-rep', lang);
    await rep.close();

    // The print view: the minutes only (no header, navigation or buttons), headings and tables.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: t.pdf })).toBeHidden();
    await expect(page.locator('.st-nav, .st-header').first()).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(decisions).toBeVisible();
    await expect(page.getByTestId('minutes-status')).toHaveText(t.approved);
    await screenshot(page, 'minutes-print', lang);
    await page.emulateMedia({ media: 'screen' });

    // The two meeting e-mails are on the notification preferences screen, on by default.
    await page.getByRole('banner').getByRole('link', { name: 'Notifications' }).click();
    await expect(page.getByRole('checkbox', { name: t.agendaKind })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: t.minutesKind })).toBeChecked();
    await checkA11y(page, `notification preferences with meeting e-mails ${lang}`);
    await screenshot(page, 'minutes-preferences', lang);
  });
}
