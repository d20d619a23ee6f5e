import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { TableRole } from '../../common/authz/roles';
import { affectedOf, rowsOf } from '../../common/database/query-result';

export interface ReviewGrantRow {
  userId: string;
  displayName: string;
  agencyId: string | null;
  active: boolean;
  role: TableRole;
  grantedAt: Date;
  grantedBy: string | null;
  grantedByName: string | null;
  lastCertifiedAt: Date | null;
  lastCertifiedByName: string | null;
  openRemovalRequestId: string | null;
  acceptedVersion: number | null;
}

export interface CertificationRow {
  id: string;
  tableId: string;
  userId: string;
  role: TableRole;
  certifiedAt: Date;
  certifiedBy: string;
  periodDays: number;
  note: string | null;
}

export const REMOVAL_STATUSES = ['OPEN', 'REVOKED', 'DECLINED'] as const;
export type RemovalStatus = (typeof REMOVAL_STATUSES)[number];

export interface RemovalRequestRow {
  id: string;
  tableId: string;
  userId: string;
  displayName: string;
  agencyId: string | null;
  role: TableRole;
  reason: string;
  requestedAt: Date;
  requestedBy: string;
  requestedByName: string;
  status: RemovalStatus;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
}

export interface AgreementRow {
  tableId: string;
  version: number;
  textEn: string;
  textFr: string;
  publishedAt: Date;
  publishedBy: string;
  publishedByName: string;
}

const REQUEST_COLUMNS = `r.id, r.table_id AS "tableId", r.user_id AS "userId", u.display_name AS "displayName", u.agency_id AS "agencyId", r.role, r.reason,
  r.requested_at AS "requestedAt", r.requested_by AS "requestedBy", q.display_name AS "requestedByName", r.status, r.resolved_at AS "resolvedAt",
  v.display_name AS "resolvedByName", r.resolution_note AS "resolutionNote"
  FROM access_removal_requests r JOIN users u ON u.id = r.user_id JOIN users q ON q.id = r.requested_by LEFT JOIN users v ON v.id = r.resolved_by`;

const AGREEMENT_COLUMNS = `a.table_id AS "tableId", a.version, a.text_en AS "textEn", a.text_fr AS "textFr", a.published_at AS "publishedAt",
  a.published_by AS "publishedBy", p.display_name AS "publishedByName"`;

/** The access review (certifications, removal requests) and the confidentiality agreements of the tables. */
@Injectable()
export class AccessGovernanceRepository {
  constructor(private readonly db: DataSource) {}

  /** Every role held at the table with its holder, who granted it, its last certification, its open removal request and the holder's latest accepted agreement version. */
  reviewGrants(tableId: string): Promise<ReviewGrantRow[]> {
    return this.db.query(
      `SELECT r.user_id AS "userId", u.display_name AS "displayName", u.agency_id AS "agencyId", u.active, r.role,
              r.granted_at AS "grantedAt", r.granted_by AS "grantedBy", g.display_name AS "grantedByName",
              c.certified_at AS "lastCertifiedAt", cu.display_name AS "lastCertifiedByName",
              (SELECT q.id FROM access_removal_requests q WHERE q.table_id = r.table_id AND q.user_id = r.user_id AND q.role = r.role AND q.status = 'OPEN') AS "openRemovalRequestId",
              (SELECT max(x.version) FROM agreement_acceptances x WHERE x.table_id = r.table_id AND x.user_id = r.user_id) AS "acceptedVersion"
       FROM user_roles r JOIN users u ON u.id = r.user_id LEFT JOIN users g ON g.id = r.granted_by
       LEFT JOIN LATERAL (SELECT certified_at, certified_by FROM access_certifications ac
                          WHERE ac.table_id = r.table_id AND ac.user_id = r.user_id AND ac.role = r.role AND ac.certified_at >= r.granted_at
                          ORDER BY ac.certified_at DESC LIMIT 1) c ON true
       LEFT JOIN users cu ON cu.id = c.certified_by
       WHERE r.table_id = $1 ORDER BY u.display_name, u.id, r.role`,
      [tableId],
    );
  }

  /** When the grant was made (locked until the transaction ends, so a revocation waits), or null when there is no such grant. */
  async lockGrant(m: EntityManager, tableId: string, userId: string, role: TableRole): Promise<Date | null> {
    const rows: { granted_at: Date }[] = await m.query('SELECT granted_at FROM user_roles WHERE table_id = $1 AND user_id = $2 AND role = $3 FOR SHARE', [tableId, userId, role]);
    return rows[0]?.granted_at ?? null;
  }

  async certify(m: EntityManager, values: Omit<CertificationRow, 'id'>): Promise<CertificationRow> {
    const rows: CertificationRow[] = await m.query(
      `INSERT INTO access_certifications (table_id, user_id, role, certified_at, certified_by, period_days, note) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, table_id AS "tableId", user_id AS "userId", role, certified_at AS "certifiedAt", certified_by AS "certifiedBy", period_days AS "periodDays", note`,
      [values.tableId, values.userId, values.role, values.certifiedAt, values.certifiedBy, values.periodDays, values.note],
    );
    return rows[0];
  }

