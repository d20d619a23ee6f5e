import { hkdfSync } from 'node:crypto';
import type { Client } from 'pg';
import { EQUITY_REFERENCE } from '../../src/modules/identity-vault/equity-reference';
import { cellDraw, randomRound } from '../../src/modules/reports/disclosure';
import { TAXONOMY } from '../../src/modules/taxonomy/taxonomy.constants';
import { Api, buildTable, TableFixture } from '../support/api';
import { propagate } from '../support/attacker';
import { IDENTITY, MEETS, submit } from '../support/situations';
import { TEST_MASTER_KEY, TestApp } from '../support/test-app';
import { openWorld } from '../support/world';
import { parseCsv } from '../support/csv';
import { pdfText } from '../support/pdf-text';
import type { Breakdown, Rate } from '../support/report-views';
import { BENCHMARK_SOURCE } from '../support/benchmarks';

/**
 * Issue 19, docs/evaluation.md I17, I18, 6.6 and 6.7: the equity figures of a seeded year, each
 * against a naive count of what was recorded (rounding, suppression and shares from published
 * counts, in English and French); frozen (R9): nothing before the year's last quarter freezes, the
 * same figures whatever is recorded after; no small count recoverable from the figures shown; the
 * disproportionality index against a benchmark, computed here by hand; the benchmark routes' checks.
 */

interface Question {
  code: string;
  label: string;
  answeredShare: Rate;
  preferNotToAnswerShare: Rate;
  lowResponse: boolean;
  distribution: Breakdown;
  byStage: { stage: string; label: string; distribution: Breakdown }[];
  disproportionality?: {
    code: string;
    label: string;
    share: number | null;
    benchmark: number | null;
    index: number | null;
    low: number | null;
    high: number | null;
    flag: string | null;
    unavailable: string | null;
  }[];
  benchmark?: { title: string } | null;
  disparity?: { outcome: string; code: string; ratio: number | null; low: number | null; high: number | null; flag: string | null; unavailable: string | null }[];
}
interface EquityTrend {
  tableId: string | null;
  through: string;
  language: string;
  freezeLagDays: number;
  quarters: {
    period: string;
    available: boolean;
    availableFrom: string;
    population: number | null;
    askedShare: Rate;
    questions: { code: string; label: string; answeredShare: Rate; preferNotToAnswerShare: Rate; indices?: Record<string, unknown>[] }[];
  }[];
}

interface View {
  period: string;
  frozen: boolean;
  published: boolean;
  availableFrom: string;
  population: number | null;
  askedShare: Rate;
  questions: Question[];
  memberTables?: { tableId: string; population: number | null; askedShare: Rate }[];
}

const YEAR = 2025;
const NOTICE_VERSION = EQUITY_REFERENCE.version;
const CONTACT = { equityContactTitle: 'Privacy officer, Example Situation Table', equityContactEmail: 'privacy.office@example.test' };
const KEY = Buffer.from(hkdfSync('sha256', Buffer.from(TEST_MASTER_KEY, 'base64'), Buffer.alloc(0), 'situation-table/report-rounding/v1', 32));
const publishIn = (scope: string, cell: string, n: number) => (n < 5 ? null : randomRound(n, cellDraw(KEY, [scope, cell, String(n)])));
const QUESTIONS = EQUITY_REFERENCE.questions.map((q) => q.code);
const CONCLUSION = (group: string) => TAXONOMY.conclusions.find((c) => c.group === group && c.code !== 'DORMANT')!.code;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** What one seeded situation is: its referral month of YEAR, lead, record (none, not asked, or answers) and closure group. */
interface Seed {
  month: number;
  lead: 'police' | 'housing';
  record: 'none' | 'NOT_ASKED' | Record<string, string[]>;
  close: 'RISK_LOWERED' | 'STILL_AER' | null;
}

function seeds(): Seed[] {
  return Array.from({ length: 64 }, (_, i): Seed => {
    const race = i % 10 < 4 ? ['WHITE'] : i % 10 < 7 ? ['BLACK'] : i % 10 === 7 ? ['SOUTH_ASIAN', 'WHITE'] : i % 10 === 8 ? ['PREFER_NOT_TO_ANSWER'] : [];
    const answers: Record<string, string[]> = { INDIGENOUS_IDENTITY: [i % 6 === 0 ? 'FIRST_NATIONS' : 'NO'], RACE: race, GENDER_IDENTITY: [i % 2 ? 'WOMAN' : 'MAN'] };
    return {
      month: 1 + (i % 12),
      lead: i % 4 === 0 ? 'police' : 'housing',
      record: i % 13 === 12 ? 'none' : i % 11 === 10 ? 'NOT_ASKED' : answers,
      close: i % 3 === 0 ? 'RISK_LOWERED' : i % 7 === 1 ? 'STILL_AER' : null,
    };
  });
}

