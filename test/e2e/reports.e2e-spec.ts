import { Client } from 'pg';
import { Api, buildTable, TableFixture } from '../support/api';
import { parseCsv } from '../support/csv';
import { MEETS, submit, walkTo } from '../support/situations';
import { openWorld } from '../support/world';

interface Cell {
  code: string;
  label: string;
  count: number | null;
  suppressed: boolean;
}
type Summary = Record<string, unknown> & { total: number | null; byStatus: Cell[] };

const DIMENSIONS = ['byStatus', 'bySituationType', 'byAgeBand', 'byGender', 'byOriginatingSector', 'byLeadSector', 'byConclusion', 'byConsentStatus', 'byRiskCategory'] as const;
const STATUSES = ['ACCEPTED', 'ASSIGNED', 'CLOSED', 'DEFERRED', 'DUPLICATE', 'MOBILIZED', 'REJECTED', 'SUBMITTED', 'WITHDRAWN'];
const byCode = (cells: Cell[]) => Object.fromEntries(cells.map((c) => [c.code, c.count]));

/** A published count: withheld below 5 (zero included), else a multiple of 5 within 5 of the truth. */
function expectPublished(cell: Cell | undefined, truth: number): void {
  expect(cell).toBeDefined();
  if (truth < 5) {
    expect(cell).toMatchObject({ count: null, suppressed: true });
    return;
  }
  if (cell!.suppressed) return; // a complementary cell
  expect(cell!.count! % 5).toBe(0);
  expect(Math.abs(cell!.count! - truth)).toBeLessThan(5);
  expect(cell!.count!).toBeGreaterThanOrEqual(5);
}

/** Everything but the labels of the period itself: the figures an attacker compares. */
const figures = (s: Summary) => {
  const { period, periodKind, from, to, ...rest } = s;
  return rest;
};