  /** A new OPEN request, or null when one is already open for the grant. */
  async requestRemoval(
    m: EntityManager,
    values: { tableId: string; userId: string; role: TableRole; reason: string; requestedAt: Date; requestedBy: string },
  ): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO access_removal_requests (table_id, user_id, role, reason, requested_at, requested_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (table_id, user_id, role) WHERE status = 'OPEN' DO NOTHING RETURNING id`,
      [values.tableId, values.userId, values.role, values.reason, values.requestedAt, values.requestedBy],
    );
    return rows[0]?.id ?? null;
  }

  async removalRequest(m: EntityManager | DataSource, tableId: string, id: string): Promise<RemovalRequestRow | null> {
    const rows: RemovalRequestRow[] = await m.query(`SELECT ${REQUEST_COLUMNS} WHERE r.table_id = $1 AND r.id = $2`, [tableId, id]);
    return rows[0] ?? null;
  }

  removalRequests(tableId: string, status: RemovalStatus | null): Promise<RemovalRequestRow[]> {
    return this.db.query(`SELECT ${REQUEST_COLUMNS} WHERE r.table_id = $1 AND ($2::text IS NULL OR r.status = $2) ORDER BY r.requested_at DESC, r.id LIMIT 500`, [tableId, status]);
  }

  /** Closes the open request of a grant as REVOKED (the administrator revoked the role); answers the ids closed. */
  async resolveByRevocation(m: EntityManager, tableId: string, userId: string, role: TableRole, at: Date, by: string | null): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await m.query(
        `UPDATE access_removal_requests SET status = 'REVOKED', resolved_at = $4, resolved_by = $5
         WHERE table_id = $1 AND user_id = $2 AND role = $3 AND status = 'OPEN' RETURNING id`,
        [tableId, userId, role, at, by],
      ),
    );
    return rows.map((r) => r.id);
  }

  /** Declines an OPEN request; false when it is not open (or not of this table). */
  async decline(m: EntityManager, tableId: string, id: string, at: Date, by: string, note: string | null): Promise<boolean> {
    return (
      affectedOf(
        await m.query(
          `UPDATE access_removal_requests SET status = 'DECLINED', resolved_at = $3, resolved_by = $4, resolution_note = $5
           WHERE table_id = $1 AND id = $2 AND status = 'OPEN'`,
          [tableId, id, at, by, note],
        ),
      ) === 1
    );
  }

  /** The active administrators (who are told of a removal request). */
  async administrators(m: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await m.query('SELECT id FROM users WHERE is_admin AND active ORDER BY id');
    return rows.map((r) => r.id);
  }

  async currentAgreement(m: EntityManager | DataSource, tableId: string): Promise<AgreementRow | null> {
    const rows: AgreementRow[] = await m.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM table_agreements a JOIN users p ON p.id = a.published_by WHERE a.table_id = $1 ORDER BY a.version DESC LIMIT 1`,
      [tableId],
    );
    return rows[0] ?? null;
  }

  async agreement(tableId: string, version: number): Promise<AgreementRow | null> {
    const rows: AgreementRow[] = await this.db.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM table_agreements a JOIN users p ON p.id = a.published_by WHERE a.table_id = $1 AND a.version = $2`,
      [tableId, version],
    );
    return rows[0] ?? null;
  }

  /** Every version of the table's agreement, the latest first, with how many users accepted each. */
  agreementVersions(tableId: string): Promise<(AgreementRow & { acceptances: number })[]> {
    return this.db.query(
      `SELECT ${AGREEMENT_COLUMNS}, (SELECT count(*)::int FROM agreement_acceptances x WHERE x.table_id = a.table_id AND x.version = a.version) AS acceptances
       FROM table_agreements a JOIN users p ON p.id = a.published_by WHERE a.table_id = $1 ORDER BY a.version DESC`,
      [tableId],
    );
  }

  /** Publishes the next version (the table's versions serialised by a lock on the table row). */
  async publish(m: EntityManager, values: { tableId: string; textEn: string; textFr: string; publishedAt: Date; publishedBy: string }): Promise<number> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`agreement:${values.tableId}`]);
    const rows: { version: number }[] = await m.query(
      `INSERT INTO table_agreements (table_id, version, text_en, text_fr, published_at, published_by)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM table_agreements WHERE table_id = $1 RETURNING version`,
      [values.tableId, values.textEn, values.textFr, values.publishedAt, values.publishedBy],
    );
    return rows[0].version;
  }

  /** Records the acceptance; null when the user had already accepted this version (answers the first acceptance's time then). */
  async accept(m: EntityManager, tableId: string, version: number, userId: string, at: Date): Promise<{ acceptedAt: Date; first: boolean }> {
    const rows: { accepted_at: Date }[] = await m.query(
      `INSERT INTO agreement_acceptances (table_id, version, user_id, accepted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING accepted_at`,
      [tableId, version, userId, at],
    );
    if (rows[0]) return { acceptedAt: rows[0].accepted_at, first: true };
    const before: { accepted_at: Date }[] = await m.query('SELECT accepted_at FROM agreement_acceptances WHERE table_id = $1 AND version = $2 AND user_id = $3', [
      tableId,
      version,
      userId,
    ]);
    return { acceptedAt: before[0].accepted_at, first: false };
  }

  async acceptedAt(tableId: string, version: number, userId: string): Promise<Date | null> {
    const rows: { accepted_at: Date }[] = await this.db.query('SELECT accepted_at FROM agreement_acceptances WHERE table_id = $1 AND version = $2 AND user_id = $3', [
      tableId,
      version,
      userId,
    ]);
    return rows[0]?.accepted_at ?? null;
  }

  /** Everyone holding a role at the table (whose principal a new version changes). */
  async holders(m: EntityManager, tableId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await m.query('SELECT DISTINCT user_id FROM user_roles WHERE table_id = $1 ORDER BY user_id', [tableId]);
    return rows.map((r) => r.user_id);
  }
}
