import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { emptyFacts, IndicatorFacts, QuantileFacts } from './indicators';
import {
  countScanned,
  DIMENSION_COLUMNS,
  DimensionDecoder,
  DurationLists,
  DurationName,
  INDICATOR_DURATIONS,
  IndicatorDuration,
  SUMMARY_DURATIONS,
  summaryTimingsOf,
  emptyScannedPeriod,
  FLAGS,
  quantilesOf,
  readDurations,
  readRecords,
  readUncoded,
  ScannedPeriod,
  UncodedRow,
} from './indicator-scan';
import { addTo, countCategoryMasks } from './report-codes';
import type { SummaryTimings } from './summary-figures';

/** One table (or every table) over consecutive fixed periods: `bounds` are their starts and the last one's end. */
export interface PeriodsScope {
  tableId: string | null;
  /** several tables together (a region's members); with it, `tableId` is ignored */
  tableIds?: readonly string[];
  bounds: readonly Date[];
  /** the as-of time: what "48 hours past" is measured against */
  now: Date;
}

export type Duration = IndicatorDuration;

/** A statement of the read's transaction. */
type Query = <T>(sql: string, params: unknown[]) => Promise<T>;

/** The lists the scan's codes are read with. */
interface CodeLists {
  decoder: DimensionDecoder;
  categoryCodes: string[];
  categoryOrder: string[];
}

/** The situations of a scope, per period (the months of `bounds`): what the scan read of them. */
type Scanned = ScannedPeriod[];

/**
 * The exact counts behind the evaluation indicators (indicators.ts publishes them), per period of
 * a run of consecutive periods. The situations' own columns come from index-only scans of
 * `situations_report_idx` (the IndicatorScan migration), a range per table and month: per period, one 8-byte record a situation
 * and each duration for its population, coded values only (no id, no date), counted in the process
 * by indicator-scan.ts; the rows a code
 * cannot hold come apart with their columns. The child tables (mobilisations, leads, barriers,
 * repeat markers) are a statement each, grouping by the period's position (`width_bucket`).
 */
