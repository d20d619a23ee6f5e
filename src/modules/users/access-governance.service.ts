import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Principal } from '../../common/authz/principal';
import type { TableRole } from '../../common/authz/roles';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { PrincipalCache } from '../auth/principal-cache';
import { DeidentificationService } from '../deidentification/deidentification.service';
import { NotificationService } from '../notifications/notification.service';
import { TableService } from '../tables/table.service';
import {
  AcceptanceView,
  AccessReviewView,
  AgreementAdminView,
  AgreementVersionView,
  AgreementView,
  CertificationView,
  PendingUndertakingDetailView,
  RemovalRequestView,
  UndertakingState,
} from './access-governance.dto';
import { AccessGovernanceRepository, RemovalRequestRow, RemovalStatus } from './access-governance.repository';
import { ACCESS_REVIEW_GRACE_DAYS, reviewState } from './domain/access-review';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * The privacy officer's governance of a table's access (issue 17, section 3): the members and
 * their grants with names, the periodic access review (certify each grant, or ask the
 * administrators to remove it), and the confidentiality undertaking (a versioned agreement the
 * administrator publishes and every role holder accepts before their roles are active).
 * Every write is audited on the table's chain in its transaction; reads of the members are audited.
 */
@Injectable()
export class AccessGovernanceService {
  constructor(
    private readonly repo: AccessGovernanceRepository,
    private readonly tables: TableService,
    private readonly audit: AuditService,
    private readonly deid: DeidentificationService,
    private readonly notifications: NotificationService,
    private readonly principals: PrincipalCache,
    private readonly clock: Clock,
    private readonly db: DataSource,
  ) {}

  /** The table's members and grants with their review status, for its privacy officer (audited read). */
  async review(actor: Actor, tableId: string): Promise<AccessReviewView> {
    const [table, agencies, grants, agreement] = await Promise.all([
      this.tables.get(tableId),
      this.tables.agencies(tableId),
      this.repo.reviewGrants(tableId),
      this.repo.currentAgreement(this.db, tableId),
    ]);
    const names = new Map(agencies.map((a) => [a.agencyId, a.name]));
    const now = this.clock.now();
    const counts = { certified: 0, new: 0, uncertified: 0 };
    const views = grants.map((g) => {
      const state = reviewState({ grantedAt: g.grantedAt, lastCertifiedAt: g.lastCertifiedAt, periodDays: table.accessReviewDays, now });
      counts[state.status === 'CERTIFIED' ? 'certified' : state.status === 'NEW' ? 'new' : 'uncertified']++;
      const undertaking: UndertakingState = !agreement ? 'NO_AGREEMENT' : g.acceptedVersion === agreement.version ? 'ACCEPTED' : 'PENDING';
      return {
        userId: g.userId,
        displayName: g.displayName,
        agencyId: g.agencyId,
        agencyName: g.agencyId ? (names.get(g.agencyId) ?? null) : null,
        active: g.active,
        role: g.role,
        grantedAt: g.grantedAt.toISOString(),
        grantedBy: g.grantedBy,
        grantedByName: g.grantedByName,
        status: state.status,
        dueAt: state.dueAt.toISOString(),
        uncertified: state.uncertified,
        lastCertifiedAt: iso(g.lastCertifiedAt),
        lastCertifiedByName: g.lastCertifiedByName,
        openRemovalRequestId: g.openRemovalRequestId,
        undertaking,
        acceptedVersion: g.acceptedVersion,
      };
    });
    await this.audit.recordAlone(actor, { action: 'access_review.read', tableId, details: { grants: views.length, uncertified: counts.uncertified } });
    return {
      tableId,
      periodDays: table.accessReviewDays,
      graceDays: Math.min(ACCESS_REVIEW_GRACE_DAYS, table.accessReviewDays),
      agreement: agreement ? { version: agreement.version, publishedAt: agreement.publishedAt.toISOString(), publishedByName: agreement.publishedByName } : null,
      agencies,
      counts,
      grants: views,
    };
  }

  /** The privacy officer certifies a grant for the table's review period (not their own: no one reviews their own access). */
  async certify(actor: Actor, tableId: string, dto: { userId: string; role: TableRole; note?: string }): Promise<CertificationView> {
    if (dto.userId === actor.userId) throw DomainError.conflict('OWN_GRANT');
    const note = dto.note?.trim() || null;
    if (note) await this.deid.check({ note }, { actor, tableId, action: 'access_review.certify' });
    const table = await this.tables.get(tableId);
    const row = await this.db.transaction(async (m) => {
      if (!(await this.repo.lockGrant(m, tableId, dto.userId, dto.role))) throw DomainError.notFound('role grant');
      const created = await this.repo.certify(m, {
        tableId,
        userId: dto.userId,
        role: dto.role,
        certifiedAt: this.clock.now(),
        certifiedBy: actor.userId!,
        periodDays: table.accessReviewDays,
        note,
      });
      await this.audit.record(m, actor, {
        action: 'access_review.certify',
        tableId,
        details: { certificationId: created.id, userId: dto.userId, role: dto.role, periodDays: table.accessReviewDays, withNote: note !== null },
      });
      return created;
    });
    return {
      id: row.id,
      tableId,
      userId: row.userId,
      role: row.role,
      certifiedAt: row.certifiedAt.toISOString(),
      periodDays: row.periodDays,
      dueAt: new Date(row.certifiedAt.getTime() + row.periodDays * 86_400_000).toISOString(),
      note: row.note,
    };
  }

