import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { GENESIS_HASH } from '../../src/modules/audit/audit-hash';
import { IndicatorFacts } from '../../src/modules/reports/indicators';
import { IndicatorRepository } from '../../src/modules/reports/indicator.repository';
import { Scope } from '../../src/modules/reports/report.repository';
import { IndicatorService } from '../../src/modules/reports/indicator.service';
import { quantile } from '../../src/modules/reports/suppression';
import { TAXONOMY } from '../../src/modules/taxonomy/taxonomy.constants';
import { unique } from '../support/api';
import { createTestApp, TestApp } from '../support/test-app';
import { seededRng } from '../../bench/data';

/**
 * The summary's figures (counted from the per-situation codes of the ReportScan migration, medians
 * from the values at two ranks) against a straightforward reference on invented situations: every
 * row fetched, counted one by one, each list sorted here and its quantile taken the old way. The
 * data mixes what the intake writes with what it never does (values added to the reference data
 * later, a repeated category, a NULL beside the code NOT_APPLICABLE, equal and negative
 * intervals), so the rows without codes are counted too. All of it is dated 2001, where no other
 * suite writes, so the province scope is this data alone.
 */
jest.setTimeout(120_000);

const YEAR = { from: new Date('2001-01-01T00:00:00Z'), to: new Date('2002-01-01T00:00:00Z') };
const STATUSES = ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED'];
const codes = (list: { code: string }[]) => list.map((x) => x.code);
const CATEGORIES = codes(TAXONOMY.riskCategories);
const RISK_LOWERED = TAXONOMY.conclusions.filter((c) => c.group === 'RISK_LOWERED').map((c) => c.code);
const DIMENSIONS = ['status', 'situation_type', 'age_band', 'gender', 'originating_sector', 'lead_sector', 'conclusion', 'consent_status'] as const;

/** The benchmark's small deterministic generator (mulberry32). */
const rng = seededRng;

