import { readFileSync } from 'node:fs';
import { buildTable, type BrowserTable } from './support/api';
import { BELOW, decide, MEETS, signInAt, submitReferral, type Submitted } from './support/coordination';
import { checkA11y, expect, type Lang, screenshot, signIn, test } from './support/ui';

/** Triage (incoming referrals with the threshold advice, criterion by criterion) and reports (summary, charts with their data, RTD export). */
let world: BrowserTable;
let meets: Submitted;
let below: Submitted;
test.beforeAll(async () => {
  test.setTimeout(300_000);
  world = await buildTable({ code: 'TRG' });
  // 12 referrals this year: 6 accepted, 5 rejected, 1 awaiting (enough for cells of 5 and more)
  const decided: Submitted[] = [];
  for (let i = 0; i < 11; i++) decided.push(await submitReferral(world, i % 2 ? 'police' : 'health', MEETS));
  for (const [i, s] of decided.entries()) await decide(world, s.id, i < 6 ? 'AER' : 'NOT_AER');
  meets = await submitReferral(world, 'police', MEETS);
  below = await submitReferral(world, 'school', BELOW);
});

const TEXT = {
  en: {
    sectors: 'Number of sectors whose involvement is needed',
    met: 'Met',
    notMet: 'Not met',
    atLeast3: 'At least 3',
    alcohol: 'Alcohol',
    byStatus: 'By status',
    accepted: 'Accepted',
  },
  fr: {
    sectors: 'Nombre de secteurs dont la participation est nécessaire',
    met: 'Respecté',
    notMet: 'Non respecté',
    atLeast3: 'Au moins 3',
    alcohol: 'Alcool',
    byStatus: "Selon l'état",
    accepted: 'Acceptée',
  },
};

for (const lang of ['en', 'fr'] as Lang[]) {
  const text = TEXT[lang];

  test(`triage (${lang}): incoming referrals with the threshold advice explained criterion by criterion`, async ({ page }) => {
    await signIn(page, world.coordinator, lang);
    await expect(page).toHaveURL(/\/triage$/);
    const items = page.getByTestId('triage-item');
    await expect(items).toHaveCount(2);
    const m = page.locator(`[data-testid=triage-item][data-reference="${meets.reference}"]`);
    const b = page.locator(`[data-testid=triage-item][data-reference="${below.reference}"]`);
    // six criteria, each with what is required, what the referral has, and whether it is met
    await expect(m.locator('[data-criterion]')).toHaveCount(6);
    await expect(m.locator('[data-criterion=SECTORS] th')).toHaveText(text.sectors);
    await expect(m.locator('[data-criterion=RISK_FACTORS] td').nth(0)).toHaveText(text.atLeast3);
    await expect(m.locator('[data-criterion=RISK_FACTORS] td').nth(1)).toHaveText('4');
    await expect(m.locator('[data-criterion=RISK_FACTORS] td').nth(2)).toContainText(text.met);
    await expect(b.locator('[data-criterion=RISK_FACTORS] td').nth(1)).toHaveText('1');
    await expect(b.locator('[data-criterion=RISK_FACTORS] td').nth(2)).toContainText(text.notMet);
    await expect(b.getByTestId('threshold-verdict')).toHaveClass(/st-advice--below/);
    await expect(m.getByTestId('threshold-verdict')).toHaveClass(/st-advice--meets/);
    // reference-data labels in the language
    await expect(m).toContainText(text.alcohol);
    await checkA11y(page, `triage ${lang}`);
    await screenshot(page, 'triage', lang);
  });

  test(`reports (${lang}): the summary of a fixed period as tables and charts, each chart with its data table`, async ({ page }) => {
    test.setTimeout(150_000);
    await signIn(page, world.coordinator, lang);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: lang === 'fr' ? 'Rapports' : 'Reports' })
      .click();
    const report = page.getByTestId('report');
    await expect(report).toHaveAttribute('data-period', String(new Date().getFullYear()));
    // the period's last day, in the table's time zone (not the first instant of the next year, seen from UTC)
    const lastDay = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(Date.UTC(new Date().getFullYear(), 11, 31)),
    );
    await expect(report).toContainText(lastDay);
    await expect(page.getByTestId('key-figures')).toBeVisible();
    const status = page.getByTestId('chart-byStatus');
    await expect(status.locator('figcaption')).toHaveText(text.byStatus);
    await expect(status.locator('svg[role=img]')).toHaveAttribute('aria-label', /.+/);
    await expect(status.locator('svg rect').first()).toBeVisible();
    // every chart has its data table, in the language
    const charts = await page.locator('figure.st-chart').count();
    expect(charts).toBe(9);
    expect(await page.locator('figure.st-chart table').count()).toBe(charts);
    await expect(page.getByTestId('table-byStatus')).toContainText(text.accepted);
    await checkA11y(page, `reports ${lang}`);
    await screenshot(page, 'reports', lang);

    // Another fixed period: this month.
    const now = new Date();
    await page.locator('#period-kind').selectOption('MONTH');
    await page.locator('#period-month').selectOption(String(now.getMonth() + 1));
    await page.getByTestId('show-report').click();
    await expect(report).toHaveAttribute('data-period', `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
    await checkA11y(page, `reports, month ${lang}`);
  });
}

test('the RTD export downloads as a CSV file of the period', async ({ page }) => {
  await signInAt(page, world.coordinator, 'en', '/reports');
  await expect(page.getByTestId('report')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rtd-export').click()]);
  expect(download.suggestedFilename()).toBe(`rtd-export-${new Date().getFullYear()}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  const sep = lines[0].includes(';') ? ';' : ',';
  expect(lines[0].split(sep).length).toBeGreaterThanOrEqual(15);
  expect(lines).toHaveLength(1 + 13); // a header and one row per discussion of the year
  expect(lines[1]).toMatch(/\d{4}-\d{2}-\d{2}/); // dates at day precision
});