describe('reports: fixed periods, rounding and suppression, RTD export, province, French', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  const year = String(new Date().getFullYear());

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
    // Known data set: 7 closed PERSON 40-59, 5 submitted FAMILY 25-29, 2 rejected GROUP.
    for (let i = 0; i < 7; i++) await walkTo(api, f, 'CLOSED');
    for (let i = 0; i < 5; i++) await submit(api, f, f.reps.school.token, { ...MEETS, situationType: 'FAMILY', ageBand: '25-29', gender: 'WOMAN' });
    for (let i = 0; i < 2; i++) {
      const s = await submit(api, f, f.reps.health.token, { ...MEETS, situationType: 'GROUP' });
      await api.as(f.coordinator.token).post(`/situations/${s.id}/decision`, { outcome: 'NOT_AER', rationale: 'A single agency can respond within its mandate.' }).expect(200);
    }
    // the days around New Year in Toronto are another year in UTC: keep the data set inside the local year
    await owner.query(`UPDATE situations SET created_at = greatest(created_at, make_timestamptz($2::int, 1, 2, 0, 0, 0, 'UTC')) WHERE table_id = $1`, [f.tableId, Number(year)]);
  });
  afterAll(() => close());

  it('publishes every cell of every dimension: below 5 withheld (zero included), the rest rounded to base 5', async () => {
    const res = await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/summary`).expect(200);
    const r = res.body;
    expect(r).toMatchObject({ period: year, periodKind: 'YEAR', timeZone: 'America/Toronto', minimumCell: 5 });
    expect(r.disclosureControl).toMatchObject({ method: 'RANDOM_ROUNDING_BASE_5', base: 5, minimumCell: 5 });
    expect(new Date(r.from).toISOString()).toBe(`${year}-01-01T05:00:00.000Z`);
    expect([10, 15]).toContain(r.total);
    // every status is listed, whatever the data: an absent cell would say it is empty
    expect(r.byStatus.map((c: Cell) => c.code)).toEqual(STATUSES);
    expect(byCode(r.byStatus)).toMatchObject({ SUBMITTED: 5, REJECTED: null, ACCEPTED: null, WITHDRAWN: null });
    expectPublished(
      r.byStatus.find((c: Cell) => c.code === 'CLOSED'),
      7,
    );
    expectPublished(
      r.bySituationType.find((c: Cell) => c.code === 'PERSON'),
      7,
    );
    expect(byCode(r.bySituationType)).toEqual({ FAMILY: 5, GROUP: null, LOCATION: null, PERSON: expect.any(Number) });
    // the age band of the two rejected stubs (erased: NOT_APPLICABLE, 2) and an empty band look alike
    const band = (code: string) => r.byAgeBand.find((c: Cell) => c.code === code);
    expect(r.byAgeBand).toHaveLength(11);
    expect({ ...band('NOT_APPLICABLE'), code: '', label: '' }).toEqual({ ...band('0-5'), code: '', label: '' });
    expect(band('25-29').count).toBe(5);
    expectPublished(band('40-59'), 7);
    expectPublished(
      r.byOriginatingSector.find((c: Cell) => c.code === 'POLICE'),
      7,
    );
    expect(r.byOriginatingSector.find((c: Cell) => c.code === 'HEALTH')).toMatchObject({ count: null, suppressed: true });
    // 12 non-rejected situations carry the 4 categories; the other categories are listed, withheld
    for (const code of ['ALCOHOL', 'CRIMINAL_INVOLVEMENT', 'HOUSING', 'MENTAL_HEALTH'])
      expectPublished(
        r.byRiskCategory.find((c: Cell) => c.code === code),
        12,
      );
    expect(r.byRiskCategory.find((c: Cell) => c.code === 'GAMBLING')).toMatchObject({ count: null, suppressed: true });
    expect(r.riskCategoryPairs).toHaveLength(6);
    for (const p of r.riskCategoryPairs) expectPublished(p, 12);
    // 7 accepted of 9 decided: the 2 not accepted are a small cell, so the rate is withheld
    expect(r.acceptanceRate).toEqual({ value: null, n: null, suppressed: true });
    expect(r.riskLoweredShare).toEqual({ value: null, n: null, suppressed: true });
    // 7 mobilisations: a median needs 5 on each side
    expect(r.hoursToMobilization).toMatchObject({ value: null, suppressed: true });
    expect([5, 10]).toContain(r.hoursToMobilization.n);
    expect(r.daysOpen).toMatchObject({ value: null, suppressed: true });
    expect(JSON.stringify(r)).not.toContain('living in his vehicle');
    // asked again: the very same figures (nothing to average)
    const again = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/summary?period=${year}`).expect(200);
    expect(figures(again.body)).toEqual(figures(r));
  });

  it('withholds everything when the whole period is a small cell', async () => {
    const small = await buildTable(api);
    for (let i = 0; i < 3; i++) await submit(api, small);
    const res = await api.as(small.coordinator.token).get(`/tables/${small.tableId}/reports/summary`).expect(200);
    expect(res.body.total).toBeNull();
    for (const d of DIMENSIONS) expect(res.body[d]).toEqual([]);
    expect(res.body.riskCategoryPairs).toEqual([]);
    expect(res.body.acceptanceRate).toEqual({ value: null, n: null, suppressed: true });
    expect(res.body.daysOpen).toEqual({ value: null, n: null, suppressed: true });
  });

  it('refuses arbitrary windows and anything but a year, a quarter or a month (400), on every report route', async () => {
    const from = encodeURIComponent(`${year}-01-01T00:00:00.000Z`);
    const to = encodeURIComponent(`${year}-01-01T00:00:00.001Z`);
    const routes = [
      [f.analyst.token, `/tables/${f.tableId}/reports/summary`],
      [f.privacy.token, `/tables/${f.tableId}/reports/rtd-export.csv`],
      [f.admin.token, '/reports/province'],
    ] as const;
    for (const [token, path] of routes) {
      for (const q of [`from=${from}&to=${to}`, `from=${from}`, `to=${to}`, `period=${year}&to=${to}`, `period=${year}&from=${from}`]) {
        const res = await api.as(token).get(`${path}?${q}`).expect(400);
        expect(JSON.stringify(res.body)).toMatch(/from|to/);
      }
      for (const period of [
        '2026-Q5',
        '2026-Q0',
        '2026-13',
        '2026-00',
        '2026-7',
        '1900',
        '1999-Q4',
        'garbage',
        '2026-q3',
        '2026-07-01',
        '2026-W10',
        '%20' + year,
        '9999',
        '2026-Q3%00',
        'x'.repeat(500),
      ]) {
        const res = await api.as(token).get(`${path}?period=${period}`).expect(400);
        expect(JSON.stringify(res.body)).toContain('period');
      }
      await api.as(token).get(`${path}?period=${year}&period=${year}`).expect(400);
    }
  });

  it('exports one RTD row per discussion for coordinators and privacy officers, rejected rows as stubs, no free text', async () => {
    const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    // a UTF-8 byte order mark first (Excel), then the header; cells are labels in the caller's language (issue 20)
    expect(res.text.startsWith('\uFEFFDiscussion ID,')).toBe(true);
    const rows = parseCsv(res.text);
    expect(rows[0].join(',')).toBe(
      'Discussion ID,Status,Date created,Date decided,Date closed,Situation type,Age band,Gender,Originating sector,Risk factors,Risk categories,Study flags,Protective factors,Lead sector,Assisting sectors,Services mobilised,Conclusion,Consent status,Days open',
    );
    expect(rows).toHaveLength(15);
    const rejected = rows.filter((r) => r[1] === 'Rejected');
    expect(rejected).toHaveLength(2);
    for (const row of rejected)
      expect(row.slice(5)).toEqual(['Group', 'N/A', 'N/A', 'Health (hospital, primary care)', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A', 'N/A']);
    const closed = rows.find((r) => r[1] === 'Closed')!;
    expect(closed[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(closed[9]).toContain('Alcohol abuse by person');
    expect(closed[13]).toBe('Housing');
    expect(closed[14]).toBe('Health (hospital, primary care)');
    expect(closed[16]).toBe('Risk lowered — connected to services');
    expect(res.text).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/); // no code left in a cell
    expect(res.text).not.toContain('vehicle');
    await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/rtd-export.csv?period=${year}`).expect(200);
    // analysts get aggregates only
    await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`).expect(403);
    await api.as(f.reps.police.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`).expect(403);
    await api.as(f.stranger.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`).expect(404);
  });

  it('speaks French: labels and CSV headers', async () => {
    const summary = await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/summary`, { 'accept-language': 'fr' }).expect(200);
    const closed = summary.body.byStatus.find((c: Cell) => c.code === 'CLOSED');
    expect(closed.label).toBe('Fermée');
    const csv = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/rtd-export.csv`, { 'accept-language': 'fr' }).expect(200);
    expect(csv.text.split('\n')[0]).toContain('No de discussion;Statut');
    expect(csv.text).toContain('S.O.');
    const rows = parseCsv(csv.text, ';');
    expect(rows[0]).toContain("Durée d'ouverture (jours)");
    expect(rows[0]).toContain("Thèmes d'analyse");
    const fermee = rows.find((r) => r[1] === 'Fermée')!;
    expect(fermee[14]).toBe('Santé (hôpital, soins primaires)');
    expect(fermee[16]).toBe('Risque réduit — mise en lien avec des services');
    expect(fermee[9]).toContain("Abus d'alcool par la personne");
    expect(csv.text).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
  });

  it("takes a table's time zone at creation only (IANA, validated), and begins its periods at local midnight", async () => {
    const admin = api.as(f.admin.token);
    const made = await admin.post('/tables', { name: `Coastal ${Date.now()}`, timeZone: 'america/vancouver' }).expect(201);
    expect(made.body.timeZone).toBe('America/Vancouver');
    expect((await admin.post('/tables', { name: `Default ${Date.now()}` }).expect(201)).body.timeZone).toBe('America/Toronto');
    for (const timeZone of ['Mars/Olympus', '+05:00', 'EST5EDT,M3.2.0', 'UTC+5', '', 'x'.repeat(80), 5, null, ['America/Toronto']]) {
      await admin.post('/tables', { name: `Bad zone ${Date.now()}`, timeZone }).expect(400);
    }
    await admin.patch(`/tables/${made.body.id}`, { timeZone: 'Asia/Tokyo' }).expect(400);
    expect((await owner.query('SELECT time_zone FROM situation_tables WHERE id = $1', [made.body.id])).rows[0].time_zone).toBe('America/Vancouver');
    const coastal = await buildTable(api, { timeZone: 'America/Vancouver' });
    const summary = await api.as(coastal.analyst.token).get(`/tables/${coastal.tableId}/reports/summary?period=${year}-07`).expect(200);
    expect(summary.body).toMatchObject({ timeZone: 'America/Vancouver', from: `${year}-07-01T07:00:00.000Z`, to: `${year}-08-01T07:00:00.000Z` });
  });

  it('is for coordinators, privacy officers and analysts; province for admins, under the same rules', async () => {
    await api.as(f.reps.police.token).get(`/tables/${f.tableId}/reports/summary`).expect(403);
    await api.as(f.stranger.token).get(`/tables/${f.tableId}/reports/summary`).expect(404);
    await api.as(f.coordinator.token).get('/reports/province').expect(403);
    const province = await api.as(f.admin.token).get('/reports/province').expect(200);
    expect(province.body).toMatchObject({ tableId: null, period: year, timeZone: 'America/Toronto', disclosureControl: { method: 'RANDOM_ROUNDING_BASE_5' } });
    expect(province.body.total % 5).toBe(0);
    expect(province.body.total).toBeGreaterThanOrEqual(10);
    for (const d of DIMENSIONS) for (const c of province.body[d] as Cell[]) expect(c.suppressed ? c.count === null : c.count! % 5 === 0 && c.count! >= 5).toBe(true);
    const quarter = await api.as(f.admin.token).get(`/reports/province?period=${year}-Q1`).expect(200);
    expect(quarter.body).toMatchObject({ period: `${year}-Q1`, periodKind: 'QUARTER' });
  });
});

