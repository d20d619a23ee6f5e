import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Lang, Scope } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { ApiPaginatedResponse, Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { AccessLogView, AnomaliesView, AnomalyQuery, AuditActorsView, AuditEntryView, AuditFilterQuery, VerifyView } from './audit-query.dto';
import { AuditReviewService } from './audit-review.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly review: AuditReviewService) {}

  @Get('tables/:tableId/audit')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiPaginatedResponse(AuditEntryView)
  search(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: AuditFilterQuery): Promise<Page<AuditEntryView>> {
    return this.review.search(scope, actor, q);
  }

  @Get('tables/:tableId/audit/export.csv')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @RateLimit('sensitive')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="audit.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the entries as CSV (formula cells neutralised; UTF-8 with BOM; in French, semicolons)', content: { 'text/csv': { schema: { type: 'string' } } } })
  async export(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: AuditFilterQuery, @Lang() lang: Language): Promise<StreamableFile> {
    return new StreamableFile(await this.review.exportCsv(scope, actor, q, lang), { type: 'text/csv; charset=utf-8' });
  }

  @Get('tables/:tableId/audit/verify')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiOkResponse({ type: VerifyView })
  verify(@Scope() scope: TableScope, @CurrentActor() actor: Actor): Promise<VerifyView> {
    return this.review.verify(scope, actor);
  }

  @Get('tables/:tableId/audit/anomalies')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiOkResponse({ type: AnomaliesView })
  anomalies(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: AnomalyQuery): Promise<AnomaliesView> {
    return this.review.anomalies(scope, actor, q);
  }

  /** The actor filter's pick-list: people of the table's trail and role holders, by display name and agency (no e-mail). */
  @Get('tables/:tableId/audit/actors')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiOkResponse({ type: AuditActorsView })
  actors(@Scope() scope: TableScope, @CurrentActor() actor: Actor): Promise<AuditActorsView> {
    return this.review.actors(scope, actor);
  }

  @Get('situations/:id/access-log')
  @TableAccess('situation', 'PRIVACY_OFFICER')
  @ApiOkResponse({ type: AccessLogView })
  accessLog(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AccessLogView> {
    return this.review.accessLog(scope, actor, id);
  }
}
