import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pdfText } from '../support/pdf-text';
import { buildTable, type BrowserTable } from './support/api';
import { assign, closeSituation, decide, mobilize, signInAt, submitReferral } from './support/coordination';
import { database } from './support/database';
import { checkA11y, expect, screenshot, SCREENSHOTS, test, type Lang } from './support/ui';

/**
 * Issue 19, section 8, in each language: on the evaluation screen, a year's annual report
 * downloads as the bilingual PDF and as a CSV per language; a year not over yet says when it will
 * be. The first page of the PDF is rendered (pdftoppm, poppler-utils) to
 * test/browser/screenshots/annual-report.page1.png, to look at.
 */
let world: BrowserTable;
/** a year long over whatever the day of the run (its end and the 60 days after it passed) */
const YEAR = new Date().getFullYear() - 2;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  world = await buildTable({ code: 'ANR' });
  // 10 accepted and closed, 5 not accepted, spread over the year
  for (let i = 0; i < 15; i++) {
    const s = await submitReferral(world, i % 3 ? 'police' : 'school');
    await decide(world, s.id, i < 10 ? 'AER' : 'NOT_AER');
    if (i >= 10) continue;
    await assign(world, s.id);
    await mobilize(world, s.id);
    await closeSituation(world, s.id);
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
      [world.tableId, YEAR],
    );
  });
});

const TEXT = {
  en: {
    title: `Annual public report ${YEAR}`,
    pdf: 'Download the report (PDF, English and French)',
    notYet: 'once the year has ended and the publication delay after it has passed',
    header: 'section,indicator,period,scope',
  },
  fr: {
    title: `Rapport public annuel ${YEAR}`,
    pdf: 'Télécharger le rapport (PDF, anglais et français)',
    notYet: "une fois l'année terminée et le délai de publication écoulé",
    header: 'section;indicateur;période;portée',
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