  /**
   * The privacy officer asks the administrators to remove a grant: an OPEN request, every active
   * administrator notified in the same transaction. The revocation stays the administrator's act
   * (DELETE /tables/:tableId/roles/:userId/:role closes the request as REVOKED).
   */
  async requestRemoval(actor: Actor, tableId: string, dto: { userId: string; role: TableRole; reason: string }): Promise<RemovalRequestView> {
    if (dto.userId === actor.userId) throw DomainError.conflict('OWN_GRANT');
    const reason = dto.reason.trim();
    await this.deid.check({ reason }, { actor, tableId, action: 'access_review.removal_request' });
    const id = await this.db.transaction(async (m) => {
      if (!(await this.repo.lockGrant(m, tableId, dto.userId, dto.role))) throw DomainError.notFound('role grant');
      const created = await this.repo.requestRemoval(m, { tableId, userId: dto.userId, role: dto.role, reason, requestedAt: this.clock.now(), requestedBy: actor.userId! });
      if (!created) throw DomainError.conflict('REMOVAL_ALREADY_REQUESTED');
      await this.notifications.accessRemovalRequested(m, await this.repo.administrators(m), { tableId, requestId: created, userId: dto.userId, role: dto.role });
      await this.audit.record(m, actor, { action: 'access_review.removal_request', tableId, details: { requestId: created, userId: dto.userId, role: dto.role } });
      return created;
    });
    return this.requestView(tableId, (await this.repo.removalRequest(this.db, tableId, id))!);
  }

  /** The table's removal requests, for the administrators (audited read: it names people). */
  async removalRequests(actor: Actor, tableId: string, status: RemovalStatus | null): Promise<RemovalRequestView[]> {
    if (!(await this.tables.exists(tableId))) throw DomainError.notFound('table');
    const rows = await this.repo.removalRequests(tableId, status);
    await this.audit.recordAlone(actor, { action: 'access_review.removal_requests.read', tableId, details: { status, count: rows.length } });
    const names = await this.agencyNames(tableId);
    return rows.map((r) => this.mapRequest(r, names));
  }

  /** An administrator declines an open removal request (the grant stays), with an optional de-identified note. */
  /** Why a removal request cannot be declined, whatever the note: no such table or request (404), closed (409). */
  async declineRefusal(tableId: string, id: string): Promise<DomainError | null> {
    if (!(await this.tables.exists(tableId))) return DomainError.notFound('table');
    const found = await this.repo.removalRequest(this.db, tableId, id);
    if (!found) return DomainError.notFound('removal request');
    return found.status === 'OPEN' ? null : DomainError.conflict('REMOVAL_REQUEST_CLOSED');
  }

  /** Why the undertaking cannot be accepted, whatever the version sent: the table has no agreement (409). */
  async acceptRefusal(tableId: string): Promise<DomainError | null> {
    return (await this.repo.currentAgreement(this.db, tableId)) ? null : DomainError.conflict('NO_AGREEMENT');
  }

  async declineRemoval(actor: Actor, tableId: string, id: string, note?: string): Promise<RemovalRequestView> {
    if (!(await this.tables.exists(tableId))) throw DomainError.notFound('table');
    const text = note?.trim() || null;
    if (text) await this.deid.check({ note: text }, { actor, tableId, action: 'access_review.removal_decline' });
    await this.db.transaction(async (m) => {
      const found = await this.repo.removalRequest(m, tableId, id);
      if (!found) throw DomainError.notFound('removal request');
      if (!(await this.repo.decline(m, tableId, id, this.clock.now(), actor.userId!, text))) throw DomainError.conflict('REMOVAL_REQUEST_CLOSED');
      await this.audit.record(m, actor, {
        action: 'access_review.removal_decline',
        tableId,
        details: { requestId: id, userId: found.userId, role: found.role, withNote: text !== null },
      });
    });
    return this.requestView(tableId, (await this.repo.removalRequest(this.db, tableId, id))!);
  }

  /** In the administrator's revocation: closes the grant's open removal request (answers the ids closed, for the audit entry). */
  resolveRemovalByRevocation(m: EntityManager, actor: Actor, tableId: string, userId: string, role: TableRole): Promise<string[]> {
    return this.repo.resolveByRevocation(m, tableId, userId, role, this.clock.now(), actor.userId);
  }

