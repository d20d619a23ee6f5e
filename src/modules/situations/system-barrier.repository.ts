import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';
import type { SystemBarrierContext, SystemBarrierEntry } from './domain/system-barriers';

export interface SystemBarrierRow extends SystemBarrierEntry {
  id: string;
  context: SystemBarrierContext;
  assignmentId: string | null;
  actionId: string | null;
  agencyId: string | null;
  recordedAt: Date;
}

const COLUMNS = `b.id::text AS id, b.context, b.code, b.service, b.note, b.assignment_id::text AS "assignmentId", b.action_id AS "actionId",
  b.agency_id AS "agencyId", b.recorded_at AS "recordedAt"`;

/**
 * A situation's barriers as one JSON array (in the order recorded), for the statement that reads the
 * situation itself (SituationRepository.findForRead); `s` is the situation's alias. Read back with barriersFromJson.
 */
export const barriersJsonSql = (s: string): string =>
  `SELECT coalesce(json_agg(json_build_object('id', b.id::text, 'context', b.context, 'code', b.code, 'service', b.service, 'note', b.note,
     'assignmentId', b.assignment_id::text, 'actionId', b.action_id, 'agencyId', b.agency_id, 'recordedAt', b.recorded_at) ORDER BY b.id), '[]'::json)
   FROM situation_system_barriers b WHERE b.situation_id = ${s}.id AND b.table_id = ${s}.table_id`;

/** The rows of barriersJsonSql, with their times as dates again. */
export const barriersFromJson = (json: (Omit<SystemBarrierRow, 'recordedAt'> & { recordedAt: string })[]): SystemBarrierRow[] =>
  json.map((b) => ({ ...b, recordedAt: new Date(b.recordedAt) }));

/**
 * `situation_system_barriers` (owned by the situations module): the system barriers recorded on a
 * situation (docs/evaluation.md, section 5). A trigger keeps `situations.barrier_mask`.
 */
@Injectable()
export class SystemBarrierRepository {
  /** A situation's barriers, of its table only, in the order they were recorded. */
  list(m: EntityManager | DataSource, situationId: string, tableId: string): Promise<SystemBarrierRow[]> {
    return m.query(`SELECT ${COLUMNS} FROM situation_system_barriers b WHERE b.situation_id = $1 AND b.table_id = $2 ORDER BY b.id`, [situationId, tableId]);
  }

  async insert(
    m: EntityManager,
    r: {
      situationId: string;
      tableId: string;
      context: SystemBarrierContext;
      assignmentId?: string | null;
      actionId?: string | null;
      recordedBy: string | null;
      agencyId: string | null;
      at: Date;
    },
    entries: readonly SystemBarrierEntry[],
  ): Promise<void> {
    if (!entries.length) return;
    await m.query(
      `INSERT INTO situation_system_barriers (situation_id, table_id, context, code, service, note, assignment_id, action_id, recorded_by, agency_id, recorded_at)
       SELECT $1, $2, $3, e.code, e.service, e.note, $4::bigint, $5::uuid, $6, $7, $8
       FROM jsonb_to_recordset($9::jsonb) AS e(code text, service text, note text)`,
      [r.situationId, r.tableId, r.context, r.assignmentId ?? null, r.actionId ?? null, r.recordedBy, r.agencyId, r.at, JSON.stringify(entries)],
    );
  }

  /** Removes the barriers of one context of a situation (the closure's, before they are recorded again). */
  async removeContext(m: EntityManager, situationId: string, tableId: string, context: SystemBarrierContext): Promise<void> {
    await m.query('DELETE FROM situation_system_barriers WHERE situation_id = $1 AND table_id = $2 AND context = $3', [situationId, tableId, context]);
  }

  /** The id of the situation's latest assignment (the one a lead's decline ends), null when none. */
  async latestAssignmentId(m: EntityManager, situationId: string): Promise<string | null> {
    const rows = rowsOf<{ id: string }>(await m.query('SELECT id::text AS id FROM situation_assignments WHERE situation_id = $1 ORDER BY id DESC LIMIT 1', [situationId]));
    return rows[0]?.id ?? null;
  }

  /** A change of the closure barriers bumps the situation's version (If-Match); null when the version moved meanwhile. */
  async bumpVersion(m: EntityManager, situationId: string, tableId: string, version: number, at: Date): Promise<number | null> {
    const rows = rowsOf<{ version: number }>(
      await m.query('UPDATE situations SET version = version + 1, updated_at = $4 WHERE id = $1 AND table_id = $2 AND version = $3 RETURNING version', [
        situationId,
        tableId,
        version,
        at,
      ]),
    );
    return rows[0]?.version ?? null;
  }
}
