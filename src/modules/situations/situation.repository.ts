import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { preparedRows, rowsOf } from '../../common/database/query-result';
import { OVERDUE_STATUSES, type SituationAction, type SituationStatus } from './domain/situation-state';
import { SituationRow } from './situation.types';
import { actionCountsSql } from './situation-actions.repository';
import { AgencyMobilizationRow, currentMobilizationsJsonSql, mobilizationsFromJson } from './agency-mobilization.repository';
import { barriersFromJson, barriersJsonSql, SystemBarrierRow } from './system-barrier.repository';
import type { TimelineRow } from './domain/timeline';
import type { ActionCounts } from './domain/actions';

/** Every column, camel-cased: the one projection the service and mapper rely on. */
export const SITUATION_COLUMNS = `s.id, s.table_id AS "tableId", s.reference, s.status, s.version, s.taxonomy_version AS "taxonomyVersion",
  s.situation_type AS "situationType", s.age_band AS "ageBand", s.gender, s.risk_factors AS "riskFactors",
  s.protective_factors AS "protectiveFactors", s.study_flags AS "studyFlags", s.affected_persons AS "affectedPersons",
  s.narrative, s.imminent_harm AS "imminentHarm", s.agency_exhausted_options AS "agencyExhaustedOptions",
  s.sectors_needed AS "sectorsNeeded", s.originating_agency_id AS "originatingAgencyId", s.originating_sector AS "originatingSector", s.submitted_by AS "submittedBy",
  s.decision_outcome AS "decisionOutcome", s.decision_rationale AS "decisionRationale", s.decision_against_advice AS "decisionAgainstAdvice",
  s.decision_meeting_id AS "decisionMeetingId", s.decided_by AS "decidedBy", s.decided_at AS "decidedAt", s.withdrawn_at AS "withdrawnAt",
  s.information_needed AS "informationNeeded", s.deferred_at AS "deferredAt", s.deferred_by AS "deferredBy",
  s.lead_agency_id AS "leadAgencyId", s.lead_sector AS "leadSector", s.assisting_agency_ids AS "assistingAgencyIds",
  s.assigned_at AS "assignedAt", s.lead_assigned_at AS "leadAssignedAt", s.lead_answer AS "leadAnswer", s.lead_answer_agency_id AS "leadAnswerAgencyId",
  s.lead_answer_reason AS "leadAnswerReason", s.lead_answer_note AS "leadAnswerNote", s.lead_answered_at AS "leadAnsweredAt", s.lead_answered_by AS "leadAnsweredBy",
  s.mobilized_at AS "mobilizedAt", s.services, s.conclusion, s.consent_status AS "consentStatus",
  s.closure_note AS "closureNote", s.closed_at AS "closedAt", s.identity_purge_at AS "identityPurgeAt",
  s.identity_purged_at AS "identityPurgedAt", s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  s.last_assigned_at AS "lastAssignedAt",
  s.last_activity_at AS "lastActivityAt", s.dormant_flagged_at AS "dormantFlaggedAt", s.texts_erased_at AS "textsErasedAt",
  s.duplicate_of_id AS "duplicateOfId", s.duplicate_marked_at AS "duplicateMarkedAt",
  (SELECT o.reference FROM situations o WHERE o.id = s.duplicate_of_id) AS "duplicateOfReference",
  COALESCE((SELECT json_agg(json_build_object('id', d.id, 'reference', d.reference) ORDER BY d.duplicate_marked_at, d.id)
             FROM situations d WHERE d.duplicate_of_id = s.id), '[]'::json) AS "duplicates"`;

/**
 * When the 48-hour clock started, as SQL over a `situations` alias: the latest assignment, else the
 * decision (domain/mobilization-clock.ts `clockStart`, the same rule; on ACCEPTED, never assigned or
 * its lead declined, `last_assigned_at` is null).
 */
export const clockStartSql = (alias: string): string => `COALESCE(${alias}.last_assigned_at, ${alias}.decided_at)`;

/**
 * Intake in one statement: takes the table's next reference number for the year (the counter row
 * stays locked until commit, so numbers are gapless and unique under concurrent intakes), inserts
 * the situation and its SUBMIT transition. One round trip while the counter is locked instead of
 * three. The number is zero-padded to four digits and grows past 9999 (`lpad` alone would cut it).
 */
