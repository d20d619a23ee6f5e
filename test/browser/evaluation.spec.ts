import { buildTable, type BrowserTable } from './support/api';
import { assign, closeSituation, decide, mobilize, signInAt, submitReferral } from './support/coordination';
import { database } from './support/database';
import { checkA11y, expect, type Lang, screenshot, signIn, test } from './support/ui';

/**
 * Issue 19, in each language: the evaluation indicators of a fixed quarter (the headline figures,
 * each breakdown as a chart with its data table) and the trend over eight quarters, for the
 * table's coordinator. The referrals are made through the API and dated in the last quarter that
 * has ended (in the table's time zone) in the run's database, as time would have.
 */
let world: BrowserTable;
/** The last quarter that has ended in Toronto: its year and number. */
const last = (() => {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: 'numeric' })
    .formatToParts(new Date())
    .filter((p) => p.type !== 'literal')
    .map((p) => Number(p.value));
  const current = Math.floor((m - 1) / 3) + 1;
  return current === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: current - 1 };
})();
const code = `${last.year}-Q${last.quarter}`;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  world = await buildTable({ code: 'EVL' });
  // 10 accepted and closed, 5 not accepted: every published count a multiple of 5, so the page's figures are known
  for (let i = 0; i < 15; i++) {
    const s = await submitReferral(world, i % 3 ? 'police' : 'school');
    await decide(world, s.id, i < 10 ? 'AER' : 'NOT_AER');
    if (i >= 10) continue;
    await assign(world, s.id);
    await mobilize(world, s.id);
    await closeSituation(world, s.id);
  }
  // dated on the 10th of the quarter's second month, 14:00 in Toronto, each step a few hours after the last
  await database(async (c) => {
    await c.query(
      `WITH o AS (SELECT id, row_number() OVER (ORDER BY created_at, id) AS i FROM situations WHERE table_id = $1),
            t AS (SELECT make_timestamptz($2, $3, 10, 14, 0, 0, 'America/Toronto') AS at)
       UPDATE situations s SET created_at = t.at,
              decided_at = t.at + (o.i * interval '2 hours'),
              first_assigned_at = CASE WHEN s.first_assigned_at IS NULL THEN NULL ELSE t.at + (o.i * interval '3 hours') END,
              mobilization_assigned_at = CASE WHEN s.mobilized_at IS NULL THEN NULL ELSE t.at + (o.i * interval '3 hours') END,
              mobilized_at = CASE WHEN s.mobilized_at IS NULL THEN NULL ELSE t.at + (o.i * interval '5 hours') END,
              closed_at = CASE WHEN s.closed_at IS NULL THEN NULL ELSE t.at + interval '30 days' END
       FROM o, t WHERE o.id = s.id`,
      [world.tableId, last.year, (last.quarter - 1) * 3 + 2],
    );
  });
});

const TEXT = {
  en: {
    nav: 'Evaluation',
    referrals: 'Referrals received',
    acceptance: '67%',
    closed: 'Closed',
    quarter: `Q${last.quarter} ${last.year}`,
    risk: 'Risk lowered',
    repeat: 'Repeat referrals (same person within 12 months)',
    policeInvolved: 'Police as lead or assisting agency',
  },
  fr: {
    nav: 'Évaluation',
    referrals: "Demandes d'intervention reçues",
    acceptance: '67\u00a0%',
    closed: 'Fermée',
    quarter: `T${last.quarter} ${last.year}`,
    risk: 'Risque réduit',
    repeat: 'Nouvelles demandes visant la même personne (12 mois)',
    policeInvolved: "Services policiers comme organisme responsable ou d'appui",
  },
};

