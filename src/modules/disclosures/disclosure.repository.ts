import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { affectedOf, rowsOf } from '../../common/database/query-result';

type Db = EntityManager | DataSource;

export interface DisclosureRow {
  id: string;
  tableId: string;
  situationId: string;
  reference: string;
  identityVersion: number;
  legalAuthority: string;
  taxonomyVersion: string;
  disclosingAgencyId: string;
  disclosingAgencyName: string;
  receivingAgencyIds: string[];
  receivingAgencyNames: string[];
  fields: string[];
  disclosedAt: Date;
  disclosedBy: string;
  noticeMethodRequired: string | null;
  noticeDueAt: Date | null;
  noticeGivenAt: Date | null;
  noticeMethod: string | null;
  consentRequired: boolean;
  consentAgencyId: string | null;
  consentAgencyName: string | null;
  consentObtainedAt: Date | null;
  consentScope: string | null;
}

export interface NewDisclosure {
  tableId: string;
  situationId: string;
  identityVersion: number;
  legalAuthority: string;
  taxonomyVersion: string;
  disclosingAgencyId: string;
  receivingAgencyIds: string[];
  fields: string[];
  disclosedAt: Date;
  disclosedBy: string;
  noticeMethodRequired: string | null;
  noticeDueAt: Date | null;
  consentRequired: boolean;
  consent: { agencyId: string; obtainedAt: Date; scope: string } | null;
}

/** A disclosure whose notice is overdue, claimed for its alert. */
export interface OverdueNotice {
  id: string;
  tableId: string;
  situationId: string;
  reference: string;
  noticeDueAt: Date;
}

const SELECT = `
  SELECT d.id, d.table_id AS "tableId", d.situation_id AS "situationId", s.reference, d.identity_version AS "identityVersion",
         d.legal_authority AS "legalAuthority", d.taxonomy_version AS "taxonomyVersion",
         d.disclosing_agency_id AS "disclosingAgencyId", da.name AS "disclosingAgencyName",
         d.receiving_agency_ids AS "receivingAgencyIds",
         ARRAY(SELECT a.name FROM unnest(d.receiving_agency_ids) WITH ORDINALITY r(id, n) JOIN agencies a ON a.id = r.id ORDER BY r.n) AS "receivingAgencyNames",
         d.fields, d.disclosed_at AS "disclosedAt", d.disclosed_by AS "disclosedBy",
         d.notice_method_required AS "noticeMethodRequired", d.notice_due_at AS "noticeDueAt", d.notice_given_at AS "noticeGivenAt",
         d.notice_method AS "noticeMethod", d.consent_required AS "consentRequired", d.consent_agency_id AS "consentAgencyId",
         ca.name AS "consentAgencyName", d.consent_obtained_at AS "consentObtainedAt", d.consent_scope AS "consentScope"
  FROM identity_disclosures d
  JOIN situations s ON s.id = d.situation_id
  JOIN agencies da ON da.id = d.disclosing_agency_id
  LEFT JOIN agencies ca ON ca.id = d.consent_agency_id`;

/** SQL of a notice status at $now (disclosure-rules.ts noticeStatus, the same rule for filtering). */
const NOTICE_STATUS_SQL = (now: string) =>
  `CASE WHEN d.notice_due_at IS NULL THEN 'NOT_REQUIRED' WHEN d.notice_given_at IS NOT NULL THEN 'GIVEN' WHEN ${now} > d.notice_due_at THEN 'OVERDUE' ELSE 'PENDING' END`;

/** The only code that reads or writes identity_disclosures. */
@Injectable()
export class DisclosureRepository {
  constructor(private readonly db: DataSource) {}

  /** The sector of an agency (the disclosing agency's, for the authority's sectors). */
  async sectorOf(m: Db, agencyId: string): Promise<string | null> {
    const rows = rowsOf<{ sector: string }>(await m.query('SELECT sector FROM agencies WHERE id = $1', [agencyId]));
    return rows[0]?.sector ?? null;
  }

  async insert(m: EntityManager, d: NewDisclosure): Promise<string> {
    const rows = rowsOf<{ id: string }>(
      await m.query(
        `INSERT INTO identity_disclosures (table_id, situation_id, identity_version, legal_authority, taxonomy_version, disclosing_agency_id,
           receiving_agency_ids, fields, disclosed_at, disclosed_by, notice_method_required, notice_due_at, consent_required,
           consent_agency_id, consent_obtained_at, consent_scope, consent_recorded_by, consent_recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8::text[], $9, $10, $11, $12, $13, $14, $15, $16,
           CASE WHEN $14::uuid IS NULL THEN NULL ELSE $10::uuid END, CASE WHEN $14::uuid IS NULL THEN NULL ELSE $9::timestamptz END)
         RETURNING id`,
        [
          d.tableId,
          d.situationId,
          d.identityVersion,
          d.legalAuthority,
          d.taxonomyVersion,
          d.disclosingAgencyId,
          d.receivingAgencyIds,
          d.fields,
          d.disclosedAt,
          d.disclosedBy,
          d.noticeMethodRequired,
          d.noticeDueAt,
          d.consentRequired,
          d.consent?.agencyId ?? null,
          d.consent?.obtainedAt ?? null,
          d.consent?.scope ?? null,
        ],
      ),
    );
    return rows[0].id;
  }

  /** One disclosure of a situation, locked for the write that follows when `m` is a transaction. */
  async find(m: Db, situationId: string, disclosureId: string, lock = false): Promise<DisclosureRow | null> {
    const rows = rowsOf<DisclosureRow>(await m.query(`${SELECT} WHERE d.situation_id = $1 AND d.id = $2${lock ? ' FOR UPDATE OF d' : ''}`, [situationId, disclosureId]));
    return rows[0] ?? null;
  }