export const SUBMIT_SQL = `
  WITH counter AS (
    INSERT INTO situation_reference_counters (table_id, year, last) VALUES ($1, $19, 1)
    ON CONFLICT (table_id, year) DO UPDATE SET last = situation_reference_counters.last + 1 RETURNING last::text AS n
  ), inserted AS (
    INSERT INTO situations AS s (table_id, reference, status, taxonomy_version, situation_type, age_band, gender, risk_factors,
       protective_factors, study_flags, affected_persons, narrative, imminent_harm, agency_exhausted_options,
       originating_agency_id, originating_sector, submitted_by, created_at, updated_at, risk_categories, sectors_needed)
    SELECT $1, $2 || '-' || $19 || '-' || lpad(counter.n, greatest(4, length(counter.n)), '0'), 'SUBMITTED',
           $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18, $20
    FROM counter
    RETURNING ${SITUATION_COLUMNS}
  ), transition AS (
    INSERT INTO situation_transitions (situation_id, table_id, action, from_status, to_status, actor_id, actor_agency_id, at, details)
    SELECT inserted.id, $1, 'SUBMIT', NULL, 'SUBMITTED', $16, $14, $17, '{}' FROM inserted
  )
  SELECT * FROM inserted`;

export function submitParams(s: NewSituation): unknown[] {
  return [
    s.tableId,
    s.tableCode,
    s.taxonomyVersion,
    s.situationType,
    s.ageBand,
    s.gender,
    JSON.stringify(s.riskFactors),
    JSON.stringify(s.protectiveFactors),
    JSON.stringify(s.studyFlags),
    s.affectedPersons === null ? null : JSON.stringify(s.affectedPersons),
    s.narrative,
    s.imminentHarm,
    s.agencyExhaustedOptions,
    s.originatingAgencyId,
    s.originatingSector,
    s.submittedBy,
    s.createdAt,
    s.riskCategories,
    String(s.year),
    s.sectorsNeeded ?? null,
  ];
}

/** One situation of one table: the read behind every situation view. */
export const FIND_SQL = `SELECT ${SITUATION_COLUMNS} FROM situations s WHERE s.id = $1 AND s.table_id = $2`;

/**
 * A situation as GET /situations/:id shows it, in one statement: the row, its actions counted
 * (issue 16) and its current mobilisations. Three statements before (issue 18: each round trip to
 * PostgreSQL costs the server more than the query); the counts and the mobilisations are the SQL of
 * their own repositories.
 */
const READ_SQL = `SELECT ${SITUATION_COLUMNS},
  (SELECT row_to_json(c) FROM (${actionCountsSql('s.id', 's.table_id', '$3')}) c) AS "readActionCounts",
  (${currentMobilizationsJsonSql('s.id')}) AS "readMobilized",
  (${barriersJsonSql('s')}) AS "readBarriers"
  FROM situations s WHERE s.id = $1 AND s.table_id = $2`;

/** What findForRead answers: the situation, its actions counted and its current mobilisations. */
export interface SituationRead {
  row: SituationRow;
  actionCounts: ActionCounts;
  mobilized: AgencyMobilizationRow[];
  /** its system barriers, in the order recorded */
  barriers: SystemBarrierRow[];
}

/** Columns a transition may set, by their camel-case name. */
const SETTABLE: Record<string, string> = {
  taxonomyVersion: 'taxonomy_version',
  situationType: 'situation_type',
  ageBand: 'age_band',
  gender: 'gender',
  riskFactors: 'risk_factors',
  protectiveFactors: 'protective_factors',
  studyFlags: 'study_flags',
  riskCategories: 'risk_categories',
  affectedPersons: 'affected_persons',
  narrative: 'narrative',
  imminentHarm: 'imminent_harm',
  agencyExhaustedOptions: 'agency_exhausted_options',
  sectorsNeeded: 'sectors_needed',
  decisionOutcome: 'decision_outcome',
  decisionRationale: 'decision_rationale',
  decisionAgainstAdvice: 'decision_against_advice',
  decisionMeetingId: 'decision_meeting_id',
  decidedBy: 'decided_by',
  decidedAt: 'decided_at',
  withdrawnAt: 'withdrawn_at',
  informationNeeded: 'information_needed',
  deferredAt: 'deferred_at',
  deferredBy: 'deferred_by',
  deferralNotifiedAt: 'deferral_notified_at',
  leadAgencyId: 'lead_agency_id',
  leadSector: 'lead_sector',
  assistingAgencyIds: 'assisting_agency_ids',
  assignedAt: 'assigned_at',
  leadAssignedAt: 'lead_assigned_at',
  leadAnswer: 'lead_answer',
  leadAnswerAgencyId: 'lead_answer_agency_id',
  leadAnswerReason: 'lead_answer_reason',
  leadAnswerNote: 'lead_answer_note',
  leadAnsweredAt: 'lead_answered_at',
  leadAnsweredBy: 'lead_answered_by',
  leadAnswerNotifiedAt: 'lead_answer_notified_at',
  lastAssignedAt: 'last_assigned_at',
  overdueWarnedAt: 'overdue_warned_at',
  overdueNotifiedAt: 'overdue_notified_at',
  mobilizedAt: 'mobilized_at',
  services: 'services',
  conclusion: 'conclusion',
  consentStatus: 'consent_status',
  closureNote: 'closure_note',
  closedAt: 'closed_at',
  identityPurgeAt: 'identity_purge_at',
  identityPurgedAt: 'identity_purged_at',
  duplicateOfId: 'duplicate_of_id',
  duplicateMarkedAt: 'duplicate_marked_at',
};
const JSON_COLUMNS = new Set(['riskFactors', 'protectiveFactors', 'studyFlags', 'affectedPersons', 'services']);

