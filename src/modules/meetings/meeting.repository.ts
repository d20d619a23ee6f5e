import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { preparedRows, rowsOf } from '../../common/database/query-result';
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
  agendaPublishedAt: Date | null;
}

/** What an agenda item shows (and the threshold needs): no narrative, notes or other free text. */
const AGENDA_COLUMNS = `s.id, s.table_id AS "tableId", s.reference, s.status, s.situation_type AS "situationType", s.age_band AS "ageBand",
  s.risk_factors AS "riskFactors", s.imminent_harm AS "imminentHarm", s.agency_exhausted_options AS "agencyExhaustedOptions",
  s.sectors_needed AS "sectorsNeeded", s.originating_sector AS "originatingSector", s.lead_sector AS "leadSector", s.decided_at AS "decidedAt", s.created_at AS "createdAt", s.deferred_at AS "deferredAt",
  s.lead_agency_id AS "leadAgencyId", s.lead_assigned_at AS "leadAssignedAt", s.lead_answer AS "leadAnswer",
  s.last_assigned_at AS "lastAssignedAt"`;

export type AgendaSection = 'updates' | 'newSituations' | 'overdue';

export interface AgendaRows {
  updates: (SituationRow & { lastUpdateAt: Date | null })[];
  newSituations: SituationRow[];
  overdue: SituationRow[];
  /** how many situations each section holds in all (each section returns at most the limit) */
  totals: Record<AgendaSection, number>;
}

/**
 * The agenda in one statement (MeetingRepository.agenda): $1 table, $2 late before, $3 items per
 * section. Late: the 48-hour clock (situations/domain/mobilization-clock.ts) started before $2, from
 * the latest assignment, else the decision: COALESCE(last_assigned_at, decided_at).
 */
const AGENDA_SQL = `WITH totals AS (
     SELECT (SELECT count(*)::int FROM situations WHERE table_id = $1 AND status IN ('ACCEPTED','ASSIGNED','MOBILIZED')) AS "updatesTotal",
            (SELECT count(*)::int FROM situations WHERE table_id = $1 AND status = 'SUBMITTED') AS "newSituationsTotal",
            (SELECT count(*)::int FROM situations WHERE table_id = $1 AND status IN ('ACCEPTED','ASSIGNED')
               AND COALESCE(last_assigned_at, decided_at) < $2) AS "overdueTotal"
   ), items AS (
     (SELECT 'updates' AS section, 1 AS part, ${AGENDA_COLUMNS},
             (SELECT max(u.created_at) FROM situation_updates u WHERE u.situation_id = s.id) AS "lastUpdateAt"
      FROM situations s WHERE s.table_id = $1 AND s.status IN ('ACCEPTED','ASSIGNED','MOBILIZED') ORDER BY s.decided_at, s.id LIMIT $3)
     UNION ALL
     (SELECT 'newSituations', 2, ${AGENDA_COLUMNS}, NULL
      FROM situations s WHERE s.table_id = $1 AND s.status = 'SUBMITTED' ORDER BY s.created_at, s.id LIMIT $3)
     UNION ALL
     -- Accepted or assigned, their 48-hour clock run out, oldest first: situations_agenda_late_idx holds
     -- the clock in this order (and the count above reads that index alone).
     (SELECT 'overdue', 3, ${AGENDA_COLUMNS}, NULL
      FROM situations s WHERE s.table_id = $1 AND s.status IN ('ACCEPTED','ASSIGNED') AND COALESCE(s.last_assigned_at, s.decided_at) < $2
      ORDER BY COALESCE(s.last_assigned_at, s.decided_at), s.id LIMIT $3)
   )
   SELECT i.*, t.* FROM totals t LEFT JOIN items i ON true`;

const MEETING = `id, table_id AS "tableId", scheduled_for AS "scheduledFor", kind, status, attendance, created_at AS "createdAt", closed_at AS "closedAt",
  agenda_published_at AS "agendaPublishedAt"`;

@Injectable()
export class MeetingRepository {
  constructor(private readonly db: DataSource) {}

