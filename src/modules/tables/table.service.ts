import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Principal } from '../../common/authz/principal';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from '../../common/clock/time-zone';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage, TIME_ID_CURSOR } from '../../common/http/pagination';
import { AgencyService } from '../agencies/agency.service';
import { AuditService } from '../audit/audit.service';
import { CreateTableDto, TableAgencyView, TableView, UpdateTableDto } from './table.dto';
import { SituationTableEntity } from './table.entity';
import { codeFromName, mapTable } from './table.mapper';
import { TablePolicyRow, TableRepository } from './table.repository';
import { DORMANCY_CLOSE_DAYS, DORMANCY_FLAG_DAYS, IDENTITY_RETENTION_DAYS, RetentionPolicy, retentionPolicyProblems } from '../situations/domain/retention';

export type { TablePolicyRow } from './table.repository';

@Injectable()
export class TableService {
  private readonly timeZones = new Map<string, string>();

  constructor(
    private readonly tables: TableRepository,
    private readonly agencyService: AgencyService,
    private readonly audit: AuditService,
    private readonly db: DataSource,
  ) {}

  /** A table's code, threshold policy and identity retention, in the caller's transaction (the situations module reads them here). */
  policyOf(m: EntityManager | DataSource, tableId: string): Promise<TablePolicyRow | null> {
    return this.tables.policy(m, tableId);
  }

  /** Creates the table and its own audit chain in one transaction. */
  async create(actor: Actor, dto: CreateTableDto): Promise<TableView> {
    const timeZone = dto.timeZone === undefined ? DEFAULT_TIME_ZONE : canonicalTimeZone(dto.timeZone);
    if (!timeZone) throw DomainError.validation([{ field: 'timeZone', problem: 'is not an IANA time zone name' }]);
    checkRetention({
      identityRetentionDays: dto.identityRetentionDays ?? IDENTITY_RETENTION_DAYS.default,
      reopenLimitDays: dto.reopenLimitDays ?? DEFAULT_REOPEN_LIMIT_DAYS,
      dormancyFlagDays: dto.dormancyFlagDays ?? DORMANCY_FLAG_DAYS.default,
      dormancyCloseDays: dto.dormancyCloseDays ?? DORMANCY_CLOSE_DAYS.default,
    });
    const table = await this.db.transaction(async (m) => {
      const created = await this.tables.create(m, {
        name: dto.name.trim(),
        region: dto.region?.trim() ?? null,
        code: dto.code ?? codeFromName(dto.name),
        ...policyColumns(dto.thresholdPolicy),
        ...(dto.identityRetentionDays !== undefined ? { identityRetentionDays: dto.identityRetentionDays } : {}),
        ...(dto.deferralLimitDays !== undefined ? { deferralLimitDays: dto.deferralLimitDays } : {}),
        ...(dto.reopenLimitDays !== undefined ? { reopenLimitDays: dto.reopenLimitDays } : {}),
        ...(dto.accessReviewDays !== undefined ? { accessReviewDays: dto.accessReviewDays } : {}),
        ...(dto.dormancyFlagDays !== undefined ? { dormancyFlagDays: dto.dormancyFlagDays } : {}),
        ...(dto.dormancyCloseDays !== undefined ? { dormancyCloseDays: dto.dormancyCloseDays } : {}),
        timeZone,
      });
      await this.audit.createChain(m, created.id);
      await this.audit.record(m, actor, { action: 'table.create', tableId: created.id, details: { code: created.code, timeZone: created.timeZone } });
      return (await this.tables.findById(created.id, m))!;
    });
    return mapTable(table);
  }

  async update(actor: Actor, id: string, dto: UpdateTableDto): Promise<TableView> {
    const table = await this.db.transaction(async (m) => {
      const values: Partial<SituationTableEntity> = {
        ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
        ...(dto.region !== undefined ? { region: dto.region.trim() } : {}),
        ...policyColumns(dto.thresholdPolicy),
        ...(dto.identityRetentionDays !== undefined ? { identityRetentionDays: dto.identityRetentionDays } : {}),
        ...(dto.deferralLimitDays !== undefined ? { deferralLimitDays: dto.deferralLimitDays } : {}),
        ...(dto.reopenLimitDays !== undefined ? { reopenLimitDays: dto.reopenLimitDays } : {}),
        ...(dto.accessReviewDays !== undefined ? { accessReviewDays: dto.accessReviewDays } : {}),
        ...(dto.dormancyFlagDays !== undefined ? { dormancyFlagDays: dto.dormancyFlagDays } : {}),
        ...(dto.dormancyCloseDays !== undefined ? { dormancyCloseDays: dto.dormancyCloseDays } : {}),
        ...(dto.equityContactTitle !== undefined ? { equityContactTitle: dto.equityContactTitle.trim() } : {}),
        ...(dto.equityContactEmail !== undefined ? { equityContactEmail: dto.equityContactEmail.trim() } : {}),
      };
      // The retention policy is checked as a whole: the stored values with the change (locked, so two changes cannot cross).
      const stored = await this.tables.policyForUpdate(m, id);
      if (!stored) throw DomainError.notFound('table');
      const changed = pickRetention(values);
      checkRetention({ ...stored, ...changed }, Object.keys(changed) as (keyof RetentionPolicy)[]);
      const updated = await this.tables.update(m, id, values);
      if (!updated) throw DomainError.notFound('table');
      await this.audit.record(m, actor, { action: 'table.update', tableId: id, details: { fields: Object.keys(values).sort() } });
      return updated;
    });
    return mapTable(table);
  }

