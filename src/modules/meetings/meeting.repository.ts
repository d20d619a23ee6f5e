import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';
import { SituationRow } from '../situations/situation.types';

export interface MeetingRow {
  id: string;
  tableId: string;
  scheduledFor: Date;
  kind: string;
  status: 'OPEN' | 'CLOSED';
  attendance: string[];
  createdAt: Date;
  closedAt: Date | null;
}

/** What an agenda item shows (and the threshold needs): no narrative, notes or other free text. */
const AGENDA_COLUMNS = `s.id, s.table_id AS "tableId", s.reference, s.status, s.situation_type AS "situationType", s.age_band AS "ageBand",
  s.risk_factors AS "riskFactors", s.imminent_harm AS "imminentHarm", s.agency_exhausted_options AS "agencyExhaustedOptions",
  s.originating_sector AS "originatingSector", s.lead_sector AS "leadSector", s.decided_at AS "decidedAt", s.created_at AS "createdAt"`;

const MEETING = `id, table_id AS "tableId", scheduled_for AS "scheduledFor", kind, status, attendance, created_at AS "createdAt", closed_at AS "closedAt"`;

@Injectable()
export class MeetingRepository {
  constructor(private readonly db: DataSource) {}

  async create(m: EntityManager, tableId: string, scheduledFor: Date, kind: string, createdBy: string | null): Promise<MeetingRow> {
    const rows: MeetingRow[] = await m.query(
      `INSERT INTO meetings (table_id, scheduled_for, kind, created_by) VALUES ($1, $2, $3, $4) RETURNING ${MEETING}`,
      [tableId, scheduledFor, kind, createdBy],
    );
    return rows[0];
  }

  async find(m: EntityManager | DataSource, id: string, tableId: string, lock = false): Promise<MeetingRow | null> {
    const rows: MeetingRow[] = await m.query(`SELECT ${MEETING} FROM meetings WHERE id = $1 AND table_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, tableId]);
    return rows[0] ?? null;
  }

  page(tableId: string, after: [string, string] | null, limit: number): Promise<MeetingRow[]> {
    const params: unknown[] = [tableId, limit + 1];
    let where = 'table_id = $1';
    if (after) {
      params.push(after[0], after[1]);
      where += ' AND (scheduled_for, id) > ($3::timestamptz, $4::uuid)';
    }
    return this.db.query(`SELECT ${MEETING} FROM meetings WHERE ${where} ORDER BY scheduled_for, id LIMIT $2`, params);
  }

  async setAttendance(m: EntityManager, id: string, agencyIds: string[]): Promise<MeetingRow> {
    return rowsOf<MeetingRow>(await m.query(`UPDATE meetings SET attendance = $2 WHERE id = $1 RETURNING ${MEETING}`, [id, agencyIds]))[0];
  }

  async close(m: EntityManager, id: string, by: string | null, at: Date): Promise<MeetingRow | null> {
    return rowsOf<MeetingRow>(await m.query(`UPDATE meetings SET status = 'CLOSED', closed_at = $3, closed_by = $2 WHERE id = $1 AND status = 'OPEN' RETURNING ${MEETING}`, [id, by, at]))[0] ?? null;
  }

  memberAgencies(m: EntityManager | DataSource, tableId: string): Promise<{ agencyId: string; name: string; sector: string }[]> {
    return m.query(
      `SELECT a.id AS "agencyId", a.name, a.sector FROM table_agencies ta JOIN agencies a ON a.id = ta.agency_id WHERE ta.table_id = $1 ORDER BY a.name`,
      [tableId],
    );
  }

  /** Open situations with the time of their last update, oldest first. */
  openSituations(m: EntityManager | DataSource, tableId: string): Promise<(SituationRow & { lastUpdateAt: Date | null })[]> {
    return m.query(
      `SELECT ${AGENDA_COLUMNS}, (SELECT max(u.created_at) FROM situation_updates u WHERE u.situation_id = s.id) AS "lastUpdateAt"
       FROM situations s WHERE s.table_id = $1 AND s.status IN ('ACCEPTED','ASSIGNED','MOBILIZED') ORDER BY s.decided_at, s.id LIMIT 500`,
      [tableId],
    );
  }

  submitted(m: EntityManager | DataSource, tableId: string): Promise<SituationRow[]> {
    return m.query(`SELECT ${AGENDA_COLUMNS} FROM situations s WHERE s.table_id = $1 AND s.status = 'SUBMITTED' ORDER BY s.created_at, s.id LIMIT 500`, [tableId]);
  }
}
