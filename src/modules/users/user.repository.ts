import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { TableRole } from '../../common/authz/roles';
import { affectedOf } from '../../common/database/query-result';
import { UserEntity, UserRoleEntity } from './user.entity';

/** What UserRepository.update may change of what a user's view shows. */
export type UserChanges = Pick<UserEntity, 'displayName' | 'active' | 'passwordChangeRequired'>;

@Injectable()
export class UserRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly db: DataSource,
  ) {}

  create(m: EntityManager, values: Partial<UserEntity>): Promise<UserEntity> {
    return m.getRepository(UserEntity).save(values);
  }

  findById(id: string, m?: EntityManager): Promise<UserEntity | null> {
    return (m ? m.getRepository(UserEntity) : this.users).findOneBy({ id });
  }

  async count(m?: EntityManager): Promise<number> {
    return (m ? m.getRepository(UserEntity) : this.users).count();
  }

  async emailTaken(email: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [email]);
    return rows.length > 0;
  }

  /**
   * Changes the user; a new password or deactivation also bumps the token version (revokes every
   * token, the one kept by the user's own password change included). A password set here is an
   * administrator's, so it is temporary. Answers the columns it may change as they now are, or
   * null when there is no such user.
   */
  async update(m: EntityManager, id: string, values: { displayName?: string; active?: boolean; passwordHash?: string }): Promise<UserChanges | null> {
    const revoke = values.active === false || values.passwordHash !== undefined;
    const temporary = values.passwordHash !== undefined ? { passwordChangeRequired: true } : {};
    const result = await m
      .createQueryBuilder()
      .update(UserEntity)
      .set({ ...values, ...temporary, ...(revoke ? { tokenVersion: () => 'token_version + 1', keptJti: null, keptTokenVersion: null } : {}) })
      .where('id = :id', { id })
      .returning('display_name AS "displayName", active, password_change_required AS "passwordChangeRequired"')
      .execute();
    return ((result.raw as UserChanges[])[0] as UserChanges | undefined) ?? null;
  }

  page(after: [string, string] | null, limit: number): Promise<UserEntity[]> {
    const q = this.users
      .createQueryBuilder('u')
      .orderBy("date_trunc('milliseconds', u.created_at)", 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);
    if (after) q.where("(date_trunc('milliseconds', u.created_at), u.id) > (:at::timestamptz, :id::uuid)", { at: after[0], id: after[1] });
    return q.getMany();
  }

  rolesOf(userIds: string[]): Promise<UserRoleEntity[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.getRepository(UserRoleEntity).createQueryBuilder('r').where('r.user_id IN (:...ids)', { ids: userIds }).orderBy('r.table_id').addOrderBy('r.role').getMany();
  }

  async grant(m: EntityManager, userId: string, tableId: string, role: TableRole, grantedBy: string | null): Promise<UserRoleEntity | null> {
    const rows: { granted_at: Date }[] = await m.query(
      `INSERT INTO user_roles (user_id, table_id, role, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING granted_at`,
      [userId, tableId, role, grantedBy],
    );
    return rows[0] ? Object.assign(new UserRoleEntity(), { userId, tableId, role, grantedBy, grantedAt: rows[0].granted_at }) : null;
  }

  /**
   * True when the user is REGIONAL_ANALYST of a region the table is (or was, or will be) a member of (docs/evaluation.md, section 7).
   * Locks those regions' rows FOR SHARE first: a grant of the role and a change of members lock the region FOR UPDATE, so a
   * table-role grant and either of them at the same instant wait for each other and the later one sees the earlier.
   */
  async analystOverTable(m: EntityManager, userId: string, tableId: string): Promise<boolean> {
    await m.query(`SELECT 1 FROM regions g JOIN region_tables t ON t.region_id = g.id WHERE t.table_id = $1 FOR SHARE OF g`, [tableId]);
    const rows: unknown[] = await m.query(`SELECT 1 FROM user_region_roles r JOIN region_tables t ON t.region_id = r.region_id WHERE r.user_id = $1 AND t.table_id = $2 LIMIT 1`, [
      userId,
      tableId,
    ]);
    return rows.length > 0;
  }

  async revoke(m: EntityManager, userId: string, tableId: string, role: TableRole): Promise<boolean> {
    return affectedOf(await m.query('DELETE FROM user_roles WHERE user_id = $1 AND table_id = $2 AND role = $3', [userId, tableId, role])) === 1;
  }

  /** Every role held at a table, with its holder and the name of who granted it. */
  grantsAt(tableId: string): Promise<
    {
      userId: string;
      displayName: string;
      email: string;
      agencyId: string | null;
      active: boolean;
      role: TableRole;
      grantedAt: Date;
      grantedBy: string | null;
      grantedByName: string | null;
    }[]
  > {
    return this.db.query(
      `SELECT r.user_id AS "userId", u.display_name AS "displayName", u.email, u.agency_id AS "agencyId", u.active, r.role,
              r.granted_at AS "grantedAt", r.granted_by AS "grantedBy", g.display_name AS "grantedByName"
       FROM user_roles r JOIN users u ON u.id = r.user_id LEFT JOIN users g ON g.id = r.granted_by
       WHERE r.table_id = $1 ORDER BY u.display_name, u.id, r.role`,
      [tableId],
    );
  }

  /** Serialises the bootstrap of the first administrator across servers starting at once (transaction lock). */
  async lockBootstrap(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(7364021994)');
  }

  /** The active users holding a role at the table, each once: id, display name and agency (no e-mail). */
  roleHolders(m: EntityManager | DataSource, tableId: string): Promise<{ userId: string; displayName: string; agencyId: string | null }[]> {
    return m.query(
      `SELECT DISTINCT u.id AS "userId", u.display_name AS "displayName", u.agency_id AS "agencyId"
       FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.table_id = $1 AND u.active ORDER BY "displayName", "userId"`,
      [tableId],
    );
  }
}
