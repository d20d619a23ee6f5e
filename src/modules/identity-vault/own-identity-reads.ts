import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/authz/access-rule';
import type { Actor, Principal } from '../../common/authz/principal';
import { CurrentActor, CurrentUser } from '../../common/authz/request-context';
import { ApiPaginatedResponse, decodeCursor, Page, PageQuery, pageLimit, TIME_CHAIN_SEQ_CURSOR, toPage } from '../../common/http/pagination';
import { AuditService } from '../audit/audit.service';
import { SituationRecordsService } from '../situations/situation-records.service';

/** One identity read of the caller's own: when, which situation (its reference), why, and whether it was refused. Never the identity. */
export class OwnIdentityReadView {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) situationId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the situation's reference number" }) reference: string | null;
  @ApiProperty({ format: 'uuid' }) tableId: string;
  @ApiProperty({ nullable: true, type: String, description: 'the stated purpose (GET /taxonomy accessPurposes)' }) purposeCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the purpose note as recorded (checked for identifying information before it was)' }) purposeNote: string | null;
  @ApiProperty({ enum: ['SUCCESS', 'DENIED'] }) outcome: 'SUCCESS' | 'DENIED';
}

/**
 * The caller's own identity reads (issue #15): from the audit trail, at the tables where the
 * caller holds a role now, newest first. Anyone signed in sees their own, nobody else's; the
 * listing itself is audited (system chain: it spans tables).
 */
@Injectable()
export class OwnIdentityReadsService {
  constructor(
    private readonly audit: AuditService,
    private readonly records: SituationRecordsService,
  ) {}

  async list(user: Principal, actor: Actor, query: PageQuery): Promise<Page<OwnIdentityReadView>> {
    const limit = pageLimit(query);
    const before = decodeCursor(query.cursor, TIME_CHAIN_SEQ_CURSOR);
    const tableIds = [...new Set(user.roles.map((r) => r.tableId))];
    const rows = await this.audit.identityReadsBy(user.id, tableIds, before, limit + 1);
    const page = rows.slice(0, limit);
    const ids = [...new Set(page.map((r) => r.situationId).filter((id): id is string => id !== null))];
    const [references] = await Promise.all([
      this.records.references(ids, tableIds),
      this.audit.recordAlone(actor, { action: 'me.identity_reads', details: { tables: tableIds.length, returned: page.length } }),
    ]);
    return toPage(
      rows,
      limit,
      (r) => [r.at.toISOString(), r.tableId, r.seq],
      (r) => ({
        at: r.at.toISOString(),
        situationId: r.situationId,
        reference: (r.situationId && references.get(r.situationId)?.reference) || null,
        tableId: r.tableId,
        purposeCode: r.purposeCode,
        purposeNote: r.purposeNote,
        outcome: r.outcome,
      }),
    );
  }
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('auth/me')
export class OwnIdentityReadsController {
  constructor(private readonly reads: OwnIdentityReadsService) {}

  @Get('identity-reads')
  @Authenticated()
  @ApiPaginatedResponse(OwnIdentityReadView, 'a page of the caller\'s own identity reads, newest first (api.md, "Lists"), at the tables where the caller holds a role')
  list(@CurrentUser() user: Principal, @CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<Page<OwnIdentityReadView>> {
    return this.reads.list(user, actor, query);
  }
}
