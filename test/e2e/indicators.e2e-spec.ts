import { propagate } from '../support/attacker';
import { hkdfSync } from 'node:crypto';
import { Client } from 'pg';
import { cellDraw, randomRound } from '../../src/modules/reports/disclosure';
import { Api, TableFixture } from '../support/api';
import { MEETS, submit, walkTo } from '../support/situations';
import { TEST_MASTER_KEY } from '../support/test-app';
import { openWorld } from '../support/world';
import type { Breakdown, Cell, Rate } from '../support/report-views';

/**
 * The evaluation indicators (docs/evaluation.md, section 4) against a naive reference: the seeded
 * rows read back from the database, each indicator's population and formula applied in plain code,
 * every count published with the same key by the textbook rule (withheld below 5, else randomly
 * rounded to base 5), in English and French. Then the privacy of the new routes together: every
 * month, quarter and year, and the trend, never let the published figures bound a withheld count.
 */

type View = Record<string, unknown> & { period: string; from: string; to: string };

const YEAR = 2025;
const KEY = Buffer.from(hkdfSync('sha256', Buffer.from(TEST_MASTER_KEY, 'base64'), Buffer.alloc(0), 'situation-table/report-rounding/v1', 32));
const MINORS = ['0-5', '6-11', '12-15', '16-17'];
const H = 3_600_000;

interface Row {
  id: string;
  created_at: Date;
  status: string;
  decision_outcome: string | null;
  decided_at: Date | null;
  first_assigned_at: Date | null;
  mobilization_assigned_at: Date | null;
  last_assigned_at: Date | null;
  mobilized_at: Date | null;
  situation_type: string;
  age_band: string | null;
  gender: string | null;
  consent_status: string | null;
  originating_sector: string;
  lead_sector: string | null;
  conclusion: string | null;
  risk_categories: string[] | null;
  barriers: string[];
  assisting_sectors: string[];
  barrier_contexts: string[];
  barrier_services: string[];
}

/** The summary of a period: the breakdowns the privacy test reads. */
interface Summary {
  total: number | null;
  byStatus: Cell[];
  bySituationType: Cell[];
  byOriginatingSector: Cell[];
  byAgeBand: Cell[];
  byGender: Cell[];
  byConsentStatus: Cell[];
  byConclusion: Cell[];
  byLeadSector: Cell[];
  acceptanceRate: Rate;
  riskLoweredShare: Rate;
}

interface Decline {
  created_at: Date;
  reason: string;
}

