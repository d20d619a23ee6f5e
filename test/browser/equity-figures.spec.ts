import { adminToken, buildTable, call, type BrowserTable } from './support/api';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/env';
import { assign, closeSituation, decide, signInAt, submitReferral, tokenOf } from './support/coordination';
import { database } from './support/database';
import { checkA11y, expect, screenshot, test, type Lang } from './support/ui';
import { lastQuarterOf } from '../../web/src/features/reports/quarters';
import { BENCHMARK_SOURCE } from '../support/benchmarks';

/**
 * Issue 19, docs/evaluation.md I17, I18, 6.6, 6.7, in each language: a coordinator's evaluation
 * screen shows a frozen year's equity figures (who was asked and answered, the answers per
 * category and stage, the disproportionality index against the benchmark with its source) and,
 * for a year not frozen yet, the day it will be published; the administrator sets a benchmark in
 * percent (a decimal comma in French), refused when the shares do not add up to 100.
 */
let world: BrowserTable;
/** a year whose four quarters are long frozen, whatever the day of the run */
const YEAR = new Date().getFullYear() - 2;
const CONTACT = { equityContactTitle: 'Privacy officer, Invented Situation Table', equityContactEmail: 'privacy.office@example.test' };
const IDENTITY = { givenName: 'Zephyrine', familyName: 'Quillfeather', dateOfBirth: '1987-03-14', legalAuthority: 'MFIPPA_S32_H' };
const SOURCE = BENCHMARK_SOURCE;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  world = await buildTable({ code: 'EQF' });
  const admin = await adminToken();
  await call('PATCH', `/tables/${world.tableId}`, admin, CONTACT, 200);
  const police = await tokenOf(world.reps.police);
  // 40 accepted people, 5 not asked; of the 35 asked, 18 answered White, 14 Black, 3 preferred not to answer; a third closed
  for (let i = 0; i < 40; i++) {
    const s = await submitReferral(world, 'police');
    await decide(world, s.id, 'AER');
    await assign(world, s.id);
    await call('PUT', `/situations/${s.id}/identity`, police, IDENTITY, 204);
    await database((c) => c.query(`UPDATE situations SET created_at = make_timestamptz($2, $3, 10, 14, 0, 0, 'America/Toronto') WHERE id = $1`, [s.id, YEAR, 1 + (i % 12)]));
    const race = i % 10 < 5 ? ['WHITE'] : i % 10 < 9 ? ['BLACK'] : ['PREFER_NOT_TO_ANSWER'];
    const answers = { RACE: race, INDIGENOUS_IDENTITY: i % 5 === 4 ? [] : ['NO'], GENDER_IDENTITY: [i % 2 ? 'WOMAN' : 'MAN'] };
    const record =
      i % 8 === 7
        ? { asked: 'NOT_ASKED', notAskedReason: 'NOT_REACHED', noticeVersion: '2026.2', noticeGiven: false, answers: {} }
        : { asked: 'ASKED', answeredBy: 'SELF', noticeVersion: '2026.2', noticeGiven: true, answers };
    await call('PUT', `/situations/${s.id}/equity`, police, record, 200);
    if (i % 3 === 0) await closeSituation(world, s.id);
  }
  await call('PUT', `/tables/${world.tableId}/equity-benchmarks/${YEAR}/RACE`, admin, { shares: { WHITE: 0.4, BLACK: 0.1, SOUTH_ASIAN: 0.3, EAST_ASIAN: 0.2 }, ...SOURCE }, 200);
});

const TEXT = {
  en: {
    title: 'Equity data (voluntary questions)',
    race: 'Race',
    white: 'White (European descent)',
    over: 'Over-represented',
    withheld: 'withheld',
    withheldIndex: 'Withheld to protect privacy',
    notFrozen: 'will be published on',
    notAvailable: 'not available',
    tooFew: 'Too few answers for an index',
    policeTitle: 'Race: disparity index, led by police (of those who answered)',
  },
  fr: {
    title: "Données sur l'équité (questions facultatives)",
    race: 'Catégorie raciale',
    white: 'Blanc (ascendance européenne)',
    over: 'Surreprésentation',
    withheld: 'masqué',
    withheldIndex: 'Masqué pour protéger la vie privée',
    notFrozen: 'seront publiées le',
    notAvailable: 'non disponible',
    tooFew: 'Trop peu de réponses pour calculer un indice',
    policeTitle: 'Catégorie raciale\u00a0: indice de disparité, intervention dirigée par la police (parmi les personnes ayant répondu)',
  },
};

