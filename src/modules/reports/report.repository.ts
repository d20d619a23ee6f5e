import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TAXONOMY } from '../taxonomy/taxonomy.constants';

export interface Scope {
  /** null: every table (province) */
  tableId: string | null;
  from: Date;
  to: Date;
}

export const DIMENSIONS = ['status', 'situation_type', 'age_band', 'gender', 'originating_sector', 'lead_sector', 'conclusion', 'consent_status'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const RISK_LOWERED = TAXONOMY.conclusions.filter((c) => c.group === 'RISK_LOWERED').map((c) => c.code);

/** Aggregates computed in SQL; nothing person-level leaves this repository. */
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

  /** Counts per value of every dimension, and the total, in one pass (GROUPING SETS). */
  async dimensionCounts(scope: Scope): Promise<{ total: number; counts: Record<Dimension, Map<string, number>> }> {
    const params: unknown[] = [];
    const where = this.where(scope, params);
    const rows: Record<string, string | number | null>[] = await this.db.query(
      `SELECT ${DIMENSIONS.map((d) => `s.${d}`).join(', ')}, ${DIMENSIONS.map((d) => `GROUPING(s.${d}) AS "g_${d}"`).join(', ')}, count(*)::int AS n
       FROM situations s WHERE ${where}
       GROUP BY GROUPING SETS (${DIMENSIONS.map((d) => `(s.${d})`).join(', ')}, ())`,
      params,
    );
    const counts = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, number>()])) as Record<Dimension, Map<string, number>>;
    let total = 0;
    for (const r of rows) {
      const dim = DIMENSIONS.find((d) => r[`g_${d}`] === 0);
      if (!dim) total = Number(r.n);
      else counts[dim].set((r[dim] as string | null) ?? 'NOT_APPLICABLE', Number(r.n));
    }
    return { total, counts };
  }

  /** Situations per risk category, and per co-occurring pair of categories. */
  async categoryCounts(scope: Scope): Promise<{ categories: Map<string, number>; pairs: Map<string, number> }> {
    const params: unknown[] = [];
    const where = this.where(scope, params);
    const rows: { a: string; b: string | null; n: number }[] = await this.db.query(
      `WITH cats AS (SELECT s.risk_categories AS c FROM situations s WHERE ${where} AND s.risk_categories IS NOT NULL)
       SELECT x AS a, NULL AS b, count(*)::int AS n FROM cats, unnest(c) x GROUP BY x
       UNION ALL
       SELECT x, y, count(*)::int FROM cats, unnest(c) x, unnest(c) y WHERE x < y GROUP BY x, y`,
      params,
    );
    const categories = new Map<string, number>();
    const pairs = new Map<string, number>();
    for (const r of rows) (r.b === null ? categories.set(r.a, r.n) : pairs.set(`${r.a}+${r.b}`, r.n));
    return { categories, pairs };
  }

  /** The figures behind rates and medians: decisions, closures, hours to mobilisation, days open. */
  async timings(scope: Scope): Promise<{ decided: number; accepted: number; closed: number; lowered: number; hoursToMobilization: number[]; daysOpen: number[] }> {
    const params: unknown[] = [RISK_LOWERED];
    const where = this.where(scope, params);
    const rows: { decided: number; accepted: number; closed: number; lowered: number; hours: number[] | null; days: number[] | null }[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE s.decision_outcome IS NOT NULL)::int AS decided,
              count(*) FILTER (WHERE s.decision_outcome = 'AER')::int AS accepted,
              count(*) FILTER (WHERE s.status = 'CLOSED')::int AS closed,
              count(*) FILTER (WHERE s.status = 'CLOSED' AND s.conclusion = ANY($1::text[]))::int AS lowered,
              array_agg(extract(epoch FROM s.mobilized_at - s.decided_at) / 3600 ORDER BY s.mobilized_at - s.decided_at)
                FILTER (WHERE s.mobilized_at IS NOT NULL AND s.decided_at IS NOT NULL) AS hours,
              array_agg(extract(epoch FROM s.closed_at - s.created_at) / 86400 ORDER BY s.closed_at - s.created_at)
                FILTER (WHERE s.closed_at IS NOT NULL) AS days
       FROM situations s WHERE ${where}`,
      params,
    );
    const r = rows[0];
    return {
      decided: r.decided, accepted: r.accepted, closed: r.closed, lowered: r.lowered,
      hoursToMobilization: (r.hours ?? []).map(Number), daysOpen: (r.days ?? []).map(Number),
    };
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
