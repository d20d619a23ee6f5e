import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../common/authz/principal';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage, TIME_ID_CURSOR } from '../../common/http/pagination';
import { AuditService } from '../audit/audit.service';
import { AgencyView, CreateAgencyDto } from './agency.dto';
import { mapAgency } from './agency.mapper';
import { AgencyRepository } from './agency.repository';

@Injectable()
export class AgencyService {
  constructor(
    private readonly agencies: AgencyRepository,
    private readonly audit: AuditService,
    private readonly db: DataSource,
  ) {}

  async create(actor: Actor, dto: CreateAgencyDto): Promise<AgencyView> {
    const agency = await this.db.transaction(async (m) => {
      const created = await this.agencies.create(m, dto.name.trim(), dto.sector);
      await this.audit.record(m, actor, { action: 'agency.create', details: { agencyId: created.id, sector: created.sector } });
      return created;
    });
    return mapAgency(agency);
  }

  async list(query: PageQuery): Promise<Page<AgencyView>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor, TIME_ID_CURSOR);
    const rows = await this.agencies.page(after, limit);
    return toPage(rows, limit, (a) => [a.createdAt.toISOString(), a.id], mapAgency);
  }

  /** The agency, or null (for other modules: they use this service, never the repository). */
  async find(id: string): Promise<AgencyView | null> {
    const agency = await this.agencies.findById(id);
    return agency ? mapAgency(agency) : null;
  }

  async get(id: string): Promise<AgencyView> {
    const agency = await this.agencies.findById(id);
    if (!agency) throw DomainError.notFound('agency');
    return mapAgency(agency);
  }
}