  /** Admins see every table; other users the tables they hold a role in. */
  async list(user: Principal, query: PageQuery): Promise<Page<TableView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    const only = user.isAdmin ? undefined : [...new Set(user.roles.map((r) => r.tableId))];
    const rows = await this.tables.page(after, limit, only);
    return toPage(rows, limit, (t) => [t.createdAt.toISOString(), t.id], mapTable);
  }

  async get(id: string): Promise<TableView> {
    const table = await this.tables.findById(id);
    if (!table) throw DomainError.notFound('table');
    return mapTable(table);
  }

  async addAgency(actor: Actor, tableId: string, agencyId: string): Promise<TableAgencyView> {
    const [table, agency] = await Promise.all([this.tables.findById(tableId), this.agencyService.find(agencyId)]);
    if (!table) throw DomainError.notFound('table');
    if (!agency) throw DomainError.notFound('agency');
    await this.db.transaction(async (m) => {
      if (!(await this.tables.addAgency(m, tableId, agencyId))) throw DomainError.conflict('AGENCY_ALREADY_MEMBER');
      await this.audit.record(m, actor, { action: 'table.agency.add', tableId, details: { agencyId, sector: agency.sector } });
    });
    const row = (await this.tables.agencies(tableId)).find((a) => a.agencyId === agencyId)!;
    return { ...row, joinedAt: row.joinedAt.toISOString() };
  }

  /** The table's time zone (fixed at creation, so kept once read). */
  /** Whether the table exists (for other modules, which use this service, never the repository). */
  async exists(tableId: string): Promise<boolean> {
    return (await this.tables.findById(tableId)) !== null;
  }

  /** Whether the agency sits at the table. */
  isMember(tableId: string, agencyId: string): Promise<boolean> {
    return this.tables.isMember(tableId, agencyId);
  }

  /** Words of the names of the tables an agency sits at (context words of its users' passwords). */
  wordsOfAgencyTables(agencyId: string): Promise<string[]> {
    return this.tables.wordsOfAgencyTables(agencyId);
  }

  /** Every table's id (for the jobs that visit each table). */
  ids(): Promise<string[]> {
    return this.tables.ids();
  }

  async timeZoneOf(tableId: string): Promise<string> {
    const known = this.timeZones.get(tableId);
    if (known) return known;
    const table = await this.tables.findById(tableId);
    if (!table) throw DomainError.notFound('table');
    this.timeZones.set(tableId, table.timeZone);
    return table.timeZone;
  }

  async agencies(tableId: string): Promise<TableAgencyView[]> {
    const rows = await this.tables.agencies(tableId);
    return rows.map((r) => ({ ...r, joinedAt: r.joinedAt.toISOString() }));
  }
}

/** The default reopening period of a new table (the column's default). */
const DEFAULT_REOPEN_LIMIT_DAYS = 30;

/** A table's retention policy against its bounds (situations/domain/retention.ts): 400 naming the field otherwise. */
function checkRetention(p: RetentionPolicy, changed?: (keyof RetentionPolicy)[]): void {
  // On a change, only what it touches: a table stored before these bounds keeps working until its policy is changed.
  const touched = (f: keyof RetentionPolicy) => !changed || changed.includes(f) || changed.includes(PARTNER[f]);
  const problems = retentionPolicyProblems(p).filter((x) => touched(x.field));
  if (problems.length) throw DomainError.validation(problems);
}

/** The other field a rule between two fields involves: a change of either checks it. */
const PARTNER: Record<keyof RetentionPolicy, keyof RetentionPolicy> = {
  identityRetentionDays: 'reopenLimitDays',
  reopenLimitDays: 'identityRetentionDays',
  dormancyFlagDays: 'dormancyCloseDays',
  dormancyCloseDays: 'dormancyFlagDays',
};

function pickRetention(v: Partial<SituationTableEntity>): Partial<RetentionPolicy> {
  const out: Partial<RetentionPolicy> = {};
  for (const k of ['identityRetentionDays', 'reopenLimitDays', 'dormancyFlagDays', 'dormancyCloseDays'] as const) if (v[k] !== undefined) out[k] = v[k];
  return out;
}

function policyColumns(p?: CreateTableDto['thresholdPolicy']): Partial<SituationTableEntity> {
  return p ? { minRiskFactors: p.minRiskFactors, minCategories: p.minCategories, minSectors: p.minSectors, minConfirmed: p.minConfirmed } : {};
}
