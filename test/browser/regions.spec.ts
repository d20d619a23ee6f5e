import { adminToken, buildTable, call, createUser, type BrowserTable, type BrowserUser } from './support/api';
import { decide, submitReferral } from './support/coordination';
import { database } from './support/database';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/env';
import { checkA11y, expect, type Lang, screenshot, signIn, test } from './support/ui';

/**
 * Issue 19, section 7, in each language: the administrator creates a region, sets the member tables
 * of next year and makes a user its regional analyst; a regional analyst (no table role) lands on
 * the region's evaluation screen: the region's indicators over its two member tables, each table's
 * key figures, and the trend.
 */
let a: BrowserTable;
let b: BrowserTable;
let analyst: BrowserUser;
let candidate: BrowserUser;
let regionId: string;
let regionCode: string;
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
const stamp = () => Date.now().toString(36).toUpperCase();

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const admin = await adminToken();
  a = await buildTable({ code: 'RGA' });
  b = await buildTable({ code: 'RGB' });
  // 10 referrals at each table, all accepted: every published count a multiple of 5, so the page's figures are known
  for (const world of [a, b])
    for (let i = 0; i < 10; i++) {
      const s = await submitReferral(world, i % 2 ? 'police' : 'school');
      await decide(world, s.id, 'AER');
    }
  regionCode = `BR-${stamp()}`;
  const region = await call<{ id: string }>('POST', '/regions', admin, { code: regionCode, nameEn: 'Invented Region', nameFr: 'Région inventée' }, 201);
  regionId = region.body.id;
  analyst = await createUser(admin, a.agencies.outsider.id, { displayName: 'Regional analyst', prefix: 'regional' });
  candidate = await createUser(admin, a.agencies.outsider.id, { displayName: 'Future regional analyst', prefix: 'candidate' });
  await call('POST', `/regions/${regionId}/analysts`, admin, { userId: analyst.id }, 201);
  await database(async (c) => {
    // the membership of the quarter's year, as an administrator set it before that year began (the API refuses a year begun)
    await c.query('INSERT INTO region_tables (region_id, table_id, year) VALUES ($1, $2, $4), ($1, $3, $4)', [regionId, a.tableId, b.tableId, last.year]);
    // the referrals dated on the 10th of the quarter's second month, 14:00 in Toronto, decided two hours later
    await c.query(
      `UPDATE situations SET created_at = make_timestamptz($2, $3, 10, 14, 0, 0, 'America/Toronto'),
              decided_at = make_timestamptz($2, $3, 10, 16, 0, 0, 'America/Toronto') WHERE table_id = ANY($1::uuid[])`,
      [[a.tableId, b.tableId], last.year, (last.quarter - 1) * 3 + 2],
    );
  });
});

const TEXT = {
  en: {
    nav: 'Regions',
    created: 'created',
    set: 'saved',
    granted: 'is now a regional analyst',
    title: 'Evaluation of Invented Region',
    withheld: 'withheld',
    taken: 'A region already has this code.',
    read: 'Region figures read',
    created2: 'Region created',
    intact: 'The chain is intact',
    trail: "This region's audit trail",
    routes: ['indicators ·', 'trend ·', 'equity trend ·', 'equity figures ·'],
  },
  fr: {
    nav: 'Régions',
    created: 'créée',
    set: 'enregistrées',
    granted: 'est maintenant analyste régional',
    title: 'Évaluation de Région inventée',
    withheld: 'masqué',
    taken: 'Une région porte déjà ce code.',
    read: 'Chiffres de la région consultés',
    created2: 'Région créée',
    intact: 'La chaîne est intacte',
    trail: 'Piste de vérification de cette région',
    routes: ['indicateurs ·', 'tendance ·', "tendance des données sur l'équité ·", "données sur l'équité ·"],
  },
};

