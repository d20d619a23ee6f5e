import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TableRole } from '../../common/authz/roles';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('text', { name: 'password_hash', select: false }) passwordHash: string;
  @Column('uuid', { name: 'agency_id', nullable: true }) agencyId: string | null;
  @Column('boolean', { name: 'is_admin' }) isAdmin: boolean;
  @Column('boolean') active: boolean;
  @Column('int', { name: 'token_version' }) tokenVersion: number;
  /** set by an administrator: the user must choose their own before anything else works */
  @Column('boolean', { name: 'password_change_required' }) passwordChangeRequired: boolean;
  @Column('uuid', { name: 'kept_jti', nullable: true }) keptJti: string | null;
  @Column('int', { name: 'kept_token_version', nullable: true }) keptTokenVersion: number | null;
  @Column('timestamptz', { name: 'last_login_at', nullable: true }) lastLoginAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('user_roles')
export class UserRoleEntity {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @PrimaryColumn('uuid', { name: 'table_id' }) tableId: string;
  @PrimaryColumn('text') role: TableRole;
  @Column('uuid', { name: 'granted_by', nullable: true }) grantedBy: string | null;
  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' }) grantedAt: Date;
}