  /** A situation's disclosures, newest first (at most a few: one per identity write). */
  async ofSituation(m: Db, situationId: string, tableId: string): Promise<DisclosureRow[]> {
    return rowsOf<DisclosureRow>(
      await m.query(`${SELECT} WHERE d.situation_id = $1 AND d.table_id = $2 ORDER BY d.disclosed_at DESC, d.id DESC LIMIT 200`, [situationId, tableId]),
    );
  }

  /** Whether any disclosure of the situation was made under an authority that requires consent. */
  async anyUnderConsent(m: Db, situationId: string): Promise<boolean> {
    const rows = rowsOf<{ yes: boolean }>(await m.query('SELECT EXISTS (SELECT 1 FROM identity_disclosures WHERE situation_id = $1 AND consent_required) AS yes', [situationId]));
    return rows[0]?.yes ?? false;
  }

  /** The register: a table's disclosures of [from, to), newest first, after the cursor, optionally of one notice status at `now`. */
  async page(
    m: Db,
    q: { tableId: string; from: Date; to: Date; now: Date; noticeStatus?: string; after: readonly [string, string] | null },
    limit: number,
  ): Promise<DisclosureRow[]> {
    const params: unknown[] = [q.tableId, q.from, q.to, q.now, limit + 1];
    let where = 'd.table_id = $1 AND d.disclosed_at >= $2 AND d.disclosed_at < $3';
    if (q.noticeStatus) {
      params.push(q.noticeStatus);
      where += ` AND ${NOTICE_STATUS_SQL('$4::timestamptz')} = $${params.length}`;
    }
    if (q.after) {
      params.push(q.after[0], q.after[1]);
      where += ` AND (d.disclosed_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    return rowsOf<DisclosureRow>(await m.query(`${SELECT} WHERE ${where} AND $4::timestamptz IS NOT NULL ORDER BY d.disclosed_at DESC, d.id DESC LIMIT $5`, params));
  }

  /** The latest disclosure of a situation now read by another agency: that agency is a receiving agency too. */
  async addReceiver(m: Db, situationId: string, agencyId: string): Promise<void> {
    await m.query(
      `UPDATE identity_disclosures SET receiving_agency_ids = receiving_agency_ids || $2::uuid
       WHERE id = (SELECT id FROM identity_disclosures WHERE situation_id = $1 ORDER BY disclosed_at DESC, id DESC LIMIT 1)
         AND disclosing_agency_id <> $2 AND NOT ($2 = ANY(receiving_agency_ids))`,
      [situationId, agencyId],
    );
  }

  async recordNotice(m: EntityManager, id: string, n: { givenAt: Date; method: string; by: string; at: Date }): Promise<boolean> {
    return (
      affectedOf(
        await m.query(
          `UPDATE identity_disclosures SET notice_given_at = $2, notice_method = $3, notice_recorded_by = $4, notice_recorded_at = $5
           WHERE id = $1 AND notice_given_at IS NULL RETURNING id`,
          [id, n.givenAt, n.method, n.by, n.at],
        ),
      ) > 0
    );
  }

  async recordConsent(m: EntityManager, id: string, c: { agencyId: string; obtainedAt: Date; scope: string; by: string; at: Date }): Promise<void> {
    await m.query(
      `UPDATE identity_disclosures SET consent_agency_id = $2, consent_obtained_at = $3, consent_scope = $4, consent_recorded_by = $5, consent_recorded_at = $6
       WHERE id = $1`,
      [id, c.agencyId, c.obtainedAt, c.scope, c.by, c.at],
    );
  }

  /**
   * Claims the disclosures whose notice is overdue at `now` and not yet alerted (marked in the same
   * statement, rows another server holds skipped): each is alerted once, whatever the replicas.
   */
  async claimOverdueNotices(m: EntityManager, now: Date, limit: number): Promise<OverdueNotice[]> {
    return rowsOf<OverdueNotice>(
      await m.query(
        `WITH due AS (
           SELECT id FROM identity_disclosures
           WHERE notice_due_at IS NOT NULL AND notice_given_at IS NULL AND notice_overdue_alerted_at IS NULL AND notice_due_at < $1
           ORDER BY notice_due_at LIMIT $2 FOR UPDATE SKIP LOCKED
         )
         UPDATE identity_disclosures d SET notice_overdue_alerted_at = $1 FROM due, situations s
         WHERE d.id = due.id AND s.id = d.situation_id
         RETURNING d.id, d.table_id AS "tableId", d.situation_id AS "situationId", s.reference, d.notice_due_at AS "noticeDueAt"`,
        [now, limit],
      ),
    );
  }

  /** What the disclosures routes need of a situation: its standing and type. */
  async situationOf(m: Db, situationId: string, tableId: string): Promise<{ originatingAgencyId: string; leadAgencyId: string | null; assistingAgencyIds: string[] } | null> {
    const rows = rowsOf<{ originatingAgencyId: string; leadAgencyId: string | null; assistingAgencyIds: string[] }>(
      await m.query(
        `SELECT originating_agency_id AS "originatingAgencyId", lead_agency_id AS "leadAgencyId", assisting_agency_ids AS "assistingAgencyIds"
         FROM situations WHERE id = $1 AND table_id = $2`,
        [situationId, tableId],
      ),
    );
    return rows[0] ?? null;
  }

  get dataSource(): DataSource {
    return this.db;
  }
}
