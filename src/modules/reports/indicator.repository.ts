import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '../../common/observability/metrics';
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
import { addTally, addTo, CategoryNames, emptyCategoryTally, tallyCategoryMasks } from './report-codes';
import { IndicatorCells, KeptCell, MonthCell } from './indicator-cells';
import { sumFacts } from './unit-publisher';
import type { SummaryTimings } from './summary-figures';

/** One table (or every table) over consecutive fixed periods: `bounds` are their starts and the last one's end. */
export interface PeriodsScope {
  tableId: string | null;
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
}

/** The tables and months of the cells being counted (bucket b is [bounds[b - 1], bounds[b])), and the as-of time. */
interface CountScope {
  tableIds: readonly string[];
  bounds: readonly Date[];
  now: Date;
}

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
  constructor(
    private readonly db: DataSource,
    private readonly metrics: Metrics,
  ) {}

  /** The months counted lately (each checked against the changes since before use): 4 years of 40 tables. */
  private readonly cells = new IndicatorCells(CELL_CAPACITY);
  private readonly logger = new Logger('Indicators');
  private warnedUnlogged = false;

  /**
   * The counts of each month (`scope.bounds`) and the quantiles of each period asked for
   * (`quantileBounds`, month starts among `scope.bounds`), read in one read-only REPEATABLE READ
   * transaction: the figures a relation joins come from one snapshot, so they add up even while
   * referrals are written. One connection: the pool is not drained by one report. With
   * `summary`, the summary's own medians of those periods too (`timings`), from the same scan.
   * Every table's months apart (monthCells), summed: the province's are its tables'.
   */
  read(
    scope: PeriodsScope,
    quantileBounds: readonly Date[],
    summary = false,
  ): Promise<{ months: IndicatorFacts[]; quantiles: Record<Duration, QuantileFacts>[]; timings: SummaryTimings[] | null }> {
    return this.readOnly(async (q) => {
      const { context, cells } = await this.readCells(q, scope.tableId ? [scope.tableId] : null, scope.bounds, scope.now, summary);
      const tables = [...cells.values()];
      const months = scope.bounds.slice(1).map((_, i) =>
        monthFacts(
          tables.map((list) => list[i]),
          context.categoryNames,
        ),
      );
      const periods = periodMonths(tables, scope.bounds, quantileBounds);
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
      const { context, cells } = await this.readCells(q, tableIds, bounds, now, summary);
      // a copy of each cell's facts: what a caller holds is its own
      const months = new Map([...cells].map(([id, list]) => [id, list.map((c) => monthFacts([c], context.categoryNames))]));
      const periods = quantileScopes.map((scope) =>
        periodMonths(
          scope.tableIds.map((id) => cells.get(id)!),
          bounds,
          scope.bounds,
        ),
      );
      return {
        months,
        quantiles: periods.map((list) => list.map(quantilesOf)),
        timings: summary ? periods.map((list) => list.map(summaryTimingsOf)) : null,
      };
    });
  }

  /**
   * Compacts the changes recorded more than `minutes` ago (the ReportChanges migration): each
   * table's rows of a UTC day (with its compacted row) become one compacted row with the newest of
   * their transaction ids. Returns how many rows were merged away.
   */
  async compactChanges(minutes: number): Promise<number> {
    const [row] = await this.db.query<{ n: number }[]>(
      `WITH old AS (DELETE FROM report_changes WHERE recorded_at < clock_timestamp() - make_interval(mins => $1) RETURNING *),
            merged AS (INSERT INTO report_changes (table_id, created_from, created_to, xid, compacted)
                       SELECT table_id, min(created_from), max(created_to), max(xid), true FROM old
                       GROUP BY table_id, date_trunc('day', created_from, 'UTC') RETURNING 1)
       SELECT (SELECT count(*) FROM old)::int - (SELECT count(*) FROM merged)::int AS n`,
      [minutes],
    );
    return row.n;
  }

  /** The context of the read's snapshot and each table's months (`tableIds`, or every table). */
  private async readCells(q: Query, tableIds: readonly string[] | null, bounds: readonly Date[], now: Date, summary: boolean) {
    const context = await this.context(q, tableIds);
    return { context, cells: await this.monthCells(q, context, bounds, now, summary) };
  }

  private readOnly<T>(work: (q: Query) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      // the uncoded rows and the child tables are grouped by period: in memory, not on disk
      await m.query("SET LOCAL work_mem = '32MB'");
      return work((sql, params) => m.query(sql, params));
    });
  }

  /**
   * What a read counts with, from its snapshot: the code lists, the fingerprint of the reference
   * data a count depends on (the lists and the agencies' sectors), the snapshot itself and the
   * tables (`tableIds`, or every table for the province).
   */
  private async context(q: Query, tableIds: readonly string[] | null): Promise<ReadContext> {
    const [row] = await q<{ dims: [string, string[]][]; codes: string[]; order: string[]; agencies: string; snapshot: string; changeTriggers: number; tables: string[] }[]>(
      `SELECT report_dimension_codes() AS dims, risk_category_codes() AS codes, ARRAY(SELECT c FROM unnest(risk_category_codes()) AS c ORDER BY c) AS "order",
              (SELECT md5(coalesce(string_agg(id::text || ':' || coalesce(sector, ''), ',' ORDER BY id), '')) FROM agencies) AS agencies,
              pg_current_snapshot()::text AS snapshot,
              (SELECT count(*) FROM pg_trigger WHERE tgrelid = ANY($2::regclass[]) AND tgenabled <> 'D'
                 AND tgname IN ('report_changes_insert', 'report_changes_delete', 'report_changes_update', 'report_changes_truncate'))::int AS "changeTriggers",
              coalesce($1::uuid[], ARRAY(SELECT id FROM situation_tables ORDER BY id))::text[] AS tables`,
      [tableIds, CHANGE_LOGGED_TABLES],
    );
    const logged = row.changeTriggers === 4 * CHANGE_LOGGED_TABLES.length;
    if (!logged && !this.warnedUnlogged) {
      this.warnedUnlogged = true;
      this.logger.warn({ event: 'report.changes-unlogged', triggers: row.changeTriggers }, "the change log's triggers are missing or disabled: every month is counted, none kept");
    }
    return {
      logged,
      lists: { decoder: new DimensionDecoder(row.dims) },
      categoryNames: new CategoryNames(row.codes, row.order),
      fingerprint: JSON.stringify([row.dims, row.codes, row.agencies]),
      snapshot: row.snapshot,
      tableIds: [...new Set(row.tables)],
    };
  }

  /**
   * Each table's months of `bounds`: the cells kept that nothing changed since (asked of the
   * database in this snapshot), the rest counted now and kept. A province read after a referral
   * counts one table's month again, not the year of every table.
   */
  private async monthCells(q: Query, context: ReadContext, bounds: readonly Date[], now: Date, summary: boolean): Promise<Map<string, MonthCell[]>> {
    const cutoff = cutoffOf(now).getTime();
    const out = new Map(context.tableIds.map((id) => [id, new Array<MonthCell>(bounds.length - 1)]));
    const held: { id: string; b: number; kept: KeptCell }[] = [];
    const missing: { id: string; b: number }[] = [];
    for (const id of context.tableIds)
      for (let b = 1; b < bounds.length; b++) {
        const kept = context.logged ? this.cells.candidate(IndicatorCells.key(id, bounds[b - 1], bounds[b]), context.fingerprint, summary, cutoff) : undefined;
        if (kept) held.push({ id, b, kept });
        else missing.push({ id, b });
      }
    if (held.length > 0) {
      const changed = await this.changedSince(
        q,
        held.map((h) => ({ id: h.id, from: bounds[h.b - 1], to: bounds[h.b], snapshot: h.kept.snapshot })),
      );
      held.forEach((h, i) => {
        if (changed.has(i)) missing.push({ id: h.id, b: h.b });
        else out.get(h.id)![h.b - 1] = h.kept.cell;
      });
    }
    const reused = context.tableIds.length * (bounds.length - 1) - missing.length;
    if (reused > 0) this.metrics.reportCells.inc({ outcome: 'reused' }, reused);
    if (missing.length > 0) {
      this.metrics.reportCells.inc({ outcome: 'counted' }, missing.length);
      const counted = await this.count(q, context, bounds, missing, now, summary);
      for (const m of missing) {
        const c = counted.get(cellKey(m.id, m.b))!;
        out.get(m.id)![m.b - 1] = c.cell;
        if (c.window && context.logged)
          this.cells.put(IndicatorCells.key(m.id, bounds[m.b - 1], bounds[m.b]), {
            cell: c.cell,
            snapshot: context.snapshot,
            fingerprint: context.fingerprint,
            summary,
            ...c.window,
          });
      }
    }
    return out;
  }

  /**
   * The positions of the cells (a table's [from, to) each, counted in `snapshot`) that something
   * changed since: a change recorded for the table in that range (or for every table) by a
   * transaction the cell's snapshot did not see; for a compacted row, by a transaction that may
   * not have ended before the snapshot was taken (its newest id not older than the snapshot's xmin).
   */
  private async changedSince(q: Query, cells: readonly { id: string; from: Date; to: Date; snapshot: string }[]): Promise<Set<number>> {
    const unseen = `NOT CASE WHEN rc.compacted THEN rc.xid < pg_snapshot_xmin(c.snap) ELSE pg_visible_in_snapshot(rc.xid, c.snap) END`;
    const rows = await q<{ i: string }[]>(
      `SELECT c.i FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::pg_snapshot[]) WITH ORDINALITY c(table_id, f, t, snap, i)
       -- a change row spans one UTC day of creation (ReportChanges): those overlapping [f, t) start after f less a day
       WHERE EXISTS (SELECT 1 FROM report_changes rc
                     WHERE rc.table_id = c.table_id AND rc.created_from > c.f - interval '1 day' AND rc.created_from < c.t AND rc.created_to >= c.f AND ${unseen})
          OR EXISTS (SELECT 1 FROM report_changes rc WHERE rc.table_id IS NULL AND ${unseen})`,
      [cells.map((c) => c.id), cells.map((c) => c.from), cells.map((c) => c.to), cells.map((c) => c.snapshot)],
    );
    return new Set(rows.map((r) => Number(r.i) - 1));
  }

  /**
   * Counts the cells `missing` (a table and a month of `bounds` each): the scan of their situations
   * and the child tables' statements over the tables and months they span. Each with the window of
   * cutoffs it is true for (none: not kept, for a cell with uncoded rows).
   */
  private async count(
    q: Query,
    context: ReadContext,
    bounds: readonly Date[],
    missing: readonly { id: string; b: number }[],
    now: Date,
    summary: boolean,
  ): Promise<Map<string, { cell: MonthCell; window: { cutoffFrom: number; cutoffTo: number } | null }>> {
    // the child statements' scope: the tables of the missing cells over the months they span (bucket b is bounds' b - first + 1)
    const first = Math.min(...missing.map((m) => m.b));
    const last = Math.max(...missing.map((m) => m.b));
    const scope: CountScope = { tableIds: [...new Set(missing.map((m) => m.id))], bounds: bounds.slice(first - 1, last + 1), now };
    const { scanned, windows } = await this.scan(
      q,
      scope,
      missing.map((m) => ({ id: m.id, b: m.b - first + 1 })),
      context.lists,
      summary,
    );
    const facts = await this.facts(q, scope, scanned);
    const out = new Map<string, { cell: MonthCell; window: { cutoffFrom: number; cutoffTo: number } | null }>();
    for (const m of missing) {
      const key = cellKey(m.id, m.b - first + 1);
      const period = scanned.get(key) ?? emptyScannedPeriod();
      out.set(cellKey(m.id, m.b), {
        cell: { facts: facts.get(key) ?? emptyCellFacts(period), categories: tallyCategoryMasks(Buffer.concat(period.masks)), durations: period.durations },
        window: period.uncoded.length > 0 ? null : (windows.get(key) ?? { cutoffFrom: cutoffOf(now).getTime(), cutoffTo: Infinity }),
      });
    }
    return out;
  }

  /**
   * The counts of each scanned cell (`cellKey`), from the scan and the child tables, each child
   * table in one statement for every table of the scope: every figure but the quantiles' values
   * (periodMonths and quantilesOf read those from the same scan). The child rows of a month of
   * the scope that was not scanned are not wanted (its cell is kept) and left out.
   */
  private async facts(q: Query, scope: CountScope, scanned: ReadonlyMap<string, ScannedPeriod>): Promise<Map<string, IndicatorFacts>> {
    const out = new Map([...scanned].map(([key, period]) => [key, emptyCellFacts(period)]));
    const services = await this.services(q, scope);
    const leads = await this.leads(q, scope);
    const repeats = await this.repeats(q, scope);
    const barrierContexts = await this.barrierContexts(q, scope);
    const actionsNotDone = await this.actionsNotDone(q, scope);
    const at = (row: { t: string; b: number }) => out.get(cellKey(row.t, row.b));
    for (const s of services) {
      const f = at(s);
      if (!f) continue;
      if (s.code === null) {
        f.mobilized = s.n;
        f.withService = s.with_service;
      } else addTo(f.services, s.code, s.n);
    }
    for (const l of leads) {
      const f = at(l);
      if (!f) continue;
      if (l.kind === 'given') f.leadsGiven += l.n;
      else if (l.kind === 'reason') {
        f.declined += l.n;
        addTo(f.declineReason, l.code ?? 'OTHER', l.n);
      } else addTo(f.declinedSector, l.code ?? 'NOT_APPLICABLE', l.n);
    }
    for (const r of barrierContexts) {
      const f = at(r);
      if (!f) continue;
      if (r.context !== null) addTo(f.barrierContexts, `${r.code}/${r.context}`, r.n);
      else if (r.service !== null) addTo(f.barrierServices, `${r.code}/${r.service}`, r.n);
    }
    for (const r of actionsNotDone) {
      const f = at(r);
      if (!f) continue;
      if (r.reason === null) f.actionsNotDone = r.n;
      else addTo(f.actionNotDoneReason, r.reason, r.n);
    }
    for (const r of repeats) {
      const f = at(r);
      if (!f) continue;
      f.markedPeople = r.n;
      f.repeats = r.repeats;
    }
    return out;
  }

  private where(scope: Omit<CountScope, 'now'>, params: unknown[]): string {
    params.push(scope.bounds[0], scope.bounds[scope.bounds.length - 1], scope.tableIds);
    return `s.created_at >= $${params.length - 2} AND s.created_at < $${params.length - 1} AND s.table_id = ANY($${params.length}::uuid[])`;
  }

  private bucket(scope: Omit<CountScope, 'now'>, params: unknown[]): string {
    params.push(scope.bounds);
    return `width_bucket(s.created_at, $${params.length}::timestamptz[])`;
  }

  /**
   * The situations' own columns of the cells asked (a table and a bucket of `scope.bounds` each),
   * each cell's in one record a situation (indicator-scan.ts), from the covering index alone: two
   * statements, the coded rows (nearly all, scanCoded) and the rest with their columns (found
   * through `situations_report_uncoded_idx`; normally none), and each coded cell's window of cutoffs.
   */
  private async scan(
    q: Query,
    scope: CountScope,
    cells: readonly { id: string; b: number }[],
    lists: CodeLists,
    summary: boolean,
  ): Promise<{ scanned: Map<string, ScannedPeriod>; windows: Map<string, { cutoffFrom: number; cutoffTo: number }> }> {
    const scanned = new Map<string, ScannedPeriod>();
    const windows = new Map<string, { cutoffFrom: number; cutoffTo: number }>();
    const periodOf = (key: string) => {
      let period = scanned.get(key);
      if (!period) scanned.set(key, (period = emptyScannedPeriod()));
      return period;
    };
    const coded = await this.scanCoded(q, scope, cells, lists, summary);
    for (const r of coded) {
      const key = cellKey(r.t, r.b);
      windows.set(key, { cutoffFrom: cutoffOf(scope.now).getTime(), cutoffTo: r.knownAfter ?? Infinity });
      // a table's month without situations (no filter in SQL: pushed into the aggregate as a HAVING, it aggregates the records twice)
      if (r.records === null) continue;
      const period = periodOf(key);
      readRecords(r.records, lists.decoder, period);
      for (const name of durationsRead(summary)) if (r[name]) readDurations(r[name], name, period);
      if (r.masks) period.masks.push(r.masks);
      period.withRisk += r.withRisk;
    }
    const wanted = new Set(cells.map((c) => cellKey(c.id, c.b)));
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    params.push(cutoffOf(scope.now));
    const facts = situationFacts(`$${params.length}::timestamptz`);
    const where = this.where(scope, params);
    const uncoded = await q<(UncodedRow & { t: string; b: number })[]>(
      `SELECT s.table_id::text AS t, ${b} AS b, ${DIMENSION_SQL}, s.barrier_mask AS "barrierMask", ${facts.flags} AS flags,
              ${facts.rawSeconds.decision} AS "decisionSeconds", ${facts.rawSeconds.assignment} AS "assignmentSeconds",
              ${facts.rawSeconds.mobilization} AS "mobilizationSeconds", ${facts.rawSeconds.decisionToMobilization} AS "decisionToMobilizationSeconds",
              ${facts.rawSeconds.open} AS "openSeconds", s.risk_categories AS categories,
              ARRAY(SELECT x || '+' || y FROM unnest(s.risk_categories) x, unnest(s.risk_categories) y WHERE x < y) AS pairs
       FROM situations s WHERE ${where} AND (s.report_dimensions IS NULL OR s.risk_category_mask IS NULL)`,
      params,
    );
    for (const r of uncoded) if (wanted.has(cellKey(r.t, r.b))) readUncoded(r, periodOf(cellKey(r.t, r.b)));
    return { scanned, windows };
  }

  /**
   * The coded rows of the cells asked: for each, one range of `situations_report_idx` (table,
   * created_at) aggregated apart (a nested loop of index-only scans, each a plain aggregate: no
   * sort of the year's rows by period, which cost half the statement). One row per cell (`records`
   * null for none), with the earliest time after the cutoff that a population of I6 becomes known
   * (epoch ms): the cell's counts hold from this cutoff up to that one.
   */
  private scanCoded(
    q: Query,
    scope: CountScope,
    cells: readonly { id: string; b: number }[],
    lists: CodeLists,
    summary: boolean,
  ): Promise<({ t: string; b: number; records: Buffer | null; masks: Buffer | null; withRisk: number; knownAfter: number | null } & Record<DurationName, Buffer | null>)[]> {
    const params: unknown[] = [scope.bounds, cutoffOf(scope.now), cells.map((c) => c.id), cells.map((c) => c.b)];
    const facts = situationFacts('$2::timestamptz');
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
    const known = ['s.report_decision_known_at', 's.report_assignment_known_at'];
    return q(
      `SELECT c.id::text AS t, c.b, r.*
       FROM unnest($3::uuid[], $4::int[]) c(id, b)
       CROSS JOIN LATERAL (
         SELECT string_agg(int8send(${record}), ''::bytea) AS records,
                ${durations.map((name) => `string_agg(float8send(${populations[name][0]}), ''::bytea) FILTER (WHERE ${populations[name][1]}) AS "${name}"`).join(',\n                ')},
                string_agg(int4send(s.risk_category_mask), ''::bytea) FILTER (WHERE s.risk_category_mask <> 0) AS masks,
                count(*) FILTER (WHERE s.risk_category_mask <> 0)::int AS "withRisk",
                (extract(epoch FROM min(least(${known.map((k) => `CASE WHEN ${k} > $2::timestamptz THEN ${k} END`).join(', ')}))) * 1000)::float8 AS "knownAfter"
         FROM situations s
         WHERE s.table_id = c.id AND s.created_at >= ($1::timestamptz[])[c.b] AND s.created_at < ($1::timestamptz[])[c.b + 1]
           AND s.report_dimensions IS NOT NULL AND s.risk_category_mask IS NOT NULL) r`,
      params,
    );
  }

  /** I13: situations with an agency mobilisation (any, current or superseded), with a service, per service. */
  private services(q: Query, scope: CountScope): Promise<{ t: string; b: number; code: string | null; n: number; with_service: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT t, b, code, count(DISTINCT id)::int AS n, count(DISTINCT id) FILTER (WHERE code IS NOT NULL)::int AS with_service
       FROM (SELECT s.table_id::text AS t, ${b} AS b, s.id, c.code
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
  private leads(q: Query, scope: CountScope): Promise<{ t: string; b: number; kind: 'given' | 'reason' | 'sector'; code: string | null; n: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT s.table_id::text AS t, ${b} AS b, 'given' AS kind, NULL AS code, count(*)::int AS n
       FROM situations s JOIN situation_assignments a ON a.situation_id = s.id
       WHERE ${where} AND a.lead_agency_id IS DISTINCT FROM a.previous_lead_agency_id GROUP BY 1, 2
       UNION ALL
       SELECT t, b, kind, code, count(*)::int
       FROM (SELECT s.table_id::text AS t, ${b} AS b, t.details->>'reasonCode' AS reason, ag.sector
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
  private barrierContexts(q: Query, scope: CountScope): Promise<{ t: string; b: number; code: string; context: string | null; service: string | null; n: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT t, b, code, CASE WHEN GROUPING(context) = 0 THEN context END AS context, CASE WHEN GROUPING(service) = 0 THEN service END AS service,
              count(DISTINCT id)::int AS n
       FROM (SELECT s.table_id::text AS t, ${b} AS b, sb.code, sb.context, sb.service, s.id
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
  private actionsNotDone(q: Query, scope: CountScope): Promise<{ t: string; b: number; reason: string | null; n: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT t, b, CASE WHEN GROUPING(reason) = 0 THEN reason END AS reason, count(DISTINCT id)::int AS n
       FROM (SELECT s.table_id::text AS t, ${b} AS b, a.reason_code AS reason, s.id
             FROM situations s JOIN situation_actions a ON a.situation_id = s.id
             WHERE ${where} AND s.decision_outcome = 'AER' AND a.status = 'NOT_DONE') r
       GROUP BY GROUPING SETS ((t, b, reason), (t, b))`,
      params,
    );
  }

  /** I14: situations with a repeat marker (an identity with an indexed person), and the repeats among them. */
  private repeats(q: Query, scope: CountScope): Promise<{ t: string; b: number; n: number; repeats: number }[]> {
    const params: unknown[] = [];
    const b = this.bucket(scope, params);
    const where = this.where(scope, params);
    return q(
      `SELECT s.table_id::text AS t, ${b} AS b, count(*)::int AS n, count(*) FILTER (WHERE r.marker = 'REPEAT')::int AS repeats
       FROM situations s JOIN situation_repeat_markers r ON r.situation_id = s.id
       WHERE ${where} GROUP BY 1, 2`,
      params,
    );
  }
}

/**
 * The tables whose every write the ReportChanges migration's triggers log (each with an insert,
 * delete, update and truncate trigger): a read checks they are all there and enabled (a table
 * recreated loses its triggers) before it trusts a kept month.
 */
const CHANGE_LOGGED_TABLES = [
  'situations',
  'situation_agency_mobilizations',
  'situation_assignments',
  'situation_system_barriers',
  'situation_actions',
  'situation_repeat_markers',
  'situation_transitions',
];

/** A cell's key among a read's: its table and its bucket. */
const cellKey = (tableId: string, b: number) => `${tableId}|${b}`;

/** The months a server keeps counted (IndicatorCells): 4 years of 40 tables; a cell of 2,000 situations is some 30 kB. */
export const CELL_CAPACITY = 2000;

/** What a read counts with (IndicatorRepository.context). */
interface ReadContext {
  lists: CodeLists;
  /** every change trigger in place and enabled (ReportChanges): without, no month is kept or reused */
  logged: boolean;
  categoryNames: CategoryNames;
  fingerprint: string;
  snapshot: string;
  tableIds: string[];
}

/** A cell's counts from its scan alone (its uncoded rows' categories among them; the coded rows' are its tally); the child tables' are added to them. */
function emptyCellFacts(period: ScannedPeriod): IndicatorFacts {
  const f = emptyFacts();
  f.withRisk = period.withRisk;
  countScanned(period, f);
  return f;
}

/** The facts of some cells together (a month of several tables, or one table's alone: a copy), their categories named once. */
function monthFacts(cells: readonly MonthCell[], names: CategoryNames): IndicatorFacts {
  const f = sumFacts(cells.map((c) => c.facts));
  const tally = emptyCategoryTally();
  for (const c of cells) addTally(tally, c.categories);
  const counted = names.counts(tally);
  for (const [code, n] of counted.categories) addTo(f.categories, code, n);
  for (const [pair, n] of counted.pairs) addTo(f.pairs, pair, n);
  return f;
}

/** The durations the scan sends: the indicators', and the summary's own with `summary`. */
function durationsRead(summary: boolean): readonly DurationName[] {
  return summary ? [...INDICATOR_DURATIONS, ...SUMMARY_DURATIONS] : INDICATOR_DURATIONS;
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
function periodMonths(scopes: readonly (readonly MonthCell[])[], monthBounds: readonly Date[], periodBounds: readonly Date[]): DurationLists[][] {
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
