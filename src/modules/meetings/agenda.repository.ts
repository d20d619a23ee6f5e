import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';
import { SituationRow } from '../situations/situation.types';
import type { AgendaItemStatus, AgendaOrigin } from './domain/agenda';

/** A stored agenda item with the de-identified columns of its situation the item shows (no free text). */
export interface AgendaItemRow {
  situationId: string;
  position: number;
  status: AgendaItemStatus;
  origin: AgendaOrigin;
  deferredFromMeetingId: string | null;
  deferredToMeetingId: string | null;
  discussedAt: Date | null;
  discussedBy: string | null;
  situation: Pick<SituationRow, 'id' | 'reference' | 'status' | 'riskFactors' | 'sectorsNeeded' | 'imminentHarm' | 'agencyExhaustedOptions' | 'originatingSector' | 'leadSector'>;
}

export interface AttendeeRow {
  meetingId: string;
  userId: string;
  displayName: string;
  agencyId: string;
  sector: string;
}

const ITEM = `i.situation_id AS "situationId", i.position, i.status, i.origin, i.deferred_from_meeting_id AS "deferredFromMeetingId",
  i.deferred_to_meeting_id AS "deferredToMeetingId", i.discussed_at AS "discussedAt", i.discussed_by AS "discussedBy",
  json_build_object('id', s.id, 'reference', s.reference, 'status', s.status, 'riskFactors', s.risk_factors, 'sectorsNeeded', s.sectors_needed,
    'imminentHarm', s.imminent_harm, 'agencyExhaustedOptions', s.agency_exhausted_options, 'originatingSector', s.originating_sector,
    'leadSector', s.lead_sector) AS situation`;

/** The agenda items and attendees of meetings (tables meeting_agenda_items and meeting_attendees, this module's). */
@Injectable()
export class AgendaRepository {
  constructor(private readonly db: DataSource) {}

  /** A meeting's stored items in their order. */
  items(m: EntityManager | DataSource, meetingId: string): Promise<AgendaItemRow[]> {
    return m.query(`SELECT ${ITEM} FROM meeting_agenda_items i JOIN situations s ON s.id = i.situation_id WHERE i.meeting_id = $1 ORDER BY i.position, i.id`, [meetingId]);
  }

  /** A situation of the table by id or reference, for adding it to an agenda (status only). */
  async situationAt(m: EntityManager, tableId: string, by: { id?: string; reference?: string }): Promise<{ id: string; status: string } | null> {
    const rows: { id: string; status: string }[] = by.id
      ? await m.query('SELECT id, status FROM situations WHERE id = $1 AND table_id = $2', [by.id, tableId])
      : await m.query('SELECT id, status FROM situations WHERE reference = $1 AND table_id = $2', [by.reference, tableId]);
    return rows[0] ?? null;
  }

  /** Stores items (each situation once per meeting: an item already there is left as it is). */
  async insert(
    m: EntityManager,
    meetingId: string,
    tableId: string,
    items: { situationId: string; position: number; origin: AgendaOrigin; deferredFromMeetingId?: string | null }[],
    by: string | null,
  ): Promise<void> {
    if (items.length === 0) return;
    await m.query(
      `INSERT INTO meeting_agenda_items (meeting_id, table_id, situation_id, position, origin, deferred_from_meeting_id, created_by)
       SELECT $1, $2, x.situation_id, x.position, x.origin, x.deferred_from, $3
       FROM unnest($4::uuid[], $5::int[], $6::text[], $7::uuid[]) AS x(situation_id, position, origin, deferred_from)
       ON CONFLICT (meeting_id, situation_id) DO NOTHING`,
      [meetingId, tableId, by, items.map((i) => i.situationId), items.map((i) => i.position), items.map((i) => i.origin), items.map((i) => i.deferredFromMeetingId ?? null)],
    );
  }

  async maxPosition(m: EntityManager, meetingId: string): Promise<number> {
    const rows: { max: number | null }[] = await m.query('SELECT max(position)::int AS max FROM meeting_agenda_items WHERE meeting_id = $1', [meetingId]);
    return rows[0]?.max ?? 0;
  }

