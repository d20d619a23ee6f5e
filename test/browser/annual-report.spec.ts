import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pdfText } from '../support/pdf-text';
import { adminToken, buildTable, call, createUser, type BrowserTable, type BrowserUser } from './support/api';
import { assign, closeSituation, decide, mobilize, signInAt, submitReferral } from './support/coordination';
import { database } from './support/database';
import { checkA11y, expect, screenshot, SCREENSHOTS, signIn, test, type Lang } from './support/ui';

/**
 * Issue 19, section 8, in each language: on the evaluation screen, a year's annual report
 * downloads as the bilingual PDF and as a CSV per language; a year not over yet says when it will
 * be; a coordinator stores a corrected version. A region of two tables (this one and another) has
 * its own report, with each member table's key figures, from the regional analyst's screen. The
 * first pages of the PDFs are rendered (pdftoppm, poppler-utils) to
 * test/browser/screenshots/annual-report.page1.png and annual-report.region.page*.png, to look at.
 */
let world: BrowserTable;
let other: BrowserTable;
let regionId: string;
let analyst: BrowserUser;
const tableNames: string[] = [];
/** a year long over whatever the day of the run (its end and the 60 days after it passed) */
const YEAR = new Date().getFullYear() - 2;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  world = await buildTable({ code: 'ANR' });
  other = await buildTable({ code: 'ANS' });
  await seedYear(world, 15);
  await seedYear(other, 10);
  // a region of the two tables for the year, as an administrator set it before that year began (the API refuses a year begun)
  const admin = await adminToken();
  regionId = (
    await call<{ id: string }>(
      'POST',
      '/regions',
      admin,
      { code: `AR-${Date.now().toString(36).toUpperCase()}`, nameEn: 'Invented Lakeshore Region', nameFr: 'Région inventée des Rives' },
      201,
    )
  ).body.id;
  analyst = await createUser(admin, world.agencies.outsider.id, { displayName: 'Regional analyst', prefix: 'annual-regional' });
  await call('POST', `/regions/${regionId}/analysts`, admin, { userId: analyst.id }, 201);
  await database((c) => c.query('INSERT INTO region_tables (region_id, table_id, year) VALUES ($1, $2, $4), ($1, $3, $4)', [regionId, world.tableId, other.tableId, YEAR]));
  for (const t of [world, other])
    await database(async (c) => {
      tableNames.push((await c.query<{ name: string }>('SELECT name FROM situation_tables WHERE id = $1', [t.tableId])).rows[0].name);
    });
});

/** `n` referrals at a table (two in three accepted and closed, the rest not accepted), spread over the months of YEAR. */
async function seedYear(t: BrowserTable, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const s = await submitReferral(t, i % 3 ? 'police' : 'school');
    await decide(t, s.id, i < (2 * n) / 3 ? 'AER' : 'NOT_AER');
    if (i >= (2 * n) / 3) continue;
    await assign(t, s.id);
    await mobilize(t, s.id);
    await closeSituation(t, s.id);
  }
  await database(async (c) => {
    await c.query(
      `WITH o AS (SELECT id, row_number() OVER (ORDER BY created_at, id) AS i FROM situations WHERE table_id = $1),
            t AS (SELECT o.id, make_timestamptz($2, 1 + (o.i % 12)::int, 10, 14, 0, 0, 'America/Toronto') AS at FROM o)
       UPDATE situations s SET created_at = t.at,
              decided_at = t.at + interval '20 hours',
              first_assigned_at = CASE WHEN s.first_assigned_at IS NULL THEN NULL ELSE t.at + interval '30 hours' END,
              mobilization_assigned_at = CASE WHEN s.mobilized_at IS NULL THEN NULL ELSE t.at + interval '30 hours' END,
              mobilized_at = CASE WHEN s.mobilized_at IS NULL THEN NULL ELSE t.at + interval '40 hours' END,
              closed_at = CASE WHEN s.closed_at IS NULL THEN NULL ELSE t.at + interval '30 days' END
       FROM t WHERE t.id = s.id`,
      [t.tableId, YEAR],
    );
  });
}

