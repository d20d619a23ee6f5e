import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { SituationTableEntity, TableAgencyEntity } from './table.entity';

/** What the situations module needs of a table: its code, threshold policy and identity retention. */
export interface TablePolicyRow {
  code: string;
  minRiskFactors: number;
  minCategories: number;
  minSectors: number;
  minConfirmed: number;
  identityRetentionDays: number;
  deferralLimitDays: number;
  reopenLimitDays: number;
  dormancyFlagDays: number;
  dormancyCloseDays: number;
  /** the equity notice's contact (docs/evaluation.md, 6.3): null until set */
  equityContactTitle: string | null;
  equityContactEmail: string | null;
}

export interface TableAgencyRow {
  tableId: string;
  agencyId: string;
  name: string;
  sector: string;
  joinedAt: Date;
}

@Injectable()
export class TableRepository {
  constructor(
    @InjectRepository(SituationTableEntity) private readonly tables: Repository<SituationTableEntity>,
    private readonly db: DataSource,
  ) {}

  async policy(m: EntityManager | DataSource, tableId: string): Promise<TablePolicyRow | null> {
    const rows: TablePolicyRow[] = await m.query(
      `SELECT code, min_risk_factors AS "minRiskFactors", min_categories AS "minCategories", min_sectors AS "minSectors",
              min_confirmed AS "minConfirmed", identity_retention_days AS "identityRetentionDays",
              deferral_limit_days AS "deferralLimitDays", reopen_limit_days AS "reopenLimitDays",
              dormancy_flag_days AS "dormancyFlagDays", dormancy_close_days AS "dormancyCloseDays",
              equity_contact_title AS "equityContactTitle", equity_contact_email AS "equityContactEmail" FROM situation_tables WHERE id = $1`,
      [tableId],
    );
    return rows[0] ?? null;
  }

  /** The retention policy's columns, the row locked for the change that checks them. */
  async policyForUpdate(
    m: EntityManager,
    tableId: string,
  ): Promise<Pick<TablePolicyRow, 'identityRetentionDays' | 'reopenLimitDays' | 'dormancyFlagDays' | 'dormancyCloseDays'> | null> {
    const rows: TablePolicyRow[] = await m.query(
      `SELECT identity_retention_days AS "identityRetentionDays", reopen_limit_days AS "reopenLimitDays",
              dormancy_flag_days AS "dormancyFlagDays", dormancy_close_days AS "dormancyCloseDays" FROM situation_tables WHERE id = $1 FOR UPDATE`,
      [tableId],
    );
    return rows[0] ?? null;
  }

  create(m: EntityManager, values: Partial<SituationTableEntity>): Promise<SituationTableEntity> {
    return m.getRepository(SituationTableEntity).save(values);
  }

  async update(m: EntityManager, id: string, values: Partial<SituationTableEntity>): Promise<SituationTableEntity | null> {
    if (Object.keys(values).length) await m.getRepository(SituationTableEntity).update({ id }, values);
    return m.getRepository(SituationTableEntity).findOneBy({ id });
  }

  findById(id: string, m?: EntityManager): Promise<SituationTableEntity | null> {
    return (m ? m.getRepository(SituationTableEntity) : this.tables).findOneBy({ id });
  }

  page(after: [string, string] | null, limit: number, onlyIds?: string[]): Promise<SituationTableEntity[]> {
    const q = this.tables
      .createQueryBuilder('t')
      .orderBy("date_trunc('milliseconds', t.created_at)", 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(limit + 1);
    if (after) q.andWhere("(date_trunc('milliseconds', t.created_at), t.id) > (:at::timestamptz, :id::uuid)", { at: after[0], id: after[1] });
    if (onlyIds) q.andWhere('t.id = ANY(:ids::uuid[])', { ids: onlyIds });
    return q.getMany();
  }

  async addAgency(m: EntityManager, tableId: string, agencyId: string): Promise<boolean> {
    const result = await m.createQueryBuilder().insert().into(TableAgencyEntity).values({ tableId, agencyId }).orIgnore().returning(['table_id']).execute();
    return (result.raw as unknown[]).length === 1;
  }

  async isMember(tableId: string, agencyId: string, m?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (m ?? this.db).query('SELECT 1 FROM table_agencies WHERE table_id = $1 AND agency_id = $2', [tableId, agencyId]);
    return rows.length === 1;
  }

  agencies(tableId: string): Promise<TableAgencyRow[]> {
    return this.db.query(
      `SELECT ta.table_id AS "tableId", a.id AS "agencyId", a.name, a.sector, ta.joined_at AS "joinedAt"
       FROM table_agencies ta JOIN agencies a ON a.id = ta.agency_id WHERE ta.table_id = $1 ORDER BY a.name, a.id`,
      [tableId],
    );
  }

  /** Name, code and region of every table the agency sits at (context words of the password rules). */
  async wordsOfAgencyTables(agencyId: string): Promise<string[]> {
    const rows: { name: string; code: string; region: string | null }[] = await this.db.query(
      `SELECT t.name, t.code, t.region FROM table_agencies ta JOIN situation_tables t ON t.id = ta.table_id WHERE ta.agency_id = $1`,
      [agencyId],
    );
    return rows.flatMap((r) => [r.name, r.code, r.region ?? '']).filter((w) => w !== '');
  }

  /** Every table's id, in id order. */
  async ids(): Promise<string[]> {
    return (await this.db.query('SELECT id FROM situation_tables ORDER BY id')).map((r: { id: string }) => r.id);
  }
}