export interface NewSituation {
  tableId: string;
  /** The table's code: the reference is `CODE-YEAR-NNNN`, numbered per table and year. */
  tableCode: string;
  year: number;
  taxonomyVersion: string;
  situationType: string;
  ageBand: string;
  gender: string | null;
  riskFactors: unknown;
  riskCategories: string[];
  /** the sectors the agency named as needed; absent or null: none named (the threshold counts the category map) */
  sectorsNeeded?: string[] | null;
  protectiveFactors: unknown;
  studyFlags: unknown;
  affectedPersons: unknown;
  narrative: string;
  imminentHarm: boolean;
  agencyExhaustedOptions: boolean;
  originatingAgencyId: string;
  originatingSector: string;
  submittedBy: string;
  createdAt: Date;
}

export interface ListFilter {
  tableId: string;
  status?: SituationStatus;
  /** situations this agency takes part in, in the given way (ANY: one of the three) */
  involvement?: { agencyId: string; as: 'ORIGINATED' | 'LEAD' | 'ASSISTING' | 'ANY' };
  /** overdue (true) or not (false) when the 48-hour clock started before this instant */
  overdue?: { value: boolean; startedBefore: Date };
  /** part of the reference, any case */
  reference?: string;
  after: [string, string] | null;
  limit: number;
}

@Injectable()
export class SituationRepository {
  constructor(private readonly db: DataSource) {}

  /** Files a new situation and its SUBMIT transition, numbered atomically: see SUBMIT_SQL. */
  async submit(m: EntityManager, s: NewSituation): Promise<SituationRow> {
    const rows: SituationRow[] = await m.query(SUBMIT_SQL, submitParams(s));
    return rows[0];
  }

  async find(m: EntityManager | DataSource, id: string, tableId: string): Promise<SituationRow | null> {
    const rows: SituationRow[] = m instanceof DataSource ? await preparedRows(m, 'situation.find', FIND_SQL, [id, tableId]) : await m.query(FIND_SQL, [id, tableId]);
    return rows[0] ?? null;
  }

  /** The situation with its actions counted (overdue: due before `today`, the table's local date) and its current mobilisations: READ_SQL. */
  async findForRead(db: DataSource, id: string, tableId: string, today: string): Promise<SituationRead | null> {
    type Read = SituationRow & {
      readActionCounts: SituationRead['actionCounts'];
      readMobilized: Parameters<typeof mobilizationsFromJson>[1];
      readBarriers: Parameters<typeof barriersFromJson>[0];
    };
    const [found] = await preparedRows<Read>(db, 'situation.read', READ_SQL, [id, tableId, today]);
    if (!found) return null;
    const { readActionCounts, readMobilized, readBarriers, ...row } = found;
    return { row, actionCounts: readActionCounts, mobilized: mobilizationsFromJson(row.id, readMobilized), barriers: barriersFromJson(readBarriers) };
  }

  /**
   * The atomic check-then-act of every transition: changes the row only if its status still allows
   * the action (and its version matches If-Match). Null when another request got there first.
   */
  async transition(
    m: EntityManager,
    where: { id: string; tableId: string; from: readonly SituationStatus[]; version?: number },
    to: SituationStatus,
    set: Partial<Record<keyof typeof SETTABLE, unknown>>,
    at: Date,
  ): Promise<SituationRow | null> {
    const params: unknown[] = [where.id, where.tableId, where.from, to, at];
    const assignments = Object.entries(set).map(([key, value]) => {
      const column = SETTABLE[key];
      if (!column) throw new Error(`situation column ${key} is not settable`);
      params.push(JSON_COLUMNS.has(key) && value !== null ? JSON.stringify(value) : value);
      return `${column} = $${params.length}`;
    });
    let versionClause = '';
    if (where.version !== undefined) {
      params.push(where.version);
      versionClause = ` AND s.version = $${params.length}`;
    }
    const result: unknown = await m.query(
      `UPDATE situations s SET status = $4, version = s.version + 1, updated_at = $5${assignments.map((a) => `, ${a}`).join('')}
       WHERE s.id = $1 AND s.table_id = $2 AND s.status = ANY($3::text[])${versionClause}
       RETURNING ${SITUATION_COLUMNS}`,
      params,
    );
    return rowsOf<SituationRow>(result)[0] ?? null;
  }