/** The reporting category of an answer (6.2), worked out by hand. */
const categoryOf = (q: string, s: Seed) => {
  if (s.record === 'NOT_ASKED') return 'NOT_ASKED';
  const a = (s.record as Record<string, string[]>)[q] ?? [];
  return a.length === 0 ? 'NOT_ANSWERED' : a.length === 1 ? a[0] : q === 'INDIGENOUS_IDENTITY' ? 'MULTIPLE_INDIGENOUS' : 'MULTIPLE';
};
const quarterOf = (month: number) => `${YEAR}-Q${Math.floor((month - 1) / 3) + 1}`;
const inPeriod = (period: string, s: Seed) => period === String(YEAR) || quarterOf(s.month) === period;

/**
 * Checks every disparity cell of a year's view against a computation from its published counts (log
 * method; each of the four counts at least 10, else TOO_FEW; a withheld count, WITHHELD). Returns how
 * many cells it checked.
 */
function disparityMatches(v: View): { checked: number; shown: number } {
  let checked = 0;
  let shown = 0;
  for (const q of v.questions.filter((x) => ['RACE', 'INDIGENOUS_IDENTITY'].includes(x.code))) {
    // every category of the question, led by police then risk lowered
    const byOutcome = (o: string) => q.disparity!.filter((d) => d.outcome === o).map((d) => d.code);
    expect(byOutcome('POLICE_LED')).toEqual(byOutcome('CLOSED_RISK_LOWERED'));
    expect(byOutcome('POLICE_LED').length * 2).toBe(q.disparity!.length);
    for (const c of q.distribution.cells) expect(byOutcome('POLICE_LED')).toContain(c.code);
    const stage = (s: string) => q.byStage.find((x) => x.stage === s)!.distribution;
    const cell = (b: Breakdown, code: string) => (b.suppressed ? null : (b.cells.find((c) => c.code === code)?.count ?? null));
    const total = (b: Breakdown) => (b.suppressed ? null : b.population);
    const closed = ['CLOSED_RISK_LOWERED', 'CLOSED_STILL_AER', 'CLOSED_OTHER'];
    const sum = (xs: (number | null)[]) => (xs.includes(null) ? null : (xs as number[]).reduce((a, b) => a + b, 0));
    for (const d of q.disparity!) {
      checked++;
      const police = d.outcome === 'POLICE_LED';
      const n1 = police ? cell(q.distribution, d.code) : sum(closed.map((s) => cell(stage(s), d.code)));
      const all = police ? total(q.distribution) : sum(closed.map((s) => total(stage(s))));
      const a = cell(stage(police ? 'POLICE_LED' : 'CLOSED_RISK_LOWERED'), d.code);
      const yes = total(stage(police ? 'POLICE_LED' : 'CLOSED_RISK_LOWERED'));
      if (n1 === null || all === null || a === null || yes === null) {
        expect(d.unavailable).toBe('WITHHELD');
        continue;
      }
      const [c, n2] = [yes - a, all - n1];
      const ratio = a / n1 / (c / n2);
      // led by police: the group and the rest not led by police are the unit's complement cells, not in the view; so
      // whether it shows is not predictable here (withheld or too few on those cells), but what shows must be this
      if (police && d.unavailable !== null) {
        expect(['TOO_FEW', 'WITHHELD']).toContain(d.unavailable);
        continue;
      }
      // risk lowered: the four counts are published cells and their sums, exactly as here
      if (!police && Math.min(a, n1 - a, c, n2 - c) < 10) {
        expect(d.unavailable).toBe('TOO_FEW');
        continue;
      }
      const se = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
      const r2 = (x: number) => Math.round(x * 100) / 100;
      shown++;
      expect(d).toMatchObject({ ratio: r2(ratio), low: r2(ratio * Math.exp(-1.959964 * se)), high: r2(ratio * Math.exp(1.959964 * se)), unavailable: null });
    }
  }
  return { checked, shown };
}

