import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { IfMatch } from '../../common/http/if-match';
import { OversightRecordWrite } from './oversight-record.guard';
import { ApiPaginatedResponse, Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import {
  AnomalyCaseDetailView,
  AnomalyCaseView,
  AssignCaseDto,
  BreachDetailView,
  BreachNotificationsDto,
  BreachQuery,
  BreachView,
  CaseNoteDto,
  CaseQuery,
  CloseBreachDto,
  CloseCaseDto,
  ContainmentStepDto,
  OpenCaseDto,
  RecordBreachDto,
} from './oversight.dto';
import { OversightService } from './oversight.service';

const IF_MATCH = { name: 'If-Match', required: false, description: 'the version you read; a stale one gets 409 VERSION_MISMATCH' };
const CASE_409 = 'CONFLICT ANOMALY_CASE_CLOSED: the case is closed; VERSION_MISMATCH: a stale If-Match';
const BREACH_409 = 'CONFLICT BREACH_CLOSED: the breach record is closed; VERSION_MISMATCH: a stale If-Match';

/**
 * The privacy officer governs (issue 17, section 3): anomaly cases and the privacy breach log of a
 * table. PRIVACY_OFFICER only; every step audited on the table's chain; no identity anywhere
 * (situations by reference, people by display name).
 */
@ApiTags('oversight')
@ApiBearerAuth()
@Controller()
export class OversightController {
  constructor(private readonly oversight: OversightService) {}

  @Post('tables/:tableId/anomaly-cases')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiCreatedResponse({ type: AnomalyCaseDetailView, description: 'a case on a flag of the anomalies (rule, actor, window), OPEN (audited anomaly_case.open)' })
  @ApiResponse({ status: 400, description: "VALIDATION_FAILED: no such flag in the window under the table's thresholds (`kind`), a window not ending after it starts" })
  @ApiResponse({ status: 409, description: 'CONFLICT ANOMALY_CASE_EXISTS: the flag already has a case (`details.caseId`)' })
  openCase(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Body() dto: OpenCaseDto): Promise<AnomalyCaseDetailView> {
    return this.oversight.openCase(scope, actor, dto);
  }

  @Get('tables/:tableId/anomaly-cases')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiPaginatedResponse(AnomalyCaseView, 'the cases, newest first, filtered by status, rule, assignee, flagged user (audited)')
  cases(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: CaseQuery): Promise<Page<AnomalyCaseView>> {
    return this.oversight.cases(scope, actor, q);
  }

  @Get('tables/:tableId/anomaly-cases/:caseId')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiOkResponse({ type: AnomalyCaseDetailView, description: 'the case with its notes and whom it may be assigned to (audited)' })
  getCase(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('caseId') id: string): Promise<AnomalyCaseDetailView> {
    return this.oversight.getCase(scope, actor, id);
  }

  @Post('tables/:tableId/anomaly-cases/:caseId/notes')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @OversightRecordWrite('case')
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: AnomalyCaseDetailView, description: 'a de-identified note added (audited anomaly_case.note, without the text)' })
  @ApiResponse({ status: 409, description: CASE_409 })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the note identifies someone' })
  addNote(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @Body() dto: CaseNoteDto,
    @IfMatch() v?: number,
  ): Promise<AnomalyCaseDetailView> {
    return this.oversight.addNote(scope, actor, id, dto, v);
  }

  @Put('tables/:tableId/anomaly-cases/:caseId/assignee')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @OversightRecordWrite('case')
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AnomalyCaseDetailView, description: 'assigned to a privacy officer of the table, or unassigned (audited anomaly_case.assign)' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED assigneeId: not an active privacy officer of this table' })
  @ApiResponse({ status: 409, description: CASE_409 })
  assign(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @Body() dto: AssignCaseDto,
    @IfMatch() v?: number,
  ): Promise<AnomalyCaseDetailView> {
    return this.oversight.assign(scope, actor, id, dto, v);
  }

  @Post('tables/:tableId/anomaly-cases/:caseId/closure')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @OversightRecordWrite('case')
  @HttpCode(200)
  @ApiParam({ name: 'caseId', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AnomalyCaseDetailView, description: 'closed with an outcome; BREACH_SUSPECTED links a breach record of the table (audited anomaly_case.close)' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED breachId: required with BREACH_SUSPECTED (a breach of this table), refused otherwise' })
  @ApiResponse({ status: 409, description: CASE_409 })
  closeCase(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('caseId') id: string,
    @Body() dto: CloseCaseDto,
    @IfMatch() v?: number,
  ): Promise<AnomalyCaseDetailView> {
    return this.oversight.closeCase(scope, actor, id, dto, v);
  }

  @Post('tables/:tableId/breaches')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiCreatedResponse({ type: BreachDetailView, description: 'a suspected privacy breach recorded, OPEN (audited breach.record with ids and codes)' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: dates (discoveredAt in the future, occurredAt after it), situationReferences not of this table' })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the description identifies someone (also against the identities of the situations named)' })
  recordBreach(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Body() dto: RecordBreachDto): Promise<BreachDetailView> {
    return this.oversight.recordBreach(scope, actor, dto);
  }

  @Get('tables/:tableId/breaches')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiPaginatedResponse(BreachView, 'the breach log, newest record first (audited)')
  breaches(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() q: BreachQuery): Promise<Page<BreachView>> {
    return this.oversight.breaches(scope, actor, q);
  }

  @Get('tables/:tableId/breaches/:breachId')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiParam({ name: 'breachId', format: 'uuid' })
  @ApiOkResponse({ type: BreachDetailView, description: 'the record with its containment steps and notifications (audited)' })
  getBreach(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('breachId') id: string): Promise<BreachDetailView> {
    return this.oversight.getBreach(scope, actor, id);
  }

  @Post('tables/:tableId/breaches/:breachId/containment-steps')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @OversightRecordWrite('breach')
  @ApiParam({ name: 'breachId', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: BreachDetailView, description: 'a dated containment step added (audited breach.containment)' })
  @ApiResponse({ status: 409, description: BREACH_409 })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the description identifies someone' })
  addContainmentStep(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('breachId') id: string,
    @Body() dto: ContainmentStepDto,
    @IfMatch() v?: number,
  ): Promise<BreachDetailView> {
    return this.oversight.addContainmentStep(scope, actor, id, dto, v);
  }

  @Put('tables/:tableId/breaches/:breachId/notifications')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @OversightRecordWrite('breach')
  @ApiParam({ name: 'breachId', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: BreachDetailView, description: "the IPC's and the affected persons' notification, whole (audited breach.notification)" })
  @ApiResponse({ status: 409, description: BREACH_409 })
  setNotifications(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('breachId') id: string,
    @Body() dto: BreachNotificationsDto,
    @IfMatch() v?: number,
  ): Promise<BreachDetailView> {
    return this.oversight.setNotifications(scope, actor, id, dto, v);
  }

  @Post('tables/:tableId/breaches/:breachId/closure')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @OversightRecordWrite('breach')
  @HttpCode(200)
  @ApiParam({ name: 'breachId', format: 'uuid' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: BreachDetailView, description: 'closed with an outcome: CONFIRMED (after a containment step) or NOT_A_BREACH (audited breach.close)' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED outcome: CONFIRMED without a containment step' })
  @ApiResponse({ status: 409, description: BREACH_409 })
  closeBreach(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('breachId') id: string,
    @Body() dto: CloseBreachDto,
    @IfMatch() v?: number,
  ): Promise<BreachDetailView> {
    return this.oversight.closeBreach(scope, actor, id, dto, v);
  }
}