  async recordTransition(
    m: EntityManager,
    t: {
      situationId: string;
      tableId: string;
      /** LINK_DUPLICATE: on the original, another referral was marked its duplicate (no change of status) */
      action: SituationAction | 'SUBMIT' | 'LINK_DUPLICATE';
      from: SituationStatus | null;
      to: SituationStatus;
      actorId: string | null;
      actorAgencyId: string | null;
      meetingId?: string | null;
      at: Date;
      details?: object;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO situation_transitions (situation_id, table_id, action, from_status, to_status, actor_id, actor_agency_id, meeting_id, at, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [t.situationId, t.tableId, t.action, t.from, t.to, t.actorId, t.actorAgencyId, t.meetingId ?? null, t.at, JSON.stringify(t.details ?? {})],
    );
  }

  /** A page of the list, each situation with its current mobilisations (read in the same statement). */
  async list(m: EntityManager | DataSource, f: ListFilter): Promise<{ row: SituationRow; mobilized: AgencyMobilizationRow[] }[]> {
    const params: unknown[] = [f.tableId, f.limit + 1];
    let where = 's.table_id = $1';
    if (f.status) {
      params.push(f.status);
      where += ` AND s.status = $${params.length}`;
    }
    if (f.involvement) {
      params.push(f.involvement.agencyId);
      const a = `$${params.length}::uuid`;
      const by = {
        ORIGINATED: `s.originating_agency_id = ${a}`,
        LEAD: `s.lead_agency_id = ${a}`,
        ASSISTING: `${a} = ANY(s.assisting_agency_ids)`,
        ANY: `(s.originating_agency_id = ${a} OR s.lead_agency_id = ${a} OR ${a} = ANY(s.assisting_agency_ids))`,
      };
      where += ` AND ${by[f.involvement.as]}`;
    }
    if (f.overdue) {
      params.push(OVERDUE_STATUSES, f.overdue.startedBefore);
      const late = `(s.status = ANY($${params.length - 1}::text[]) AND ${clockStartSql('s')} < $${params.length}::timestamptz)`;
      where += f.overdue.value ? ` AND ${late}` : ` AND NOT ${late}`;
    }
    if (f.reference) {
      // the DTO lets only letters, digits and '-' through: no LIKE wildcard to escape
      params.push(`%${f.reference}%`);
      where += ` AND s.reference ILIKE $${params.length}`;
    }
    if (f.after) {
      params.push(f.after[0], f.after[1]);
      where += ` AND (s.created_at, s.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    const rows: (SituationRow & { readMobilized: Parameters<typeof mobilizationsFromJson>[1] })[] = await m.query(
      `SELECT ${SITUATION_COLUMNS}, (${currentMobilizationsJsonSql('s.id')}) AS "readMobilized" FROM situations s WHERE ${where} ORDER BY s.created_at, s.id LIMIT $2`,
      params,
    );
    return rows.map(({ readMobilized, ...row }) => ({ row, mobilized: mobilizationsFromJson(row.id, readMobilized) }));
  }

  /** Is the meeting one of this table's, and still open? */
  async meetingStatus(m: EntityManager, meetingId: string, tableId: string): Promise<'OPEN' | 'CLOSED' | null> {
    const rows: { status: 'OPEN' | 'CLOSED' }[] = await m.query('SELECT status FROM meetings WHERE id = $1 AND table_id = $2 FOR SHARE', [meetingId, tableId]);
    return rows[0]?.status ?? null;
  }

  async agencySectors(m: EntityManager, tableId: string, agencyIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; sector: string }[] = await m.query(
      `SELECT a.id, a.sector FROM agencies a JOIN table_agencies ta ON ta.agency_id = a.id AND ta.table_id = $1 WHERE a.id = ANY($2::uuid[])`,
      [tableId, agencyIds],
    );
    return new Map(rows.map((r) => [r.id, r.sector]));
  }

  get dataSource(): DataSource {
    return this.db;
  }

  /** The assignment history row of an (re)assignment, in the transition's transaction. */
  async recordAssignment(
    m: EntityManager,
    a: {
      situationId: string;
      tableId: string;
      leadAgencyId: string;
      leadSector: string;
      assisting: { agencyId: string; sector: string }[];
      assignedBy: string | null;
      assignedAt: Date;
      meetingId: string | null;
      previousLeadAgencyId: string | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO situation_assignments (situation_id, table_id, lead_agency_id, lead_sector, assisting, assigned_by, assigned_at, meeting_id, previous_lead_agency_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [a.situationId, a.tableId, a.leadAgencyId, a.leadSector, JSON.stringify(a.assisting), a.assignedBy, a.assignedAt, a.meetingId, a.previousLeadAgencyId],
    );
  }

  /**
   * Status and standing of a situation, locked until the transaction ends, for a write beside it (a
   * status update, an action, a contact attempt). FOR NO KEY UPDATE, not FOR SHARE: those writes touch
   * the situation row through the activity trigger (`last_activity_at`, migration RetentionErasure),
   * and two transactions holding a share lock that both go on to update the row deadlock. Writes on
   * one situation are serialised instead; reads and foreign keys are not blocked.
   */
  async standingForWrite(m: EntityManager, id: string, tableId: string): Promise<SituationRow | undefined> {
    const rows: SituationRow[] = await m.query(
      `SELECT id, status, reference, originating_agency_id AS "originatingAgencyId", lead_agency_id AS "leadAgencyId", assisting_agency_ids AS "assistingAgencyIds"
       FROM situations WHERE id = $1 AND table_id = $2 FOR NO KEY UPDATE`,
      [id, tableId],
    );
    return rows[0];
  }

  /** A de-identified status update (the note already checked); returns its id. */
  async insertUpdate(
    m: EntityManager,
    u: { situationId: string; tableId: string; note: string; authorId: string | null; authorAgencyId: string | null; meetingId: string | null; createdAt: Date },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO situation_updates (situation_id, table_id, note, author_id, author_agency_id, meeting_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [u.situationId, u.tableId, u.note, u.authorId, u.authorAgencyId, u.meetingId, u.createdAt],
    );
    return rows[0].id;
  }

  /**
   * A page of a situation's timeline, oldest first: its transitions and (unless `withUpdates` is
   * false) its status updates, its agencies' actions (created; marked done or not done) and contact
   * attempts, merged on (time, key) where the key names the source and its id (`t` and the
   * zero-padded transition id, `u` an update, `a` an action created, `b` an action's status, `c` a
   * contact attempt, each with its uuid), compared byte-wise.
   */
  timeline(
    m: EntityManager | DataSource,
    q: { situationId: string; tableId: string; withUpdates: boolean; after: readonly [string, string] | null; limit: number },
  ): Promise<TimelineRow[]> {
    return m.query(
      `SELECT e.*, a.name AS "agencyName" FROM (
         SELECT t.at, 't' || lpad(t.id::text, 19, '0') AS key, t.action, t.from_status AS "fromStatus", t.to_status AS "toStatus",
                t.actor_agency_id AS "agencyId", t.meeting_id AS "meetingId", t.details, NULL::text AS note, NULL::uuid AS "updateId"
         FROM situation_transitions t WHERE t.situation_id = $1 AND t.table_id = $2
         UNION ALL
         SELECT u.created_at, 'u' || u.id::text, 'POST_UPDATE', NULL, NULL, u.author_agency_id, u.meeting_id, '{}'::jsonb, u.note, u.id
         FROM situation_updates u WHERE u.situation_id = $1 AND u.table_id = $2 AND $3::boolean
         UNION ALL
         SELECT x.created_at, 'a' || x.id::text, 'ACTION_CREATE', NULL, NULL, x.owner_agency_id, x.meeting_id,
                jsonb_build_object('actionId', x.id, 'dueDate', to_char(x.due_date, 'YYYY-MM-DD'), 'description', x.description), NULL, NULL
         FROM situation_actions x WHERE x.situation_id = $1 AND x.table_id = $2 AND $3::boolean
         UNION ALL
         SELECT x.completed_at, 'b' || x.id::text, 'ACTION_STATUS', NULL, NULL, x.owner_agency_id, NULL,
                jsonb_build_object('actionId', x.id, 'actionStatus', x.status, 'reasonCode', x.reason_code, 'reasonNote', x.reason_note, 'description', x.description), NULL, NULL
         FROM situation_actions x WHERE x.situation_id = $1 AND x.table_id = $2 AND $3::boolean AND x.completed_at IS NOT NULL
         UNION ALL
         SELECT c.created_at, 'c' || c.id::text, 'CONTACT_ATTEMPT', NULL, NULL, c.agency_id, c.meeting_id,
                jsonb_build_object('contactAttemptId', c.id, 'attemptedAt', to_char(c.attempted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'outcome', c.outcome), c.note, NULL
         FROM situation_contact_attempts c WHERE c.situation_id = $1 AND c.table_id = $2 AND $3::boolean
       ) e LEFT JOIN agencies a ON a.id = e."agencyId"
       WHERE $4::timestamptz IS NULL OR (e.at, e.key COLLATE "C") > ($4::timestamptz, $5::text COLLATE "C")
       ORDER BY e.at, e.key COLLATE "C" LIMIT $6`,
      [q.situationId, q.tableId, q.withUpdates, q.after?.[0] ?? null, q.after?.[1] ?? null, q.limit],
    );
  }

  /** A page of a situation's status updates, oldest first. */
  updates(
    m: EntityManager | DataSource,
    q: { situationId: string; tableId: string; after: readonly [string, string] | null; limit: number },
  ): Promise<{ id: string; note: string; authorAgencyId: string | null; meetingId: string | null; createdAt: Date }[]> {
    return m.query(
      `SELECT u.id, u.note, u.author_agency_id AS "authorAgencyId", u.meeting_id AS "meetingId", u.created_at AS "createdAt"
       FROM situation_updates u WHERE u.situation_id = $1 AND u.table_id = $2 AND ($3::timestamptz IS NULL OR (u.created_at, u.id) > ($3::timestamptz, $4::uuid))
       ORDER BY u.created_at, u.id LIMIT $5`,
      [q.situationId, q.tableId, q.after?.[0] ?? null, q.after?.[1] ?? null, q.limit],
    );
  }

  /** The references of situations, by id (those of other tables than `tableIds` are left out). */
  references(m: EntityManager | DataSource, ids: string[], tableIds: string[]): Promise<{ id: string; tableId: string; reference: string }[]> {
    return m.query('SELECT id, table_id AS "tableId", reference FROM situations WHERE id = ANY($1::uuid[]) AND table_id = ANY($2::uuid[])', [ids, tableIds]);
  }

  /** The situations of a table by reference (exact, any case). */
  idsOfReferences(m: EntityManager | DataSource, tableId: string, references: string[]): Promise<{ id: string; reference: string }[]> {
    return m.query('SELECT id, reference FROM situations WHERE table_id = $1 AND upper(reference) = ANY($2::text[])', [tableId, references.map((r) => r.toUpperCase())]);
  }

  // ---- For other modules, through SituationRecordsService -----------------------------------------

  /** The transitions that named a meeting, with their situation's reference (its minutes). */
  meetingTransitions(
    m: EntityManager,
    meetingId: string,
  ): Promise<{ situationId: string; reference: string; action: string; at: Date; details: Record<string, unknown>; decisionRationale: string | null }[]> {
    return m.query(
      `SELECT t.situation_id AS "situationId", s.reference, t.action, t.at, t.details, s.decision_rationale AS "decisionRationale"
       FROM situation_transitions t JOIN situations s ON s.id = t.situation_id WHERE t.meeting_id = $1 ORDER BY t.id`,
      [meetingId],
    );
  }

  /** The status updates that named a meeting. */
  meetingUpdates(m: EntityManager, meetingId: string): Promise<{ situationId: string; reference: string; updateId: string; authorAgencyId: string; note: string; at: Date }[]> {
    return m.query(
      `SELECT u.situation_id AS "situationId", s.reference, u.id AS "updateId", u.author_agency_id AS "authorAgencyId", u.note, u.created_at AS at
       FROM situation_updates u JOIN situations s ON s.id = u.situation_id WHERE u.meeting_id = $1 ORDER BY u.created_at, u.id`,
      [meetingId],
    );
  }

  /**
   * The 48-hour clock's claims: situations whose clock (latest assignment, else the decision)
   * started more than `hours` ago, not mobilised, whose `mark` (the 24-hour warning or the 48-hour
   * alert) is not set yet: marked atomically, so each is claimed once (a reassignment clears the marks).
   */
  async claimClock(
    m: EntityManager,
    mark: 'WARNING' | 'ALERT',
    now: Date,
    hours: number,
    limit: number,
    /** the warning's window ends there: a clock already past it gets the alert, never a late warning */
    beforeHours: number | null = null,
  ): Promise<{ id: string; tableId: string; reference: string; status: SituationStatus; leadAgencyId: string | null; decidedAt: Date | null; lastAssignedAt: Date | null }[]> {
    const column = mark === 'WARNING' ? 'overdue_warned_at' : 'overdue_notified_at';
    // An alert also marks the warning: a clock found past 48 hours is not warned afterwards as if at 24.
    const also = mark === 'ALERT' ? ', overdue_warned_at = COALESCE(s.overdue_warned_at, $1)' : '';
    // The warning is the lead agency's: only for assigned situations (an alert also reaches the coordinators).
    // FOR NO KEY UPDATE: a notification being written about the row (its foreign key's KEY SHARE lock) does not make it skipped.
    const statuses = mark === 'WARNING' ? ['ASSIGNED'] : OVERDUE_STATUSES;
    return rowsOf(
      await m.query(
        `UPDATE situations s SET ${column} = $1${also}
         WHERE s.id IN (SELECT c.id FROM situations c WHERE c.status = ANY($4::text[]) AND c.${column} IS NULL
                        AND ${clockStartSql('c')} < $1::timestamptz - make_interval(hours => $2)
                        AND ($5::int IS NULL OR ${clockStartSql('c')} >= $1::timestamptz - make_interval(hours => $5)) ORDER BY ${clockStartSql('c')} LIMIT $3 FOR NO KEY UPDATE SKIP LOCKED)
         RETURNING s.id, s.table_id AS "tableId", s.reference, s.status, s.lead_agency_id AS "leadAgencyId", s.decided_at AS "decidedAt",
                   s.last_assigned_at AS "lastAssignedAt"`,
        [now, hours, limit, statuses, beforeHours],
      ),
    );
  }

  /**
   * The original a duplicate is marked against, by id or reference, at this table only (another
   * table's is not found, like one that does not exist); its id and status.
   */
  async findAtTable(m: EntityManager, tableId: string, by: { id: string } | { reference: string }): Promise<{ id: string; status: SituationStatus; reference: string } | null> {
    const [column, value] = 'id' in by ? ['id', by.id] : ['reference', by.reference];
    const rows: { id: string; status: SituationStatus; reference: string }[] = await m.query(
      `SELECT id, status, reference FROM situations WHERE table_id = $1 AND ${column === 'id' ? 'id = $2::uuid' : 'reference = $2'}`,
      [tableId, value],
    );
    return rows[0] ?? null;
  }

  /**
   * Locks a duplicate and its original in one order (by id) until the transaction ends, so two
   * coordinators marking each other's referral never deadlock; answers their statuses as locked.
   */
  async lockPair(m: EntityManager, tableId: string, ids: [string, string]): Promise<Map<string, SituationStatus>> {
    const rows: { id: string; status: SituationStatus }[] = await m.query(
      'SELECT id, status FROM situations WHERE table_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR NO KEY UPDATE',
      [tableId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** The status a closed situation was closed from (its latest CLOSE transition). */
  async closedFrom(m: EntityManager, id: string): Promise<SituationStatus | null> {
    const rows: { from: SituationStatus }[] = await m.query(
      `SELECT from_status AS "from" FROM situation_transitions WHERE situation_id = $1 AND action = 'CLOSE' ORDER BY id DESC LIMIT 1`,
      [id],
    );
    return rows[0]?.from ?? null;
  }

  /**
   * Deferred longer than their table's limit, not yet notified: marked notified atomically (a new
   * deferral clears the mark). Reads each table's `deferral_limit_days` in the same statement.
   */
  async claimDeferralsOverdue(
    m: EntityManager,
    now: Date,
    limit: number,
  ): Promise<{ id: string; tableId: string; reference: string; originatingAgencyId: string; deferredAt: Date }[]> {
    return rowsOf(
      await m.query(
        `UPDATE situations s SET deferral_notified_at = $1
         WHERE s.id IN (SELECT d.id FROM situations d JOIN situation_tables t ON t.id = d.table_id
                        WHERE d.status = 'DEFERRED' AND d.deferral_notified_at IS NULL
                          AND d.deferred_at < $1::timestamptz - make_interval(days => t.deferral_limit_days)
                        ORDER BY d.deferred_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
         RETURNING s.id, s.table_id AS "tableId", s.reference, s.originating_agency_id AS "originatingAgencyId", s.deferred_at AS "deferredAt"`,
        [now, limit],
      ),
    );
  }

  /**
   * Leads unanswered more than `hours` after they were given, not yet notified: marked notified
   * atomically (a new lead clears the mark).
   */
  async claimLeadAnswersOverdue(
    m: EntityManager,
    now: Date,
    hours: number,
    limit: number,
  ): Promise<{ id: string; tableId: string; reference: string; leadAgencyId: string; leadAssignedAt: Date }[]> {
    return rowsOf(
      await m.query(
        `UPDATE situations s SET lead_answer_notified_at = $1
         WHERE s.id IN (SELECT id FROM situations WHERE status = 'ASSIGNED' AND lead_answer IS NULL AND lead_answer_notified_at IS NULL
                        AND lead_assigned_at < $1::timestamptz - make_interval(hours => $2) ORDER BY lead_assigned_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING s.id, s.table_id AS "tableId", s.reference, s.lead_agency_id AS "leadAgencyId", s.lead_assigned_at AS "leadAssignedAt"`,
        [now, hours, limit],
      ),
    );
  }

  /** Situations whose identity purge date has come and that are not yet marked purged, locked (rows held elsewhere wait for the next run). */
  // ---- retention (issue 17: situations/domain/retention.ts) ----------------------------------------

  /**
   * Situations idle (no activity) longer than their table's flag period, in a status that can go
   * dormant, not yet flagged: marked flagged atomically (SKIP LOCKED: several servers flag each once).
   */
  async claimDormantFlags(
    m: EntityManager,
    now: Date,
    statuses: readonly SituationStatus[],
    limit: number,
  ): Promise<{ id: string; tableId: string; reference: string; lastActivityAt: Date }[]> {
    return rowsOf(
      await m.query(
        `UPDATE situations s SET dormant_flagged_at = $1
         WHERE s.id IN (SELECT d.id FROM situations d JOIN situation_tables t ON t.id = d.table_id
                        WHERE d.status = ANY($3::text[]) AND d.dormant_flagged_at IS NULL
                          AND d.last_activity_at < $1::timestamptz - make_interval(days => t.dormancy_flag_days)
                        ORDER BY d.last_activity_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
         RETURNING s.id, s.table_id AS "tableId", s.reference, s.last_activity_at AS "lastActivityAt"`,
        [now, limit, statuses],
      ),
    );
  }

  /** Flagged situations idle longer than their table's close period, locked (SKIP LOCKED), with the retention to set at closure. */
  dueForDormantClosure(
    m: EntityManager,
    now: Date,
    statuses: readonly SituationStatus[],
    limit: number,
  ): Promise<{ id: string; tableId: string; status: SituationStatus; lastActivityAt: Date; identityRetentionDays: number }[]> {
    return m.query(
      `SELECT d.id, d.table_id AS "tableId", d.status, d.last_activity_at AS "lastActivityAt", t.identity_retention_days AS "identityRetentionDays"
       FROM situations d JOIN situation_tables t ON t.id = d.table_id
       WHERE d.status = ANY($3::text[]) AND d.dormant_flagged_at IS NOT NULL
         AND d.last_activity_at < $1::timestamptz - make_interval(days => t.dormancy_close_days)
       ORDER BY d.last_activity_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
      [now, limit, statuses],
    );
  }

  /**
   * Situations whose free texts are due for erasure, locked (SKIP LOCKED): their identity purged, or
   * a stub (rejected, withdrawn, duplicate: no identity) its table's retention after it became one.
   */
  dueForTextErasure(m: EntityManager, now: Date, stubs: readonly SituationStatus[], limit: number): Promise<{ id: string; tableId: string; reference: string }[]> {
    return m.query(
      `SELECT s.id, s.table_id AS "tableId", s.reference FROM situations s JOIN situation_tables t ON t.id = s.table_id
       WHERE s.texts_erased_at IS NULL
         AND (s.identity_purged_at IS NOT NULL
              OR (s.status = ANY($3::text[]) AND s.updated_at < $1::timestamptz - make_interval(days => t.identity_retention_days)))
       ORDER BY s.id LIMIT $2 FOR UPDATE OF s SKIP LOCKED`,
      [now, limit, stubs],
    );
  }

  /**
   * Erases every free text of one situation, in its tables: the situation's own texts (narrative,
   * decision rationale, deferral question, closure note, lead decline note), the text keys of its
   * transitions' details, its status updates' notes, its actions' descriptions and reason notes,
   * its contact attempts' notes, its system barriers' notes; marks it erased. Returns what it erased, as counts.
   */
  async eraseTexts(
    m: EntityManager,
    id: string,
    textKeys: readonly string[],
    now: Date,
  ): Promise<{ situationFields: number; transitions: number; updates: number; actions: number; contactAttempts: number; systemBarriers: number }> {
    const own = rowsOf<{ n: number }>(
      await m.query(
        `WITH old AS (SELECT id, (narrative IS NOT NULL)::int + (decision_rationale IS NOT NULL)::int + (information_needed IS NOT NULL)::int
                               + (closure_note IS NOT NULL)::int + (lead_answer_note IS NOT NULL)::int AS n
                      FROM situations WHERE id = $1 FOR UPDATE)
         UPDATE situations s SET narrative = NULL, decision_rationale = NULL, information_needed = NULL, closure_note = NULL,
                lead_answer_note = NULL, texts_erased_at = $2
         FROM old WHERE s.id = old.id RETURNING old.n AS n`,
        [id, now],
      ),
    );
    const count = async (sql: string, params: unknown[]) => rowsOf<{ id: unknown }>(await m.query(sql, params)).length;
    return {
      situationFields: own[0]?.n ?? 0,
      transitions: await count(`UPDATE situation_transitions SET details = details - $2::text[] WHERE situation_id = $1 AND details ?| $2::text[] RETURNING id`, [id, textKeys]),
      updates: await count(`UPDATE situation_updates SET note = '' WHERE situation_id = $1 AND note <> '' RETURNING id`, [id]),
      actions: await count(
        `UPDATE situation_actions SET description = '', reason_note = NULL WHERE situation_id = $1 AND (description <> '' OR reason_note IS NOT NULL) RETURNING id`,
        [id],
      ),
      contactAttempts: await count(`UPDATE situation_contact_attempts SET note = NULL WHERE situation_id = $1 AND note IS NOT NULL RETURNING id`, [id]),
      systemBarriers: await count(`UPDATE situation_system_barriers SET note = NULL WHERE situation_id = $1 AND note IS NOT NULL RETURNING id`, [id]),
    };
  }

  dueForIdentityPurge(m: EntityManager, now: Date, limit: number): Promise<{ id: string; table_id: string }[]> {
    return m.query(
      `SELECT id, table_id FROM situations WHERE identity_purge_at <= $1 AND identity_purged_at IS NULL
       ORDER BY identity_purge_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async markIdentityPurged(m: EntityManager, ids: string[], now: Date): Promise<void> {
    await m.query('UPDATE situations SET identity_purged_at = $2 WHERE id = ANY($1::uuid[])', [ids, now]);
  }
}