for (const lang of ['en', 'fr'] as Lang[]) {
  const text = TEXT[lang];

  test(`regions (${lang}): the administrator creates a region, sets next year's member tables and grants the role`, async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, lang);
    await page.getByRole('navigation').getByRole('link', { name: text.nav, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.nav);
    const regionCode = `UI-${lang.toUpperCase()}-${stamp()}`;
    await page.locator('#region-code').fill(regionCode);
    await page.locator('#region-name-en').fill(`Invented Region ${lang}`);
    await page.locator('#region-name-fr').fill(`Région inventée ${lang}`);
    await page.getByTestId('region-create').click();
    await expect(page.getByRole('status').filter({ hasText: text.created })).toBeVisible();
    const row = page.getByTestId('region-table').locator(`tr[data-region="${regionCode}"]`);
    await expect(row).toBeVisible();
    // the same code again: the conflict in the form's words
    await page.locator('#region-code').fill(regionCode);
    await page.locator('#region-name-en').fill('Again');
    await page.locator('#region-name-fr').fill('Encore');
    await page.getByTestId('region-create').click();
    await expect(page.getByTestId('error-summary')).toHaveText(text.taken);
    // next year's members (a table is in one region a year: one table in each language's run)
    const manage = page.getByTestId('region-manage');
    await expect(manage).toBeVisible();
    await page.locator(`#member-${(lang === 'en' ? a : b).tableId}`).check();
    await page.getByTestId('members-save').click();
    await expect(manage.getByTestId('region-manage-status')).toContainText(text.set);
    await expect(row).toContainText(String(new Date().getFullYear() + 1));
    // the regional analyst
    await page.locator('#analyst-user').selectOption(candidate.id);
    await page.getByTestId('analyst-grant').click();
    await expect(manage.getByTestId('region-manage-status')).toContainText(text.granted);
    await expect(page.getByTestId('analyst-list')).toContainText('Future regional analyst');
    await expect(row).toContainText('Future regional analyst');
    await checkA11y(page, `regions ${lang}`);
    await screenshot(page, 'admin-regions', lang);
    // the role is revoked again, so that the next language's run may grant it
    await page.getByTestId('analyst-list').getByRole('button').click();
    await expect(page.getByTestId('analyst-list').locator('li')).toHaveCount(0);
  });

  test(`regions (${lang}): the regional analyst lands on the region's indicators, with each member table's key figures`, async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, analyst, lang);
    await expect(page).toHaveURL(/\/region-evaluation$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.title);
    await page.locator('#period-kind').selectOption('QUARTER');
    await page.locator('#period-year').selectOption(String(last.year));
    await page.locator('#period-quarter').selectOption(String(last.quarter));
    await page.getByTestId('show-report').click();
    await expect(page.getByTestId('indicators')).toHaveAttribute('data-period', code);
    // the region's 20 referrals, its tables' 10 each; all accepted, so the acceptance rate's rest (none) withholds it
    const headline = page.getByTestId('headline');
    await expect(headline.locator('[data-indicator=referrals] td').first()).toHaveText('20');
    await expect(headline.locator('[data-indicator=acceptance] td').first()).toHaveText(text.withheld);
    const members = page.getByTestId('member-tables');
    await expect(members.locator('tbody tr')).toHaveCount(2);
    for (const t of [a, b]) await expect(members.locator(`tr[data-table="${t.tableId}"] td`).first()).toHaveText('10');
    await expect(page.getByTestId('trend-table').locator(`tr[data-quarter="${code}"] td`).first()).toHaveText('20');
    await checkA11y(page, `region evaluation ${lang}`);
    await screenshot(page, 'region-evaluation', lang);
  });

  test(`regions (${lang}): the administrator reads the region's own audit trail and verifies its chain`, async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, lang);
    await page.getByRole('navigation').getByRole('link', { name: text.nav, exact: true }).click();
    await page.getByTestId(`manage-${regionCode}`).click();
    const trail = page.getByTestId('region-trail');
    await expect(trail.getByRole('heading', { level: 3 })).toHaveText(text.trail);
    // the analyst's reads of the test before (this language's), newest first, above the region's creation
    const entries = trail.getByTestId('region-trail-entries');
    await expect(entries.locator('tr[data-action="report.region"]').first()).toContainText(text.read);
    await expect(entries.locator('tr[data-action="report.region"]').first()).toContainText('Regional analyst');
    await expect(entries.locator('tr[data-action="region.create"]')).toContainText(text.created2);
    // every read's screen named in the interface's words (the analyst's test read the trend and the equity trend)
    for (const route of text.routes) await expect(entries.locator('tr[data-action="report.region"]').filter({ hasText: route }).first()).toBeVisible();
    const seqs = await entries.locator('tbody tr td:first-child').allInnerTexts();
    expect(seqs.map(Number)).toEqual([...seqs.map(Number)].sort((x, y) => y - x));
    await page.getByTestId('region-verify').click();
    await expect(page.getByTestId('region-verify-result').locator('[data-valid="true"]')).toContainText(text.intact);
    await checkA11y(page, `region trail ${lang}`);
    await screenshot(page, 'region-trail', lang);
    // one action only
    await page.locator('#region-trail-action').selectOption('region.create');
    await expect(entries.locator('tbody tr')).toHaveCount(1);
    await expect(entries.locator('tbody tr')).toContainText(text.created2);
  });
}
