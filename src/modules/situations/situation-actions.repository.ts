import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';
import type { ActionStatus, ContactOutcome } from './domain/actions';

/** An action as stored (dates as `YYYY-MM-DD` text), with its owner agency's name. */
/**
 * A situation's actions counted by status (overdue: PLANNED and due before `today`), as one row of
 * int columns planned, done, notDone, overdue. The arguments are SQL expressions: the situation's
 * id and table (e.g. \`s.id\`), and the table's local date as a parameter (e.g. \`$3\`). Read with
 * the situation itself (SituationRepository.findForRead), in the same statement.
 */
export const actionCountsSql = (situationId: string, tableId: string, today: string): string =>
  `SELECT count(*) FILTER (WHERE a.status = 'PLANNED')::int AS planned, count(*) FILTER (WHERE a.status = 'DONE')::int AS done,
          count(*) FILTER (WHERE a.status = 'NOT_DONE')::int AS "notDone", count(*) FILTER (WHERE a.status = 'PLANNED' AND a.due_date < ${today}::date)::int AS overdue
   FROM situation_actions a WHERE a.situation_id = ${situationId} AND a.table_id = ${tableId}`;

export interface ActionRow {
  id: string;
  situationId: string;
  tableId: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  description: string;
  dueDate: string;
  status: ActionStatus;
  reasonCode: string | null;
  reasonNote: string | null;
  completedAt: Date | null;
  completedByAgencyId: string | null;
  meetingId: string | null;
  createdByAgencyId: string | null;
  createdAt: Date;
  version: number;
}

export interface ContactAttemptRow {
  id: string;
  situationId: string;
  agencyId: string;
  agencyName: string;
  attemptedAt: Date;
  outcome: ContactOutcome;
  note: string | null;
  meetingId: string | null;
  createdAt: Date;
}

/** An action agreed at a meeting, as its minutes show it. */
export interface MeetingAction {
  situationId: string;
  reference: string;
  actionId: string;
  ownerAgencyId: string;
  description: string;
  dueDate: string;
  status: ActionStatus;
}

const ACTION_COLUMNS = `x.id, x.situation_id AS "situationId", x.table_id AS "tableId", x.owner_agency_id AS "ownerAgencyId", a.name AS "ownerAgencyName",
  x.description, to_char(x.due_date, 'YYYY-MM-DD') AS "dueDate", x.status, x.reason_code AS "reasonCode", x.reason_note AS "reasonNote",
  x.completed_at AS "completedAt", x.completed_by_agency_id AS "completedByAgencyId", x.meeting_id AS "meetingId",
  x.created_by_agency_id AS "createdByAgencyId", x.created_at AS "createdAt", x.version`;

const ATTEMPT_COLUMNS = `c.id, c.situation_id AS "situationId", c.agency_id AS "agencyId", a.name AS "agencyName", c.attempted_at AS "attemptedAt",
  c.outcome, c.note, c.meeting_id AS "meetingId", c.created_at AS "createdAt"`;

/** Columns a change of an action may set, by their camel-case name. */
const SETTABLE: Record<string, string> = {
  status: 'status',
  dueDate: 'due_date',
  description: 'description',
  reasonCode: 'reason_code',
  reasonNote: 'reason_note',
  completedAt: 'completed_at',
  completedBy: 'completed_by',
  completedByAgencyId: 'completed_by_agency_id',
};

/** The situations module's `situation_actions` and `situation_contact_attempts` (domain/actions.ts). */
@Injectable()
export class SituationActionsRepository {
  async insertAction(
    m: EntityManager,
    a: {
      situationId: string;
      tableId: string;
      ownerAgencyId: string;
      description: string;
      dueDate: string;
      meetingId: string | null;
      createdBy: string | null;
      createdByAgencyId: string | null;
      at: Date;
    },
  ): Promise<ActionRow> {
    const rows: ActionRow[] = await m.query(
      `WITH x AS (
         INSERT INTO situation_actions (situation_id, table_id, owner_agency_id, description, due_date, meeting_id, created_by, created_by_agency_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8, $9, $9) RETURNING *
       ) SELECT ${ACTION_COLUMNS} FROM x JOIN agencies a ON a.id = x.owner_agency_id`,
      [a.situationId, a.tableId, a.ownerAgencyId, a.description, a.dueDate, a.meetingId, a.createdBy, a.createdByAgencyId, a.at],
    );
    return rows[0];
  }