/** Microseconds since 1970 of an ISO moment with up to six decimals, and back. */
function usOf(iso: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z$/.exec(iso);
  if (!m) throw new Error(`not an ISO moment: ${iso}`);
  return BigInt(Date.parse(`${m[1]}Z`)) * 1000n + BigInt((m[2] ?? '').padEnd(6, '0'));
}
function micro(us: bigint): string {
  const seconds = us / 1_000_000n - (us % 1_000_000n < 0n ? 1n : 0n);
  const rest = us - seconds * 1_000_000n;
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}.${String(rest).padStart(6, '0')}Z`;
}

/** The summary's counts: per value of each dimension (NULL counted as NOT_APPLICABLE), the rates' numbers, categories and pairs. */
interface Counts {
  total: number;
  counts: Record<(typeof DIMENSIONS)[number], Map<string, number>>;
  decided: number;
  accepted: number;
  closed: number;
  lowered: number;
  categories: Map<string, number>;
  pairs: Map<string, number>;
}
/** The summary's durations of a period: their numbers and medians. */
interface Timings {
  hoursToMobilization: { n: number; median: number | null; p90: number | null };
  daysOpen: { n: number; median: number | null };
}
interface Reference extends Counts, Timings {}

/** Every situation of the scope, counted one by one; each list sorted by its exact microseconds. */
async function reference(owner: Client, scope: Scope): Promise<Reference> {
  const { rows } = await owner.query(
    `SELECT ${DIMENSIONS.join(', ')}, decision_outcome, decided_at IS NOT NULL AS "hasDecidedAt", risk_categories,
            (extract(epoch FROM mobilized_at - decided_at) * 1000000)::bigint::text AS "hoursUs", extract(epoch FROM mobilized_at - decided_at) / 3600 AS hours,
            (extract(epoch FROM closed_at - created_at) * 1000000)::bigint::text AS "daysUs", extract(epoch FROM closed_at - created_at) / 86400 AS days
     FROM situations WHERE created_at >= $1 AND created_at < $2 AND ($3::uuid IS NULL OR table_id = $3)`,
    [scope.from, scope.to, scope.tableId],
  );
  // How the database orders the category codes (x < y named the pairs).
  const order: string[] = (await owner.query(`SELECT coalesce(array_agg(c ORDER BY c), '{}') AS o FROM (SELECT DISTINCT unnest(risk_categories) AS c FROM situations) z`)).rows[0]
    .o;
  const rank = new Map(order.map((c, i) => [c, i]));
  const add = <K>(m: Map<K, number>, k: K, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
  const ref: Reference = {
    total: rows.length,
    counts: Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, number>()])) as Reference['counts'],
    decided: 0,
    accepted: 0,
    closed: 0,
    lowered: 0,
    categories: new Map(),
    pairs: new Map(),
    hoursToMobilization: { n: 0, median: null, p90: null },
    daysOpen: { n: 0, median: null },
  };
  const hours: { us: bigint; v: number }[] = [];
  const days: { us: bigint; v: number }[] = [];
  for (const r of rows) {
    for (const d of DIMENSIONS) add(ref.counts[d], r[d] ?? 'NOT_APPLICABLE');
    // the rates the summary shares with the indicators: decided with its time (I2, I3), accepted and now closed (I7)
    if (r.decision_outcome !== null && r.hasDecidedAt) ref.decided += 1;
    if (r.decision_outcome === 'AER' && r.hasDecidedAt) ref.accepted += 1;
    if (r.status === 'CLOSED' && r.decision_outcome === 'AER') ref.closed += 1;
    if (r.status === 'CLOSED' && r.decision_outcome === 'AER' && RISK_LOWERED.includes(r.conclusion)) ref.lowered += 1;
    for (const x of (r.risk_categories ?? []) as string[]) {
      add(ref.categories, x);
      for (const y of r.risk_categories as string[]) if (rank.get(x)! < rank.get(y)!) add(ref.pairs, `${x}+${y}`);
    }
    if (r.hoursUs !== null) hours.push({ us: BigInt(r.hoursUs), v: Number(r.hours) });
    if (r.daysUs !== null) days.push({ us: BigInt(r.daysUs), v: Number(r.days) });
  }
  const sorted = (xs: { us: bigint; v: number }[]) => xs.sort((a, b) => (a.us < b.us ? -1 : a.us > b.us ? 1 : 0)).map((x) => x.v);
  const h = sorted(hours);
  const d = sorted(days);
  ref.hoursToMobilization = { n: h.length, median: quantile(h, 0.5), p90: quantile(h, 0.9) };
  ref.daysOpen = { n: d.length, median: quantile(d, 0.5) };
  return ref;
}

/** The lists as the summary read them before (sorted by the database, every value sent): the old computation. */
async function previousTimings(owner: Client, scope: Scope): Promise<Timings> {
  const { rows } = await owner.query(
    `SELECT array_agg(extract(epoch FROM s.mobilized_at - s.decided_at) / 3600 ORDER BY s.mobilized_at - s.decided_at)
              FILTER (WHERE s.mobilized_at IS NOT NULL AND s.decided_at IS NOT NULL) AS hours,
            array_agg(extract(epoch FROM s.closed_at - s.created_at) / 86400 ORDER BY s.closed_at - s.created_at) FILTER (WHERE s.closed_at IS NOT NULL) AS days
     FROM situations s WHERE s.created_at >= $1 AND s.created_at < $2 AND ($3::uuid IS NULL OR s.table_id = $3)`,
    [scope.from, scope.to, scope.tableId],
  );
  const h = ((rows[0].hours ?? []) as string[]).map(Number);
  const d = ((rows[0].days ?? []) as string[]).map(Number);
  return { hoursToMobilization: { n: h.length, median: quantile(h, 0.5), p90: quantile(h, 0.9) }, daysOpen: { n: d.length, median: quantile(d, 0.5) } };
}

const entries = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));
/**
 * The counts the summary is published from, as the indicators' repository reads them for one period
 * (the summary's figures are figures of the indicators' unit): each dimension as the summary shows it.
 */
function summaryCounts(f: IndicatorFacts): Counts {
  const lead = new Map(f.leadSector);
  if (f.total - f.led > 0) lead.set('NOT_APPLICABLE', f.total - f.led);
  const lowered = [...f.conclusion].filter(([code]) => RISK_LOWERED.includes(code)).reduce((n, [, k]) => n + k, 0);
  return {
    total: f.total,
    counts: {
      status: f.status,
      situation_type: f.situationType,
      age_band: f.ageBandAll,
      gender: f.gender,
      originating_sector: f.originatingSector,
      lead_sector: lead,
      conclusion: f.conclusionAll,
      consent_status: f.consentStatus,
    },
    decided: f.decided,
    accepted: f.accepted,
    closed: f.closedAccepted,
    lowered,
    categories: f.categories,
    pairs: f.pairs,
  };
}

function plain(x: Counts & Partial<Timings>) {
  return {
    total: x.total,
    counts: Object.fromEntries(DIMENSIONS.map((d) => [d, entries(new Map([...x.counts[d]].filter(([, n]) => n > 0)))])),
    rates: [x.decided, x.accepted, x.closed, x.lowered],
    categories: entries(x.categories),
    pairs: entries(x.pairs),
  };
}

describe('report summary figures agree with a row-by-row reference', () => {
  let t: TestApp;
  let owner: Client;
  let indicators: IndicatorRepository;
  const tables: string[] = [];
  let windows: Scope[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    indicators = t.app.get(IndicatorRepository);
    owner = new Client({ connectionString: t.ownerUrl });
    await owner.connect();
    const agencies: { id: string; sector: string }[] = [];
    for (const sector of ['POLICE', 'HEALTH', 'HOUSING', 'EDUCATION']) {
      const a = await owner.query('INSERT INTO agencies (name, sector) VALUES ($1, $2) RETURNING id', [unique(`Report agency ${sector}`), sector]);
      agencies.push({ id: a.rows[0].id, sector });
    }
    for (let i = 0; i < 2; i++) {
      const s = await owner.query(`INSERT INTO situation_tables (name, code) VALUES ($1, $2) RETURNING id`, [unique('Report table'), `RPT${i}`]);
      tables.push(s.rows[0].id);
      // as creating a table through the API does: its audit chain, where the summary records its reading
      await owner.query('INSERT INTO audit_chain_heads (chain_id, seq, head_hash) VALUES ($1, 0, $2)', [s.rows[0].id, GENESIS_HASH]);
    }
    const r = rng(20011122);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const maybe = <T>(p: number, x: () => T): T | null => (r() < p ? x() : null);
    /** A moment base + up to spreadMs later, to the microsecond (as ISO text: a Date would drop the microseconds). */
    const at = (base: number | string, spreadMs: number) => micro(BigInt(typeof base === 'string' ? usOf(base) : BigInt(base) * 1000n) + BigInt(Math.floor(r() * spreadMs * 1000)));
    const rows: Record<string, unknown>[] = [];
    const insert = (tableIndex: number, created: string, odd: boolean) => {
      const origin = pick(agencies);
      const status = pick(STATUSES);
      const decided = status === 'SUBMITTED' || status === 'WITHDRAWN' ? maybe(0.05, () => at(created, 9 * 86_400_000)) : at(created, 9 * 86_400_000);
      // equal intervals (whole hours) and, rarely, a mobilisation recorded before the decision
      const mobilized =
        decided && r() < 0.6 ? micro(usOf(decided) + (r() < 0.3 ? BigInt(Math.floor(r() * 5)) * 3_600_000_000n : BigInt(Math.floor((r() - 0.05) * 90 * 3_600_000_000)))) : null;
      const closed = status === 'CLOSED' || r() < 0.05 ? at(created, 200 * 86_400_000) : null;
      const categories = () => [...new Set(Array.from({ length: Math.floor(r() * 6) }, () => pick(CATEGORIES)))].sort();
      let riskCategories: string[] | null = status === 'REJECTED' || status === 'WITHDRAWN' ? maybe(0.1, categories) : maybe(0.95, categories);
      if (odd && riskCategories && r() < 0.3) riskCategories = r() < 0.5 ? [...riskCategories, 'NEW_CATEGORY'].sort() : [...riskCategories, riskCategories[0] ?? 'ALCOHOL'];
      const value = (list: string[], nullShare: number, extra?: string) => maybe(1 - nullShare, () => (odd && extra && r() < 0.1 ? extra : pick(list)));
      rows.push({
        id: randomUUID(),
        table_id: tables[tableIndex],
        reference: `RPT-${rows.length}`,
        status,
        taxonomy_version: TAXONOMY.version,
        situation_type: odd && r() < 0.05 ? 'VEHICLE' : pick(codes(TAXONOMY.situationTypes)),
        age_band: value(codes(TAXONOMY.ageBands), 0.2, '90+'),
        gender: value(codes(TAXONOMY.genders), 0.25, 'NEW_GENDER'),
        originating_agency_id: origin.id,
        originating_sector: odd && r() < 0.05 ? 'NEW_SECTOR' : origin.sector,
        decision_outcome: decided ? (status === 'REJECTED' ? 'NOT_AER' : pick(['AER', 'AER', 'AER', 'NOT_AER'])) : null,
        decided_at: decided,
        lead_sector: value(codes(TAXONOMY.sectors), 0.4, 'NEW_SECTOR'),
        mobilized_at: mobilized,
        conclusion: status === 'CLOSED' ? value(codes(TAXONOMY.conclusions), 0.05, 'NEW_CONCLUSION') : maybe(0.03, () => pick(codes(TAXONOMY.conclusions))),
        consent_status: value(codes(TAXONOMY.consentStatuses), 0.5, 'NEW_CONSENT'),
        closed_at: closed,
        risk_categories: riskCategories,
        created_at: created,
      });
    };
    const start = YEAR.from.getTime();
    const span = YEAR.to.getTime() - start;
    for (let i = 0; i < 1500; i++) insert(0, at(start, span), i % 3 === 0);
    for (let i = 0; i < 400; i++) insert(1, at(start, span), false);
    for (let i = 0; i < 60; i++) insert(i % 2, at(start - 30 * 86_400_000, 29 * 86_400_000), true); // before the year
    for (let i = 0; i < 40; i++) insert(i % 2, at(YEAR.to.getTime(), 30 * 86_400_000), true); // after it
    const columns = Object.keys(rows[0]);
    for (let i = 0; i < rows.length; i += 500) {
      await owner.query(
        `INSERT INTO situations (${columns.join(', ')})
         SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::situations, $1::json)`,
        [JSON.stringify(rows.slice(i, i + 500))],
      );
    }
    // the year, a province and a table scope, and windows of every width down to a few minutes
    windows = [];
    for (const tableId of [null, ...tables]) {
      windows.push({ tableId, ...YEAR });
      for (let k = 0; k < 8; k++) {
        const from = start + r() * span;
        windows.push({ tableId, from: new Date(from), to: new Date(from + span * 10 ** (-4 * r())) });
      }
    }
    windows.push({ tableId: null, from: new Date('1990-01-01T00:00:00Z'), to: new Date('1990-02-01T00:00:00Z') });
  });

  afterAll(async () => {
    await owner?.end();
    await t?.close();
  });

  async function expectSame(scope: Scope): Promise<void> {
    const bounds = [scope.from, scope.to];
    // the summary's medians come from the same read as its counts (their numbers are the counts')
    const read = await indicators.read({ tableId: scope.tableId, bounds, now: new Date() }, bounds, true);
    const counts = summaryCounts(read.months[0]);
    const timings: Timings = {
      hoursToMobilization: { n: read.months[0].mobilizedAfterDecision, ...read.timings![0].hoursToMobilization },
      daysOpen: { n: read.months[0].closedWithTime, ...read.timings![0].daysOpen },
    };
    const ref = await reference(owner, scope);
    expect(plain(counts)).toEqual(plain(ref));
    expect(timings).toEqual({ hoursToMobilization: ref.hoursToMobilization, daysOpen: ref.daysOpen });
    for (const [a, b] of [
      [timings.hoursToMobilization.median, ref.hoursToMobilization.median],
      [timings.hoursToMobilization.p90, ref.hoursToMobilization.p90],
      [timings.daysOpen.median, ref.daysOpen.median],
    ])
      expect(Object.is(a, b)).toBe(true);
    expect(timings).toEqual(await previousTimings(owner, scope));
  }

  it('keeps a code for what the reference data knows, and none for the rest', async () => {
    const { rows } = await owner.query(
      `SELECT count(*) FILTER (WHERE report_dimensions IS NULL)::int AS "noDimensions",
              count(*) FILTER (WHERE risk_category_mask IS NULL AND risk_categories IS NOT NULL)::int AS "noMask",
              count(*) FILTER (WHERE risk_category_mask IS NOT NULL)::int AS masks
       FROM situations WHERE table_id = ANY($1)`,
      [tables],
    );
    expect(rows[0].noDimensions).toBeGreaterThan(20);
    expect(rows[0].noMask).toBeGreaterThan(20);
    expect(rows[0].masks).toBeGreaterThan(1000);
    const row = await owner.query(
      `SELECT report_dimensions(${['SUBMITTED', null, null, 'PERSON', null, 'MAN', 'POLICE', null, null].map((v) => (v ? `'${v}'` : 'NULL')).join(', ')}) AS known,
              report_dimensions('SUBMITTED', NULL, NULL, 'PERSON', NULL, 'NEW_GENDER', 'POLICE', NULL, NULL) AS unknown,
              risk_category_mask('{ALCOHOL,OTHER}') AS mask, risk_category_mask('{}') AS empty, risk_category_mask('{ALCOHOL,ALCOHOL}') AS repeated,
              risk_category_mask('{NEW_CATEGORY}') AS "unknownCategory"`,
    );
    expect(row.rows[0]).toMatchObject({ unknown: null, empty: 0, repeated: null, unknownCategory: null });
    expect(row.rows[0].known).toBeGreaterThan(0);
    expect(row.rows[0].mask).toBe(1 | (1 << CATEGORIES.indexOf('OTHER')));
  });

  it('counts every dimension, category, pair, rate and median as the reference does, in every scope', async () => {
    for (const scope of windows) await expectSame(scope);
  });

  it('still does after transitions, rejections, withdrawals and edits (the trigger keeps the codes)', async () => {
    await owner.query(
      `UPDATE situations SET status = 'REJECTED', decision_outcome = 'NOT_AER', decided_at = created_at + interval '1 day',
              risk_categories = NULL, age_band = NULL, gender = NULL
       WHERE table_id = $1 AND status = 'SUBMITTED' AND created_at < '2001-07-01'`,
      [tables[0]],
    );
    await owner.query(
      `UPDATE situations SET status = 'CLOSED', closed_at = created_at + interval '40 days 3 hours', conclusion = 'CONNECTED_TO_SERVICES', consent_status = 'NOT_APPLICABLE'
       WHERE table_id = $1 AND status = 'MOBILIZED'`,
      [tables[1]],
    );
    await owner.query(`UPDATE situations SET risk_categories = '{ALCOHOL,NEW_CATEGORY}', gender = 'NOT_APPLICABLE' WHERE table_id = $1 AND status = 'ASSIGNED'`, [tables[1]]);
    await owner.query(`UPDATE situations SET risk_categories = '{DRUGS,GANGS}', lead_sector = 'HEALTH' WHERE table_id = $1 AND status = 'ASSIGNED'`, [tables[0]]);
    await owner.query(`UPDATE situations SET report_dimensions = 12345, risk_category_mask = 0 WHERE table_id = $1 AND status = 'ACCEPTED'`, [tables[0]]);
    for (const scope of windows.slice(0, 6)) await expectSame(scope);
    for (const scope of windows.filter((w) => w.tableId === tables[1]).slice(0, 3)) await expectSame(scope);
  });

  it('publishes those figures for a fixed period: withheld below 5, the rest rounded to base 5, rates from rounded counts, medians in whole units', async () => {
    const report = await t.app.get(IndicatorService).summary(tables[1], { userId: null, agencyId: null, requestId: 'reports-int' }, { period: '2001' }, 'en');
    // the year 2001 in the table's time zone (America/Toronto, the default)
    expect(report).toMatchObject({ period: '2001', from: '2001-01-01T05:00:00.000Z', to: '2002-01-01T05:00:00.000Z', timeZone: 'America/Toronto' });
    const scope: Scope = { tableId: tables[1], from: new Date(report.from), to: new Date(report.to) };
    const ref = await reference(owner, scope);
    const near = (published: number | null, truth: number) => {
      expect(published).not.toBeNull();
      expect(published! % 5).toBe(0);
      expect(Math.abs(published! - truth)).toBeLessThan(5);
    };
    near(report.total, ref.total);
    /** Every cell of the reference with 5 or more is there, each published count near the reference's, and 0-4 withheld. */
    const expectCells = (cells: { code: string; count: number | null; suppressed: boolean }[], m: Map<string, number>) => {
      for (const [code, n] of m) if (n >= 5) expect(cells.map((c) => c.code)).toContain(code);
      for (const c of cells) {
        const n = m.get(c.code) ?? 0;
        if (n < 5) expect(c).toMatchObject({ count: null, suppressed: true });
        else if (!c.suppressed) near(c.count, n);
      }
      expect(cells.filter((c) => !c.suppressed).length).toBeGreaterThan(0);
    };
    expectCells(report.byGender, ref.counts.gender);
    expectCells(report.byConsentStatus, ref.counts.consent_status);
    expectCells(report.byStatus, ref.counts.status);
    expectCells(report.byRiskCategory, ref.categories);
    // NOT_APPLICABLE is the NULLs and the code NOT_APPLICABLE together: the cells add up to the total
    expect([...ref.counts.gender.values()].reduce((a, b) => a + b, 0)).toBe(ref.total);
    expect(report.acceptanceRate.suppressed).toBe(false);
    near(report.acceptanceRate.n, ref.decided);
    expect(Math.abs(report.acceptanceRate.value! - ref.accepted / ref.decided)).toBeLessThan(0.05);
    // I7's share (the summary's, since it reads the indicators' unit): of the accepted situations now closed
    near(report.riskLoweredShare.n, ref.closed);
    expect(report.hoursToMobilization.value).toEqual({ median: Math.round(ref.hoursToMobilization.median!), p90: Math.round(ref.hoursToMobilization.p90!) });
    near(report.hoursToMobilization.n, ref.hoursToMobilization.n);
    expect(report.daysOpen.value).toEqual({ median: Math.round(ref.daysOpen.median!) });
  });
});