  /**
   * An administrator publishes the next version of the table's agreement. Every role holder's
   * roles at the table stop being active until they accept it: their principals are invalidated
   * on every server (NOTIFY in the transaction, forgotten here after commit).
   */
  async publish(actor: Actor, tableId: string, dto: { textEn: string; textFr: string }): Promise<AgreementVersionView> {
    if (!(await this.tables.exists(tableId))) throw DomainError.notFound('table');
    const { version, holders } = await this.db.transaction(async (m) => {
      const published = await this.repo.publish(m, { tableId, textEn: dto.textEn.trim(), textFr: dto.textFr.trim(), publishedAt: this.clock.now(), publishedBy: actor.userId! });
      const affected = await this.repo.holders(m, tableId);
      for (const userId of affected) await this.principals.announce(m, userId);
      await this.audit.record(m, actor, { action: 'agreement.publish', tableId, details: { version: published, holders: affected.length } });
      return { version: published, holders: affected };
    });
    for (const userId of holders) this.principals.forget(userId);
    const row = (await this.repo.agreement(tableId, version))!;
    return { tableId, version, textEn: row.textEn, textFr: row.textFr, publishedAt: row.publishedAt.toISOString(), publishedByName: row.publishedByName, acceptances: 0 };
  }

  /** Every version, with how many accepted each, and how many role holders are still pending; for the administrators. */
  async versions(tableId: string): Promise<AgreementAdminView> {
    if (!(await this.tables.exists(tableId))) throw DomainError.notFound('table');
    const [rows, grants] = await Promise.all([this.repo.agreementVersions(tableId), this.repo.reviewGrants(tableId)]);
    const current = rows[0]?.version ?? null;
    const holders = new Map<string, number | null>(grants.map((g) => [g.userId, g.acceptedVersion]));
    return {
      tableId,
      currentVersion: current,
      holders: holders.size,
      pending: current === null ? 0 : [...holders.values()].filter((v) => v !== current).length,
      versions: rows.map((r) => ({
        tableId,
        version: r.version,
        textEn: r.textEn,
        textFr: r.textFr,
        publishedAt: r.publishedAt.toISOString(),
        publishedByName: r.publishedByName,
        acceptances: r.acceptances,
      })),
    };
  }

  /** The table's current agreement as a member reads it, and whether they accepted it. */
  async current(user: Principal, tableId: string): Promise<AgreementView> {
    const row = await this.repo.currentAgreement(this.db, tableId);
    if (!row) return { tableId, published: false, version: null, textEn: null, textFr: null, publishedAt: null, acceptedAt: null };
    const acceptedAt = await this.repo.acceptedAt(tableId, row.version, user.id);
    return { tableId, published: true, version: row.version, textEn: row.textEn, textFr: row.textFr, publishedAt: row.publishedAt.toISOString(), acceptedAt: iso(acceptedAt) };
  }

  /** The member accepts the current version (the one they read): recorded, audited, and their roles at the table are active at once on every server. */
  async accept(user: Principal, actor: Actor, tableId: string, version: number): Promise<AcceptanceView> {
    const result = await this.db.transaction(async (m) => {
      const current = await this.repo.currentAgreement(m, tableId);
      if (!current) throw DomainError.conflict('NO_AGREEMENT');
      if (current.version !== version) throw DomainError.conflict('AGREEMENT_VERSION_NOT_CURRENT');
      const accepted = await this.repo.accept(m, tableId, version, user.id, this.clock.now());
      if (accepted.first) {
        await this.principals.announce(m, user.id);
        await this.audit.record(m, actor, { action: 'agreement.accept', tableId, details: { version } });
      }
      return accepted;
    });
    this.principals.forget(user.id);
    return { tableId, version, acceptedAt: result.acceptedAt.toISOString() };
  }

  /** The agreements the caller must accept, with their text and table name. */
  async pending(user: Principal): Promise<PendingUndertakingDetailView[]> {
    const out: PendingUndertakingDetailView[] = [];
    for (const p of user.pendingUndertakings ?? []) {
      const [row, table] = await Promise.all([this.repo.agreement(p.tableId, p.version), this.tables.get(p.tableId)]);
      if (row) out.push({ tableId: p.tableId, tableName: table.name, version: row.version, textEn: row.textEn, textFr: row.textFr, publishedAt: row.publishedAt.toISOString() });
    }
    return out;
  }

  private async agencyNames(tableId: string): Promise<Map<string, string>> {
    return new Map((await this.tables.agencies(tableId)).map((a) => [a.agencyId, a.name]));
  }

  private async requestView(tableId: string, row: RemovalRequestRow): Promise<RemovalRequestView> {
    return this.mapRequest(row, await this.agencyNames(tableId));
  }

  private mapRequest(r: RemovalRequestRow, names: Map<string, string>): RemovalRequestView {
    return {
      id: r.id,
      tableId: r.tableId,
      userId: r.userId,
      displayName: r.displayName,
      agencyId: r.agencyId,
      agencyName: r.agencyId ? (names.get(r.agencyId) ?? null) : null,
      role: r.role,
      reason: r.reason,
      requestedAt: r.requestedAt.toISOString(),
      requestedByName: r.requestedByName,
      status: r.status,
      resolvedAt: iso(r.resolvedAt),
      resolvedByName: r.resolvedByName,
      resolutionNote: r.resolutionNote,
    };
  }
}
