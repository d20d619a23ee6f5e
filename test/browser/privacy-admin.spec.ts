import { readFileSync } from 'node:fs';
import { call, login, type BrowserTable, buildTable } from './support/api';
import { checkA11y, expect, expectNotStored, type Lang, screenshot, signIn, test, nav, selectByText } from './support/ui';

/**
 * The privacy officer's screens, in English and in French: the privacy officer finds an identity
 * read in the audit explorer and verifies the chain, reads a situation's access log and the
 * anomalies. The administrator's screens are in admin.spec.ts.
 */

const T = {
  en: {
    audit: 'Audit explorer',
    accessLog: 'Access logs',
    anomalies: 'Anomalies',
    valid: 'The chain is intact',
    refused: 'Refused',
  },
  fr: {
    audit: 'Explorateur de la piste de vérification',
    accessLog: "Journaux d'accès",
    anomalies: 'Anomalies',
    valid: 'La chaîne est intacte',
    refused: 'Refusé',
  },
} as const;

/** A situation at `world`'s table accepted and assigned (police originates, housing leads), with an identity. */
async function seedIdentityRead(world: BrowserTable): Promise<{ situationId: string; reference: string }> {
  const police = await login(world.reps.police.email);
  const coordinator = await login(world.coordinator.email);
  const housing = await login(world.reps.housing.email);
  const school = await login(world.reps.school.email);
  const created = await call<{ id: string; reference: string }>(
    'POST',
    `/tables/${world.tableId}/situations`,
    police,
    {
      situationType: 'PERSON',
      ageBand: '40-59',
      gender: 'MAN',
      riskFactors: [
        { code: 'ALCOHOL_PERSON_ABUSE', certainty: 'CONFIRMED' },
        { code: 'HOUSING_AT_RISK_OF_LOSS', certainty: 'CONFIRMED' },
        { code: 'MENTAL_HEALTH_PERSON_SUSPECTED', certainty: 'SUSPECTED' },
        { code: 'CRIMINAL_INVOLVEMENT_PERSON_ASSAULT', certainty: 'SUSPECTED' },
      ],
      protectiveFactors: ['HOUSING_STABILITY_SUPPORTIVE_HOUSING'],
      narrative: 'Adult living in a vehicle since spring; heavy drinking; two falls this month.',
      imminentHarm: true,
      agencyExhaustedOptions: true,
    },
    201,
  );
  const id = created.body.id;
  await call('POST', `/situations/${id}/decision`, coordinator, { outcome: 'AER', rationale: 'Meets the threshold.' }, 200);
  await call('POST', `/situations/${id}/assignment`, coordinator, { leadAgencyId: world.agencies.housing.id, assistingAgencyIds: [world.agencies.health.id] }, 200);
  await call('PUT', `/situations/${id}/identity`, police, { givenName: 'Zephyrine', familyName: 'Quillfeather', legalAuthority: 'MFIPPA_S32_H' }, 204);
  // The lead agency's representative (standing) reads the identity with a purpose
  await call('GET', `/situations/${id}/identity?purposeCode=HOME_VISIT`, housing, undefined, 200);
  // An uninvolved agency's representative is refused
  await call('GET', `/situations/${id}/identity?purposeCode=HOME_VISIT`, school, undefined, 403);
  return { situationId: id, reference: created.body.reference };
}

