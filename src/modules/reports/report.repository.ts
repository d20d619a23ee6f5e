import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface Scope {
  /** null: every table (province) */
  tableId: string | null;
  from: Date;
  to: Date;
}

/**
 * The RTD export's rows (the summary's counts and medians are the indicators': IndicatorRepository).
 * Nothing person-level leaves this repository but the de-identified RTD rows.
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