for (const lang of ['en', 'fr'] as Lang[]) {
  const text = TEXT[lang];

  test(`equity figures (${lang}): a frozen year's answers and index with its source; a year not frozen says when`, async ({ page }) => {
    test.setTimeout(120_000);
    await signInAt(page, world.coordinator, lang, '/evaluation');
    await page.locator('#period-kind').selectOption('YEAR');
    await page.locator('#period-year').selectOption(String(YEAR));
    await page.getByTestId('show-report').click();
    await expect(page.getByTestId('indicators')).toHaveAttribute('data-period', String(YEAR));
    const equity = page.getByTestId('equity-figures');
    await expect(equity).toHaveAttribute('data-frozen', 'true');
    await expect(equity.getByRole('heading', { level: 2 })).toHaveText(text.title);
    const race = page.getByTestId('equity-race');
    await expect(race.getByRole('heading', { level: 3 })).toHaveText(text.race);
    const white = race.locator('table').first().locator('tr[data-category=WHITE]');
    await expect(white.locator('th')).toHaveText(text.white);
    // 18 answered White: published rounded to 15 or 20 (or withheld beside a small count)
    await expect(white.locator('td').first()).toHaveText(new RegExp(`^(15|20|${text.withheld})$`));
    // the index: White and Black, each against its benchmark share (40% and 10%), shown unless a count is withheld
    const index = page.getByTestId('equity-race-index');
    await expect(index.locator('tbody tr')).toHaveCount(4);
    const shown = [];
    for (const code of ['WHITE', 'BLACK']) {
      const row = index.locator(`tr[data-category=${code}]`);
      const value = (await row.locator('td').nth(2).textContent())!;
      if (value) shown.push(value);
      else await expect(row.locator('td').last()).toHaveText(text.withheldIndex);
      // Black: about 44% of those who answered against 10%, the whole interval above 1
      if (value && code === 'BLACK') await expect(row.locator('td').last()).toHaveText(text.over);
    }
    expect(shown.length).toBeGreaterThan(0);
    for (const value of shown) expect(value).toMatch(lang === 'fr' ? /^\d,\d\d$/ : /^\d\.\d\d$/);
    await expect(page.getByTestId('equity-race-source')).toContainText('Census of Population 2021');
    // a small group is withheld, never shown
    await expect(race.locator('table').first().locator('tr[data-category=SOUTH_ASIAN] td').first()).toHaveText(text.withheld);
    // the disparity index of the year, led by police and risk lowered: this table's year is too small for any (each row says why)
    for (const outcome of ['police_led', 'closed_risk_lowered']) {
      const disparity = page.getByTestId(`equity-race-disparity-${outcome}`);
      const readings = await disparity.locator('tbody tr td:last-child').allInnerTexts();
      expect(readings.length).toBeGreaterThan(3);
      for (const r of readings) expect([text.tooFew, text.withheldIndex]).toContain(r);
    }
    await expect(page.getByTestId('equity-race-disparity-police_led').locator('caption')).toHaveText(text.policeTitle);
    // the trend: the 8 quarters to the year's last, all of published years; the year before, without situations, withheld
    const trend = page.getByTestId('equity-trend-table');
    await expect(trend.locator('tbody tr')).toHaveCount(8);
    await expect(trend.locator('tbody tr[data-available=true]')).toHaveCount(8);
    await expect(trend.locator(`tr[data-quarter="${YEAR - 1}-Q2"] td`).first()).toHaveText(text.withheld);
    const askedInYear = await trend.locator(`tr[data-quarter^="${YEAR}-"] td:first-of-type`).allInnerTexts();
    expect(askedInYear).toHaveLength(4);
    for (const cell of askedInYear) expect(cell).toMatch(lang === 'fr' ? new RegExp(`^(\\d+\u00a0%|${text.withheld})$`) : new RegExp(`^(\\d+%|${text.withheld})$`));
    await checkA11y(page, `equity figures ${lang}`);
    await equity.scrollIntoViewIfNeeded();
    await screenshot(page, 'equity-figures', lang);

    // this year: not frozen yet, the day it will be
    await page.locator('#period-year').selectOption(String(new Date().getFullYear()));
    await page.getByTestId('show-report').click();
    await expect(page.getByTestId('equity-figures')).toHaveAttribute('data-frozen', 'false');
    await expect(page.getByTestId('equity-not-frozen')).toContainText(text.notFrozen);
    // its trend, through this year's quarter that has begun: this year's quarters not available yet; last year's
    // published once its last quarter is frozen (1 April, midnight in Toronto), before then not available either
    const current = new Date().getFullYear();
    const begun = lastQuarterOf(String(current), 'America/Toronto');
    const open = page.getByTestId('equity-trend-table');
    await expect(page.getByTestId('equity-trend')).toHaveAttribute('data-through', begun);
    await expect(open.locator(`tbody tr[data-quarter^="${current}-"][data-available=false]`)).toHaveCount(Number(begun.slice(6)));
    await expect(open.locator(`tr[data-quarter="${current}-Q1"] td`).first()).toHaveText(text.notAvailable);
    const lastYearOut = new Date() >= new Date(`${current}-04-01T04:00:00Z`);
    await expect(open.locator(`tr[data-quarter="${current - 1}-Q4"]`)).toHaveAttribute('data-available', String(lastYearOut));
    await expect(page.getByTestId('equity-trend-pending')).toBeVisible();
    await checkA11y(page, `equity figures not frozen ${lang}`);
  });

  test(`equity benchmarks (${lang}): the administrator sets one in percent, refused until the shares add up to 100`, async ({ page }) => {
    test.setTimeout(120_000);
    await signInAt(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, lang, '/admin/equity-benchmarks');
    const tableName = (await database((c) => c.query<{ name: string }>('SELECT name FROM situation_tables WHERE id = $1', [world.tableId]))).rows[0].name;
    await page.locator('#benchmark-scope').selectOption({ label: lang === 'fr' ? `Table\u00a0: ${tableName}` : `Table: ${tableName}` });
    await expect(page.getByTestId('benchmark-table').locator(`tr[data-benchmark="${YEAR}-RACE"]`)).toBeVisible();
    const year = String(YEAR + 1);
    await page.locator('#benchmark-year').fill(year);
    await page.locator('#benchmark-question').selectOption('INDIGENOUS_IDENTITY');
    const decimal = lang === 'fr' ? '2,5' : '2.5';
    await page.locator('#share-NO').fill('90');
    await page.locator('#share-FIRST_NATIONS').fill(decimal);
    for (const [k, v] of Object.entries(SOURCE)) await page.locator(`#benchmark-${k}`).fill(String(v));
    await page.getByTestId('benchmark-save').click();
    // 92.5%: refused, the error summary names the shares
    await expect(page.getByTestId('error-summary')).toBeVisible();
    await page.locator('#share-METIS').fill(lang === 'fr' ? '7,5' : '7.5');
    await expect(page.getByTestId('benchmark-total')).toContainText(lang === 'fr' ? '100\u00a0%' : '100%');
    await page.getByTestId('benchmark-save').click();
    await expect(page.getByTestId('benchmark-table').locator(`tr[data-benchmark="${year}-INDIGENOUS_IDENTITY"]`)).toBeVisible();
    await expect(page.locator('.st-alert--success')).toBeVisible();
    await checkA11y(page, `equity benchmarks ${lang}`);
    await screenshot(page, 'equity-benchmarks', lang);
    // the same year and question, set again, replaced (one row), for the next language's run
    const stored = await database((c) => c.query('SELECT count(*)::int AS n FROM equity_benchmarks WHERE table_id = $1 AND year = $2', [world.tableId, Number(year)]));
    expect(stored.rows[0].n).toBe(1);
  });
}