  async create(m: EntityManager, tableId: string, scheduledFor: Date, kind: string, createdBy: string | null): Promise<MeetingRow> {
    const rows: MeetingRow[] = await m.query(`INSERT INTO meetings (table_id, scheduled_for, kind, created_by) VALUES ($1, $2, $3, $4) RETURNING ${MEETING}`, [
      tableId,
      scheduledFor,
      kind,
      createdBy,
    ]);
    return rows[0];
  }

  async find(m: EntityManager | DataSource, id: string, tableId: string, lock = false): Promise<MeetingRow | null> {
    const rows: MeetingRow[] = await m.query(`SELECT ${MEETING} FROM meetings WHERE id = $1 AND table_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, tableId]);
    return rows[0] ?? null;
  }

  page(tableId: string, after: [string, string] | null, limit: number, upcomingFrom: Date | null = null): Promise<MeetingRow[]> {
    const params: unknown[] = [tableId, limit + 1];
    let where = 'table_id = $1';
    if (after) {
      params.push(after[0], after[1]);
      where += ` AND (scheduled_for, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    if (upcomingFrom) {
      params.push(upcomingFrom);
      where += ` AND status = 'OPEN' AND scheduled_for >= $${params.length}`;
    }
    return this.db.query(`SELECT ${MEETING} FROM meetings WHERE ${where} ORDER BY scheduled_for, id LIMIT $2`, params);
  }

  async setAttendance(m: EntityManager, id: string, agencyIds: string[]): Promise<MeetingRow> {
    return rowsOf<MeetingRow>(await m.query(`UPDATE meetings SET attendance = $2 WHERE id = $1 RETURNING ${MEETING}`, [id, agencyIds]))[0];
  }

  async close(m: EntityManager, id: string, by: string | null, at: Date): Promise<MeetingRow | null> {
    return (
      rowsOf<MeetingRow>(
        await m.query(`UPDATE meetings SET status = 'CLOSED', closed_at = $3, closed_by = $2 WHERE id = $1 AND status = 'OPEN' RETURNING ${MEETING}`, [id, by, at]),
      )[0] ?? null
    );
  }

  memberAgencies(m: EntityManager | DataSource, tableId: string): Promise<{ agencyId: string; name: string; sector: string }[]> {
    return m.query(`SELECT a.id AS "agencyId", a.name, a.sector FROM table_agencies ta JOIN agencies a ON a.id = ta.agency_id WHERE ta.table_id = $1 ORDER BY a.name`, [tableId]);
  }

  /**
   * The agenda in one statement: at most `limit` items of each section (open situations oldest
   * decision first, with the time of their last update; referrals awaiting a decision oldest first;
   * accepted or assigned situations whose 48-hour clock started before `lateBefore`), and how many
   * each section holds in all. Served by situations_agenda_open_idx, situations_agenda_late_idx and
   * situations_table_status_idx: it reads the items it returns and counts index entries, whatever
   * the size of the table.
   */
  async agenda(tableId: string, lateBefore: Date, limit: number): Promise<AgendaRows> {
    const rows = await preparedRows<
      SituationRow & { section: AgendaSection | null; lastUpdateAt: Date | null; updatesTotal: number; newSituationsTotal: number; overdueTotal: number }
    >(this.db, 'meeting.agenda', AGENDA_SQL, [tableId, lateBefore, limit]);
    const out: AgendaRows = {
      updates: [],
      newSituations: [],
      overdue: [],
      totals: { updates: rows[0]?.updatesTotal ?? 0, newSituations: rows[0]?.newSituationsTotal ?? 0, overdue: rows[0]?.overdueTotal ?? 0 },
    };
    for (const r of rows) if (r.section) out[r.section].push(r);
    // Each part is read in its own order (ORDER BY ... LIMIT inside it); UNION ALL does not promise
    // to keep it, so it is restored here (uuids compare as their lower-case text).
    // (NULLS LAST, as ORDER BY has them).
    const by = (at: (r: SituationRow) => Date | null) => (a: SituationRow, b: SituationRow) =>
      (at(a)?.getTime() ?? Infinity) - (at(b)?.getTime() ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    out.updates.sort(by((r) => r.decidedAt));
    out.newSituations.sort(by((r) => r.createdAt));
    out.overdue.sort(by((r) => r.lastAssignedAt ?? r.decidedAt));
    return out;
  }
}
