import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TAXONOMY } from '../taxonomy/taxonomy.constants';
import { addTo, countCategoryMasks, countDimensions } from './report-codes';
import { quantileOf } from './suppression';

export interface Scope {
  /** null: every table (province) */
  tableId: string | null;
  from: Date;
  to: Date;
}

export const DIMENSIONS = ['status', 'situation_type', 'age_band', 'gender', 'originating_sector', 'lead_sector', 'conclusion', 'consent_status'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const RISK_LOWERED = TAXONOMY.conclusions.filter((c) => c.group === 'RISK_LOWERED').map((c) => c.code);

/** What the rates need, counted together: a decision, an AER decision, closed, closed with the risk lowered. */
const RATE_COLUMNS = ['status', 'decision_outcome', 'conclusion'] as const;

/**
 * The rows without codes (see the ReportScan migration; normally none) are grouped in SQL, by
 * these grouping sets: the rate columns together, the other dimensions two by two.
 */
const UNCODED_SETS: readonly (readonly string[])[] = [RATE_COLUMNS, ['situation_type', 'age_band'], ['gender', 'originating_sector'], ['lead_sector', 'consent_status']];

export interface SummaryCounts {
  total: number;
  /**
   * situations per value of each dimension; NULL is counted as NOT_APPLICABLE, together with the
   * code NOT_APPLICABLE where a list has one (gender, consent status)
   */
  counts: Record<Dimension, Map<string, number>>;
  decided: number;
  accepted: number;
  closed: number;
  lowered: number;
  /** situations per risk category, and per co-occurring pair of categories (`A+B`) */
  categories: Map<string, number>;
  pairs: Map<string, number>;
}

/** Medians and percentiles as published (one decimal), and the number of observations behind them. */
export interface Timings {
  hoursToMobilization: { n: number; median: number | null; p90: number | null };
  daysOpen: { n: number; median: number | null };
}

/**
 * Aggregates computed in SQL or from per-situation codes counted here; nothing person-level leaves
 * this repository. A summary is three statements run side by side, each one index-only scan of
 * situations_report_idx over the period (see the ReportScan migration).
 */
@Injectable()
export class ReportRepository {
  constructor(private readonly db: DataSource) {}

  private where(scope: Scope, params: unknown[]): string {
    params.push(scope.from, scope.to);
    let sql = `s.created_at >= $${params.length - 1} AND s.created_at < $${params.length}`;
    if (scope.tableId) {
      params.push(scope.tableId);
      sql += ` AND s.table_id = $${params.length}`;
    }
    return sql;
  }

  /**
   * Every count of the summary from one scan: the situations' report dimensions and risk
   * category masks (4 bytes each) are counted here, where grouping them by eight dimensions and
   * unnesting every pair of categories cost the database a hash lookup per row, dimension and
   * pair. Rows without codes are grouped in SQL the long way and added.
   */
  async counts(scope: Scope): Promise<SummaryCounts> {
    const params: unknown[] = [];
    const where = this.where(scope, params);
    const uncoded = `${where} AND (s.report_dimensions IS NULL OR (s.risk_category_mask IS NULL AND s.risk_categories IS NOT NULL))`;
    const rows: {
      dimensions: Buffer | null;
      masks: Buffer | null;
      dimensionCodes: [string, string[]][];
      categoryCodes: string[];
      categoryOrder: string[];
      uncodedDimensions: ({ grouping_set: number; n: number } & Record<string, string | number | null>)[] | null;
      uncodedCategories: { a: string | null; b: string | null; n: number }[] | null;
    }[] = await this.db.query(
      `WITH uncoded AS (SELECT ${[...new Set(UNCODED_SETS.flat())].map((c) => `s.${c}`).join(', ')}, s.report_dimensions, s.risk_category_mask, s.risk_categories
                        FROM situations s WHERE ${uncoded}),
       unmasked AS (SELECT u.risk_categories AS c FROM uncoded u WHERE u.risk_category_mask IS NULL AND u.risk_categories IS NOT NULL)
       SELECT string_agg(int4send(s.report_dimensions), ''::bytea) FILTER (WHERE s.report_dimensions IS NOT NULL) AS dimensions,
              string_agg(int4send(s.risk_category_mask), ''::bytea) FILTER (WHERE s.risk_category_mask IS NOT NULL) AS masks,
              report_dimension_codes() AS "dimensionCodes", risk_category_codes() AS "categoryCodes",
              ARRAY(SELECT c FROM unnest(risk_category_codes()) AS c ORDER BY c) AS "categoryOrder",
              (SELECT json_agg(g) FROM (
                 SELECT ${[...new Set(UNCODED_SETS.flat())].map((c) => `u.${c}`).join(', ')},
                        CASE ${UNCODED_SETS.map((set, i) => `WHEN GROUPING(u.${set[0]}) = 0 THEN ${i}`).join(' ')} END AS grouping_set,
                        count(*)::int AS n
                 FROM uncoded u WHERE u.report_dimensions IS NULL
                 GROUP BY GROUPING SETS (${UNCODED_SETS.map((set) => `(${set.map((c) => `u.${c}`).join(', ')})`).join(', ')})) g) AS "uncodedDimensions",
              (SELECT json_agg(k) FROM (
                 SELECT x AS a, NULL AS b, count(*)::int AS n FROM unmasked, unnest(c) x GROUP BY x
                 UNION ALL
                 SELECT x, y, count(*)::int FROM unmasked, unnest(c) x, unnest(c) y WHERE x < y GROUP BY x, y) k) AS "uncodedCategories"
       FROM situations s WHERE ${where}`,
      params,
    );
    const r = rows[0];
    const coded = countDimensions(r.dimensions ?? new Uint8Array(0), r.dimensionCodes, RATE_COLUMNS);
    const out: SummaryCounts = {
      total: coded.rows,
      counts: Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, number>()])) as Record<Dimension, Map<string, number>>,
      decided: 0,
      accepted: 0,
      closed: 0,
      lowered: 0,
      ...countCategoryMasks(r.masks ?? new Uint8Array(0), r.categoryCodes, r.categoryOrder),
    };
    const rates = (status: string | null, outcome: string | null, conclusion: string | null, n: number) => {
      if (outcome !== null) out.decided += n;
      if (outcome === 'AER') out.accepted += n;
      if (status === 'CLOSED') {
        out.closed += n;
        if (conclusion !== null && RISK_LOWERED.includes(conclusion)) out.lowered += n;
      }
    };
    for (const d of DIMENSIONS) for (const [code, n] of coded.columns.get(d) ?? []) addTo(out.counts[d], code ?? 'NOT_APPLICABLE', n);
    for (const { values, n } of coded.joint) rates(values[0], values[1], values[2], n);
    for (const g of r.uncodedDimensions ?? []) {
      for (const column of UNCODED_SETS[g.grouping_set]) {
        if (column !== 'decision_outcome') addTo(out.counts[column as Dimension], (g[column] as string | null) ?? 'NOT_APPLICABLE', g.n);
      }
      if (g.grouping_set === 0) {
        out.total += g.n;
        rates(g.status as string | null, g.decision_outcome as string | null, g.conclusion as string | null, g.n);
      }
    }
    for (const c of r.uncodedCategories ?? []) {
      if (c.b === null) addTo(out.categories, c.a as string, c.n);
      else addTo(out.pairs, `${c.a}+${c.b}`, c.n);
    }
    return out;
  }

  /**
   * Hours from decision to mobilisation (median, 90th percentile) and days open of closed
   * situations (median), one statement each, side by side. The database sorts each list and sends
   * only the values at the ranks the interpolation reads, as the hours or days the whole list used
   * to carry (the same expression on the same sorted intervals).
   */
  async timings(scope: Scope): Promise<Timings> {
    const [hours, days] = await Promise.all([
      this.quantiles(scope, 's.mobilized_at - s.decided_at', 's.mobilized_at IS NOT NULL AND s.decided_at IS NOT NULL', 3600, [0.5, 0.9]),
      this.quantiles(scope, 's.closed_at - s.created_at', 's.closed_at IS NOT NULL', 86400, [0.5]),
    ]);
    return {
      hoursToMobilization: { n: hours.n, median: hours.values[0], p90: hours.values[1] },
      daysOpen: { n: days.n, median: days.values[0] },
    };
  }

  private async quantiles(scope: Scope, interval: string, filter: string, unit: number, qs: number[]): Promise<{ n: number; values: (number | null)[] }> {
    const params: unknown[] = [];
    const where = this.where(scope, params);
    const picks = qs.map((q, i) => {
      params.push(q);
      const rank = (f: 'floor' | 'ceil') => `${f}((z.n - 1) * $${params.length}::float8)::int`;
      return `${rank('floor')} AS lo${i}, ${rank('ceil')} AS hi${i},
              extract(epoch FROM z.list[${rank('floor')} + 1]) / ${unit} AS vlo${i}, extract(epoch FROM z.list[${rank('ceil')} + 1]) / ${unit} AS vhi${i}`;
    });
    const rows: Record<string, number | string | null>[] = await this.db.query(
      `SELECT z.n, ${picks.join(', ')}
       FROM (SELECT list, coalesce(cardinality(list), 0) AS n
             FROM (SELECT array_agg(${interval} ORDER BY ${interval}) AS list FROM situations s WHERE ${where} AND ${filter}) a) z`,
      params,
    );
    const r = rows[0];
    const n = Number(r.n);
    const values = qs.map((q, i) => {
      const read = new Map([
        [Number(r[`lo${i}`]), Number(r[`vlo${i}`])],
        [Number(r[`hi${i}`]), Number(r[`vhi${i}`])],
      ]);
      return quantileOf(n, q, (rank) => {
        const v = read.get(rank);
        if (v === undefined) throw new Error(`quantile: rank ${rank} of ${n} was not read`);
        return v;
      });
    });
    return { n, values };
  }

  /** RTD rows in keyset batches (created_at, id), with sector snapshots of the assisting agencies. */
  rtdBatch(scope: Scope, after: [Date, string] | null, limit: number): Promise<RtdRow[]> {
    const params: unknown[] = [];
    let where = this.where(scope, params);
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (s.created_at, s.id) > ($${params.length - 1}, $${params.length}::uuid)`;
    }
    params.push(limit);
    return this.db.query(
      `SELECT s.id, s.reference, s.status, s.created_at AS "createdAt", s.decided_at AS "decidedAt", s.closed_at AS "closedAt",
              s.situation_type AS "situationType", s.age_band AS "ageBand", s.gender, s.originating_sector AS "originatingSector",
              s.risk_factors AS "riskFactors", s.study_flags AS "studyFlags", s.protective_factors AS "protectiveFactors",
              s.lead_sector AS "leadSector", s.services, s.conclusion, s.consent_status AS "consentStatus", s.decision_outcome AS "decisionOutcome",
              (SELECT array_agg(DISTINCT a.sector ORDER BY a.sector) FROM agencies a WHERE a.id = ANY(s.assisting_agency_ids)) AS "assistingSectors"
       FROM situations s WHERE ${where} ORDER BY s.created_at, s.id LIMIT $${params.length}`,
      params,
    );
  }
}

export interface RtdRow {
  id: string;
  reference: string;
  status: string;
  createdAt: Date;
  decidedAt: Date | null;
  closedAt: Date | null;
  situationType: string;
  ageBand: string | null;
  gender: string | null;
  originatingSector: string;
  riskFactors: { code: string; certainty: string }[] | null;
  studyFlags: string[] | null;
  protectiveFactors: string[] | null;
  leadSector: string | null;
  services: string[] | null;
  conclusion: string | null;
  consentStatus: string | null;
  decisionOutcome: string | null;
  assistingSectors: string[] | null;
}