const TEXT = {
  en: {
    title: `Annual public report ${YEAR}`,
    pdf: 'Download the report (PDF, English and French)',
    notYet: 'once the year has ended and the publication delay after it has passed',
    header: 'section,indicator,period,scope',
    stored: `Version 2 of the ${YEAR} report was stored.`,
    regionIntro: "The region's indicators of the year",
    members: (name: string) => `${name}: key figures of ${YEAR}`,
  },
  fr: {
    title: `Rapport public annuel ${YEAR}`,
    pdf: 'Télécharger le rapport (PDF, anglais et français)',
    notYet: "une fois l'année terminée et le délai de publication écoulé",
    header: 'section;indicateur;période;portée',
    stored: `La version 2 du rapport de ${YEAR} a été enregistrée.`,
    regionIntro: "Les indicateurs de l'année de la région",
    members: (name: string) => `${name}\u00a0: chiffres clés de ${YEAR}`,
  },
};

async function showYear(page: import('@playwright/test').Page, year: number): Promise<void> {
  await page.locator('#period-kind').selectOption('YEAR');
  await page.locator('#period-year').selectOption(String(year));
  await page.getByTestId('show-report').click();
  await expect(page.getByTestId('indicators')).toHaveAttribute('data-period', String(year));
}

for (const lang of ['en', 'fr'] as Lang[]) {
  const text = TEXT[lang];

  test(`annual report (${lang}): a year's report downloads as the bilingual PDF and a CSV per language; a year not over says so`, async ({ page }) => {
    test.setTimeout(120_000);
    await signInAt(page, world.coordinator, lang, '/evaluation');
    await showYear(page, YEAR);
    const annual = page.getByTestId('annual-report');
    await expect(annual).toHaveAttribute('data-year', String(YEAR));
    await expect(annual.getByRole('heading', { level: 2 })).toHaveText(text.title);
    await expect(page.getByTestId('annual-pdf')).toHaveText(text.pdf);
    // the PDF: both languages, the year's referrals as the screen shows them
    const referrals = (await page.getByTestId('headline').locator('[data-indicator=referrals] td').first().textContent())!;
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annual-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`annual-report-table-${YEAR}.pdf`);
    const bytes = readFileSync((await pdf.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfText(bytes).split('\n');
    expect(lines).toEqual(expect.arrayContaining([`Annual report ${YEAR}`, `Rapport annuel ${YEAR}`]));
    const key = lines.indexOf(lang === 'fr' ? "Demandes d'intervention reçues" : 'Referrals received', lines.indexOf(lang === 'fr' ? 'Chiffres clés' : 'Key figures'));
    expect(lines[key + 1]).toBe(referrals);
    // the CSV of the screen's language, and of the other
    for (const other of ['en', 'fr'] as const) {
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`annual-csv-${other}`).click()]);
      expect(csv.suggestedFilename()).toBe(`annual-report-table-${YEAR}.${other}.csv`);
      expect(readFileSync((await csv.path())!, 'utf8').startsWith(`\uFEFF${TEXT[other].header}`)).toBe(true);
    }
    await checkA11y(page, `annual report ${lang}`);
    await screenshot(page, 'annual-report', lang);
    await annual.screenshot({ path: join(SCREENSHOTS, `annual-report.section.${lang}.png`) });
    // the current year is not over: the error says so, in the language
    await showYear(page, new Date().getFullYear());
    await page.getByTestId('annual-pdf').click();
    await expect(page.getByTestId('annual-not-yet')).toContainText(text.notYet);
    await expect(page.getByTestId('annual-not-yet')).toContainText(String(new Date().getFullYear() + 1));
    await checkA11y(page, `annual report not yet ${lang}`);
    await page.getByTestId('annual-report').screenshot({ path: join(SCREENSHOTS, `annual-report.not-yet.${lang}.png`) });
  });
}