/**
 * The attack of issue #13: an analyst compares summaries of overlapping periods to isolate one
 * referral. One referral alone in February 2025 (distinct attributes), six ordinary ones in
 * every month of 2025, and May 2024 holding a table's only referrals of 2024.
 */
describe('reports: an analyst differencing periods cannot isolate a referral', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let target: string;
  const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
  const PERIODS = ['2025', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', ...MONTHS];
  const TARGET = {
    ...MEETS,
    situationType: 'FAMILY',
    ageBand: '12-15',
    gender: 'NON_BINARY',
    riskFactors: [
      { code: 'GAMBLING_PERSON_CHRONIC', certainty: 'CONFIRMED' },
      { code: 'SUICIDE_PERSON_IDEATION', certainty: 'SUSPECTED' },
    ],
    narrative: 'Young teen, chronic gambling online, statements about ending their life.',
  };

  const at = async (id: string, iso: string) => owner.query('UPDATE situations SET created_at = $2 WHERE id = $1', [id, iso]);
  const summaries = async (): Promise<Record<string, Summary>> => {
    const out: Record<string, Summary> = {};
    for (const p of PERIODS) out[p] = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/summary?period=${p}`).expect(200)).body;
    return out;
  };

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
    for (const [m, month] of MONTHS.entries()) {
      for (let i = 0; i < 6; i++) {
        const s = await submit(api, f);
        await at(s.id, `${month}-${String(3 + i).padStart(2, '0')}T15:00:00Z`);
      }
      void m;
    }
    target = (await submit(api, f, f.reps.school.token, TARGET)).id;
    await at(target, '2025-02-14T15:00:00Z');
    for (let i = 0; i < 8; i++) {
      const s = await submit(api, f, f.reps.health.token, { ...MEETS, ageBand: '18-24' });
      await at(s.id, `2024-05-${String(10 + i).padStart(2, '0')}T15:00:00Z`);
    }
  });
  afterAll(() => close());

  it('the lone referral: every period shows its attributes exactly as it shows values nobody has', async () => {
    const before = await summaries();
    const feb = before['2025-02'];
    expect([5, 10]).toContain(feb.total);
    const cell = (s: Summary, d: string, code: string) => (s[d] as Cell[]).find((c) => c.code === code)!;
    for (const p of PERIODS) {
      const s = before[p];
      for (const [d, mine, nobody] of [
        ['byAgeBand', '12-15', '0-5'],
        ['byGender', 'NON_BINARY', 'TWO_SPIRIT'],
        ['byOriginatingSector', 'EDUCATION', 'HOUSING'],
        ['byRiskCategory', 'GAMBLING', 'ELDER_ABUSE'],
        ['byRiskCategory', 'SUICIDE', 'GANGS'],
      ] as const) {
        if (!(s[d] as Cell[]).some((c) => c.code === nobody)) continue;
        expect({ ...cell(s, d, mine), code: '', label: '' }).toEqual({ ...cell(s, d, nobody), code: '', label: '' });
      }
    }
    // Move the referral's attributes to values nobody has: not one figure of any period changes.
    await owner.query(`UPDATE situations SET age_band = '0-5', gender = 'TWO_SPIRIT', originating_sector = 'HOUSING', risk_categories = '{ELDER_ABUSE,GANGS}' WHERE id = $1`, [
      target,
    ]);
    const after = await summaries();
    const swap = (s: Summary) =>
      JSON.parse(
        JSON.stringify(figures(s))
          .replace(/"(12-15|0-5|NON_BINARY|TWO_SPIRIT|EDUCATION|HOUSING|GAMBLING|ELDER_ABUSE|SUICIDE|GANGS)"/g, '"X"')
          .replace(/"label":"[^"]*"/g, '"label":""'),
      );
    for (const p of PERIODS) expect(swap(after[p])).toEqual(swap(before[p]));
  });

  it('year minus the other months, a quarter minus its other months, months summed: never the exact referral', async () => {
    const s = await summaries();
    const n = (x: Summary, d: string, code: string) => (x[d] as Cell[]).find((c) => c.code === code)?.count ?? 0;
    // exact counts of February: 7 referrals, 7 SUBMITTED, 6 from police, 1 from education
    const yearMinus = (d: string, code: string) => n(s['2025'], d, code) - MONTHS.filter((m) => m !== '2025-02').reduce((sum, m) => sum + n(s[m], d, code), 0);
    const quarterMinus = (d: string, code: string) => n(s['2025-Q1'], d, code) - n(s['2025-01'], d, code) - n(s['2025-03'], d, code);
    for (const [d, code, exact] of [
      ['byStatus', 'SUBMITTED', 7],
      ['byOriginatingSector', 'POLICE', 6],
      ['bySituationType', 'PERSON', 6],
      ['byGender', 'MAN', 6],
    ] as const) {
      for (const estimate of [yearMinus(d, code), quarterMinus(d, code)]) {
        expect(Math.abs(estimate % 5)).toBe(0);
        expect(estimate).not.toBe(exact);
      }
    }
    const total = (x: Summary) => x.total ?? 0;
    expect(Math.abs((total(s['2025']) - MONTHS.filter((m) => m !== '2025-02').reduce((sum, m) => sum + total(s[m]), 0)) % 5)).toBe(0);
    // every published count is a multiple of 5 within 5 of the truth; the months of a quarter need not add up to it
    for (const p of PERIODS) {
      for (const d of DIMENSIONS) for (const c of s[p][d] as Cell[]) if (!c.suppressed) expect(c.count! % 5).toBe(0);
    }
    expectPublished({ code: 'total', label: '', count: s['2025'].total, suppressed: s['2025'].total === null }, 73);
  });

  it('a quarter and a year holding the same referrals as a month publish the same figures (nothing new to compare)', async () => {
    const get = async (p: string) => (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/summary?period=${p}`).expect(200)).body as Summary;
    const [month, quarter, year] = [await get('2024-05'), await get('2024-Q2'), await get('2024')];
    expect(month.total).not.toBeNull();
    expect(figures(quarter)).toEqual(figures(month));
    expect(figures(year)).toEqual(figures(month));
    const empty = await get('2024-04');
    expect(empty.total).toBeNull();
  });

  it('dates RTD rows by the local day and files them in local periods', async () => {
    const s = await submit(api, f);
    // 03:30 UTC on 1 July is the evening of 30 June in Toronto
    await at(s.id, '2025-07-01T03:30:00Z');
    const june = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/rtd-export.csv?period=2025-06`).expect(200);
    const row = june.text.split('\n').find((l) => l.includes(',Submitted,2025-06-30,'));
    expect(row).toBeDefined();
    const july = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/rtd-export.csv?period=2025-07`).expect(200);
    expect(july.text).not.toContain('2025-07-01,');
    expect(july.text.trim().split('\n')).toHaveLength(7);
  });
});