describe('Issue 19: equity figures (I17, I18)', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  const seeded: Seed[] = seeds();
  const get = (period: string, lang = 'en', token = f.analyst.token) => api.as(token).get(`/tables/${f.tableId}/reports/equity?period=${period}`, { 'accept-language': lang });

  /** Each seed a situation of the table through the API (decided, assigned, identity written, equity recorded, maybe closed), referred in its month of YEAR. */
  async function seedTable(x: TableFixture, list: Seed[]): Promise<void> {
    await api.as(x.admin.token).patch(`/tables/${x.tableId}`, CONTACT).expect(200);
    const c = api.as(x.coordinator.token);
    for (const s of list) {
      const sit = await submit(api, x, x.reps.police.token, { ...MEETS, situationType: 'PERSON' });
      await c.post(`/situations/${sit.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
      await c.post(`/situations/${sit.id}/assignment`, { leadAgencyId: x.agencies[s.lead].id, assistingAgencyIds: [x.agencies.health.id] }).expect(200);
      await api.as(x.reps.police.token).put(`/situations/${sit.id}/identity`, IDENTITY).expect(204);
      // referred in a month of YEAR: the record then counts in that month (equity_responses.referral_month)
      await owner.query(`UPDATE situations SET created_at = make_timestamptz($2, $3, 10, 14, 0, 0, 'America/Toronto') WHERE id = $1`, [sit.id, YEAR, s.month]);
      if (s.record === 'NOT_ASKED')
        await api
          .as(x.reps.police.token)
          .put(`/situations/${sit.id}/equity`, { asked: 'NOT_ASKED', notAskedReason: 'NOT_REACHED', noticeVersion: NOTICE_VERSION, noticeGiven: false, answers: {} })
          .expect(200);
      else if (s.record !== 'none')
        await api
          .as(x.reps.police.token)
          .put(`/situations/${sit.id}/equity`, { asked: 'ASKED', answeredBy: 'SELF', noticeVersion: NOTICE_VERSION, noticeGiven: true, answers: s.record })
          .expect(200);
      if (s.close) await c.post(`/situations/${sit.id}/closure`, { conclusion: CONCLUSION(s.close), consentStatus: 'OBTAINED' }).expect(200);
      (s as Seed & { id: string }).id = sit.id;
    }
  }

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
    await seedTable(f, seeded);
  }, 240_000);
  afterAll(async () => {
    t.clock.reset();
    await close();
  });

  /** The naive counts of a period: population, and per question, category and stage. */
  function naive(period: string, list: readonly Seed[] = seeded): { population: number; asked: number; counts: Map<string, number> } {
    const rows = list.filter((s) => inPeriod(period, s));
    const counts = new Map<string, number>();
    const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const s of rows.filter((x) => x.record !== 'none'))
      for (const q of QUESTIONS) {
        const cat = categoryOf(q, s);
        add(`${q}|${cat}|RECORDED`);
        if (s.lead === 'police') add(`${q}|${cat}|POLICE_LED`);
        if (s.close) add(`${q}|${cat}|CLOSED_${s.close}`);
      }
    return { population: rows.length, asked: rows.filter((s) => s.record !== 'none' && s.record !== 'NOT_ASKED').length, counts };
  }
  /** A published figure: null below 5, else null (withheld beside another) or the table's draw of that exact count. */
  const expectFigure = (shown: number | null, cell: string, exact: number) => {
    if (exact < 5) expect({ cell, shown }).toEqual({ cell, shown: null });
    else if (shown !== null) expect({ cell, shown }).toEqual({ cell, shown: publishIn(f.tableId, cell, exact) });
  };
  const expectShare = (r: Rate, part: number | null, whole: number | null) => {
    if (r.suppressed) return expect(r.value).toBeNull();
    expect(part).not.toBeNull();
    expect(r).toEqual({ value: Math.min(1, round3(part! / whole!)), n: whole, suppressed: false });
  };

  it('refuses a month (400) and publishes nothing of a year whose last quarter is not frozen yet, saying when it will be', async () => {
    const month = (await get(`${YEAR}-07`).expect(400)).body;
    expect(JSON.stringify(month)).toContain('quarters and years only');
    // the current year: its last quarter has not even ended
    const current = new Date().getFullYear();
    const next = (await get(String(current)).expect(200)).body as View;
    expect(next).toMatchObject({ period: String(current), frozen: false, population: null, questions: [] });
    // the end of the year's last quarter, plus the freeze lag (90 days): 1 April, local midnight
    expect(next.availableFrom).toBe(new Date(`${current + 1}-04-01T04:00:00Z`).toISOString());
    await api.as(f.reps.police.token).get(`/tables/${f.tableId}/reports/equity?period=${YEAR}`).expect(403);
  });

  it("freezes each quarter once, as the naive count of the quarter's situations and records", async () => {
    await get(String(YEAR)).expect(200);
    const rows = (await owner.query('SELECT quarter, population, counts FROM equity_snapshots WHERE table_id = $1 AND quarter LIKE $2 ORDER BY quarter', [f.tableId, `${YEAR}-%`]))
      .rows;
    expect(rows.map((r: { quarter: string }) => r.quarter)).toEqual([1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`));
    for (const r of rows as { quarter: string; population: number; counts: Record<string, number> }[]) {
      const n = naive(r.quarter);
      expect({ q: r.quarter, population: r.population }).toEqual({ q: r.quarter, population: n.population });
      expect(r.counts).toEqual(Object.fromEntries(n.counts));
    }
  });

  it('publishes every figure of the year and its quarters as the naive count rounds it, shares from published counts, in English and French', async () => {
    for (const period of [String(YEAR), ...[1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`)]) {
      const [en, fr] = [(await get(period).expect(200)).body as View, (await get(period, 'fr').expect(200)).body as View];
      expect(en.frozen).toBe(true);
      const n = naive(period);
      expectFigure(en.population, 'POPULATION', n.population);
      for (const q of en.questions) {
        const answers = [...n.counts].filter(([k]) => k.startsWith(`${q.code}|`) && k.endsWith('|RECORDED') && !/\|(PREFER_NOT_TO_ANSWER|NOT_ANSWERED|NOT_ASKED)\|/.test(k));
        const answered = answers.reduce((s, [, c]) => s + c, 0);
        expectFigure(q.distribution.population, `${q.code}:ANSWERED`, answered);
        for (const c of q.distribution.cells) {
          expectFigure(c.count, `${q.code}:${c.code}`, n.counts.get(`${q.code}|${c.code}|RECORDED`) ?? 0);
          if (c.count !== null && q.distribution.population !== null) expect(c.share).toBe(Math.min(1, round3(c.count / q.distribution.population)));
        }
        for (const s of q.byStage)
          for (const c of s.distribution.cells) expectFigure(c.count, `${q.code}@${s.stage}:${c.code}`, n.counts.get(`${q.code}|${c.code}|${s.stage}`) ?? 0);
        expectShare(q.answeredShare, q.distribution.population, q.answeredShare.n);
        if (!q.answeredShare.suppressed) expect(q.answeredShare.n).toBe(publishIn(f.tableId, 'ASKED', n.asked));
        expect(q.lowResponse).toBe(q.answeredShare.value !== null && q.answeredShare.value < 0.5);
      }
      expectShare(en.askedShare, en.askedShare.suppressed ? null : publishIn(f.tableId, 'ASKED', n.asked), en.population);
      // French: the same figures, its own words
      const numbers = (v: View) =>
        JSON.stringify(
          v.questions.map((q) => [q.code, q.distribution, q.byStage.map((s) => s.distribution)]),
          (k, x) => (k === 'label' ? undefined : x),
        );
      expect(numbers(fr)).toBe(numbers(en));
      expect(fr.questions.find((q) => q.code === 'RACE')!.label).toBe('Catégorie raciale');
      if (period === String(YEAR))
        expect(fr.questions.find((q) => q.code === 'RACE')!.distribution.cells.find((c) => c.code === 'WHITE')!.label).toBe('Blanc (ascendance européenne)');
    }
    // the seeding gives the year published and withheld answers
    const year = (await get(String(YEAR)).expect(200)).body as View;
    const race = year.questions.find((q) => q.code === 'RACE')!;
    expect(race.distribution.cells.find((c) => c.code === 'WHITE')!.count).not.toBeNull();
    expect(race.distribution.cells.find((c) => c.code === 'SOUTH_ASIAN')!.suppressed).toBe(true);
    const audited = await owner.query(`SELECT details FROM audit_entries WHERE action = 'report.equity' AND table_id = $1`, [f.tableId]);
    expect(audited.rows.length).toBeGreaterThan(5);
  });

  it('lets no small count be recovered from the figures shown: the distributions, their stages and the quarters against the year', async () => {
    const shown = new Map<string, number | null>();
    const exact = new Map<string, number>();
    const relations: [string, string[]][] = [];
    const periods = [String(YEAR), ...[1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`)];
    for (const period of periods) {
      const v = (await get(period).expect(200)).body as View;
      const n = naive(period);
      for (const q of v.questions)
        for (const [stage, d] of [['RECORDED', q.distribution] as const, ...q.byStage.map((s) => [s.stage, s.distribution] as const)]) {
          const total = `${period}|${q.code}|${stage}|*`;
          shown.set(total, d.population);
          exact.set(
            total,
            [...n.counts]
              .filter(([k]) => k.startsWith(`${q.code}|`) && k.endsWith(`|${stage}`) && !/\|(PREFER_NOT_TO_ANSWER|NOT_ANSWERED|NOT_ASKED)\|/.test(k))
              .reduce((s, [, c]) => s + c, 0),
          );
          for (const c of d.cells) {
            shown.set(`${period}|${q.code}|${stage}|${c.code}`, c.count);
            exact.set(`${period}|${q.code}|${stage}|${c.code}`, n.counts.get(`${q.code}|${c.code}|${stage}`) ?? 0);
          }
          if (d.cells.length > 0) relations.push([total, d.cells.map((c) => `${period}|${q.code}|${stage}|${c.code}`)]);
        }
    }
    // the year is the sum of its quarters, cell by cell; a stage's cell is part of the category's (the rest unknown)
    for (const key of [...shown.keys()].filter((k) => k.startsWith(`${YEAR}|`))) {
      const rest = key.slice(String(YEAR).length);
      relations.push([key, [1, 2, 3, 4].map((q) => `${YEAR}-Q${q}${rest}`)]);
    }
    for (const key of [...shown.keys()].filter((k) => /\|(POLICE_LED|CLOSED_RISK_LOWERED)\|/.test(k))) {
      const [period, q, stage, code] = key.split('|');
      const whole = `${period}|${q}|RECORDED|${code}`;
      if (!shown.has(whole)) continue;
      shown.set(`${key}~rest`, null);
      relations.push([whole, [key, `${key}~rest`]]);
      void stage;
    }
    const bounds = propagate(
      shown,
      relations.filter(([agg, parts]) => [agg, ...parts].every((k) => shown.has(k))),
      exact,
    );
    const small = [...exact].filter(([k, e]) => e < 5 && shown.get(k) === null);
    expect(small.length).toBeGreaterThan(10);
    for (const [k] of small) {
      const [lo, hi] = bounds.get(k)!;
      expect({ k, revealsNotEmpty: lo > 0, revealsEmpty: hi < 1 }).toEqual({ k, revealsNotEmpty: false, revealsEmpty: false });
    }
  });

  it('keeps a frozen year as it was: an answer recorded, corrected or withdrawn afterwards changes no figure', async () => {
    const before = (await get(String(YEAR)).expect(200)).body as View;
    const changed = seeded.find((s) => s.record !== 'none' && s.record !== 'NOT_ASKED' && !s.close) as Seed & { id: string };
    const unrecorded = seeded.find((s) => s.record === 'none' && !s.close) as Seed & { id: string };
    await api.as(f.reps.police.token).delete(`/situations/${changed.id}/equity`).expect(204);
    await api
      .as(f.reps.police.token)
      .put(`/situations/${unrecorded.id}/equity`, { asked: 'ASKED', answeredBy: 'SELF', noticeVersion: NOTICE_VERSION, noticeGiven: true, answers: { RACE: ['WHITE'] } })
      .expect(200);
    const after = (await get(String(YEAR)).expect(200)).body as View;
    expect(after.questions).toEqual(before.questions);
    expect(after.population).toEqual(before.population);
  });

  it("reads the index against the benchmark in force (the latest year before), computed here from the published counts with Wilson's interval", async () => {
    const a = api.as(f.admin.token);
    const shares = { WHITE: 0.5, BLACK: 0.1, SOUTH_ASIAN: 0.25, EAST_ASIAN: 0.1, ANOTHER: 0.05 };
    const body = { shares, ...BENCHMARK_SOURCE };
    // refusals: not an administrator, an unknown table, shares that do not add up, an unknown category, a question without benchmark, a bad year
    await api.as(f.coordinator.token).put(`/tables/${f.tableId}/equity-benchmarks/2024/RACE`, body).expect(403);
    await a.put(`/tables/00000000-0000-4000-8000-000000000000/equity-benchmarks/2024/RACE`, body).expect(404);
    await a.put(`/tables/${f.tableId}/equity-benchmarks/2024/RACE`, { ...body, shares: { WHITE: 0.5, BLACK: 0.2 } }).expect(400);
    await a.put(`/tables/${f.tableId}/equity-benchmarks/2024/RACE`, { ...body, shares: { PURPLE: 1 } }).expect(400);
    await a.put(`/tables/${f.tableId}/equity-benchmarks/2024/RELIGION`, body).expect(400);
    await a.put(`/tables/${f.tableId}/equity-benchmarks/20x4/RACE`, body).expect(400);
    await a.put(`/tables/${f.tableId}/equity-benchmarks/2024/RACE`, { ...body, sourceTitle: '' }).expect(400);
    await a.put(`/tables/${f.tableId}/equity-benchmarks/2024/RACE`, body).expect(200);
    const listed = (await a.get(`/tables/${f.tableId}/equity-benchmarks`).expect(200)).body;
    expect(listed.benchmarks).toEqual([expect.objectContaining({ year: 2024, question: 'RACE', shares, source: expect.objectContaining({ title: body.sourceTitle }) })]);
    expect(listed.questions.map((q: { code: string }) => q.code)).toEqual(['INDIGENOUS_IDENTITY', 'RACE']);
    const audit = (await owner.query(`SELECT details FROM audit_entries WHERE action = 'equity.benchmark' AND table_id = $1`, [f.tableId])).rows;
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain('0.25');

    const v = (await get(String(YEAR)).expect(200)).body as View;
    const race = v.questions.find((q) => q.code === 'RACE')!;
    expect(race.benchmark).toMatchObject({ title: body.sourceTitle });
    const N = race.distribution.population!;
    let shown = 0;
    for (const d of race.disproportionality!) {
      const c = race.distribution.cells.find((x) => x.code === d.code)!;
      const b = (shares as Record<string, number>)[d.code];
      if (b === undefined) expect(d.unavailable).toBe('NO_BENCHMARK');
      else if (c.count === null) expect(d.unavailable).toBe('WITHHELD');
      else if (c.count < 10 || N - c.count < 10) expect(d.unavailable).toBe('TOO_FEW');
      else {
        shown++;
        const p = c.count / N;
        const z = 1.959964;
        const centre = (p + (z * z) / (2 * N)) / (1 + (z * z) / N);
        const half = (z * Math.sqrt((p * (1 - p)) / N + (z * z) / (4 * N * N))) / (1 + (z * z) / N);
        const r2 = (x: number) => Math.round(x * 100) / 100;
        expect(d).toMatchObject({ index: r2(p / b), low: r2((centre - half) / b), high: r2((centre + half) / b), unavailable: null });
        expect(d.flag).toBe(r2((centre - half) / b) > 1 ? 'OVER' : r2((centre + half) / b) < 1 ? 'UNDER' : null);
      }
    }
    expect(shown).toBeGreaterThan(0);
    expect(v.questions.find((q) => q.code === 'INDIGENOUS_IDENTITY')!.disproportionality!.every((d) => d.unavailable === 'NO_BENCHMARK')).toBe(true);
    expect(v.questions.find((q) => q.code === 'RELIGION')!.disproportionality).toBeUndefined();

    // the disparity index (6.7, last item), years only: computed here from the route's published counts
    expect(disparityMatches(v).checked).toBeGreaterThan(0);
    const quarter = (await get(`${YEAR}-Q1`).expect(200)).body as View;
    expect(quarter.questions.every((q) => q.disparity === undefined)).toBe(true);
  });

  it("gives a trend of 8 quarters, each exactly what the quarter's own route publishes (R1), a year not published marked not available (R9)", async () => {
    const trend = (through: string, lang = 'en') => api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/equity/trend?through=${through}`, { 'accept-language': lang });
    for (const lang of ['en', 'fr']) {
      const v = (await trend(`${YEAR}-Q4`, lang).expect(200)).body as EquityTrend;
      expect(v).toMatchObject({ tableId: f.tableId, through: `${YEAR}-Q4`, language: lang, freezeLagDays: 90 });
      expect(v.quarters.map((p) => p.period)).toEqual([YEAR - 1, YEAR].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`)));
      for (const point of v.quarters) {
        const q = (await get(point.period, lang).expect(200)).body as View;
        expect(point.available).toBe(true);
        expect({ period: point.period, population: point.population, askedShare: point.askedShare }).toEqual({
          period: point.period,
          population: q.population,
          askedShare: q.askedShare,
        });
        expect(point.questions).toEqual(
          q.questions.map((x) => ({
            code: x.code,
            label: x.label,
            answeredShare: x.answeredShare,
            preferNotToAnswerShare: x.preferNotToAnswerShare,
            ...(x.disproportionality ? { indices: x.disproportionality.map(({ share: _share, benchmark: _benchmark, ...index }) => index) } : {}),
          })),
        );
      }
      // the seeded year's quarters publish something; the year before, with no situation, nothing
      expect(v.quarters.filter((p) => p.period.startsWith(String(YEAR))).some((p) => p.population !== null)).toBe(true);
      expect(v.quarters.filter((p) => p.period.startsWith(String(YEAR - 1))).every((p) => p.population === null)).toBe(true);
    }
    // through a quarter of the current year: its year is not frozen, so its quarters are not available and say when
    const current = new Date().getFullYear();
    const open = (await trend(`${current}-Q1`).expect(200)).body as EquityTrend;
    const now = open.quarters.find((p) => p.period === `${current}-Q1`)!;
    expect(now).toEqual({
      period: `${current}-Q1`,
      available: false,
      availableFrom: new Date(`${current + 1}-04-01T04:00:00Z`).toISOString(),
      population: null,
      // as the quarter's own route answers it
      askedShare: ((await get(`${current}-Q1`).expect(200)).body as View).askedShare,
      questions: [],
    });
    // refusals: a quarter badly written (400), a representative (403); each read audited with its quarters
    await trend('2025-07').expect(400);
    await trend('2025-Q5').expect(400);
    await api.as(f.reps.police.token).get(`/tables/${f.tableId}/reports/equity/trend`).expect(403);
    const audited = (await owner.query(`SELECT details::jsonb AS d FROM audit_entries WHERE chain_id = $1 AND action = 'report.equity' AND details LIKE '%"trend"%'`, [f.tableId]))
      .rows;
    expect(audited.map((r: { d: { through: string } }) => r.d.through)).toEqual(expect.arrayContaining([`${YEAR}-Q4`, `${current}-Q1`]));
    expect(audited[0].d.quarters).toHaveLength(8);
  });

  it("gives the annual report's equity section the route's own figures (R1), in both languages", async () => {
    const csv = async (lang: 'en' | 'fr') =>
      parseCsv(
        (await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.csv?lang=${lang}`).expect(200)).text.replace(/^\uFEFF/, ''),
        lang === 'fr' ? ';' : ',',
      ).slice(1);
    for (const lang of ['en', 'fr'] as const) {
      const v = (await get(String(YEAR), lang).expect(200)).body as View;
      const rows = await csv(lang);
      const shown = (indicator: string, code: string) => rows.find((r) => r[1] === indicator && r[4] === code);
      expect(shown('I17', 'POPULATION')![6]).toBe(v.population === null ? '' : String(v.population));
      const race = v.questions.find((q) => q.code === 'RACE')!;
      const raceRows = rows.filter((r) => r[1] === 'I17' && r[5] !== undefined && race.distribution.cells.some((c) => c.code === r[4] && c.label === r[5]));
      expect(raceRows.map((r) => [r[4], r[6], r[8]])).toEqual(
        race.distribution.cells.map((c) => [c.code, c.count === null ? '' : String(c.count), c.count === null ? 'withheld' : 'published']),
      );
      for (const d of race.disproportionality!.filter((x) => x.benchmark !== null && x.index !== null)) {
        const r = rows.find((x) => x[1] === 'I18' && x[4] === d.code)!;
        expect(Number(r[6].replace(',', '.'))).toBe(d.index);
      }
      expect(rows.some((r) => r[1] === 'I18')).toBe(true);
      // the disparity index (6.7, last item): each question's cells as the route gives them, or one row per outcome
      // when none has the four counts
      for (const q of v.questions.filter((x) => x.disparity)) {
        for (const outcome of ['POLICE_LED', 'CLOSED_RISK_LOWERED']) {
          const cells = q.disparity!.filter((d) => d.outcome === outcome);
          const shownRows = rows.filter(
            (r) => r[1] === 'I18' && r[4].startsWith(`${outcome}/`) && (r[4] === `${outcome}/ALL` ? r[5] === q.label : cells.some((d) => `${outcome}/${d.code}` === r[4])),
          );
          if (cells.every((d) => d.ratio === null)) expect(shownRows.map((r) => [r[4], r[6], r[8]])).toEqual(expect.arrayContaining([[`${outcome}/ALL`, '', 'not available']]));
          else
            expect(shownRows.map((r) => [r[4], r[6] === '' ? null : Number(r[6].replace(',', '.')), r[8]])).toEqual(
              cells.map((d) => [`${outcome}/${d.code}`, d.ratio, d.ratio !== null ? 'published' : d.unavailable === 'WITHHELD' ? 'withheld' : 'not available']),
            );
        }
      }
      expect(rows.filter((r) => r[1] === 'I18' && /^(POLICE_LED|CLOSED_RISK_LOWERED)\//.test(r[4])).length).toBeGreaterThan(0);
    }
    const pdf = pdfText((await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/annual/${YEAR}.pdf`).buffer(true).expect(200)).body as Buffer);
    expect(pdf).toContain('Census of Population 2021');
    expect(pdf).toContain('Race: disproportionality index against the benchmark');
    expect(pdf).toContain('Catégorie raciale\u00a0: indice de disproportionnalité');
    expect(pdf).toContain('disparity index, led by police');
    expect(pdf).toContain('indice de disparité, intervention dirigée par la police');
  });

  it("publishes a region's year with its member tables', a member's figures the same on its own route (R1)", async () => {
    const a = api.as(f.admin.token);
    const g = await buildTable(api, { code: 'EQB' });
    // a small second table: 7 people, so that its cells are small beside the first's, and a planted cell: the first
    // table has 2 answers "more than one category" to race in the second quarter, the second 3 (the region's 5 alone
    // would say that neither table's is empty, were the region's figures protected apart from its tables')
    const plant: Seed = { month: 5, lead: 'housing', record: { RACE: ['SOUTH_ASIAN', 'WHITE'], INDIGENOUS_IDENTITY: ['NO'], GENDER_IDENTITY: ['MAN'] }, close: null };
    const small: Seed[] = [...seeds().slice(0, 7), { ...plant }, { ...plant }, { ...plant }];
    expect(naive(`${YEAR}-Q2`).counts.get('RACE|MULTIPLE|RECORDED')).toBe(2);
    expect(naive(`${YEAR}-Q2`, small).counts.get('RACE|MULTIPLE|RECORDED')).toBe(3);
    await seedTable(g, small);
    const region = (await a.post('/regions', { code: 'EQUITY-R', nameEn: 'Invented Equity Region', nameFr: 'Région inventée' }).expect(201)).body;
    t.clock.reset();
    t.clock.advance(new Date(`${YEAR - 1}-12-01T12:00:00Z`).getTime() - Date.now());
    try {
      await a.put(`/regions/${region.id}/members/${YEAR}`, { tableIds: [f.tableId, g.tableId] }).expect(200);
    } finally {
      t.clock.reset();
    }
    const r = (await a.get(`/regions/${region.id}/reports/equity?period=${YEAR}`).expect(200)).body as View;
    expect(r).toMatchObject({ frozen: true, published: true });
    expect(r.memberTables!.map((m) => m.tableId).sort()).toEqual([f.tableId, g.tableId].sort());
    // the seeded region is too small for any disparity cell's four counts to reach 10: each says TOO_FEW or WITHHELD as
    // its published counts require (the values themselves are checked by hand in equity-figures.spec.ts)
    const regional = disparityMatches(r);
    expect(regional).toEqual({ checked: regional.checked, shown: 0 });
    expect(regional.checked).toBeGreaterThan(20);
    const own = (await get(String(YEAR)).expect(200)).body as View;
    const member = r.memberTables!.find((m) => m.tableId === f.tableId)!;
    expect({ population: member.population, askedShare: member.askedShare }).toEqual({ population: own.population, askedShare: own.askedShare });
    await api.as(f.analyst.token).get(`/regions/${region.id}/reports/equity?period=${YEAR}`).expect(404);
    // the region's trend: each quarter the region's own quarter route (R1); the year before, with no members, not available
    const rt = (await a.get(`/regions/${region.id}/reports/equity/trend?through=${YEAR}-Q4`).expect(200)).body as EquityTrend & { regionId: string };
    expect(rt).toMatchObject({ tableId: null, regionId: region.id, through: `${YEAR}-Q4` });
    for (const point of rt.quarters.filter((p) => p.period.startsWith(String(YEAR)))) {
      const rq = (await a.get(`/regions/${region.id}/reports/equity?period=${point.period}`).expect(200)).body as View;
      expect({ available: point.available, population: point.population, askedShare: point.askedShare }).toEqual({
        available: true,
        population: rq.population,
        askedShare: rq.askedShare,
      });
      expect(point.questions.map((q) => [q.code, q.answeredShare, q.preferNotToAnswerShare])).toEqual(rq.questions.map((q) => [q.code, q.answeredShare, q.preferNotToAnswerShare]));
    }
    expect(rt.quarters.filter((p) => p.period.startsWith(String(YEAR - 1))).every((p) => !p.available && p.population === null)).toBe(true);
    await api.as(f.analyst.token).get(`/regions/${region.id}/reports/equity/trend`).expect(404);
    const regionAudit = (await owner.query(`SELECT details::jsonb AS d FROM audit_entries WHERE chain_id = $1 AND action = 'report.region'`, [`region:${region.id}`])).rows;
    expect(regionAudit.some((r: { d: { route: string; through?: string } }) => r.d.route === 'equity-trend' && r.d.through === `${YEAR}-Q4`)).toBe(true);

    // every figure the region's route and both tables' routes show, year and quarters: no small count recoverable
    const shown = new Map<string, number | null>();
    const exact = new Map<string, number>();
    const relations: [string, string[]][] = [];
    const periods = [String(YEAR), ...[1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`)];
    const scopes = [
      { key: 'region', read: (p: string) => a.get(`/regions/${region.id}/reports/equity?period=${p}`), seeds: [...seeded, ...small] },
      { key: 'f', read: (p: string) => api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/equity?period=${p}`), seeds: seeded },
      { key: 'g', read: (p: string) => api.as(g.analyst.token).get(`/tables/${g.tableId}/reports/equity?period=${p}`), seeds: small },
    ];
    const ANSWERS = /\|(PREFER_NOT_TO_ANSWER|NOT_ANSWERED|NOT_ASKED)\|/;
    for (const scope of scopes)
      for (const period of periods) {
        const v = (await scope.read(period).expect(200)).body as View;
        const n = naive(period, scope.seeds);
        const at = (q: string, code: string) => `${scope.key}|${period}|${q}|${code}`;
        shown.set(at('*', 'POPULATION'), v.population);
        exact.set(at('*', 'POPULATION'), n.population);
        for (const q of v.questions) {
          const answered = [...n.counts].filter(([k]) => k.startsWith(`${q.code}|`) && k.endsWith('|RECORDED') && !ANSWERS.test(k)).reduce((x, [, c]) => x + c, 0);
          shown.set(at(q.code, '*'), q.distribution.population);
          exact.set(at(q.code, '*'), answered);
          for (const c of q.distribution.cells) {
            shown.set(at(q.code, c.code), c.count);
            exact.set(at(q.code, c.code), n.counts.get(`${q.code}|${c.code}|RECORDED`) ?? 0);
          }
          if (q.distribution.cells.length > 0) relations.push([at(q.code, '*'), q.distribution.cells.map((c) => at(q.code, c.code))]);
        }
      }
    for (const key of [...shown.keys()].filter((k) => k.startsWith('region|'))) {
      const rest = key.slice('region'.length);
      relations.push([key, [`f${rest}`, `g${rest}`]]);
    }
    for (const key of [...shown.keys()].filter((k) => k.split('|')[1] === String(YEAR))) {
      const [scope, , ...rest] = key.split('|');
      relations.push([key, [1, 2, 3, 4].map((q) => [scope, `${YEAR}-Q${q}`, ...rest].join('|'))]);
    }
    const bounds = propagate(
      shown,
      relations.filter(([agg, parts]) => [agg, ...parts].every((k) => shown.has(k))),
      exact,
    );
    const smallCells = [...exact].filter(([k, e]) => e > 0 && e < 5 && shown.get(k) === null);
    expect(smallCells.length).toBeGreaterThan(10);
    // the plant: 5 in the region (shown, or withheld with its whole breakdown), 2 and 3 at the tables
    expect(naive(`${YEAR}-Q2`, [...seeded, ...small]).counts.get('RACE|MULTIPLE|RECORDED')).toBe(5);
    for (const [k] of [...exact].filter(([k2, e]) => e < 5 && shown.get(k2) === null)) {
      const [lo, hi] = bounds.get(k)!;
      expect({ k, revealsNotEmpty: lo > 0, revealsEmpty: hi < 1 }).toEqual({ k, revealsNotEmpty: false, revealsEmpty: false });
    }
  });
});