for (const lang of ['en', 'fr'] as Lang[]) {
  const text = TEXT[lang];

  test(`evaluation (${lang}): a quarter's indicators, each breakdown with its data, and the trend over eight quarters`, async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, world.coordinator, lang);
    await page.getByRole('navigation').getByRole('link', { name: text.nav, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.nav);
    // the quarter that holds the referrals
    await page.locator('#period-kind').selectOption('QUARTER');
    await page.locator('#period-year').selectOption(String(last.year));
    await page.locator('#period-quarter').selectOption(String(last.quarter));
    await page.getByTestId('show-report').click();
    const indicators = page.getByTestId('indicators');
    await expect(indicators).toHaveAttribute('data-period', code);
    // the live region says which period's figures have arrived, as the heading does
    await expect(page.getByTestId('indicators-status')).toHaveText((await page.locator('#indicators-title').textContent())!);
    const headline = page.getByTestId('headline');
    await expect(headline.locator('[data-indicator=referrals] th')).toHaveText(text.referrals);
    await expect(headline.locator('[data-indicator=referrals] td').first()).toHaveText('15');
    // 10 accepted of 15 decided, from the published (rounded) counts; the French percentage keeps its no-break space
    await expect(headline.locator('[data-indicator=acceptance] td').first()).toHaveText(text.acceptance);
    await expect(headline.locator('[data-indicator=acceptance] td').nth(1)).toHaveText('15');
    // 10 accepted situations closed with the risk lowered: the share's rest (none) is a small cell, so it is withheld
    await expect(headline.locator('[data-indicator=riskLowered] td').first()).toHaveText(lang === 'fr' ? 'masqué' : 'withheld');
    // I14: no identity written here, so no referral is marked: the share is withheld, under its own name
    await expect(headline.locator('[data-indicator=repeat] th')).toHaveText(text.repeat);
    await expect(headline.locator('[data-indicator=policeInvolved] th')).toHaveText(text.policeInvolved);
    await expect(headline.locator('[data-indicator=repeat] td').first()).toHaveText(lang === 'fr' ? 'masqué' : 'withheld');
    // every breakdown is a chart with its data table, in the language
    const charts = indicators.locator('figure.st-chart');
    await expect(charts).toHaveCount(15);
    // a breakdown withheld as a whole says so instead (the declines: none in this quarter), and one listing only published cells when none is
    const withTable = await indicators.locator('figure.st-chart:has(table)').count();
    const withheldWhole = await indicators.locator('figure.st-chart', { hasText: lang === 'fr' ? 'Masqué en entier' : 'Withheld as a whole' }).count();
    const noCell = await indicators.locator('figure.st-chart', { hasText: lang === 'fr' ? "Aucune cellule n'est publiée" : 'No cell is published' }).count();
    expect(withTable).toBeGreaterThanOrEqual(8);
    expect(withTable + withheldWhole + noCell).toBe(15);
    await expect(page.getByTestId('table-conclusionGroups')).toContainText(text.risk);
    await expect(page.getByTestId('table-conclusionGroups').locator('tbody tr', { hasText: text.risk }).locator('td')).toHaveText('10');
    // the trend: eight quarters ending with the last that has ended, the referrals where they were made
    const trend = page.getByTestId('trend');
    await expect(trend).toHaveAttribute('data-through', code);
    await expect(page.getByTestId('trend-table').locator('tbody tr')).toHaveCount(8);
    await expect(page.getByTestId('trend-table').locator(`tr[data-quarter="${code}"] th`)).toHaveText(text.quarter);
    await expect(page.getByTestId('trend-table').locator(`tr[data-quarter="${code}"] td`).first()).toHaveText('15');
    await expect(page.getByTestId('chart-trend-referrals').locator('svg rect')).toHaveCount(1);
    await expect(page.getByTestId('method')).toBeVisible();
    await checkA11y(page, `evaluation ${lang}`);
    await screenshot(page, 'evaluation', lang);
  });
}

test('evaluation: a month that holds no referral withholds every figure', async ({ page }) => {
  await signInAt(page, world.coordinator, 'en', '/evaluation');
  await page.locator('#period-kind').selectOption('MONTH');
  await page.locator('#period-year').selectOption(String(last.year));
  await page.locator('#period-month').selectOption(String((last.quarter - 1) * 3 + 1));
  await page.getByTestId('show-report').click();
  await expect(page.getByTestId('indicators')).toHaveAttribute('data-period', `${last.year}-${String((last.quarter - 1) * 3 + 1).padStart(2, '0')}`);
  await expect(page.getByTestId('headline').locator('[data-indicator=referrals] td').first()).toHaveText('withheld');
  await expect(page.getByTestId('chart-leadSectors')).toContainText('Withheld as a whole');
});
