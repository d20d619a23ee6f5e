import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_BARRIER_CODES } from '../situations/domain/system-barriers';
import { addTo, countCategoryMasks } from './report-codes';
import { emptyFacts, IndicatorFacts, QuantileFacts } from './indicators';
import { quantileOf } from './suppression';

/** One table (or every table) over consecutive fixed periods: `bounds` are their starts and the last one's end. */
export interface PeriodsScope {
  tableId: string | null;
  /** several tables together (a region's members); with it, `tableId` is ignored */
  tableIds?: readonly string[];
  bounds: readonly Date[];
  /** the as-of time: what "48 hours past" is measured against */
  now: Date;
}

const HOURS = 3600;
const WITHIN = '48 hours';
/** The quantiles the indicators publish. */
const QS = [0.5, 0.9] as const;
/** Each duration the indicators measure (docs/evaluation.md I3-I5): its SQL in hours, over its population. */
const DURATIONS = {
  hoursToDecision: { hours: `extract(epoch FROM s.decided_at - s.created_at) / ${HOURS}`, when: 's.decision_outcome IS NOT NULL AND s.decided_at IS NOT NULL' },
  hoursToAssignment: {
    hours: `extract(epoch FROM s.first_assigned_at - s.decided_at) / ${HOURS}`,
    when: "s.decision_outcome = 'AER' AND s.first_assigned_at IS NOT NULL AND s.decided_at IS NOT NULL",
  },
  // floored at 0: the mobilisation time is the agency's word, checked against the decision only
  hoursToMobilization: {
    hours: `greatest(0, extract(epoch FROM s.mobilized_at - s.mobilization_assigned_at)) / ${HOURS}`,
    when: 's.mobilized_at IS NOT NULL AND s.mobilization_assigned_at IS NOT NULL',
  },
} as const;
export type Duration = keyof typeof DURATIONS;
const DURATION_NAMES = Object.keys(DURATIONS) as Duration[];

/** A statement of the read's transaction. */
type Query = <T>(sql: string, params: unknown[]) => Promise<T>;

/**
 * The exact counts behind the evaluation indicators (indicators.ts publishes them), per period of
 * a run of consecutive periods: a few statements, each grouping by the period's position
 * (`width_bucket` over the bounds). Nothing person-level leaves the database.
 */