@Injectable()
export class IndicatorRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The counts of each month (`scope.bounds`) and the quantiles of each period asked for
   * (`quantileBounds`, month starts among `scope.bounds`), read in one read-only REPEATABLE READ
   * transaction: the figures a relation joins come from one snapshot, so they add up even while
   * referrals are written. One connection: the pool is not drained by one report. With
   * `summary`, the summary's own medians of those periods too (`timings`), from the same scan.
   */
  read(
    scope: PeriodsScope,
    quantileBounds: readonly Date[],
    summary = false,
  ): Promise<{ months: IndicatorFacts[]; quantiles: Record<Duration, QuantileFacts>[]; timings: SummaryTimings[] | null }> {
    return this.readOnly(async (q) => {
      const lists = await this.codeLists(q);
      const byKey = await this.scan(q, scope, lists, false, summary);
      const scanned = byKey.get('') ?? scope.bounds.slice(1).map(emptyScannedPeriod);
      const months = (await this.facts(q, scope, byKey, [''], lists, false)).get('')!;
      const periods = periodMonths([scanned], scope.bounds, quantileBounds);
      return { months, quantiles: periods.map(quantilesOf), timings: summary ? periods.map(summaryTimingsOf) : null };
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
    summary = false,
  ): Promise<{ months: Map<string, IndicatorFacts[]>; quantiles: Record<Duration, QuantileFacts>[][]; timings: SummaryTimings[][] | null }> {
    return this.readOnly(async (q) => {
      const lists = await this.codeLists(q);
      const scope: PeriodsScope = { tableId: null, tableIds, bounds, now };
      const byTable = await this.scan(q, scope, lists, true, summary);
      const scannedOf = (id: string) => byTable.get(id) ?? bounds.slice(1).map(emptyScannedPeriod);
      // every member's counts from the same statements, grouped by table
      const months = await this.facts(q, scope, byTable, tableIds, lists, true);
      const periods = quantileScopes.map((scope) => periodMonths(scope.tableIds.map(scannedOf), bounds, scope.bounds));
      return {
        months,
        quantiles: periods.map((list) => list.map(quantilesOf)),
        timings: summary ? periods.map((list) => list.map(summaryTimingsOf)) : null,
      };
    });
  }

  private readOnly<T>(work: (q: Query) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      // the uncoded rows and the child tables are grouped by period: in memory, not on disk
      await m.query("SET LOCAL work_mem = '32MB'");
      return work((sql, params) => m.query(sql, params));
    });
  }

  private async codeLists(q: Query): Promise<CodeLists> {
    const [row] = await q<{ dims: [string, string[]][]; codes: string[]; order: string[] }[]>(
      `SELECT report_dimension_codes() AS dims, risk_category_codes() AS codes, ARRAY(SELECT c FROM unnest(risk_category_codes()) AS c ORDER BY c) AS "order"`,
      [],
    );
    return { decoder: new DimensionDecoder(row.dims), categoryCodes: row.codes, categoryOrder: row.order };
  }

  /**
   * The counts of each period (the unit's months) of each key (a table when `byTable`, else ''),
   * from the scan and the child tables, each child table in one statement for every key: every
   * figure but the quantiles' values (periodMonths and quantilesOf read those from the same scan).
   */
  private async facts(
    q: Query,
    scope: PeriodsScope,
    scanned: ReadonlyMap<string, Scanned>,
    keys: readonly string[],
    lists: CodeLists,
    byTable: boolean,
  ): Promise<Map<string, IndicatorFacts[]>> {
    const periodsOf = (key: string) =>
      (scanned.get(key) ?? scope.bounds.slice(1).map(emptyScannedPeriod)).map((period) => {
        const f = emptyFacts();
        // I12: the category masks, counted as the summary counts them; then the rest of the period's rows
        const counted = countCategoryMasks(Buffer.concat(period.masks), lists.categoryCodes, lists.categoryOrder);
        f.categories = counted.categories;
        f.pairs = counted.pairs;
        f.withRisk = period.withRisk;
        countScanned(period, f);
        return f;
      });
    const out = new Map(keys.map((key) => [key, periodsOf(key)]));
    const services = await this.services(q, scope, byTable);
    const leads = await this.leads(q, scope, byTable);
    const repeats = await this.repeats(q, scope, byTable);
    const barrierContexts = await this.barrierContexts(q, scope, byTable);
    const actionsNotDone = await this.actionsNotDone(q, scope, byTable);
    const at = (row: { t: string; b: number }) => out.get(row.t)![row.b - 1];
    for (const s of services) {
      const f = at(s);
      if (s.code === null) {
        f.mobilized = s.n;
        f.withService = s.with_service;
      } else addTo(f.services, s.code, s.n);
    }
    for (const l of leads) {
      const f = at(l);
      if (l.kind === 'given') f.leadsGiven += l.n;
      else if (l.kind === 'reason') {
        f.declined += l.n;
        addTo(f.declineReason, l.code ?? 'OTHER', l.n);
      } else addTo(f.declinedSector, l.code ?? 'NOT_APPLICABLE', l.n);
    }
    for (const r of barrierContexts) {
      if (r.context !== null) addTo(at(r).barrierContexts, `${r.code}/${r.context}`, r.n);
      else if (r.service !== null) addTo(at(r).barrierServices, `${r.code}/${r.service}`, r.n);
    }
    for (const r of actionsNotDone) {
      if (r.reason === null) at(r).actionsNotDone = r.n;
      else addTo(at(r).actionNotDoneReason, r.reason, r.n);
    }
    for (const r of repeats) {
      const f = at(r);
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
   * The situations' own columns, each period's in one record a situation (indicator-scan.ts), from
   * the covering index alone: two statements, the coded rows (nearly all, scanCoded) and the rest with their
   * columns (found through `situations_report_uncoded_idx`; normally none). Per table when
   * `byTable` (a region's members in one scan), else under the key ''; the summary's durations
   * with `summary`.
   */
  private async scan(q: Query, scope: PeriodsScope, lists: CodeLists, byTable: boolean, summary: boolean): Promise<Map<string, Scanned>> {
    const out = new Map<string, Scanned>();
    const periodOf = (key: string, bucket: number) => {
      let periods = out.get(key);
      if (!periods) out.set(key, (periods = scope.bounds.slice(1).map(emptyScannedPeriod)));
      return periods[bucket - 1];
    };
    const coded = await this.scanCoded(q, scope, lists, byTable, summary);
    for (const r of coded) {
      // a table's month without situations (no filter in SQL: pushed into the aggregate as a HAVING, it aggregates the records twice)
      if (r.records === null) continue;
      const period = periodOf(r.t, r.b);
      readRecords(r.records, lists.decoder, period);
      for (const name of durationsRead(summary)) if (r[name]) readDurations(r[name], name, period);
      if (r.masks) period.masks.push(r.masks);
      period.withRisk += r.withRisk;
    }
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    params.push(cutoffOf(scope.now));
    const facts = situationFacts(`$${params.length}::timestamptz`);
    const where = this.where(scope, params);
    const table = tableKey(byTable);
    const uncoded = await q<(UncodedRow & { t: string; b: number })[]>(
      `SELECT ${table} AS t, ${b} AS b, ${DIMENSION_SQL}, s.barrier_mask AS "barrierMask", ${facts.flags} AS flags,
              ${facts.rawSeconds.decision} AS "decisionSeconds", ${facts.rawSeconds.assignment} AS "assignmentSeconds",
              ${facts.rawSeconds.mobilization} AS "mobilizationSeconds", ${facts.rawSeconds.decisionToMobilization} AS "decisionToMobilizationSeconds",
              ${facts.rawSeconds.open} AS "openSeconds", s.risk_categories AS categories,
              ARRAY(SELECT x || '+' || y FROM unnest(s.risk_categories) x, unnest(s.risk_categories) y WHERE x < y) AS pairs
       FROM situations s WHERE ${where} AND (s.report_dimensions IS NULL OR s.risk_category_mask IS NULL)`,
      params,
    );
    for (const r of uncoded) readUncoded(r, periodOf(r.t, r.b));
    return out;
  }

  /**
   * The coded rows of the scan: for each table of the scope and each month of `bounds`, one range
   * of `situations_report_idx` (table, created_at) aggregated apart (a nested loop of index-only
   * scans, each a plain aggregate: no sort of the year's rows by period, which cost half the
   * statement). One row per table and month (`records` null for none); a table's months are merged into
   * the key's (`''` unless `byTable`) by the caller.
   */
  private scanCoded(
    q: Query,
    scope: PeriodsScope,
    lists: CodeLists,
    byTable: boolean,
    summary: boolean,
  ): Promise<({ t: string; b: number; records: Buffer | null; masks: Buffer | null; withRisk: number } & Record<DurationName, Buffer | null>)[]> {
    const params: unknown[] = [scope.bounds, cutoffOf(scope.now)];
    const facts = situationFacts('$2::timestamptz');
    let tables: string;
    if (scope.tableIds) {
      params.push(scope.tableIds);
      tables = 'unnest($3::uuid[]) tb(id)';
    } else if (scope.tableId) {
      params.push([scope.tableId]);
      tables = 'unnest($3::uuid[]) tb(id)';
    } else tables = '(SELECT id FROM situation_tables) tb';
    // each duration's population as readUncoded/countRow test it, the outcome read out of report_dimensions
    const outcome = lists.decoder.outcomeDigit();
    const digit = `(s.report_dimensions / ${outcome.step}) % ${outcome.radix}`;
    const populations: Record<DurationName, [seconds: string, when: string]> = {
      // a duration is NULL exactly when one of its times is (created_at never is)
      hoursToDecision: [facts.rawSeconds.decision, `${digit} <> 0 AND ${facts.rawSeconds.decision} IS NOT NULL`],
      hoursToAssignment: [facts.rawSeconds.assignment, `${digit} = ${outcome.aer} AND ${facts.rawSeconds.assignment} IS NOT NULL`],
      hoursToMobilization: [facts.rawSeconds.mobilization, `${facts.rawSeconds.mobilization} IS NOT NULL`],
      hoursDecisionToMobilization: [facts.rawSeconds.decisionToMobilization, `${facts.rawSeconds.decisionToMobilization} IS NOT NULL`],
      daysOpen: [facts.rawSeconds.open, `${facts.rawSeconds.open} IS NOT NULL`],
    };
    const durations = durationsRead(summary);
    // the record (indicator-scan.ts): one int8 a row, dimensions in the high 32 bits, the barrier mask
    // (7 bits, SYSTEM_BARRIER_CODES) and the flags (10 bits, FLAGS) in a 16-bit field each
    const record = `s.report_dimensions::int8 * 4294967296 + s.barrier_mask::int8 * 65536 + ${facts.flags}`;
    return q(
      `SELECT ${byTable ? 'tb.id::text' : "''::text"} AS t, m.b, r.*
       FROM ${tables}
       CROSS JOIN generate_series(1, cardinality($1::timestamptz[]) - 1) m(b)
       CROSS JOIN LATERAL (
         SELECT string_agg(int8send(${record}), ''::bytea) AS records,
                ${durations.map((name) => `string_agg(float8send(${populations[name][0]}), ''::bytea) FILTER (WHERE ${populations[name][1]}) AS "${name}"`).join(',\n                ')},
                string_agg(int4send(s.risk_category_mask), ''::bytea) FILTER (WHERE s.risk_category_mask <> 0) AS masks,
                count(*) FILTER (WHERE s.risk_category_mask <> 0)::int AS "withRisk"
         FROM situations s
         WHERE s.table_id = tb.id AND s.created_at >= ($1::timestamptz[])[m.b] AND s.created_at < ($1::timestamptz[])[m.b + 1]
           AND s.report_dimensions IS NOT NULL AND s.risk_category_mask IS NOT NULL) r`,
      params,
    );
  }

  /** I13: situations with an agency mobilisation (any, current or superseded), with a service, per service. */
  private services(q: Query, scope: PeriodsScope, byTable: boolean): Promise<{ t: string; b: number; code: string | null; n: number; with_service: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT t, b, code, count(DISTINCT id)::int AS n, count(DISTINCT id) FILTER (WHERE code IS NOT NULL)::int AS with_service
       FROM (SELECT ${tableKey(byTable)} AS t, ${b} AS b, s.id, c.code
             FROM situations s JOIN situation_agency_mobilizations m ON m.situation_id = s.id
             LEFT JOIN LATERAL jsonb_array_elements_text(m.services) c(code) ON true
             WHERE ${where}) x
       GROUP BY GROUPING SETS ((t, b), (t, b, code))
       HAVING GROUPING(code) = 1 OR code IS NOT NULL`,
      params,
    );
  }

  /**
   * I15: leads given (an assignment whose lead differs from the previous one: after a decline the
   * previous lead is none, so giving the same agency again is a new lead), declines per reason and
   * per sector of the declined lead.
   */
  private leads(q: Query, scope: PeriodsScope, byTable: boolean): Promise<{ t: string; b: number; kind: 'given' | 'reason' | 'sector'; code: string | null; n: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT ${tableKey(byTable)} AS t, ${b} AS b, 'given' AS kind, NULL AS code, count(*)::int AS n
       FROM situations s JOIN situation_assignments a ON a.situation_id = s.id
       WHERE ${where} AND a.lead_agency_id IS DISTINCT FROM a.previous_lead_agency_id GROUP BY 1, 2
       UNION ALL
       SELECT t, b, kind, code, count(*)::int
       FROM (SELECT ${tableKey(byTable)} AS t, ${b} AS b, t.details->>'reasonCode' AS reason, ag.sector
             FROM situations s JOIN situation_transitions t ON t.situation_id = s.id AND t.action = 'DECLINE_LEAD'
             LEFT JOIN agencies ag ON ag.id = (t.details->>'leadAgencyId')::uuid
             WHERE ${where}) d
       CROSS JOIN LATERAL (VALUES ('reason', d.reason), ('sector', d.sector)) v(kind, code)
       GROUP BY t, b, kind, code`,
      params,
    );
  }

  /**
   * I16's cross-tabulations: accepted situations per barrier code and context, and per code and the
   * service concerned (a situation in several), in one statement: a row has a context or a service.
   */
  private barrierContexts(
    q: Query,
    scope: PeriodsScope,
    byTable: boolean,
  ): Promise<{ t: string; b: number; code: string; context: string | null; service: string | null; n: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT t, b, code, CASE WHEN GROUPING(context) = 0 THEN context END AS context, CASE WHEN GROUPING(service) = 0 THEN service END AS service,
              count(DISTINCT id)::int AS n
       FROM (SELECT ${tableKey(byTable)} AS t, ${b} AS b, sb.code, sb.context, sb.service, s.id
             FROM situations s JOIN situation_system_barriers sb ON sb.situation_id = s.id
             WHERE ${where} AND s.decision_outcome = 'AER') r
       GROUP BY GROUPING SETS ((t, b, code, context), (t, b, code, service))
       HAVING GROUPING(context) = 0 OR service IS NOT NULL`,
      params,
    );
  }

  /**
   * I16's secondary count: accepted situations with an action that could not be done, in all and per
   * reason (a situation in several), in one statement. Situations, not actions: five actions of one
   * person are one situation, never a cell of five.
   */
  private actionsNotDone(q: Query, scope: PeriodsScope, byTable: boolean): Promise<{ t: string; b: number; reason: string | null; n: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT t, b, CASE WHEN GROUPING(reason) = 0 THEN reason END AS reason, count(DISTINCT id)::int AS n
       FROM (SELECT ${tableKey(byTable)} AS t, ${b} AS b, a.reason_code AS reason, s.id
             FROM situations s JOIN situation_actions a ON a.situation_id = s.id
             WHERE ${where} AND s.decision_outcome = 'AER' AND a.status = 'NOT_DONE') r
       GROUP BY GROUPING SETS ((t, b, reason), (t, b))`,
      params,
    );
  }

  /** I14: situations with a repeat marker (an identity with an indexed person), and the repeats among them. */
  private repeats(q: Query, scope: PeriodsScope, byTable: boolean): Promise<{ t: string; b: number; n: number; repeats: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT ${tableKey(byTable)} AS t, ${b} AS b, count(*)::int AS n, count(*) FILTER (WHERE r.marker = 'REPEAT')::int AS repeats
       FROM situations s JOIN situation_repeat_markers r ON r.situation_id = s.id
       WHERE ${where} GROUP BY 1, 2`,
      params,
    );
  }
}

/** The durations the scan sends: the indicators', and the summary's own with `summary`. */
function durationsRead(summary: boolean): readonly DurationName[] {
  return summary ? [...INDICATOR_DURATIONS, ...SUMMARY_DURATIONS] : INDICATOR_DURATIONS;
}

/** What groups a statement's rows by scope: the table (a region's members read together), or one key ''. */
function tableKey(byTable: boolean): string {
  return byTable ? 's.table_id::text' : "''";
}

const DIMENSION_SQL = DIMENSION_COLUMNS.map((column) => `s.${column}`).join(', ');

/**
 * The SQL of a situation's flags (indicator-scan.ts FLAGS) and durations in seconds (NULL for
 * none), over the columns the ReportTimes migration keeps on the row (and in `situations_report_idx`):
 * the flags that do not depend on the as-of time are `report_flags`; I6's two populations are known
 * once `cutoff` (the as-of time less 48 hours, a parameter) is past their instant; the police's
 * involvement is read against the agencies of the police sector.
 */
function situationFacts(cutoff: string) {
  const flags = [
    's.report_flags',
    `CASE WHEN s.report_decision_known_at <= ${cutoff} THEN ${FLAGS.fromDecisionKnown} ELSE 0 END`,
    `CASE WHEN s.report_assignment_known_at <= ${cutoff} THEN ${FLAGS.fromAssignmentKnown} ELSE 0 END`,
    // the police agencies' ids read once (an InitPlan), then one array overlap per row
    `CASE WHEN s.assisting_agency_ids && (SELECT coalesce(array_agg(a.id), '{}') FROM agencies a WHERE a.sector = 'POLICE') THEN ${FLAGS.policeAssists} ELSE 0 END`,
  ].join(' + ');
  return {
    flags: `(${flags})`,
    /** NULL for none */
    rawSeconds: {
      decision: 's.report_decision_seconds',
      assignment: 's.report_assignment_seconds',
      mobilization: 's.report_mobilization_seconds',
      decisionToMobilization: 's.report_decision_to_mobilization_seconds',
      open: 's.report_open_seconds',
    },
  };
}

/** The as-of time less the 48 hours of I6: a situation's population is known once this is past its instant. */
function cutoffOf(now: Date): Date {
  return new Date(now.getTime() - 48 * 3600_000);
}

/**
 * The months of each period of `periodBounds` (consecutive, each a run of months of `monthBounds`)
 * over the scanned months of one or several scopes (a region's members): the durations its
 * quantiles are read from.
 */
function periodMonths(scopes: readonly Scanned[], monthBounds: readonly Date[], periodBounds: readonly Date[]): DurationLists[][] {
  const index = new Map(monthBounds.map((d, i) => [d.getTime(), i]));
  const monthAt = (d: Date) => {
    const i = index.get(d.getTime());
    if (i === undefined) throw new Error(`indicators: ${d.toISOString()} is not a month boundary of the read`);
    return i;
  };
  return periodBounds.slice(1).map((to, k) => {
    const [first, end] = [monthAt(periodBounds[k]), monthAt(to)];
    return scopes.flatMap((months) => months.slice(first, end).map((m) => m.durations));
  });
}
