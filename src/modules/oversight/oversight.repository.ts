import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';
import type { BreachKind, BreachOutcome, CaseOutcome, NotificationMethod } from './domain/oversight-rules';

type Db = EntityManager | DataSource;

export interface CaseRow {
  id: string;
  tableId: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  windowFrom: Date;
  windowTo: Date;
  flagCount: number;
  situationIds: string[];
  status: 'OPEN' | 'CLOSED';
  assigneeId: string | null;
  assigneeName: string | null;
  outcome: CaseOutcome | null;
  breachId: string | null;
  openedBy: string | null;
  openedByName: string | null;
  openedAt: Date;
  closedBy: string | null;
  closedByName: string | null;
  closedAt: Date | null;
  notes: number;
  version: number;
}

export interface NoteRow {
  id: string;
  text: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
}

export interface BreachRow {
  id: string;
  tableId: string;
  kind: BreachKind;
  description: string;
  occurredAt: Date | null;
  discoveredAt: Date;
  situationIds: string[];
  status: 'OPEN' | 'CLOSED';
  ipcNotifiedAt: Date | null;
  personsNotifiedAt: Date | null;
  personsNotificationMethod: NotificationMethod | null;
  outcome: BreachOutcome | null;
  recordedBy: string | null;
  recordedByName: string | null;
  recordedAt: Date;
  closedBy: string | null;
  closedByName: string | null;
  closedAt: Date | null;
  containmentSteps: number;
  version: number;
}

export interface StepRow {
  id: string;
  takenAt: Date;
  description: string;
  recordedBy: string | null;
  recordedByName: string | null;
  recordedAt: Date;
}

const name = (col: string) => `(SELECT u.display_name FROM users u WHERE u.id = ${col})`;

const CASE_COLUMNS = `c.id, c.table_id AS "tableId", c.kind, c.actor_id AS "actorId", ${name('c.actor_id')} AS "actorName",
  c.window_from AS "windowFrom", c.window_to AS "windowTo", c.flag_count AS "flagCount", c.situation_ids::text[] AS "situationIds", c.status, c.assignee_id AS "assigneeId",
  ${name('c.assignee_id')} AS "assigneeName", c.outcome, c.breach_id AS "breachId", c.opened_by AS "openedBy", ${name('c.opened_by')} AS "openedByName",
  c.opened_at AS "openedAt", c.closed_by AS "closedBy", ${name('c.closed_by')} AS "closedByName", c.closed_at AS "closedAt",
  (SELECT count(*)::int FROM anomaly_case_notes n WHERE n.case_id = c.id) AS notes, c.version`;

const BREACH_COLUMNS = `b.id, b.table_id AS "tableId", b.kind, b.description, b.occurred_at AS "occurredAt", b.discovered_at AS "discoveredAt",
  b.situation_ids::text[] AS "situationIds", b.status, b.ipc_notified_at AS "ipcNotifiedAt", b.persons_notified_at AS "personsNotifiedAt",
  b.persons_notification_method AS "personsNotificationMethod", b.outcome, b.recorded_by AS "recordedBy", ${name('b.recorded_by')} AS "recordedByName",
  b.recorded_at AS "recordedAt", b.closed_by AS "closedBy", ${name('b.closed_by')} AS "closedByName", b.closed_at AS "closedAt",
  (SELECT count(*)::int FROM privacy_breach_containment_steps s WHERE s.breach_id = b.id) AS "containmentSteps", b.version`;

const CASE_SET: Record<string, string> = {
  assigneeId: 'assignee_id',
  status: 'status',
  outcome: 'outcome',
  breachId: 'breach_id',
  closedBy: 'closed_by',
  closedAt: 'closed_at',
};

const BREACH_SET: Record<string, string> = {
  ipcNotifiedAt: 'ipc_notified_at',
  personsNotifiedAt: 'persons_notified_at',
  personsNotificationMethod: 'persons_notification_method',
  status: 'status',
  outcome: 'outcome',
  closedBy: 'closed_by',
  closedAt: 'closed_at',
};

