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
  /** Days a certification of a role grant holds (access review, 30-365). */
  @Column('int', { name: 'access_review_days' }) accessReviewDays: number;
  /** Days without activity before a situation is flagged dormant (14-365; situations/domain/retention.ts). */
  @Column('int', { name: 'dormancy_flag_days' }) dormancyFlagDays: number;
  /** Days without activity before the system closes it as dormant (28-730, longer than the flag's). */
  @Column('int', { name: 'dormancy_close_days' }) dormancyCloseDays: number;
  /** IANA name; report periods begin and end in it. Set at creation only. */
  @Column('text', { name: 'time_zone' }) timeZone: string;
  /** Who answers a person's questions about the equity questions, named in their notice (docs/evaluation.md, 6.3). */
  @Column('text', { name: 'equity_contact_title', nullable: true }) equityContactTitle: string | null;
  @Column('text', { name: 'equity_contact_email', nullable: true }) equityContactEmail: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('table_agencies')
export class TableAgencyEntity {
  @PrimaryColumn('uuid', { name: 'table_id' }) tableId: string;
  @PrimaryColumn('uuid', { name: 'agency_id' }) agencyId: string;
  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' }) joinedAt: Date;
}