for (const lang of ['en', 'fr'] as Lang[]) {
  const text = TEXT[lang];

  test(`annual report (${lang}): the regional analyst downloads the region's report, with each member table's key figures, and stores a corrected version`, async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, analyst, lang);
    await expect(page).toHaveURL(/\/region-evaluation$/);
    await showYear(page, YEAR);
    const annual = page.getByTestId('annual-report');
    await expect(annual.getByRole('heading', { level: 2 })).toHaveText(text.title);
    await expect(annual).toContainText(text.regionIntro);
    const referrals = (await page.getByTestId('headline').locator('[data-indicator=referrals] td').first().textContent())!;
    const memberReferrals = await Promise.all(
      [world, other].map(async (t) => (await page.getByTestId('member-tables').locator(`tr[data-table="${t.tableId}"] td`).first().textContent())!),
    );
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annual-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`annual-report-region-${YEAR}.pdf`);
    const lines = pdfText(readFileSync((await pdf.path())!)).split('\n');
    expect(lines).toEqual(expect.arrayContaining(['Region: Invented Lakeshore Region', 'Région\u00a0: Région inventée des Rives']));
    // the screen's language part: the region's referrals, then each member table's, as the screen shows them
    const part = lang === 'fr' ? lines.slice(lines.indexOf('À propos de la région')) : lines;
    const key = part.indexOf(lang === 'fr' ? "Demandes d'intervention reçues" : 'Referrals received', part.indexOf(lang === 'fr' ? 'Chiffres clés' : 'Key figures'));
    expect(part[key + 1]).toBe(referrals);
    tableNames.forEach((name, n) => {
      const at = part.indexOf(text.members(name));
      expect(at).toBeGreaterThan(0);
      expect(part[at + 4]).toBe(memberReferrals[n]);
    });
    await checkA11y(page, `region annual report ${lang}`);
    await annual.screenshot({ path: join(SCREENSHOTS, `annual-report.region.${lang}.png`) });
    // a corrected version: stored as the next one, said on the screen (each language's run a version of its own)
    await page.getByTestId('annual-correct').click();
    await expect(page.getByTestId('annual-stored')).toContainText(/\d/);
    await checkA11y(page, `region annual report stored ${lang}`);
  });
}

test('annual report (fr): the coordinator stores a corrected version', async ({ page }) => {
  await signInAt(page, world.coordinator, 'fr', '/evaluation');
  await showYear(page, YEAR);
  // version 1 is stored by a first download, version 2 by the correction
  await Promise.all([page.waitForEvent('download'), page.getByTestId('annual-csv-fr').click()]);
  await page.getByTestId('annual-correct').click();
  await expect(page.getByTestId('annual-stored')).toHaveText(`${TEXT.fr.stored} Les téléchargements donnent maintenant cette version.`);
  await page.getByTestId('annual-report').screenshot({ path: join(SCREENSHOTS, 'annual-report.stored.fr.png') });
});

test("annual report: the region's PDF, its cover and its member tables' page, rendered for a look (pdftoppm)", async ({ page }) => {
  expect(existsSync('/usr/bin/pdftoppm'), 'pdftoppm not found: apt-get install -y poppler-utils').toBe(true);
  await signIn(page, analyst, 'en');
  await showYear(page, YEAR);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annual-pdf').click()]);
  const file = (await pdf.path())!;
  // the page of the English part that holds the member tables' key figures
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('/usr/bin/pdfinfo', [file]).toString())![1]);
  let members = 0;
  for (let n = 2; n <= pages && !members; n++)
    if (
      execFileSync('/usr/bin/pdftotext', ['-f', String(n), '-l', String(n), file, '-'])
        .toString()
        .includes('Key figures of each member table')
    )
      members = n;
  expect(members).toBeGreaterThan(1);
  for (const [n, name] of [
    [1, 'page1'],
    [members, 'members'],
  ] as const) {
    const out = join(SCREENSHOTS, `annual-report.region.${name}`);
    rmSync(`${out}.png`, { force: true });
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '100', '-f', String(n), '-l', String(n), '-singlefile', file, out]);
    expect(existsSync(`${out}.png`)).toBe(true);
  }
});

test('annual report: the first page of the PDF, rendered for a look (pdftoppm)', async ({ page }) => {
  // .ci/run installs it with apt (poppler-utils), as it does Chromium
  expect(existsSync('/usr/bin/pdftoppm'), 'pdftoppm not found: apt-get install -y poppler-utils').toBe(true);
  await signInAt(page, world.coordinator, 'en', '/evaluation');
  await showYear(page, YEAR);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annual-pdf').click()]);
  const out = join(SCREENSHOTS, 'annual-report.page1');
  rmSync(`${out}.png`, { force: true });
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', '-singlefile', (await pdf.path())!, out]);
  expect(existsSync(`${out}.png`)).toBe(true);
  // the PDF is tagged, with its languages
  const raw = readFileSync((await pdf.path())!).toString('latin1');
  expect(raw).toContain('/StructTreeRoot');
  expect(raw).toContain('/Lang (fr-CA)');
});