@Injectable()
export class IndicatorRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The counts of each month (`scope.bounds`) and the quantiles of each period asked for
   * (`quantileBounds`), read in one read-only REPEATABLE READ transaction: the figures a relation
   * joins (a total and its sectors, counted by two statements) come from one snapshot, so they add
   * up even while referrals are written. One connection: the pool is not drained by one report.
   */
  read(scope: PeriodsScope, quantileBounds: readonly Date[]): Promise<{ months: IndicatorFacts[]; quantiles: Record<Duration, QuantileFacts>[] }> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const q: Query = (sql, params) => m.query(sql, params);
      const months = await this.facts(q, scope);
      const quantiles = await this.durationQuantiles(q, { tableId: scope.tableId, bounds: quantileBounds });
      return { months, quantiles };
    });
  }

  /**
   * The counts of each month of several tables (`bounds`), each table's apart, and the quantiles of
   * some groups of tables over some periods (a region's members in a year), in one read-only
   * REPEATABLE READ transaction as read(): a region's figures are its members' sums in one snapshot.
   */
  readTables(
    tableIds: readonly string[],
    bounds: readonly Date[],
    now: Date,
    quantileScopes: readonly { tableIds: readonly string[]; bounds: readonly Date[] }[],
  ): Promise<{ months: Map<string, IndicatorFacts[]>; quantiles: Record<Duration, QuantileFacts>[][] }> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const q: Query = (sql, params) => m.query(sql, params);
      const months = new Map<string, IndicatorFacts[]>();
      for (const tableId of tableIds) months.set(tableId, await this.facts(q, { tableId, bounds, now }));
      const quantiles: Record<Duration, QuantileFacts>[][] = [];
      for (const scope of quantileScopes) quantiles.push(await this.durationQuantiles(q, { tableId: null, tableIds: scope.tableIds, bounds: scope.bounds }));
      return { months, quantiles };
    });
  }

  /**
   * The counts of each period (the unit's months): every figure but the quantiles' values, whose
   * numbers of observations are counted here too (durationQuantiles reads the values).
   */
  private async facts(q: Query, scope: PeriodsScope): Promise<IndicatorFacts[]> {
    const out = scope.bounds.slice(1).map(() => emptyFacts());
    const people = await this.people(q, scope);
    const sectors = await this.sectors(q, scope);
    const masks = await this.masks(q, scope);
    const services = await this.services(q, scope);
    const leads = await this.leads(q, scope);
    const repeats = await this.repeats(q, scope);
    const barrierContexts = await this.barrierContexts(q, scope);
    const recorded = await this.recorded(q, scope);
    const at = (b: number) => out[b - 1];
    for (const r of people) {
      const f = at(r.b);
      f.total += r.n;
      addTo(f.status, r.status, r.n);
      addTo(f.situationType, r.situation_type, r.n);
      // the summary's: every referral's age band and conclusion (null: NOT_APPLICABLE)
      addTo(f.ageBandAll, r.age_band ?? 'NOT_APPLICABLE', r.n);
      addTo(f.conclusionAll, r.conclusion ?? 'NOT_APPLICABLE', r.n);
      // decided: with an outcome and its time, the very population of I3's durations (one figure, R1)
      f.decided += r.n_hoursToDecision;
      if (r.decision_outcome === 'AER') f.accepted += r.n_hoursToDecision;
      f.within48.decisionPopulation += r.popA;
      f.within48.fromDecision += r.inA;
      f.within48.assignmentPopulation += r.popB;
      f.within48.fromAssignment += r.inB;
      for (const name of DURATION_NAMES) f[name].n += r[`n_${name}`];
      if (r.decision_outcome === 'AER' && r.status === 'CLOSED') {
        // I7: accepted and closed, per conclusion
        f.closedAccepted += r.n;
        addTo(f.conclusion, r.conclusion ?? 'NOT_APPLICABLE', r.n);
      }
      if (r.decision_outcome === 'AER' && (r.situation_type === 'PERSON' || r.situation_type === 'FAMILY') && r.age_band !== null && r.age_band !== 'UNKNOWN') {
        // I10: accepted people and families of a known age
        f.agedPopulation += r.n;
        addTo(f.ageBand, r.age_band, r.n);
      }
    }
    for (const r of sectors) {
      const f = at(r.b);
      addTo(f.originatingSector, r.originating_sector, r.n);
      if (r.lead_sector !== null) {
        f.led += r.n;
        addTo(f.leadSector, r.lead_sector, r.n);
        // I8, secondary: the police lead or assist in the current assignment
        if (r.police_involved) f.policeInvolved += r.n;
      }
      if (r.decision_outcome === 'AER' && r.barrier_mask) {
        // I16: accepted situations with a system barrier, per code (bit i: SYSTEM_BARRIER_CODES[i])
        f.withBarrier += r.n;
        SYSTEM_BARRIER_CODES.forEach((code, i) => {
          if (r.barrier_mask! & (1 << i)) addTo(f.barriers, code, r.n);
        });
      }
    }
    // I12: each period's risk category masks, 4 bytes a situation, counted as the summary counts them
    for (const m of masks) {
      const f = at(m.b);
      const counted = countCategoryMasks(m.masks ?? new Uint8Array(0), m.codes, m.codeOrder);
      f.categories = counted.categories;
      f.pairs = counted.pairs;
      f.withRisk = m.withRisk;
      // rows whose categories no mask can hold (a code the reference data added later, a repeated one), counted the long way
      for (const u of m.unmasked ?? []) {
        for (const code of u.c) addTo(f.categories, code, 1);
        for (const pair of u.p) addTo(f.pairs, pair, 1);
      }
    }
    for (const s of services) {
      const f = at(s.b);
      if (s.code === null) {
        f.mobilized = s.n;
        f.withService = s.with_service;
      } else addTo(f.services, s.code, s.n);
    }
    for (const l of leads) {
      const f = at(l.b);
      if (l.kind === 'given') f.leadsGiven += l.n;
      else if (l.kind === 'reason') {
        f.declined += l.n;
        addTo(f.declineReason, l.code ?? 'OTHER', l.n);
      } else addTo(f.declinedSector, l.code ?? 'NOT_APPLICABLE', l.n);
    }
    for (const r of barrierContexts) addTo(at(r.b).barrierContexts, `${r.code}/${r.context}`, r.n);
    for (const r of recorded) {
      const f = at(r.b);
      addTo(f.gender, r.gender ?? 'NOT_APPLICABLE', r.n);
      addTo(f.consentStatus, r.consent_status ?? 'NOT_APPLICABLE', r.n);
      f.mobilizedAfterDecision += r.mobilized_after_decision;
      f.closedWithTime += r.closed_with_time;
    }
    for (const r of repeats) {
      const f = at(r.b);
      f.markedPeople = r.n;
      f.repeats = r.repeats;
    }
    return out;
  }

  private where(scope: Omit<PeriodsScope, 'now'>, params: unknown[]): string {
    params.push(scope.bounds[0], scope.bounds[scope.bounds.length - 1]);
    let sql = `s.created_at >= $${params.length - 1} AND s.created_at < $${params.length}`;
    if (scope.tableIds) {
      params.push(scope.tableIds);
      sql += ` AND s.table_id = ANY($${params.length}::uuid[])`;
    } else if (scope.tableId) {
      params.push(scope.tableId);
      sql += ` AND s.table_id = $${params.length}`;
    }
    return sql;
  }

  private bucket(scope: Omit<PeriodsScope, 'now'>, params: unknown[]): string {
    params.push(scope.bounds);
    return `width_bucket(s.created_at, $${params.length}::timestamptz[])`;
  }

  /**
   * The situations' own columns, in two scans side by side, each one GROUP BY of the columns its
   * indicators combine (a few thousand groups for a year), added up in the process: grouping sets
   * of the same breakdowns sorted the rows once per set (about twice as long on 100,000 rows).
   */
  private people(q: Query, scope: PeriodsScope): Promise<PeopleRow[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    params.push(scope.now);
    const now = `$${params.length}::timestamptz`;
    const where = this.where(scope, params);
    // I6: the population is known at the as-of time: mobilised, or 48 hours past the start without it
    const startB = 'coalesce(s.mobilization_assigned_at, s.last_assigned_at, s.decided_at)';
    const accepted = "s.decision_outcome = 'AER'";
    return q(
      `SELECT ${b} AS b, s.status, s.decision_outcome, s.situation_type, s.age_band, s.conclusion, count(*)::int AS n,
              count(*) FILTER (WHERE ${accepted} AND s.decided_at IS NOT NULL AND (s.mobilized_at IS NOT NULL OR s.decided_at <= ${now} - interval '${WITHIN}'))::int AS "popA",
              count(*) FILTER (WHERE ${accepted} AND s.mobilized_at <= s.decided_at + interval '${WITHIN}')::int AS "inA",
              count(*) FILTER (WHERE ${accepted} AND ${startB} IS NOT NULL AND (s.mobilized_at IS NOT NULL OR ${startB} <= ${now} - interval '${WITHIN}'))::int AS "popB",
              count(*) FILTER (WHERE ${accepted} AND s.mobilized_at <= ${startB} + interval '${WITHIN}')::int AS "inB",
              ${DURATION_NAMES.map((name) => `count(*) FILTER (WHERE ${DURATIONS[name].when})::int AS "n_${name}"`).join(', ')}
       FROM situations s WHERE ${where}
       GROUP BY 1, 2, 3, 4, 5, 6`,
      params,
    );
  }

  private sectors(q: Query, scope: PeriodsScope): Promise<SectorRow[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT ${b} AS b, s.originating_sector, s.lead_sector, s.decision_outcome, s.barrier_mask,
              -- the police agencies' ids read once (an InitPlan), then one array overlap per row
              (s.lead_sector = 'POLICE' OR s.assisting_agency_ids && (SELECT coalesce(array_agg(a.id), '{}') FROM agencies a WHERE a.sector = 'POLICE')) AS police_involved,
              count(*)::int AS n
       FROM situations s WHERE ${where} GROUP BY 1, 2, 3, 4, 5, 6`,
      params,
    );
  }

  /**
   * I3-I5 per period: the database sorts each period's durations and sends only the values at the
   * ranks the interpolation reads (as ReportRepository.timings does for one period).
   */
  private async durationQuantiles(q: Query, scope: Omit<PeriodsScope, 'now'>): Promise<Record<Duration, QuantileFacts>[]> {
    const none = (): QuantileFacts => ({ n: 0, median: null, p90: null });
    const out = scope.bounds.slice(1).map(() => Object.fromEntries(DURATION_NAMES.map((name) => [name, none()])) as Record<Duration, QuantileFacts>);
    // one statement per duration: each sorts its own list
    const read: DurationRow[][] = [];
    for (const name of DURATION_NAMES) read.push(await this.durationRows(q, scope, name));
    DURATION_NAMES.forEach((name, i) => {
      for (const row of read[i]) out[row.b - 1][name] = quantilesOf(row, name);
    });
    return out;
  }

  private durationRows(q: Query, scope: Omit<PeriodsScope, 'now'>, name: Duration): Promise<DurationRow[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    const picks = QS.map((q, i) => {
      const rank = (f: 'floor' | 'ceil') => `${f}((coalesce(cardinality(z.list), 0) - 1) * ${q}::float8)::int`;
      return `${rank('floor')} AS "${name}_lo${i}", ${rank('ceil')} AS "${name}_hi${i}", z.list[${rank('floor')} + 1] AS "${name}_vlo${i}", z.list[${rank('ceil')} + 1] AS "${name}_vhi${i}"`;
    });
    const { hours, when } = DURATIONS[name];
    return q(
      `SELECT z.b, coalesce(cardinality(z.list), 0) AS "${name}_n", ${picks.join(', ')}
       FROM (SELECT ${b} AS b, array_agg(${hours} ORDER BY ${hours}) AS list FROM situations s WHERE ${where} AND ${when} GROUP BY 1) z`,
      params,
    );
  }

  /**
   * I12: per period, the situations' risk category masks as one string of 4-byte integers, counted
   * in the process (countCategoryMasks, as the summary): grouping by mask in SQL makes a group per
   * combination of categories, tens of thousands for a year. The rows no mask can hold
   * (risk_category_mask is NULL for a category the mask function does not know, or one repeated;
   * normally none) come in the same scan, each with its categories and its pairs (`a+b`, `a < b`
   * as the database orders them), to be counted the long way.
   */
  private masks(
    q: Query,
    scope: PeriodsScope,
  ): Promise<{ b: number; masks: Buffer | null; withRisk: number; codes: string[]; codeOrder: string[]; unmasked: { c: string[]; p: string[] }[] | null }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT b, string_agg(int4send(mask), ''::bytea) FILTER (WHERE mask <> 0) AS masks,
              count(*) FILTER (WHERE mask <> 0 OR (mask IS NULL AND cardinality(c) > 0))::int AS "withRisk",
              json_agg(json_build_object('c', c, 'p', ARRAY(SELECT x || '+' || y FROM unnest(c) x, unnest(c) y WHERE x < y)))
                FILTER (WHERE mask IS NULL AND cardinality(c) > 0) AS unmasked,
              risk_category_codes() AS codes, ARRAY(SELECT c FROM unnest(risk_category_codes()) AS c ORDER BY c) AS "codeOrder"
       FROM (SELECT ${b} AS b, s.risk_categories AS c, coalesce(s.risk_category_mask, risk_category_mask(s.risk_categories)) AS mask FROM situations s WHERE ${where}) x
       GROUP BY b`,
      params,
    );
  }

  /** I13: situations with an agency mobilisation (any, current or superseded), with a service, per service. */
  private services(q: Query, scope: PeriodsScope): Promise<{ b: number; code: string | null; n: number; with_service: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT b, code, count(DISTINCT id)::int AS n, count(DISTINCT id) FILTER (WHERE code IS NOT NULL)::int AS with_service
       FROM (SELECT ${b} AS b, s.id, c.code
             FROM situations s JOIN situation_agency_mobilizations m ON m.situation_id = s.id
             LEFT JOIN LATERAL jsonb_array_elements_text(m.services) c(code) ON true
             WHERE ${where}) x
       GROUP BY GROUPING SETS ((b), (b, code))
       HAVING GROUPING(code) = 1 OR code IS NOT NULL`,
      params,
    );
  }

  /**
   * I15: leads given (an assignment whose lead differs from the previous one: after a decline the
   * previous lead is none, so giving the same agency again is a new lead), declines per reason and
   * per sector of the declined lead.
   */
  private leads(q: Query, scope: PeriodsScope): Promise<{ b: number; kind: 'given' | 'reason' | 'sector'; code: string | null; n: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT ${b} AS b, 'given' AS kind, NULL AS code, count(*)::int AS n
       FROM situations s JOIN situation_assignments a ON a.situation_id = s.id
       WHERE ${where} AND a.lead_agency_id IS DISTINCT FROM a.previous_lead_agency_id GROUP BY 1
       UNION ALL
       SELECT b, kind, code, count(*)::int
       FROM (SELECT ${b} AS b, t.details->>'reasonCode' AS reason, ag.sector
             FROM situations s JOIN situation_transitions t ON t.situation_id = s.id AND t.action = 'DECLINE_LEAD'
             LEFT JOIN agencies ag ON ag.id = (t.details->>'leadAgencyId')::uuid
             WHERE ${where}) d
       CROSS JOIN LATERAL (VALUES ('reason', d.reason), ('sector', d.sector)) v(kind, code)
       GROUP BY b, kind, code`,
      params,
    );
  }

  /** I16's cross-tabulation: accepted situations per barrier code and context (a situation in several). */
  private barrierContexts(q: Query, scope: PeriodsScope): Promise<{ b: number; code: string; context: string; n: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT ${b} AS b, sb.code, sb.context, count(DISTINCT s.id)::int AS n
       FROM situations s JOIN situation_system_barriers sb ON sb.situation_id = s.id
       WHERE ${where} AND s.decision_outcome = 'AER' GROUP BY 1, 2, 3`,
      params,
    );
  }

  /**
   * The summary's own counts: every referral per gender and consent status, and the numbers behind
   * its durations (mobilised after a decision; closed). A few hundred groups a year.
   */
  private recorded(
    q: Query,
    scope: PeriodsScope,
  ): Promise<{ b: number; gender: string | null; consent_status: string | null; n: number; mobilized_after_decision: number; closed_with_time: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT ${b} AS b, s.gender, s.consent_status, count(*)::int AS n,
              count(*) FILTER (WHERE s.mobilized_at IS NOT NULL AND s.decided_at IS NOT NULL)::int AS mobilized_after_decision,
              count(*) FILTER (WHERE s.closed_at IS NOT NULL)::int AS closed_with_time
       FROM situations s WHERE ${where} GROUP BY 1, 2, 3`,
      params,
    );
  }

  /** I14: situations with a repeat marker (an identity with an indexed person), and the repeats among them. */
  private repeats(q: Query, scope: PeriodsScope): Promise<{ b: number; n: number; repeats: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT ${b} AS b, count(*)::int AS n, count(*) FILTER (WHERE r.marker = 'REPEAT')::int AS repeats
       FROM situations s JOIN situation_repeat_markers r ON r.situation_id = s.id
       WHERE ${where} GROUP BY 1`,
      params,
    );
  }
}

function quantilesOf(row: DurationRow, name: Duration): QuantileFacts {
  const n = Number(row[`${name}_n`]);
  const [median, p90] = QS.map((q, i) => {
    const read = new Map([
      [Number(row[`${name}_lo${i}`]), Number(row[`${name}_vlo${i}`])],
      [Number(row[`${name}_hi${i}`]), Number(row[`${name}_vhi${i}`])],
    ]);
    return quantileOf(n, q, (rank) => {
      const v = read.get(rank);
      if (v === undefined) throw new Error(`quantile: rank ${rank} of ${n} was not read`);
      return v;
    });
  });
  return { n, median, p90 };
}

interface PeopleRow {
  b: number;
  status: string;
  decision_outcome: string | null;
  situation_type: string;
  age_band: string | null;
  conclusion: string | null;
  n: number;
  popA: number;
  inA: number;
  popB: number;
  inB: number;
  n_hoursToDecision: number;
  n_hoursToAssignment: number;
  n_hoursToMobilization: number;
}

interface SectorRow {
  b: number;
  originating_sector: string;
  lead_sector: string | null;
  decision_outcome: string | null;
  barrier_mask: number | null;
  police_involved: boolean | null;
  n: number;
}

type DurationRow = { b: number } & Record<string, number | string | null>;