describe('evaluation indicators: reference computation, trends and the privacy of periods together', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let rows: Row[];
  let groupOf: Map<string, string>;
  let planted: string;
  let declines: Decline[];
  /** actions that could not be done: their situation, its referral time, the reason */
  let notDone: (Decline & { id: string })[];
  let assignments: { created_at: Date }[];
  const leadsGiven = (v: View) => assignments.filter((a) => a.created_at >= new Date(v.from) && a.created_at < new Date(v.to)).length;
  const publish = (cell: string, n: number) => (n < 5 ? null : randomRound(n, cellDraw(KEY, [f.tableId, cell, String(n)])));

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
    const c = api.as(f.coordinator.token);
    // 30 closed, 8 mobilised, 6 assigned, 6 rejected, 4 submitted; 6 leads declined and given again
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await walkTo(api, f, 'CLOSED'));
    for (let i = 0; i < 8; i++) ids.push(await walkTo(api, f, 'MOBILIZED'));
    for (let i = 0; i < 6; i++) {
      const id = await walkTo(api, f, 'ASSIGNED');
      await api
        .as(f.reps.housing.token)
        .post(`/situations/${id}/lead-answer`, { answer: 'DECLINE', reasonCode: i < 4 ? 'CAPACITY' : 'MANDATE' })
        .expect(200);
      await c.post(`/situations/${id}/assignment`, { leadAgencyId: f.agencies.police.id, assistingAgencyIds: [] }).expect(200);
      ids.push(id);
    }
    // system barriers on 12 closures: a wait list for a shelter on 10, a lack of capacity on 6 (4 with both)
    for (const [i, id] of ids.slice(0, 12).entries()) {
      const systemBarriers = [...(i < 10 ? [{ code: 'WAIT_LIST', service: 'HOUSING_SHELTER' }] : []), ...(i >= 6 ? [{ code: 'CAPACITY' }] : [])];
      await c.put(`/situations/${id}/system-barriers`, { systemBarriers }).expect(200);
    }
    // actions that could not be done on the 8 mobilised situations: 6 for want of capacity (the first situation twice), 2 declined by the person
    const dueDate = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    for (const [i, id] of [...ids.slice(30, 38), ids[30]].entries()) {
      const a = await api.as(f.reps.housing.token).post(`/situations/${id}/actions`, { description: 'Arrange a supported housing viewing.', dueDate }).expect(201);
      await api
        .as(f.reps.housing.token)
        .patch(`/situations/${id}/actions/${a.body.id}`, { status: 'NOT_DONE', reasonCode: i < 6 || i === 8 ? 'NO_CAPACITY' : 'PERSON_DECLINED' }, { 'if-match': '1' })
        .expect(200);
    }
    for (let i = 0; i < 6; i++) ids.push(await walkTo(api, f, 'REJECTED'));
    for (let i = 0; i < 4; i++) ids.push(await submit(api, f, f.reps.school.token, { ...MEETS, situationType: 'FAMILY', ageBand: '12-15' }).then((s) => s.id));
    // the triggers kept both new starts
    const kept = await owner.query(
      `SELECT count(*) FILTER (WHERE first_assigned_at IS NOT NULL)::int AS first, count(*) FILTER (WHERE mobilization_assigned_at IS NOT NULL)::int AS mob,
              count(*) FILTER (WHERE mobilized_at IS NOT NULL)::int AS mobilized, count(*) FILTER (WHERE assigned_at IS NOT NULL OR first_assigned_at IS NOT NULL)::int AS assigned
       FROM situations WHERE table_id = $1`,
      [f.tableId],
    );
    expect(kept.rows[0]).toEqual({ first: 44, mob: 38, mobilized: 38, assigned: 44 });
    // spread over the months of YEAR, with durations of their own (minutes apart, so medians interpolate)
    await owner.query(
      `WITH o AS (SELECT id, row_number() OVER (ORDER BY created_at, id) - 1 AS i FROM situations WHERE table_id = $1)
       UPDATE situations s SET
         created_at = make_timestamptz($2, 1 + (o.i % 12)::int, 3 + (o.i % 20)::int, 14, 0, 0, 'America/Toronto'),
         decided_at = CASE WHEN s.decided_at IS NULL THEN NULL ELSE make_timestamptz($2, 1 + (o.i % 12)::int, 3 + (o.i % 20)::int, 14, 0, 0, 'America/Toronto') + (o.i * 97 % 72 + 1) * interval '1 hour' END,
         first_assigned_at = CASE WHEN s.first_assigned_at IS NULL THEN NULL ELSE make_timestamptz($2, 1 + (o.i % 12)::int, 3 + (o.i % 20)::int, 14, 0, 0, 'America/Toronto') + (o.i * 97 % 72 + 1 + o.i * 13 % 40) * interval '1 hour' END,
         last_assigned_at = CASE WHEN s.last_assigned_at IS NULL THEN NULL ELSE make_timestamptz($2, 1 + (o.i % 12)::int, 3 + (o.i % 20)::int, 14, 0, 0, 'America/Toronto') + (o.i * 97 % 72 + 1 + o.i * 13 % 40) * interval '1 hour' END,
         mobilization_assigned_at = CASE WHEN s.mobilized_at IS NULL THEN NULL ELSE make_timestamptz($2, 1 + (o.i % 12)::int, 3 + (o.i % 20)::int, 14, 0, 0, 'America/Toronto') + (o.i * 97 % 72 + 1 + o.i * 13 % 40) * interval '1 hour' END,
         mobilized_at = CASE WHEN s.mobilized_at IS NULL THEN NULL ELSE make_timestamptz($2, 1 + (o.i % 12)::int, 3 + (o.i % 20)::int, 14, 0, 0, 'America/Toronto') + (o.i * 97 % 72 + 1 + o.i * 13 % 40 + o.i * 7 % 90) * interval '1 hour' END,
         age_band = CASE WHEN s.age_band IS NULL OR s.status IN ('REJECTED') THEN s.age_band WHEN o.i % 3 = 0 THEN '16-17' ELSE s.age_band END
       FROM o WHERE o.id = s.id`,
      [f.tableId, YEAR],
    );
    // the police assist (not lead) in 7 housing-led situations: I8's secondary share
    await owner.query(
      `UPDATE situations SET assisting_agency_ids = ARRAY[$2::uuid]
       WHERE id IN (SELECT id FROM situations WHERE table_id = $1 AND lead_sector = 'HOUSING' ORDER BY id LIMIT 7)`,
      [f.tableId, f.agencies.police.id],
    );
    // a planted leak: 4 referrals from one sector in each month of the third quarter, a sector whose
    // 12 the rounding publishes as 15: the quarter's [11, 19] would say each month holds at least 3
    const sectors: { code: string }[] = (await api.as(f.analyst.token).get('/taxonomy').expect(200)).body.sectors;
    planted = sectors.map((x) => x.code).find((code) => !['POLICE', 'EDUCATION', 'HEALTH', 'HOUSING'].includes(code) && publish(`originating_sector:${code}`, 12) === 15)!;
    expect(planted).toBeDefined();
    await owner.query(
      `WITH pick AS (SELECT id, row_number() OVER (PARTITION BY date_trunc('month', created_at AT TIME ZONE 'America/Toronto') ORDER BY id) AS k FROM situations
                     WHERE table_id = $1 AND created_at >= make_timestamptz($2, 7, 1, 0, 0, 0, 'America/Toronto') AND created_at < make_timestamptz($2, 10, 1, 0, 0, 0, 'America/Toronto'))
       UPDATE situations s SET originating_sector = $3 FROM pick WHERE pick.id = s.id AND pick.k <= 4`,
      [f.tableId, YEAR, planted],
    );
    rows = (
      await owner.query(
        `SELECT id, created_at, status, decision_outcome, decided_at, first_assigned_at, mobilization_assigned_at, last_assigned_at, mobilized_at,
                situation_type, age_band, gender, consent_status, originating_sector, lead_sector, conclusion, risk_categories,
                ARRAY(SELECT DISTINCT b.code FROM situation_system_barriers b WHERE b.situation_id = situations.id ORDER BY 1) AS barriers,
                ARRAY(SELECT a.sector FROM agencies a WHERE a.id = ANY(situations.assisting_agency_ids)) AS assisting_sectors,
                ARRAY(SELECT DISTINCT b.code || '/' || b.context FROM situation_system_barriers b WHERE b.situation_id = situations.id) AS barrier_contexts,
                ARRAY(SELECT DISTINCT b.code || '/' || b.service FROM situation_system_barriers b WHERE b.situation_id = situations.id AND b.service IS NOT NULL) AS barrier_services
         FROM situations WHERE table_id = $1`,
        [f.tableId],
      )
    ).rows;
    expect(rows).toHaveLength(ids.length);
    declines = (
      await owner.query(
        `SELECT s.created_at, t.details->>'reasonCode' AS reason FROM situation_transitions t JOIN situations s ON s.id = t.situation_id
         WHERE s.table_id = $1 AND t.action = 'DECLINE_LEAD'`,
        [f.tableId],
      )
    ).rows;
    expect(declines.map((d) => d.reason).sort()).toEqual(['CAPACITY', 'CAPACITY', 'CAPACITY', 'CAPACITY', 'MANDATE', 'MANDATE']);
    notDone = (
      await owner.query(
        `SELECT s.id, s.created_at, a.reason_code AS reason FROM situation_actions a JOIN situations s ON s.id = a.situation_id
         WHERE s.table_id = $1 AND s.decision_outcome = 'AER' AND a.status = 'NOT_DONE'`,
        [f.tableId],
      )
    ).rows;
    expect(notDone).toHaveLength(9);
    assignments = (
      await owner.query(
        `SELECT s.created_at FROM situation_assignments a JOIN situations s ON s.id = a.situation_id
         WHERE s.table_id = $1 AND a.lead_agency_id IS DISTINCT FROM a.previous_lead_agency_id`,
        [f.tableId],
      )
    ).rows;
    expect(assignments).toHaveLength(44 + 6);
    const taxonomy = await api.as(f.analyst.token).get('/taxonomy').expect(200);
    groupOf = new Map(taxonomy.body.conclusions.map((x: { code: string; group: string }) => [x.code, x.group]));
  }, 180_000);
  afterAll(() => close());

  const inPeriod = (v: View) => rows.filter((r) => r.created_at >= new Date(v.from) && r.created_at < new Date(v.to));
  const countBy = (list: Row[], key: (r: Row) => string | null) => {
    const m = new Map<string, number>();
    for (const r of list) {
      const k = key(r);
      if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const countReasons = (list: Decline[]) => {
    const m = new Map<string, number>();
    for (const d of list) m.set(d.reason, (m.get(d.reason) ?? 0) + 1);
    return m;
  };
  /** A naive quantile: sort, interpolate between the two closest ranks, one decimal, published to the hour. */
  const quantile = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    const pos = (s.length - 1) * q;
    const v = s[Math.floor(pos)] + (s[Math.ceil(pos)] - s[Math.floor(pos)]) * (pos - Math.floor(pos));
    return Math.round(Math.round(v * 10) / 10);
  };

  /** Every published count is the reference's publication of the exact count; every count below 5 is withheld. */
  function expectBreakdown(b: Breakdown, name: string, populationCell: string, population: number, counts: Map<string, number>): void {
    if (b.suppressed) {
      expect(b.cells).toEqual([]);
      return;
    }
    expect(b.population).toBe(publish(populationCell, population));
    for (const cell of b.cells) {
      const exact = counts.get(cell.code) ?? 0;
      if (exact < 5) expect(cell).toMatchObject({ count: null, suppressed: true, share: null });
      if (!cell.suppressed) {
        expect(cell.count).toBe(publish(`${name}:${cell.code}`, exact));
        expect(cell.share).toBe(Math.min(1, Math.round((cell.count! / b.population!) * 1000) / 1000));
      }
    }
  }
  function expectRate(r: Rate, partCell: string, part: number, wholeCell: string, whole: number): void {
    if (part < 5 || whole - part < 5) {
      expect(r).toEqual({ value: null, n: null, suppressed: true });
      return;
    }
    if (r.suppressed) return; // withheld with its part or whole by the unit
    expect(r.n).toBe(publish(wholeCell, whole));
    expect(r.value).toBe(Math.min(1, Math.round((publish(partCell, part)! / publish(wholeCell, whole)!) * 1000) / 1000));
  }

  for (const lang of ['en', 'fr'] as const) {
    it(`publishes each indicator of a year and a quarter as the reference computes it (${lang})`, async () => {
      const taxonomy = (await api.as(f.analyst.token).get('/taxonomy').set('accept-language', lang).expect(200)).body;
      const labelIn = (list: { code: string; label: string }[]) => new Map(list.map((x) => [x.code, x.label]));
      const sectors = labelIn(taxonomy.sectors);
      const groups = labelIn(taxonomy.labels.conclusionGroups);
      for (const period of [String(YEAR), `${YEAR}-Q2`]) {
        const res = await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/indicators?period=${period}`).set('accept-language', lang).expect(200);
        const v: View = res.body;
        expect(v).toMatchObject({ period, language: lang, tableId: f.tableId, timeZone: 'America/Toronto', disclosureControl: { method: 'RANDOM_ROUNDING_BASE_5' } });
        const list = inPeriod(v);
        const total = list.length;
        // I1, I9, I11
        expectBreakdown(
          v.referrals as Breakdown,
          'status',
          'total',
          total,
          countBy(list, (r) => r.status),
        );
        expectBreakdown(
          v.originatingSectors as Breakdown,
          'originating_sector',
          'total',
          total,
          countBy(list, (r) => r.originating_sector),
        );
        expectBreakdown(
          v.situationTypes as Breakdown,
          'situation_type',
          'total',
          total,
          countBy(list, (r) => r.situation_type),
        );
        // I2
        const decided = list.filter((r) => r.decision_outcome !== null);
        const accepted = list.filter((r) => r.decision_outcome === 'AER');
        expectRate(v.acceptanceRate as Rate, 'rate:accepted:part', accepted.length, 'rate:accepted:whole', decided.length);
        // I3, I4, I5
        const hours = (a: Date | null, b: Date | null) => (a && b ? (b.getTime() - a.getTime()) / H : null);
        const durations = [
          ['hoursReferralToDecision', decided.map((r) => hours(r.created_at, r.decided_at)!)],
          ['hoursDecisionToAssignment', accepted.filter((r) => r.first_assigned_at).map((r) => hours(r.decided_at, r.first_assigned_at)!)],
          [
            'hoursAssignmentToMobilization',
            list.filter((r) => r.mobilized_at && r.mobilization_assigned_at).map((r) => Math.max(0, hours(r.mobilization_assigned_at, r.mobilized_at)!)),
          ],
        ] as const;
        for (const [name, xs] of durations) {
          const s = v[name] as { value: { median: number | null; p90: number | null } | null; n: number | null; suppressed: boolean };
          // shown only when the published n says 5 on each side: its least count at least 11 (51 for p90)
          const least = s.n === null ? 0 : Math.max(5, s.n - 4);
          if (xs.length < 5) expect(s.n).toBeNull();
          if (least >= 11) expect(s.value!.median).toBe(quantile([...xs], 0.5));
          else expect(s.suppressed).toBe(true);
          if (least < 51) expect(s.value?.p90 ?? null).toBeNull();
        }
        // I6a
        const known = accepted.filter((r) => r.decided_at && (r.mobilized_at || r.decided_at.getTime() <= Date.now() - 48 * H));
        const within = accepted.filter((r) => r.mobilized_at && r.decided_at && r.mobilized_at.getTime() - r.decided_at.getTime() <= 48 * H);
        expectRate(v.mobilizedWithin48HoursOfDecision as Rate, 'within48:decision:part', within.length, 'within48:decision:whole', known.length);
        // I7
        const closed = accepted.filter((r) => r.status === 'CLOSED');
        expectBreakdown(
          v.conclusions as Breakdown,
          'closed_conclusion',
          'closed_accepted',
          closed.length,
          countBy(closed, (r) => r.conclusion),
        );
        const byGroup = countBy(closed, (r) => groupOf.get(r.conclusion!) ?? 'OTHER');
        expectBreakdown(v.conclusionGroups as Breakdown, 'closed_conclusion_group', 'closed_accepted', closed.length, byGroup);
        for (const cell of (v.conclusionGroups as Breakdown).cells) expect(cell.label).toBe(groups.get(cell.code));
        // I8
        const led = list.filter((r) => r.lead_sector !== null);
        expectBreakdown(
          v.leadSectors as Breakdown,
          'lead_sector',
          'led',
          led.length,
          countBy(led, (r) => r.lead_sector),
        );
        for (const cell of (v.leadSectors as Breakdown).cells) expect(cell.label).toBe(sectors.get(cell.code));
        // the police shares: a breakdown cell over its population, withheld when the rest is small
        expectRate(v.policeLeadShare as Rate, 'lead_sector:POLICE', led.filter((r) => r.lead_sector === 'POLICE').length, 'led', led.length);
        const involved = led.filter((r) => r.lead_sector === 'POLICE' || r.assisting_sectors.includes('POLICE'));
        expectRate(v.policeInvolvementShare as Rate, 'police_involved', involved.length, 'led', led.length);
        expectRate(v.policeOriginShare as Rate, 'originating_sector:POLICE', list.filter((r) => r.originating_sector === 'POLICE').length, 'total', total);
        expectRate(v.riskLoweredShare as Rate, 'closed_conclusion_group:RISK_LOWERED', byGroup.get('RISK_LOWERED') ?? 0, 'closed_accepted', closed.length);
        // I10
        const aged = accepted.filter((r) => ['PERSON', 'FAMILY'].includes(r.situation_type) && r.age_band !== null && r.age_band !== 'UNKNOWN');
        expectBreakdown(
          v.ageBands as Breakdown,
          'accepted_age_band',
          'aged_accepted',
          aged.length,
          countBy(aged, (r) => r.age_band),
        );
        expectRate(v.minorsShare as Rate, 'minors', aged.filter((r) => MINORS.includes(r.age_band!)).length, 'aged_accepted', aged.length);
        // I12
        const withRisk = list.filter((r) => (r.risk_categories ?? []).length > 0);
        const categories = new Map<string, number>();
        for (const r of withRisk) for (const cat of new Set(r.risk_categories)) categories.set(cat, (categories.get(cat) ?? 0) + 1);
        expectBreakdown(v.riskCategories as Breakdown, 'category', 'with_risk', withRisk.length, categories);
        // I16: accepted situations with a system barrier, per code (a situation in several)
        const withBarrier = accepted.filter((r) => r.barriers.length > 0);
        const barriers = new Map<string, number>();
        for (const r of accepted) for (const code of r.barriers) barriers.set(code, (barriers.get(code) ?? 0) + 1);
        expectBreakdown(v.systemGaps as Breakdown, 'barrier', 'rate:accepted:part', accepted.length, barriers);
        expectRate(v.withBarrierShare as Rate, 'with_barrier', withBarrier.length, 'rate:accepted:part', accepted.length);
        const byContext = new Map<string, number>();
        for (const r of accepted) for (const key of r.barrier_contexts) byContext.set(key, (byContext.get(key) ?? 0) + 1);
        expectBreakdown(v.systemGapsByContext as Breakdown, 'barrier_context', 'rate:accepted:part', accepted.length, byContext);
        if (!(v.systemGapsByContext as Breakdown).suppressed) expect((v.systemGapsByContext as Breakdown).cells).toHaveLength(21);
        // per code and service concerned: published cells only
        const byService = new Map<string, number>();
        for (const r of accepted) for (const key of r.barrier_services) byService.set(key, (byService.get(key) ?? 0) + 1);
        expectBreakdown(v.systemGapsByService as Breakdown, 'barrier_service', 'rate:accepted:part', accepted.length, byService);
        expect((v.systemGapsByService as Breakdown).cells.every((c) => !c.suppressed)).toBe(true);
        // the secondary count: situations with an action not done, per reason (situations, not actions: two of one situation count once)
        const actions = notDone.filter((d) => d.created_at >= new Date(v.from) && d.created_at < new Date(v.to));
        const distinct = [...new Map(actions.map((d) => [`${d.id}|${d.reason}`, d])).values()];
        expectBreakdown(v.actionsNotDone as Breakdown, 'action_not_done', 'with_action_not_done', new Set(actions.map((d) => d.id)).size, countReasons(distinct));
        if (period === String(YEAR))
          expect(countReasons(distinct)).toEqual(
            new Map([
              ['NO_CAPACITY', 6],
              ['PERSON_DECLINED', 2],
            ]),
          );
        if (period === String(YEAR)) {
          expect(byService).toEqual(new Map([['WAIT_LIST/HOUSING_SHELTER', 10]]));
          const shelter = (v.systemGapsByService as Breakdown).cells.find((c) => c.code === 'WAIT_LIST/HOUSING_SHELTER');
          // published unless withheld beside another: then absent, as every unpublished cell of this breakdown
          if (shelter) expect(shelter.label).toBe(`${labelIn(taxonomy.systemBarriers).get('WAIT_LIST')} — ${labelIn(taxonomy.services).get('HOUSING_SHELTER')}`);
          else expect(v.systemGapsByService as Breakdown).toMatchObject({ cells: [] });
          expect((v.actionsNotDone as Breakdown).cells.map((c) => c.code)).toEqual([
            'CIRCUMSTANCES_CHANGED',
            'NO_CAPACITY',
            'NOT_ELIGIBLE',
            'NOT_REACHED',
            'OTHER',
            'PERSON_DECLINED',
          ]);
        }
        if (period === String(YEAR)) expect(withBarrier).toHaveLength(12);
        // the year's accepted may be withheld beside the quarters' few rejections (each quarter's rest is small)
        if (period === String(YEAR) && !(v.systemGaps as Breakdown).suppressed) {
          expect((v.systemGaps as Breakdown).cells.find((c) => c.code === 'WAIT_LIST')).toMatchObject({ count: publish('barrier:WAIT_LIST', 10), suppressed: false });
          expect((v.systemGaps as Breakdown).cells.find((c) => c.code === 'WAIT_LIST')!.label).toBe(lang === 'fr' ? "Liste d'attente" : 'Wait list');
        }
        // I15: the declines of the situations referred in the period, from the transitions
        const mine = declines.filter((d) => d.created_at >= new Date(v.from) && d.created_at < new Date(v.to));
        expectBreakdown(v.leadDeclineReasons as Breakdown, 'decline_reason', 'declined', mine.length, countReasons(mine));
        expectRate(v.leadDeclineRate as Rate, 'declined', mine.length, 'leads_given', leadsGiven(v));
        const reasons = (v.leadDeclineReasons as Breakdown).cells;
        if (!(v.leadDeclineReasons as Breakdown).suppressed) expect(reasons.map((c) => c.code)).toEqual(['CAPACITY', 'CONFLICT', 'MANDATE', 'OTHER']);
        if (lang === 'fr' && reasons.length) expect(reasons.find((c) => c.code === 'CAPACITY')!.label).toBe('Capacité insuffisante');
        // nothing person-level
        expect(JSON.stringify(v).replaceAll(f.tableId, '')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
      }
    });
  }

  it('gives each trend point the very figures its quarter publishes, oldest first, 8 quarters', async () => {
    const res = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/trend?through=${YEAR}-Q4`).expect(200);
    expect(res.body.through).toBe(`${YEAR}-Q4`);
    expect(res.body.quarters.map((q: { period: string }) => q.period)).toEqual([
      `${YEAR - 1}-Q1`,
      `${YEAR - 1}-Q2`,
      `${YEAR - 1}-Q3`,
      `${YEAR - 1}-Q4`,
      `${YEAR}-Q1`,
      `${YEAR}-Q2`,
      `${YEAR}-Q3`,
      `${YEAR}-Q4`,
    ]);
    for (const point of res.body.quarters.slice(4)) {
      const q = (await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/indicators?period=${point.period}`).expect(200)).body;
      expect(point.referrals).toBe(q.referrals.population);
      for (const k of [
        'acceptanceRate',
        'hoursReferralToDecision',
        'mobilizedWithin48HoursOfDecision',
        'riskLoweredShare',
        'policeLeadShare',
        'policeInvolvementShare',
        'policeOriginShare',
        'minorsShare',
        'leadDeclineRate',
      ])
        expect(point[k]).toEqual(q[k]);
    }
    // the year before holds nothing: every point withheld
    expect(res.body.quarters.slice(0, 4).every((q: { referrals: number | null }) => q.referrals === null)).toBe(true);
    // the default is the last quarter that has ended; a quarter to come, a month or nonsense is a 400
    const byDefault = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/trend`).expect(200);
    expect(byDefault.body.quarters).toHaveLength(8);
    expect(new Date(byDefault.body.quarters[7].to).getTime()).toBeLessThanOrEqual(Date.now());
    for (const through of [`${new Date().getFullYear() + 1}-Q1`, `${YEAR}-07`, 'last', '1999-Q4']) {
      const bad = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/trend?through=${through}`).expect(400);
      expect(JSON.stringify(bad.body)).toContain('through');
    }
    await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/indicators?from=${YEAR}-01-01`).expect(400);
  });

  it('never lets the figures of every month, quarter and year, the summaries and the trend, bound a withheld count of 1 to 4', async () => {
    const periods = [String(YEAR), ...[1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`), ...Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`)];
    const views = new Map<string, View>();
    const summaries = new Map<string, Summary>();
    for (const p of periods) {
      views.set(p, (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/indicators?period=${p}`).expect(200)).body);
      summaries.set(p, (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/summary?period=${p}`).expect(200)).body);
    }
    // R1: a count the summary and the indicators both show is one figure, withheld alike
    const counts = (cells: { code: string; count: number | null }[]) => cells.map((c) => [c.code, c.count]);
    for (const p of periods) {
      const [v, sm] = [views.get(p)!, summaries.get(p)!];
      expect(sm.total).toBe((v.referrals as Breakdown).population);
      for (const [mine, theirs] of [
        ['byStatus', 'referrals'],
        ['bySituationType', 'situationTypes'],
        ['byOriginatingSector', 'originatingSectors'],
      ] as const)
        if (sm.total !== null) expect(counts(sm[mine])).toEqual(counts((v[theirs] as Breakdown).cells));
      expect(sm.acceptanceRate).toEqual(v.acceptanceRate);
      expect(sm.riskLoweredShare).toEqual(v.riskLoweredShare);
    }
    const trend = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/trend?through=${YEAR}-Q4`).expect(200)).body;
    // the attacker's figures: every cell and population of every single-valued breakdown, by period
    const single = ['referrals', 'originatingSectors', 'situationTypes', 'conclusions', 'conclusionGroups', 'leadSectors', 'ageBands', 'leadDeclineReasons', 'leadDeclineSectors'];
    const exact = new Map<string, number>();
    const shown = new Map<string, number | null>();
    const relations: [string, string[]][] = [];
    const truth = (p: string, b: string, code: string | null) => {
      const list = inPeriod(views.get(p)!);
      const accepted = list.filter((r) => r.decision_outcome === 'AER');
      const pick: Record<string, [Row[], (r: Row) => string | null]> = {
        referrals: [list, (r) => r.status],
        originatingSectors: [list, (r) => r.originating_sector],
        situationTypes: [list, (r) => r.situation_type],
        conclusions: [accepted.filter((r) => r.status === 'CLOSED'), (r) => r.conclusion],
        conclusionGroups: [accepted.filter((r) => r.status === 'CLOSED'), (r) => groupOf.get(r.conclusion!) ?? 'OTHER'],
        leadSectors: [list.filter((r) => r.lead_sector !== null), (r) => r.lead_sector],
        ageBands: [accepted.filter((r) => ['PERSON', 'FAMILY'].includes(r.situation_type) && r.age_band !== null && r.age_band !== 'UNKNOWN'), (r) => r.age_band],
      };
      if (!pick[b]) return null; // declines: counted from the transitions, known here only as published
      const [pop, key] = pick[b];
      return code === null ? pop.length : pop.filter((r) => key(r) === code).length;
    };
    for (const [p, v] of views) {
      for (const b of single) {
        const bd = v[b] as Breakdown;
        shown.set(`${p}|${b}`, bd.population);
        exact.set(`${p}|${b}`, truth(p, b, null) ?? -1);
        const codes = [...new Set([...views.values()].flatMap((x) => (x[b] as Breakdown).cells.map((c) => c.code)))];
        for (const code of codes) {
          const cell = bd.cells.find((c) => c.code === code);
          shown.set(`${p}|${b}:${code}`, cell ? cell.count : null);
          exact.set(`${p}|${b}:${code}`, truth(p, b, code) ?? -1);
        }
        // a breakdown shown says its cells add up to its population; a withheld one shows neither
        if (!bd.suppressed) relations.push([`${p}|${b}`, codes.map((code) => `${p}|${b}:${code}`)]);
      }
      // what the rates add: the accepted (the system gaps' population), the decided (the durations' n), the minors
      // (the share times its n), the rests they leave, and the relations between them (R6)
      const list = inPeriod(v);
      const aged = list.filter((r) => r.decision_outcome === 'AER' && ['PERSON', 'FAMILY'].includes(r.situation_type) && r.age_band !== null && r.age_band !== 'UNKNOWN');
      const minors = v.minorsShare as Rate;
      const numerator = (r: Rate) => (r.suppressed ? null : Math.round((r.value! * r.n!) / 5) * 5);
      const extra: [string, number | null, number][] = [
        ['accepted', (v.systemGaps as Breakdown).population, list.filter((r) => r.decision_outcome === 'AER').length],
        ['decided', (v.hoursReferralToDecision as { n: number | null }).n, list.filter((r) => r.decision_outcome !== null).length],
        ['rejected', null, list.filter((r) => r.decision_outcome !== null && r.decision_outcome !== 'AER').length],
        ['minors', numerator(minors), aged.filter((r) => MINORS.includes(r.age_band!)).length],
        ['adults', null, aged.filter((r) => !MINORS.includes(r.age_band!)).length],
      ];
      for (const [k, n, e] of extra) {
        shown.set(`${p}|${k}`, n);
        exact.set(`${p}|${k}`, e);
      }
      relations.push([`${p}|decided`, [`${p}|accepted`, `${p}|rejected`]]);
      relations.push([`${p}|ageBands`, [`${p}|minors`, `${p}|adults`]]);
      relations.push([`${p}|minors`, MINORS.map((band) => `${p}|ageBands:${band}`).filter((k) => shown.has(k))]);
      // the summary's own breakdowns of every referral (the others are the indicators' figures, checked equal above)
      const sm = summaries.get(p)!;
      const na = (x: string | null) => x ?? 'NOT_APPLICABLE';
      for (const [b, key] of [
        ['byAgeBand', (r: Row) => na(r.age_band)],
        ['byGender', (r: Row) => na(r.gender)],
        ['byConsentStatus', (r: Row) => na(r.consent_status)],
        ['byConclusion', (r: Row) => na(r.conclusion)],
        ['byLeadSector', (r: Row) => na(r.lead_sector)],
      ] as const) {
        const codes = [...new Set([...summaries.values()].flatMap((x) => x[b].map((c) => c.code)).concat(rows.map(key)))];
        for (const code of codes) {
          shown.set(`${p}|${b}:${code}`, sm[b].find((c) => c.code === code)?.count ?? null);
          exact.set(`${p}|${b}:${code}`, list.filter((r) => key(r) === code).length);
        }
        // their population is the total, the referrals' population
        if (sm.total !== null) relations.push([`${p}|referrals`, codes.map((code) => `${p}|${b}:${code}`)]);
      }
      for (const group of ['RISK_LOWERED', 'STILL_AER', 'OTHER'].filter((g) => shown.has(`${p}|conclusionGroups:${g}`)))
        relations.push([
          `${p}|conclusionGroups:${group}`,
          [...groupOf]
            .filter(([, g]) => g === group)
            .map(([code]) => `${p}|conclusions:${code}`)
            .filter((k) => shown.has(k)),
        ]);
    }
    for (const key of [...shown.keys()].filter((k) => k.startsWith(`${YEAR}|`))) {
      const rest = key.slice(5);
      relations.push([key, [1, 2, 3, 4].map((q) => `${YEAR}-Q${q}|${rest}`)]);
      for (let q = 1; q <= 4; q++) relations.push([`${YEAR}-Q${q}|${rest}`, [0, 1, 2].map((m) => `${YEAR}-${String((q - 1) * 3 + m + 1).padStart(2, '0')}|${rest}`)]);
    }
    // every published count a multiple of 5, at least 5: no sum or difference of them is a count of 1 to 4
    for (const n of shown.values()) if (n !== null) expect(n % 5 === 0 && n >= 5).toBe(true);
    for (const point of trend.quarters) if (point.referrals !== null) expect(point.referrals).toBe(shown.get(`${point.period}|referrals`));
    // interval propagation by an attacker who even knows which withheld cells are small
    const bounds = propagate(shown, relations, exact);
    let small = 0;
    for (const [k, n] of shown) {
      const e = exact.get(k)!;
      if (n !== null || e < 0 || e >= 5) continue;
      small += e > 0 ? 1 : 0;
      const [lo, hi] = bounds.get(k)!;
      expect({ key: k, lo: lo <= 0, hi: hi >= 1 }).toEqual({ key: k, lo: true, hi: true });
    }
    // the seeded year has withheld cells of 1 to 4 to protect, in every kind of period
    expect(small).toBeGreaterThan(50);
    // and the same figures, each published on its own (withheld below 5, nothing more), would have let the planted months out
    const naive = new Map([...exact].map(([k, e]) => [k, e >= 5 ? publish(cellOf(k), e)! : null]));
    const naiveBounds = propagate(naive, relations, exact);
    const leaked = [...naive].filter(([k, n]) => n === null && exact.get(k)! > 0 && (naiveBounds.get(k)![0] > 0 || naiveBounds.get(k)![1] < 1)).map(([k]) => k);
    expect(leaked).toEqual(
      expect.arrayContaining([`${YEAR}-07|originatingSectors:${planted}`, `${YEAR}-08|originatingSectors:${planted}`, `${YEAR}-09|originatingSectors:${planted}`]),
    );
  });
});

/** The cell name a key `period|breakdown[:code]` of the privacy test is published under. */
function cellOf(key: string): string {
  const [, rest] = key.split('|');
  const [b, code] = rest.split(':');
  const names: Record<string, [string, string]> = {
    referrals: ['status', 'total'],
    originatingSectors: ['originating_sector', 'total'],
    situationTypes: ['situation_type', 'total'],
    conclusions: ['closed_conclusion', 'closed_accepted'],
    conclusionGroups: ['closed_conclusion_group', 'closed_accepted'],
    leadSectors: ['lead_sector', 'led'],
    ageBands: ['accepted_age_band', 'aged_accepted'],
    // the counts the rates show (a share and its n give its published numerator) and their rests
    accepted: ['', 'rate:accepted:part'],
    decided: ['', 'rate:accepted:whole'],
    rejected: ['', 'rate:accepted:whole-rate:accepted:part'],
    minors: ['', 'minors'],
    adults: ['', 'aged_accepted-minors'],
    leadDeclineReasons: ['decline_reason', 'declined'],
    leadDeclineSectors: ['declined_sector', 'declined'],
    // the summary's own breakdowns of every referral
    byAgeBand: ['age_band', 'total'],
    byGender: ['gender', 'total'],
    byConsentStatus: ['consent_status', 'total'],
    byConclusion: ['conclusion', 'total'],
    byLeadSector: ['lead_sector', 'total'],
  };
  return code === undefined ? names[b][1] : `${names[b][0]}:${code}`;
}