  /** Lists a removed item again, last, as added by the coordinator. */
  async relist(m: EntityManager, meetingId: string, situationId: string, position: number): Promise<void> {
    await m.query(`UPDATE meeting_agenda_items SET status = 'LISTED', origin = 'ADDED', position = $3 WHERE meeting_id = $1 AND situation_id = $2 AND status = 'REMOVED'`, [
      meetingId,
      situationId,
      position,
    ]);
  }

  async setStatus(
    m: EntityManager,
    meetingId: string,
    situationId: string,
    status: 'REMOVED' | 'DEFERRED' | 'DISCUSSED',
    extra: { deferredToMeetingId?: string; discussedAt?: Date; discussedBy?: string | null } = {},
  ): Promise<boolean> {
    const rows = rowsOf<{ situation_id: string }>(
      await m.query(
        `UPDATE meeting_agenda_items SET status = $3, deferred_to_meeting_id = $4, discussed_at = $5, discussed_by = $6
       WHERE meeting_id = $1 AND situation_id = $2 AND status = 'LISTED' RETURNING situation_id`,
        [meetingId, situationId, status, extra.deferredToMeetingId ?? null, extra.discussedAt ?? null, extra.discussedBy ?? null],
      ),
    );
    return rows.length > 0;
  }

  /** Positions 1..n in the order given. */
  async setOrder(m: EntityManager, meetingId: string, situationIds: string[]): Promise<void> {
    await m.query(
      `UPDATE meeting_agenda_items i SET position = x.n FROM unnest($2::uuid[]) WITH ORDINALITY AS x(situation_id, n)
       WHERE i.meeting_id = $1 AND i.situation_id = x.situation_id`,
      [meetingId, situationIds],
    );
  }

  /** The table's next open meeting after the given one by date, locked (an item deferred to it is written there). */
  async nextMeeting(m: EntityManager, tableId: string, meeting: { id: string; scheduledFor: Date }): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM meetings WHERE table_id = $1 AND status = 'OPEN' AND (scheduled_for, id) > ($2::timestamptz, $3::uuid)
       ORDER BY scheduled_for, id LIMIT 1 FOR UPDATE`,
      [tableId, meeting.scheduledFor, meeting.id],
    );
    return rows[0]?.id ?? null;
  }

  /** The open meeting scheduled within [from, to], the latest, share-locked (domain/agenda.ts, inProgressWindow). */
  async inProgress(m: EntityManager, tableId: string, from: Date, to: Date): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM meetings WHERE table_id = $1 AND status = 'OPEN' AND scheduled_for BETWEEN $2 AND $3
       ORDER BY scheduled_for DESC, id DESC LIMIT 1 FOR SHARE`,
      [tableId, from, to],
    );
    return rows[0]?.id ?? null;
  }

  /** The distinct sectors of the agencies recorded present; null when none is. */
  async sectorsPresent(m: EntityManager | DataSource, meetingId: string): Promise<string[] | null> {
    const rows: { sectors: string[] | null }[] = await m.query(
      `SELECT (SELECT array_agg(DISTINCT a.sector ORDER BY a.sector) FROM agencies a WHERE a.id = ANY(mt.attendance)) AS sectors FROM meetings mt WHERE mt.id = $1`,
      [meetingId],
    );
    return rows[0]?.sectors ?? null;
  }

  attendees(m: EntityManager | DataSource, meetingIds: string[]): Promise<AttendeeRow[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return m.query(
      `SELECT meeting_id AS "meetingId", user_id AS "userId", display_name AS "displayName", agency_id AS "agencyId", sector
       FROM meeting_attendees WHERE meeting_id = ANY($1::uuid[]) ORDER BY display_name, user_id`,
      [meetingIds],
    );
  }

  async setAttendees(m: EntityManager, meetingId: string, attendees: Omit<AttendeeRow, 'meetingId'>[]): Promise<void> {
    await m.query('DELETE FROM meeting_attendees WHERE meeting_id = $1', [meetingId]);
    if (attendees.length === 0) return;
    await m.query(
      `INSERT INTO meeting_attendees (meeting_id, user_id, display_name, agency_id, sector)
       SELECT $1, x.user_id, x.display_name, x.agency_id, x.sector FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[]) AS x(user_id, display_name, agency_id, sector)`,
      [meetingId, attendees.map((a) => a.userId), attendees.map((a) => a.displayName), attendees.map((a) => a.agencyId), attendees.map((a) => a.sector)],
    );
  }

  get dataSource(): DataSource {
    return this.db;
  }
}
