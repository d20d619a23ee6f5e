import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { quantileOf } from './suppression';

export interface Scope {
  /** null: every table (province) */
  tableId: string | null;
  from: Date;
  to: Date;
}

/** Medians and percentiles as published (one decimal), and the number of observations behind them. */
export interface Timings {
  hoursToMobilization: { n: number; median: number | null; p90: number | null };
  daysOpen: { n: number; median: number | null };
}

/**
 * The summary's durations of one period (its counts are the indicators' unit's: IndicatorRepository)
 * and the RTD export's rows. Aggregates computed in SQL; nothing person-level leaves this
 * repository but the de-identified RTD rows.
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