  /** One action of one situation (of one table); `lock` holds it until the transaction ends. */
  async findAction(m: EntityManager | DataSource, q: { id: string; situationId: string; tableId: string; lock?: boolean }): Promise<ActionRow | null> {
    const rows: ActionRow[] = await m.query(
      `SELECT ${ACTION_COLUMNS} FROM situation_actions x JOIN agencies a ON a.id = x.owner_agency_id
       WHERE x.id = $1 AND x.situation_id = $2 AND x.table_id = $3${q.lock ? ' FOR NO KEY UPDATE OF x' : ''}`,
      [q.id, q.situationId, q.tableId],
    );
    return rows[0] ?? null;
  }

  /** Changes a PLANNED action at the version read; null when it changed meanwhile. */
  async updateAction(m: EntityManager, where: { id: string; version: number }, set: Record<string, unknown>, at: Date): Promise<ActionRow | null> {
    const params: unknown[] = [where.id, where.version, at];
    const assignments = Object.entries(set).map(([key, value]) => {
      const column = SETTABLE[key];
      if (!column) throw new Error(`action column ${key} is not settable`);
      params.push(value);
      return `${column} = $${params.length}${key === 'dueDate' ? '::date' : ''}`;
    });
    const result: unknown = await m.query(
      `WITH x AS (
         UPDATE situation_actions SET version = version + 1, updated_at = $3${assignments.map((s) => `, ${s}`).join('')}
         WHERE id = $1 AND version = $2 AND status = 'PLANNED' RETURNING *
       ) SELECT ${ACTION_COLUMNS} FROM x JOIN agencies a ON a.id = x.owner_agency_id`,
      params,
    );
    return rowsOf<ActionRow>(result)[0] ?? null;
  }

  /** A page of a situation's actions, in the order they were recorded. */
  actions(m: EntityManager | DataSource, q: { situationId: string; tableId: string; after: readonly [string, string] | null; limit: number }): Promise<ActionRow[]> {
    return m.query(
      `SELECT ${ACTION_COLUMNS} FROM situation_actions x JOIN agencies a ON a.id = x.owner_agency_id
       WHERE x.situation_id = $1 AND x.table_id = $2 AND ($3::timestamptz IS NULL OR (x.created_at, x.id) > ($3::timestamptz, $4::uuid))
       ORDER BY x.created_at, x.id LIMIT $5`,
      [q.situationId, q.tableId, q.after?.[0] ?? null, q.after?.[1] ?? null, q.limit],
    );
  }

  /** How many of a situation's actions are in each status, and planned past `today` (`YYYY-MM-DD`). */
  async insertContactAttempt(
    m: EntityManager,
    c: {
      situationId: string;
      tableId: string;
      agencyId: string;
      attemptedAt: Date;
      outcome: string;
      note: string | null;
      meetingId: string | null;
      createdBy: string | null;
      createdByAgencyId: string | null;
      at: Date;
    },
  ): Promise<ContactAttemptRow> {
    const rows: ContactAttemptRow[] = await m.query(
      `WITH c AS (
         INSERT INTO situation_contact_attempts (situation_id, table_id, agency_id, attempted_at, outcome, note, meeting_id, created_by, created_by_agency_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *
       ) SELECT ${ATTEMPT_COLUMNS} FROM c JOIN agencies a ON a.id = c.agency_id`,
      [c.situationId, c.tableId, c.agencyId, c.attemptedAt, c.outcome, c.note, c.meetingId, c.createdBy, c.createdByAgencyId, c.at],
    );
    return rows[0];
  }

  /** A page of a situation's contact attempts, in the order they were made. */
  contactAttempts(
    m: EntityManager | DataSource,
    q: { situationId: string; tableId: string; after: readonly [string, string] | null; limit: number },
  ): Promise<ContactAttemptRow[]> {
    return m.query(
      `SELECT ${ATTEMPT_COLUMNS} FROM situation_contact_attempts c JOIN agencies a ON a.id = c.agency_id
       WHERE c.situation_id = $1 AND c.table_id = $2 AND ($3::timestamptz IS NULL OR (c.attempted_at, c.id) > ($3::timestamptz, $4::uuid))
       ORDER BY c.attempted_at, c.id LIMIT $5`,
      [q.situationId, q.tableId, q.after?.[0] ?? null, q.after?.[1] ?? null, q.limit],
    );
  }

  /** The actions agreed at a meeting, with their situation's reference (its minutes). */
  meetingActions(m: EntityManager, meetingId: string): Promise<MeetingAction[]> {
    return m.query(
      `SELECT x.situation_id AS "situationId", s.reference, x.id AS "actionId", x.owner_agency_id AS "ownerAgencyId", x.description,
              to_char(x.due_date, 'YYYY-MM-DD') AS "dueDate", x.status
       FROM situation_actions x JOIN situations s ON s.id = x.situation_id WHERE x.meeting_id = $1 ORDER BY x.created_at, x.id`,
      [meetingId],
    );
  }
}
