import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { affectedOf } from '../../common/database/query-result';
import type { AgencyMobilizationRecord, AgencyRole } from './domain/agency-mobilization';

export interface AgencyMobilizationRow extends AgencyMobilizationRecord {
  situationId: string;
}

const COLUMNS = `m.situation_id AS "situationId", m.agency_id AS "agencyId", m.role, m.mobilized_at AS "mobilizedAt", m.services`;

/**
 * The current assignment's mobilisations of a situation as one JSON array (oldest first), for a
 * statement that reads the situation itself (SituationRepository.findForRead); `situationId` is an
 * SQL expression (e.g. \`s.id\`). Read back with mobilizationsFromJson.
 */
export const currentMobilizationsJsonSql = (situationId: string): string =>
  `SELECT coalesce(json_agg(json_build_object('agencyId', m.agency_id, 'role', m.role, 'mobilizedAt', m.mobilized_at, 'services', m.services) ORDER BY m.id), '[]'::json)
   FROM situation_agency_mobilizations m WHERE m.situation_id = ${situationId} AND m.superseded_at IS NULL`;

/** The rows of currentMobilizationsJsonSql, with their times as dates again. */
export const mobilizationsFromJson = (situationId: string, json: { agencyId: string; role: AgencyRole; mobilizedAt: string; services: string[] }[]): AgencyMobilizationRow[] =>
  json.map((r) => ({ situationId, agencyId: r.agencyId, role: r.role, mobilizedAt: new Date(r.mobilizedAt), services: r.services }));

/**
 * `situation_agency_mobilizations` (owned by the situations module): each intervening agency's
 * mobilisation of the current assignment (`superseded_at IS NULL`) and those of former ones (history).
 */
@Injectable()
export class AgencyMobilizationRepository {
  /** The current assignment's mobilisations of one situation (`forUpdate`: locked until the transaction ends). */
  current(m: EntityManager | DataSource, situationId: string, forUpdate = false): Promise<AgencyMobilizationRow[]> {
    return m.query(`SELECT ${COLUMNS} FROM situation_agency_mobilizations m WHERE m.situation_id = $1 AND m.superseded_at IS NULL ORDER BY m.id${forUpdate ? ' FOR UPDATE' : ''}`, [
      situationId,
    ]);
  }

  async insert(
    m: EntityManager,
    r: {
      situationId: string;
      tableId: string;
      agencyId: string;
      role: AgencyRole;
      mobilizedAt: Date;
      services: string[];
      recordedBy: string | null;
      meetingId: string | null;
      at: Date;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO situation_agency_mobilizations (situation_id, table_id, agency_id, role, mobilized_at, services, recorded_by, meeting_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
      [r.situationId, r.tableId, r.agencyId, r.role, r.mobilizedAt, JSON.stringify(r.services), r.recordedBy, r.meetingId, r.at],
    );
  }

  /** Changes the services an agency connected (its current row); false when it has none. */
  async setServices(m: EntityManager, situationId: string, agencyId: string, services: string[], at: Date): Promise<boolean> {
    const result: unknown = await m.query(
      `UPDATE situation_agency_mobilizations SET services = $3, updated_at = $4 WHERE situation_id = $1 AND agency_id = $2 AND superseded_at IS NULL`,
      [situationId, agencyId, JSON.stringify(services), at],
    );
    return affectedOf(result) > 0;
  }

  /** A reassignment (or the lead's decline) starts afresh: the current rows become history. */
  async supersede(m: EntityManager, situationId: string, at: Date): Promise<number> {
    const result: unknown = await m.query(`UPDATE situation_agency_mobilizations SET superseded_at = $2 WHERE situation_id = $1 AND superseded_at IS NULL`, [situationId, at]);
    return affectedOf(result);
  }
}
