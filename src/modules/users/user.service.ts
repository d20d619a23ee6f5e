import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor } from '../../common/authz/principal';
import type { TableRole } from '../../common/authz/roles';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage, TIME_ID_CURSOR } from '../../common/http/pagination';
import { AgencyService } from '../agencies/agency.service';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../auth/password-hasher';
import { PrincipalCache } from '../auth/principal-cache';
import { passwordProblem } from '../auth/password-policy';
import { PasswordRules } from '../auth/password-rules';
import { NotificationService } from '../notifications/notification.service';
import { ROW_LEVEL_ROLES } from '../regions/domain/region-rules';
import { Clock } from '../../common/clock/clock';
import { ConfigurationError } from '../../config/environment';
import { TableService } from '../tables/table.service';
import { RoleGrantResult } from '../tables/table.dto';
import { AdminUserView, CreateUserDto, TableMembersView, UpdateUserDto } from './user.dto';
import { mapUser } from './user.mapper';
import { UserRepository } from './user.repository';
import { AccessGovernanceService } from './access-governance.service';

@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly agencies: AgencyService,
    private readonly tables: TableService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly principals: PrincipalCache,
    private readonly passwords: PasswordRules,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
    private readonly governance: AccessGovernanceService,
  ) {}

  /** The password given is the administrator's: temporary, the user chooses their own at first sign-in. */
  async create(actor: Actor, dto: CreateUserDto): Promise<AdminUserView> {
    await this.passwords.check(dto.password, { email: dto.email, displayName: dto.displayName, agencyId: dto.agencyId });
    if (!(await this.agencies.find(dto.agencyId))) throw DomainError.validation([{ field: 'agencyId', problem: 'no such agency' }]);
    if (await this.users.emailTaken(dto.email)) throw DomainError.conflict('EMAIL_TAKEN');
    const passwordHash = await this.hasher.hash(dto.password);
    const user = await this.db.transaction(async (m) => {
      const created = await this.users.create(m, {
        email: dto.email.trim(),
        displayName: dto.displayName.trim(),
        passwordHash,
        agencyId: dto.agencyId,
        isAdmin: dto.isAdmin ?? false,
        active: true,
        tokenVersion: 0,
        passwordChangeRequired: true,
      });
      await this.audit.record(m, actor, { action: 'user.create', details: { userId: created.id, agencyId: dto.agencyId, isAdmin: created.isAdmin, temporaryPassword: true } });
      return (await this.users.findById(created.id, m))!;
    });
    return mapUser(user, []);
  }

  /**
   * Creates the first ADMIN from BOOTSTRAP_ADMIN_* when no user exists (serialised across starts).
   * Its password is the operator's, not an administrator's: not temporary (SECURITY.md).
   */
  async bootstrapAdmin(email: string, password: string): Promise<boolean> {
    // The operator's setting, read at start: a refusal is a configuration error with its reason,
    // not a request's VALIDATION_FAILED.
    const problem = passwordProblem(password, [email, 'Administrator']);
    if (problem) throw new ConfigurationError(`BOOTSTRAP_ADMIN_PASSWORD is refused: ${problem}; choose another (a long passphrase of unrelated words)`);
    const passwordHash = await this.hasher.hash(password);
    return this.db.transaction(async (m) => {
      await this.users.lockBootstrap(m);
      if ((await this.users.count(m)) > 0) return false;
      const admin = await this.users.create(m, {
        email,
        displayName: 'Administrator',
        passwordHash,
        agencyId: null,
        isAdmin: true,
        active: true,
        tokenVersion: 0,
        passwordChangeRequired: false,
      });
      await this.audit.record(m, { userId: null, agencyId: null, requestId: null }, { action: 'user.bootstrap', details: { userId: admin.id } });
      return true;
    });
  }

  /**
   * A password set here is a reset by an administrator: temporary (the user must choose their own
   * at the next sign-in), every token of the user revoked, the user notified, audited.
   */
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<AdminUserView> {
    if (dto.active === false && id === actor.userId) throw DomainError.conflict('CANNOT_DEACTIVATE_SELF');
    // One read: what an update cannot change (e-mail, agency, creation) comes from it, the rest from the update itself.
    const target = await this.users.findById(id);
    if (!target) throw DomainError.notFound('user');
    if (dto.password !== undefined) {
      await this.passwords.check(dto.password, { email: target.email, displayName: dto.displayName ?? target.displayName, agencyId: target.agencyId });
    }
    const passwordHash = dto.password !== undefined ? await this.hasher.hash(dto.password) : undefined;
    const user = await this.db.transaction(async (m) => {
      const values = {
        ...(dto.displayName !== undefined ? { displayName: dto.displayName.trim() } : {}),
        ...(dto.active === false ? { active: false } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      };
      const changed = await this.users.update(m, id, values);
      if (!changed) throw DomainError.notFound('user');
      await this.principals.announce(m, id);
      if (passwordHash) await this.notifications.passwordSetByAdministrator(m, id, this.clock.now());
      await this.audit.record(m, actor, {
        action: 'user.update',
        details: { userId: id, fields: Object.keys(values).sort(), ...(passwordHash ? { temporaryPassword: true } : {}) },
      });
      return { ...target, ...changed };
    });
    this.principals.forget(id);
    return mapUser(user, await this.users.rolesOf([id]));
  }

  async list(query: PageQuery): Promise<Page<AdminUserView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    const rows = await this.users.page(after, limit);
    const roles = await this.users.rolesOf(rows.map((u) => u.id));
    return toPage(
      rows,
      limit,
      (u) => [u.createdAt.toISOString(), u.id],
      (u) => mapUser(u, roles),
    );
  }

  async get(id: string): Promise<AdminUserView> {
    const user = await this.users.findById(id);
    if (!user) throw DomainError.notFound('user');
    return mapUser(user, await this.users.rolesOf([id]));
  }

  /** A table's member agencies and role grants, for the administrator who sets it up (a read, audited in the table's trail). */
  async members(actor: Actor, tableId: string): Promise<TableMembersView> {
    if (!(await this.tables.exists(tableId))) throw DomainError.notFound('table');
    const [agencies, grants] = await Promise.all([this.tables.agencies(tableId), this.users.grantsAt(tableId)]);
    await this.audit.recordAlone(actor, { action: 'table.members.read', tableId, details: { agencies: agencies.length, grants: grants.length } });
    return { tableId, agencies, grants: grants.map((g) => ({ ...g, grantedAt: g.grantedAt.toISOString() })) };
  }

  /**
   * A role only for a user whose agency sits at the table; never to oneself, never to an
   * administrator (separation of duties: administration never reaches situation content; the
   * database refuses it too, see migration AuthHardening).
   */
  async grantRole(actor: Actor, tableId: string, userId: string, role: TableRole): Promise<RoleGrantResult> {
    if (userId === actor.userId) throw DomainError.forbidden('self-grant');
    const [table, user] = await Promise.all([this.tables.exists(tableId), this.users.findById(userId)]);
    if (!table) throw DomainError.notFound('table');
    if (!user) throw DomainError.validation([{ field: 'userId', problem: 'no such user' }]);
    if (!user.active) throw DomainError.conflict('USER_DEACTIVATED');
    if (user.isAdmin) throw DomainError.conflict('ADMIN_NO_TABLE_ROLE');
    if (!user.agencyId || !(await this.tables.isMember(tableId, user.agencyId))) {
      throw DomainError.conflict('AGENCY_NOT_MEMBER');
    }
    const grant = await this.db
      .transaction(async (m) => {
        // a regional analyst sees no rows of its region's tables, nor the reverse (docs/evaluation.md, section 7)
        if (ROW_LEVEL_ROLES.includes(role) && (await this.users.analystOverTable(m, userId, tableId))) throw DomainError.conflict('REGION_ROLE_CONFLICT');
        const row = await this.users.grant(m, userId, tableId, role, actor.userId);
        if (!row) throw DomainError.conflict('ROLE_ALREADY_GRANTED');
        await this.principals.announce(m, userId);
        await this.audit.record(m, actor, { action: 'role.grant', tableId, details: { userId, role } });
        return row;
      })
      .catch((err: unknown) => {
        if (isAdminRoleViolation(err)) throw DomainError.conflict('ADMIN_NO_TABLE_ROLE');
        throw err;
      });
    this.principals.forget(userId);
    return { tableId, userId, role, grantedAt: grant.grantedAt.toISOString() };
  }

  async revokeRole(actor: Actor, tableId: string, userId: string, role: TableRole): Promise<void> {
    await this.db.transaction(async (m) => {
      if (!(await this.users.revoke(m, userId, tableId, role))) throw DomainError.notFound('role grant');
      await this.principals.announce(m, userId);
      // The privacy officer's open request to remove this grant is answered by the revocation.
      const resolved = await this.governance.resolveRemovalByRevocation(m, actor, tableId, userId, role);
      await this.audit.record(m, actor, { action: 'role.revoke', tableId, details: { userId, role, ...(resolved.length ? { removalRequestIds: resolved } : {}) } });
    });
    this.principals.forget(userId);
  }

  /** The active members of a table (users holding a role there) with their agency: who may be recorded at its meetings. */
  roleHolders(m: EntityManager | DataSource, tableId: string): Promise<{ userId: string; displayName: string; agencyId: string | null }[]> {
    return this.users.roleHolders(m, tableId);
  }

  /** The active users holding `role` at the table (ids and display names): e.g. whom an anomaly case may be assigned to. */
  async holdersOf(tableId: string, role: TableRole): Promise<{ userId: string; displayName: string }[]> {
    return (await this.users.grantsAt(tableId)).filter((g) => g.role === role && g.active).map((g) => ({ userId: g.userId, displayName: g.displayName }));
  }
}

/** The database's separation-of-duties trigger refused the change (a race the service check missed). */
function isAdminRoleViolation(err: unknown): boolean {
  const driver = (err as QueryFailedError & { driverError?: { code?: string; constraint?: string } })?.driverError;
  return err instanceof QueryFailedError && driver?.code === '23514' && driver.constraint === 'admin_holds_no_table_role';
}