for (const lang of ['en', 'fr'] as Lang[]) {
  test.describe(`privacy officer (${lang})`, () => {
    let world: BrowserTable;
    let seeded: { situationId: string; reference: string };
    test.beforeAll(async () => {
      test.setTimeout(120_000);
      world = await buildTable();
      seeded = await seedIdentityRead(world);
      // More than a page of entries (each search is itself recorded)
      const officer = await login(world.privacy.email);
      for (let i = 0; i < 26; i++) await call('GET', `/tables/${world.tableId}/audit?limit=1`, officer, undefined, 200);
    });

    test('finds the identity read in the audit explorer, pages, opens the entry with its hashes, exports CSV and verifies the chain', async ({ page }) => {
      test.setTimeout(120_000);
      const t = T[lang];
      await signIn(page, world.privacy, lang);
      await expect(page).toHaveURL(/\/audit$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.audit);
      await expect(page.getByTestId('audit-results').locator('tbody tr')).toHaveCount(25);
      await checkA11y(page, `audit explorer ${lang}`);
      await screenshot(page, 'audit-explorer', lang);

      // Keyset paging: next, then previous back to the same first entry
      const firstSeq = await page.getByTestId('audit-results').locator('tbody tr').first().locator('td').first().textContent();
      await page.getByTestId('audit-next').click();
      await expect(page.getByTestId('audit-page-status')).toContainText('2');
      const secondFirst = Number(await page.getByTestId('audit-results').locator('tbody tr').first().locator('td').first().textContent());
      expect(secondFirst).toBeLessThan(Number(firstSeq));
      await page.getByTestId('audit-previous').click();
      await expect(page.getByTestId('audit-results').locator('tbody tr').first().locator('td').first()).toHaveText(firstSeq!);
      await expect(page.getByTestId('audit-previous')).toBeDisabled();

      // The actor filter offers people by name and agency (never an e-mail address)
      const actorOptions = await page.locator('#audit-actor option').allTextContents();
      expect(actorOptions.some((o) => o.startsWith('Rep housing') && o.includes(world.agencies.housing.name))).toBe(true);
      expect(actorOptions.join('\n')).not.toContain('@');
      // Who was refused the identity: the school's representative, chosen by name
      await selectByText(page, '#audit-actor', `Rep school (${world.agencies.school.name})`);
      await page.locator('#audit-action').selectOption('identity.read');
      await page.getByTestId('audit-search').click();
      const refusedRows = page.getByTestId('audit-results').locator('tbody tr');
      await expect(refusedRows).toHaveCount(1);
      await expect(refusedRows.first()).toContainText('Rep school');
      await expect(refusedRows.first()).toContainText(t.refused);
      await checkA11y(page, `audit explorer by actor ${lang}`);
      await screenshot(page, 'audit-explorer-actor', lang);

      // The identity read: its reader by name, action, outcome, the reader's agency and the situation
      await selectByText(page, '#audit-actor', `Rep housing (${world.agencies.housing.name})`);
      await page.locator('#audit-action').selectOption('identity.read');
      await page.locator('#audit-outcome').selectOption('SUCCESS');
      await page.locator('#audit-agency').selectOption(world.agencies.housing.id);
      await page.locator('#audit-situation').selectOption(seeded.situationId);
      const today = new Date();
      const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      await page.locator('#audit-from').fill(day);
      await page.locator('#audit-to').fill(day);
      await page.getByTestId('audit-search').click();
      const rows = page.getByTestId('audit-results').locator('tbody tr');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(seeded.reference);
      await expect(rows.first()).toContainText(world.agencies.housing.name);
      await expect(rows.first()).toContainText('Rep housing');
      await expect(rows.first()).toContainText('identity.read');

      // Its detail: the hash and the previous hash are the server's
      const officer = await login(world.privacy.email);
      const api = await call<{ items: { seq: string; hash: string; prevHash: string; actorId: string; details: Record<string, unknown> }[] }>(
        'GET',
        `/tables/${world.tableId}/audit?action=identity.read&outcome=SUCCESS&situationId=${seeded.situationId}`,
        officer,
        undefined,
        200,
      );
      const read = api.body.items[0];
      expect(read.actorId).toBe(world.reps.housing.id);
      // by keyboard: the entry's button toggles its detail
      await page.getByTestId(`audit-entry-${read.seq}`).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId(`audit-entry-${read.seq}`)).toHaveAttribute('aria-expanded', 'true');
      await page.keyboard.press('Space');
      await expect(page.getByTestId('audit-entry-detail')).toHaveCount(0);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('audit-entry-hash')).toHaveText(read.hash);
      await expect(page.getByTestId('audit-entry-prev-hash')).toHaveText(read.prevHash);
      await expect(page.getByTestId('audit-entry-detail')).toContainText('HOME_VISIT');
      await expect(page.getByTestId('audit-entry-detail')).not.toContainText('Quillfeather');
      await checkA11y(page, `audit entry ${lang}`);
      await screenshot(page, 'audit-entry', lang);

      // CSV export of the same filter
      const download = page.waitForEvent('download');
      await page.getByTestId('audit-export').click();
      const file = await download;
      const raw = readFileSync((await file.path())!, 'utf8');
      expect(raw.startsWith('\uFEFF')).toBe(true); // UTF-8 with a byte order mark, for Excel
      const lines = raw.slice(1).trim().split(/\r?\n/);
      // French Excel: semicolons and French headers; English: commas
      const delimiter = lang === 'fr' ? ';' : ',';
      expect(lines[0].split(delimiter)[0]).toBe(lang === 'fr' ? 'No de séquence' : 'seq');
      expect(lines[0]).toContain(lang === 'fr' ? 'Empreinte précédente' : 'prevHash');
      expect(lines.filter((l) => l.startsWith(`${read.seq}${delimiter}`))).toHaveLength(1);
      expect(lines).toHaveLength(2);

      // Chain verification
      await page.getByTestId('audit-verify').click();
      await expect(page.getByTestId('audit-verify-result')).toContainText(t.valid);
      await expect(page.getByTestId('audit-verify-result').locator('[data-valid]')).toHaveAttribute('data-valid', 'true');
      await checkA11y(page, `audit verified ${lang}`);
      await screenshot(page, 'audit-verified', lang);
      await expectNotStored(page, ['Quillfeather', 'Zephyrine']);
    });

    test('reads the access log of a situation and the anomaly list', async ({ page }) => {
      test.setTimeout(120_000);
      const t = T[lang];
      await signIn(page, world.privacy, lang);
      await nav(page, t.accessLog);
      await checkA11y(page, `access log (empty) ${lang}`);
      await page.locator('#access-situation').selectOption(seeded.situationId);
      await page.getByTestId('access-log-show').click();
      const log = page.getByTestId('access-log');
      await expect(log).toContainText('Rep housing');
      await expect(log).toContainText(world.agencies.housing.name);
      await expect(log).toContainText('Rep school');
      await expect(log).toContainText(lang === 'fr' ? 'Refusé' : 'Refused');
      await expect(log).not.toContainText('Quillfeather');
      await checkA11y(page, `access log ${lang}`);
      await screenshot(page, 'audit-access-log', lang);

      await nav(page, t.anomalies);
      await expect(page.getByTestId('anomalies-status')).not.toHaveText('');
      await expect(page.locator('[data-testid=anomaly-flag][data-kind=IDENTITY_REFUSED]')).toBeVisible();
      // the refused reader by name, beside the identifier
      await expect(page.locator('[data-testid=anomaly-flag][data-kind=IDENTITY_REFUSED]')).toContainText('Rep school');
      await checkA11y(page, `anomalies ${lang}`);
      await screenshot(page, 'audit-anomalies', lang);
    });
  });
}
