import { Body, Controller, Get, Header, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../../common/http/if-match';
import { AnomalyThresholdsDto, AnomalyThresholdsView } from './anomaly-thresholds.dto';
import { RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Lang, Scope } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { ApiPaginatedResponse, Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import {
  AccessLogQuery,
  AccessLogView,
  AnomaliesView,
  AnomalyQuery,
  AuditActorsView,
  AuditEntryView,
  AuditFilterQuery,
  SignInEventView,
  SignInHistoryQuery,
  VerifyView,
} from './audit-query.dto';
import { AuditReviewService } from './audit-review.service';
import { ThresholdsVersionChecked } from './anomaly-thresholds.guard';

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

  @Get('tables/:tableId/audit/anomaly-thresholds')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiOkResponse({ type: AnomalyThresholdsView, description: "the anomaly rules' thresholds of the table (the defaults until it sets its own), audited" })
  thresholds(@Scope() scope: TableScope, @CurrentActor() actor: Actor): Promise<AnomalyThresholdsView> {
    return this.review.thresholds(scope, actor);
  }

  @Put('tables/:tableId/audit/anomaly-thresholds')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ThresholdsVersionChecked()
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version read (0 while the defaults apply); a stale one gets 409' })
  @ApiOkResponse({ type: AnomalyThresholdsView, description: 'the thresholds set, whole (audited audit.anomaly_thresholds.update with the values before and after)' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: a threshold out of its bounds, office hours not starting before they end (the field named)' })
  @ApiResponse({ status: 409, description: 'VERSION_MISMATCH: a stale If-Match' })
  setThresholds(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Body() dto: AnomalyThresholdsDto, @IfMatch() v?: number): Promise<AnomalyThresholdsView> {
    return this.review.setThresholds(scope, actor, dto, v);
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
  accessLog(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() q: AccessLogQuery): Promise<AccessLogView> {
    return this.review.accessLog(scope, actor, id, q);
  }

  /** Sign-ins, failures, lockouts, password changes and resets, deactivations and sign-outs of the table's users, while they held a role there. */
  @Get('tables/:tableId/sign-in-history')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiPaginatedResponse(SignInEventView)
  signInHistory(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: SignInHistoryQuery): Promise<Page<SignInEventView>> {
    return this.review.signInHistory(scope, actor, q);
  }
}