/** The oversight module's tables: anomaly cases and their notes, the privacy breach log and its containment steps. */
@Injectable()
export class OversightRepository {
  constructor(readonly db: DataSource) {}

  /** Opens a case; null when the flag (table, rule, actor, window) already has one. */
  async insertCase(
    m: Db,
    c: { tableId: string; kind: string; actorId: string | null; windowFrom: Date; windowTo: Date; flagCount: number; situationIds: string[]; openedBy: string | null; at: Date },
  ): Promise<string | null> {
    const rows = rowsOf<{ id: string }>(
      await m.query(
        `INSERT INTO anomaly_cases (table_id, kind, actor_id, window_from, window_to, flag_count, situation_ids, opened_by, opened_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8, $9, $9) ON CONFLICT ON CONSTRAINT anomaly_cases_flag_key DO NOTHING RETURNING id`,
        [c.tableId, c.kind, c.actorId, c.windowFrom, c.windowTo, c.flagCount, c.situationIds, c.openedBy, c.at],
      ),
    );
    return rows[0]?.id ?? null;
  }

  async caseOfFlag(m: Db, f: { tableId: string; kind: string; actorId: string | null; windowFrom: Date; windowTo: Date }): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      'SELECT id FROM anomaly_cases WHERE table_id = $1 AND kind = $2 AND actor_id IS NOT DISTINCT FROM $3 AND window_from = $4 AND window_to = $5',
      [f.tableId, f.kind, f.actorId, f.windowFrom, f.windowTo],
    );
    return rows[0]?.id ?? null;
  }

  async findCase(m: Db, tableId: string, id: string, lock = false): Promise<CaseRow | null> {
    if (lock) await m.query('SELECT id FROM anomaly_cases WHERE id = $1 AND table_id = $2 FOR UPDATE', [id, tableId]);
    const rows: CaseRow[] = await m.query(`SELECT ${CASE_COLUMNS} FROM anomaly_cases c WHERE c.id = $1 AND c.table_id = $2`, [id, tableId]);
    return rows[0] ?? null;
  }

  /** A page of the table's cases, newest first, filtered. */
  cases(
    m: Db,
    q: { tableId: string; status?: string; kind?: string; assigneeId?: string; actorId?: string; before: readonly [string, string] | null; limit: number },
  ): Promise<CaseRow[]> {
    const params: unknown[] = [q.tableId];
    let where = 'c.table_id = $1';
    for (const [col, v] of [
      ['c.status', q.status],
      ['c.kind', q.kind],
      ['c.assignee_id', q.assigneeId],
      ['c.actor_id', q.actorId],
    ] as const) {
      if (v) {
        params.push(v);
        where += ` AND ${col} = $${params.length}`;
      }
    }
    if (q.before) {
      params.push(q.before[0], q.before[1]);
      where += ` AND (c.opened_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(q.limit);
    return m.query(`SELECT ${CASE_COLUMNS} FROM anomaly_cases c WHERE ${where} ORDER BY c.opened_at DESC, c.id DESC LIMIT $${params.length}`, params);
  }

  /** Changes a case at `version` (and bumps it); false if it moved. */
  async updateCase(m: Db, id: string, version: number, set: Record<string, unknown>, at: Date): Promise<boolean> {
    const params: unknown[] = [id, version, at];
    const cols = Object.entries(set).map(([k, v]) => {
      params.push(v);
      return `${CASE_SET[k]} = $${params.length}`;
    });
    const rows = rowsOf<{ id: string }>(
      await m.query(`UPDATE anomaly_cases SET ${[...cols, 'updated_at = $3', 'version = version + 1'].join(', ')} WHERE id = $1 AND version = $2 RETURNING id`, params),
    );
    return rows.length === 1;
  }

  async insertNote(m: Db, caseId: string, text: string, authorId: string | null, at: Date): Promise<string> {
    const rows: { id: string }[] = await m.query('INSERT INTO anomaly_case_notes (case_id, text, author_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id', [
      caseId,
      text,
      authorId,
      at,
    ]);
    return rows[0].id;
  }

  notes(m: Db, caseId: string): Promise<NoteRow[]> {
    return m.query(
      `SELECT n.id, n.text, n.author_id AS "authorId", ${name('n.author_id')} AS "authorName", n.created_at AS "createdAt"
       FROM anomaly_case_notes n WHERE n.case_id = $1 ORDER BY n.created_at, n.id`,
      [caseId],
    );
  }

  /** The cases that led to a breach record. */
  async casesOfBreach(m: Db, tableId: string, breachId: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query('SELECT id FROM anomaly_cases WHERE table_id = $1 AND breach_id = $2 ORDER BY opened_at, id', [tableId, breachId]);
    return rows.map((r) => r.id);
  }

  async insertBreach(
    m: Db,
    b: { tableId: string; kind: string; description: string; occurredAt: Date | null; discoveredAt: Date; situationIds: string[]; recordedBy: string | null; at: Date },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO privacy_breaches (table_id, kind, description, occurred_at, discovered_at, situation_ids, recorded_by, recorded_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8, $8) RETURNING id`,
      [b.tableId, b.kind, b.description, b.occurredAt, b.discoveredAt, b.situationIds, b.recordedBy, b.at],
    );
    return rows[0].id;
  }

  async findBreach(m: Db, tableId: string, id: string, lock = false): Promise<BreachRow | null> {
    if (lock) await m.query('SELECT id FROM privacy_breaches WHERE id = $1 AND table_id = $2 FOR UPDATE', [id, tableId]);
    const rows: BreachRow[] = await m.query(`SELECT ${BREACH_COLUMNS} FROM privacy_breaches b WHERE b.id = $1 AND b.table_id = $2`, [id, tableId]);
    return rows[0] ?? null;
  }

  breaches(m: Db, q: { tableId: string; status?: string; before: readonly [string, string] | null; limit: number }): Promise<BreachRow[]> {
    const params: unknown[] = [q.tableId];
    let where = 'b.table_id = $1';
    if (q.status) {
      params.push(q.status);
      where += ` AND b.status = $${params.length}`;
    }
    if (q.before) {
      params.push(q.before[0], q.before[1]);
      where += ` AND (b.recorded_at, b.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(q.limit);
    return m.query(`SELECT ${BREACH_COLUMNS} FROM privacy_breaches b WHERE ${where} ORDER BY b.recorded_at DESC, b.id DESC LIMIT $${params.length}`, params);
  }

  async updateBreach(m: Db, id: string, version: number, set: Record<string, unknown>, at: Date): Promise<boolean> {
    const params: unknown[] = [id, version, at];
    const cols = Object.entries(set).map(([k, v]) => {
      params.push(v);
      return `${BREACH_SET[k]} = $${params.length}`;
    });
    const rows = rowsOf<{ id: string }>(
      await m.query(`UPDATE privacy_breaches SET ${[...cols, 'updated_at = $3', 'version = version + 1'].join(', ')} WHERE id = $1 AND version = $2 RETURNING id`, params),
    );
    return rows.length === 1;
  }

  async insertStep(m: Db, breachId: string, takenAt: Date, description: string, recordedBy: string | null, at: Date): Promise<string> {
    const rows: { id: string }[] = await m.query(
      'INSERT INTO privacy_breach_containment_steps (breach_id, taken_at, description, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [breachId, takenAt, description, recordedBy, at],
    );
    return rows[0].id;
  }

  steps(m: Db, breachId: string): Promise<StepRow[]> {
    return m.query(
      `SELECT s.id, s.taken_at AS "takenAt", s.description, s.recorded_by AS "recordedBy", ${name('s.recorded_by')} AS "recordedByName", s.recorded_at AS "recordedAt"
       FROM privacy_breach_containment_steps s WHERE s.breach_id = $1 ORDER BY s.taken_at, s.id`,
      [breachId],
    );
  }
}
