import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/authz/principal';
import type { TableRole } from '../../common/authz/roles';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage, TIME_ID_CURSOR } from '../../common/http/pagination';
import { AgencyRepository } from '../agencies/agency.repository';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../auth/password-hasher';
import { PrincipalCache } from '../auth/principal-cache';
import { passwordProblem } from '../auth/password-policy';
import { TableRepository } from '../tables/table.repository';
import { RoleGrantResult } from '../tables/table.dto';
import { AdminUserView, CreateUserDto, UpdateUserDto } from './user.dto';
import { mapUser } from './user.mapper';
import { UserRepository } from './user.repository';

@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly agencies: AgencyRepository,
    private readonly tables: TableRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly db: DataSource,
    private readonly principals: PrincipalCache,
  ) {}

  async create(actor: Actor, dto: CreateUserDto): Promise<AdminUserView> {
    checkPassword(dto.password);
    if (!(await this.agencies.findById(dto.agencyId))) throw DomainError.validation([{ field: 'agencyId', problem: 'no such agency' }]);
    if (await this.users.emailTaken(dto.email)) throw DomainError.conflict('e-mail already in use');
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
      });
      await this.audit.record(m, actor, { action: 'user.create', details: { userId: created.id, agencyId: dto.agencyId, isAdmin: created.isAdmin } });
      return (await this.users.findById(created.id, m))!;
    });
    return mapUser(user, []);
  }

  /** Creates the first ADMIN from BOOTSTRAP_ADMIN_* when no user exists (serialised across starts). */
  async bootstrapAdmin(email: string, password: string): Promise<boolean> {
    checkPassword(password);
    const passwordHash = await this.hasher.hash(password);
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(7364021994)');
      if ((await this.users.count(m)) > 0) return false;
      const admin = await this.users.create(m, { email, displayName: 'Administrator', passwordHash, agencyId: null, isAdmin: true, active: true, tokenVersion: 0 });
      await this.audit.record(m, { userId: null, agencyId: null, requestId: null }, { action: 'user.bootstrap', details: { userId: admin.id } });
      return true;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<AdminUserView> {
    if (dto.password !== undefined) checkPassword(dto.password);
    if (dto.active === false && id === actor.userId) throw DomainError.conflict('you cannot deactivate yourself');
    const passwordHash = dto.password !== undefined ? await this.hasher.hash(dto.password) : undefined;
    const user = await this.db.transaction(async (m) => {
      if (!(await this.users.findById(id, m))) throw DomainError.notFound('user');
      const values = {
        ...(dto.displayName !== undefined ? { displayName: dto.displayName.trim() } : {}),
        ...(dto.active === false ? { active: false } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      };
      await this.users.update(m, id, values);
      await this.principals.announce(m, id);
      await this.audit.record(m, actor, { action: 'user.update', details: { userId: id, fields: Object.keys(values).sort() } });
      return (await this.users.findById(id, m))!;
    });
    this.principals.forget(id);
    return mapUser(user, await this.users.rolesOf([id]));
  }

  async list(query: PageQuery): Promise<Page<AdminUserView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    const rows = await this.users.page(after, limit);
    const roles = await this.users.rolesOf(rows.map((u) => u.id));
    return toPage(rows, limit, (u) => [u.createdAt.toISOString(), u.id], (u) => mapUser(u, roles));
  }

  async get(id: string): Promise<AdminUserView> {
    const user = await this.users.findById(id);
    if (!user) throw DomainError.notFound('user');
    return mapUser(user, await this.users.rolesOf([id]));
  }

  /** A role only for a user whose agency sits at the table; never to oneself. */
  async grantRole(actor: Actor, tableId: string, userId: string, role: TableRole): Promise<RoleGrantResult> {
    if (userId === actor.userId) throw DomainError.forbidden('self-grant');
    const [table, user] = await Promise.all([this.tables.findById(tableId), this.users.findById(userId)]);
    if (!table) throw DomainError.notFound('table');
    if (!user) throw DomainError.validation([{ field: 'userId', problem: 'no such user' }]);
    if (!user.active) throw DomainError.conflict('user is deactivated');
    if (!user.agencyId || !(await this.tables.isMember(tableId, user.agencyId))) {
      throw DomainError.conflict("the user's agency is not a member of this table");
    }
    const grant = await this.db.transaction(async (m) => {
      const row = await this.users.grant(m, userId, tableId, role, actor.userId);
      if (!row) throw DomainError.conflict('role already granted');
      await this.principals.announce(m, userId);
      await this.audit.record(m, actor, { action: 'role.grant', tableId, details: { userId, role } });
      return row;
    });
    this.principals.forget(userId);
    return { tableId, userId, role, grantedAt: grant.grantedAt.toISOString() };
  }

  async revokeRole(actor: Actor, tableId: string, userId: string, role: TableRole): Promise<void> {
    await this.db.transaction(async (m) => {
      if (!(await this.users.revoke(m, userId, tableId, role))) throw DomainError.notFound('role grant');
      await this.principals.announce(m, userId);
      await this.audit.record(m, actor, { action: 'role.revoke', tableId, details: { userId, role } });
    });
    this.principals.forget(userId);
  }
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw DomainError.validation([{ field: 'password', problem }]);
}
