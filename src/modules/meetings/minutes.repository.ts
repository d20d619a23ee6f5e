import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';
import { MinutesView } from './meeting.dto';

export interface ApprovedMinutesRow {
  meetingId: string;
  document: MinutesView;
  approvedAt: Date;
  approvedByName: string;
  approvedAtMeetingId: string;
}

const APPROVED = `meeting_id AS "meetingId", document, approved_at AS "approvedAt", approved_by_name AS "approvedByName", approved_at_meeting_id AS "approvedAtMeetingId"`;

/** Approved minutes (meeting_minutes: written once, immutable by trigger) and the published agenda. */
@Injectable()
export class MinutesRepository {
  async approved(m: EntityManager, meetingId: string): Promise<ApprovedMinutesRow | null> {
    const rows: ApprovedMinutesRow[] = await m.query(`SELECT ${APPROVED} FROM meeting_minutes WHERE meeting_id = $1`, [meetingId]);
    return rows[0] ?? null;
  }

  async approve(
    m: EntityManager,
    row: { meetingId: string; tableId: string; document: MinutesView; approvedAt: Date; approvedBy: string; approvedByName: string; approvedAtMeetingId: string },
  ): Promise<ApprovedMinutesRow> {
    const rows: ApprovedMinutesRow[] = await m.query(
      `INSERT INTO meeting_minutes (meeting_id, table_id, document, approved_at, approved_by, approved_by_name, approved_at_meeting_id)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7) RETURNING ${APPROVED}`,
      [row.meetingId, row.tableId, JSON.stringify(row.document), row.approvedAt, row.approvedBy, row.approvedByName, row.approvedAtMeetingId],
    );
    return rows[0];
  }

  /**
   * The approved minutes of a table that list a situation (its decisions, updates or actions), locked:
   * the retention erasure rewrites them.
   */
  async approvedListing(m: EntityManager, tableId: string, situationId: string): Promise<{ meetingId: string; document: MinutesView }[]> {
    const one = JSON.stringify([{ situationId }]);
    return m.query(
      `SELECT meeting_id AS "meetingId", document FROM meeting_minutes
       WHERE table_id = $1 AND (document->'decisions' @> $2::jsonb OR document->'updates' @> $2::jsonb OR document->'actions' @> $2::jsonb)
       ORDER BY meeting_id FOR UPDATE`,
      [tableId, one],
    );
  }

  /**
   * Replaces an approved document with its erased version: the one change the immutability trigger
   * lets through, declared for this transaction only (app.retention_erasure) and to the document only.
   */
  async replaceErased(m: EntityManager, meetingId: string, document: MinutesView): Promise<void> {
    await m.query(`SELECT set_config('app.retention_erasure', 'on', true)`);
    await m.query('UPDATE meeting_minutes SET document = $2::jsonb WHERE meeting_id = $1', [meetingId, JSON.stringify(document)]);
    await m.query(`SELECT set_config('app.retention_erasure', 'off', true)`);
  }

  /** The table's next meeting by date after this one (ties by id), share-locked when asked so that closing it waits. */
  async next(m: EntityManager, tableId: string, meetingId: string, lock = false): Promise<{ id: string; status: 'OPEN' | 'CLOSED'; scheduledFor: Date } | null> {
    const rows: { id: string; status: 'OPEN' | 'CLOSED'; scheduledFor: Date }[] = await m.query(
      `SELECT n.id, n.status, n.scheduled_for AS "scheduledFor" FROM meetings n, meetings c
       WHERE c.id = $2 AND n.table_id = $1 AND (n.scheduled_for, n.id) > (c.scheduled_for, c.id)
       ORDER BY n.scheduled_for, n.id LIMIT 1${lock ? ' FOR SHARE OF n' : ''}`,
      [tableId, meetingId],
    );
    return rows[0] ?? null;
  }

  async scheduledFor(m: EntityManager, meetingId: string): Promise<Date | null> {
    const rows: { scheduledFor: Date }[] = await m.query('SELECT scheduled_for AS "scheduledFor" FROM meetings WHERE id = $1', [meetingId]);
    return rows[0]?.scheduledFor ?? null;
  }

  /** Marks the agenda published, once: false when it already was. */
  async publishAgenda(m: EntityManager, meetingId: string, by: string | null, at: Date): Promise<boolean> {
    return (
      rowsOf<{ id: string }>(
        await m.query(`UPDATE meetings SET agenda_published_at = $3, agenda_published_by = $2 WHERE id = $1 AND agenda_published_at IS NULL RETURNING id`, [meetingId, by, at]),
      ).length === 1
    );
  }
}
