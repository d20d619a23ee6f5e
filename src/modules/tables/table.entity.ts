import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('situation_tables')
export class SituationTableEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') code: string;
  @Column('text', { nullable: true }) region: string | null;
  @Column('int', { name: 'min_risk_factors' }) minRiskFactors: number;
  @Column('int', { name: 'min_categories' }) minCategories: number;
  @Column('int', { name: 'min_sectors' }) minSectors: number;
  @Column('int', { name: 'min_confirmed' }) minConfirmed: number;
  @Column('int', { name: 'identity_retention_days' }) identityRetentionDays: number;
  /** Days after which a deferral still unanswered is flagged (1-90). */
  @Column('int', { name: 'deferral_limit_days' }) deferralLimitDays: number;
  /** Days after its closure a situation may still be reopened (0-365; 0: never). */
  @Column('int', { name: 'reopen_limit_days' }) reopenLimitDays: number;
  /** IANA name; report periods begin and end in it. Set at creation only. */
  @Column('text', { name: 'time_zone' }) timeZone: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('table_agencies')
export class TableAgencyEntity {
  @PrimaryColumn('uuid', { name: 'table_id' }) tableId: string;
  @PrimaryColumn('uuid', { name: 'agency_id' }) agencyId: string;
  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' }) joinedAt: Date;
}
