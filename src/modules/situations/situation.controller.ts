import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { IfMatch } from '../../common/http/if-match';
import { ApiPaginatedResponse, Page, PageQuery } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import type { ThresholdAssessment } from './domain/threshold';
import {
  AssignmentDto,
  ClosureDto,
  CreateSituationDto,
  DecisionDto,
  EditSituationDto,
  LeadAnswerDto,
  MarkDuplicateDto,
  ReopenDto,
  ListSituationsQuery,
  MobilizationDto,
  AgencyServicesDto,
  SituationUpdateView,
  SituationView,
  ThresholdView,
  UpdateNoteDto,
} from './dto/situation.dto';
import { TimelineEntryView } from './dto/timeline.dto';
import { ClosureBarriersDto } from './dto/system-barriers.dto';
import { SituationService } from './situation.service';
import { SituationWrite } from './situation-step.guard';
import { AgencySeat } from './agency-seat.guard';

const IF_MATCH = { name: 'If-Match', required: false, description: 'the version you read; a stale one gets 409' };

@ApiTags('situations')
@ApiBearerAuth()
@Controller()
export class SituationController {
  constructor(private readonly situations: SituationService) {}

  @Post('tables/:tableId/situations')
  @TableAccess('table', 'COORDINATOR', 'AGENCY_REP')
  @AgencySeat()
  @ApiCreatedResponse({ type: SituationView })
  @ApiResponse({ status: 403, description: "FORBIDDEN: the caller's agency has no seat at the table (checked before the body: the same answer whatever it holds)" })
  submit(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Body() dto: CreateSituationDto): Promise<SituationView> {
    return this.situations.submit(scope, actor, dto);
  }

  @Get('tables/:tableId/situations')
  @TableAccess('table', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER')
  @ApiPaginatedResponse(SituationView)
  list(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Query() query: ListSituationsQuery): Promise<Page<SituationView>> {
    return this.situations.list(scope, actor, query);
  }

  @Get('situations/:id')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER')
  @ApiOkResponse({ type: SituationView })
  get(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<SituationView> {
    return this.situations.get(scope, actor, id);
  }

  /**
   * A situation by its reference (`PEEL-2026-0012`, any case), among the tables the caller sits at:
   * the guard finds it (the same roles as `GET /situations/:id`; a reference at a table the caller
   * is not in is 404, never 403), and the read is the same, audited as `situation.read`.
   */
  @Get('situations/by-reference/:reference')
  @TableAccess('reference', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER')
  @ApiParam({ name: 'reference', type: String, example: 'PEEL-2026-0012', description: "the situation's reference, `CODE-YEAR-NNNN`, any case" })
  @ApiOkResponse({ type: SituationView })
  @ApiResponse({ status: 409, description: "CONFLICT (AMBIGUOUS_REFERENCE): the reference names a situation at more than one of the caller's tables" })
  getByReference(@Scope() scope: TableScope, @CurrentActor() actor: Actor): Promise<SituationView> {
    return this.situations.get(scope, actor, scope.resourceId!);
  }

  @Patch('situations/:id')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @SituationWrite('EDIT', 'situation.edit')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SituationView, description: 'the referral edited: a new version, SUBMITTED again (resubmitted when it was DEFERRED); same reference' })
  edit(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: EditSituationDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.edit(scope, actor, id, dto, v);
  }

  @Get('situations/:id/threshold')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER')
  @ApiOkResponse({ type: ThresholdView })
  @ApiResponse({ status: 410, description: 'GONE: a rejected or withdrawn referral keeps only its stub, without the assessment' })
  threshold(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ThresholdAssessment> {
    return this.situations.threshold(scope, actor, id);
  }

  @Get('situations/:id/timeline')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER')
  @ApiPaginatedResponse(
    TimelineEntryView,
    'a page of the timeline, oldest first (api.md, "Lists"): intake, decision, withdrawal, assignments, mobilisation, updates, agencies\' actions and contact attempts, closure',
  )
  timeline(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQuery): Promise<Page<TimelineEntryView>> {
    return this.situations.timeline(scope, actor, id, query);
  }

  @Get('situations/:id/updates')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER')
  @ApiPaginatedResponse(SituationUpdateView, 'a page of the status updates, oldest first (api.md, "Lists"); none for a rejected or withdrawn referral')
  updates(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQuery): Promise<Page<SituationUpdateView>> {
    return this.situations.updates(scope, actor, id, query);
  }

  @Post('situations/:id/decision')
  @TableAccess('situation', 'COORDINATOR')
  @SituationWrite('DECIDE', 'situation.decide')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SituationView })
  decide(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: DecisionDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.decide(scope, actor, id, dto, v);
  }

  @Post('situations/:id/withdraw')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @SituationWrite('WITHDRAW', 'situation.withdraw')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SituationView })
  withdraw(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.withdraw(scope, actor, id, v);
  }

  @Post('situations/:id/duplicate')
  @TableAccess('situation', 'COORDINATOR')
  @SituationWrite('MARK_DUPLICATE', 'situation.mark_duplicate')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({
    type: SituationView,
    description:
      'closed as a duplicate of another referral of the table: status DUPLICATE, only its stub kept (narrative and codes erased) with the link (duplicateOfId, duplicateOfReference); the original lists it in `duplicates` and its timeline shows DUPLICATE_LINKED',
  })
  @ApiResponse({
    status: 400,
    description:
      "VALIDATION_FAILED naming duplicateOf: not a reference or id, no such referral at this table (the same for another table's), this referral itself, or a rejected, withdrawn or duplicate original",
  })
  @ApiResponse({
    status: 409,
    description: 'INVALID_TRANSITION (not SUBMITTED or DEFERRED: checked before the body), VERSION_MISMATCH (a stale If-Match), CONFLICT SITUATION_CHANGED',
  })
  markDuplicate(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: MarkDuplicateDto,
    @IfMatch() v?: number,
  ): Promise<SituationView> {
    return this.situations.markDuplicate(scope, actor, id, dto, v);
  }

  @Post('situations/:id/assignment')
  @TableAccess('situation', 'COORDINATOR')
  @SituationWrite('ASSIGN', 'situation.assign')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SituationView })
  assign(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AssignmentDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.assign(scope, actor, id, dto, v);
  }

  @Post('situations/:id/lead-answer')
  @TableAccess('situation', 'AGENCY_REP')
  @SituationWrite('ANSWER_LEAD', 'situation.lead_answer')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({
    type: SituationView,
    description: 'the lead agency accepts (stays ASSIGNED) or declines with a reason (back to ACCEPTED without a lead, for the coordinator to assign again)',
  })
  @ApiResponse({
    status: 409,
    description: 'INVALID_TRANSITION (not ASSIGNED), CONFLICT LEAD_ALREADY_ANSWERED (the lead already answered), VERSION_MISMATCH (a stale If-Match)',
  })
  answerLead(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: LeadAnswerDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.answerLead(scope, actor, id, dto, v);
  }

  @Post('situations/:id/mobilization')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @SituationWrite('MOBILIZE', 'situation.mobilize')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({
    type: SituationView,
    description:
      "an intervening agency's mobilisation (`agencyId`: a representative's own agency, a coordinator's choice, else the lead). The lead's moves ASSIGNED to MOBILIZED (the 48-hour clock stops) and accepts a lead still pending; an assisting agency's is recorded while ASSIGNED or MOBILIZED without changing the status; see `agencies`",
  })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: a representative of an agency that is neither the lead nor assisting, or naming another agency than its own' })
  @ApiResponse({
    status: 409,
    description: 'INVALID_TRANSITION (not ASSIGNED or MOBILIZED), CONFLICT AGENCY_ALREADY_MOBILIZED (once per agency and assignment), VERSION_MISMATCH (a stale If-Match)',
  })
  mobilize(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: MobilizationDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.mobilize(scope, actor, id, dto, v);
  }

  @Put('situations/:id/agencies/:agencyId/services')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @SituationWrite('CONNECT_SERVICES', 'situation.services')
  @ApiHeader(IF_MATCH)
  @ApiParam({ name: 'agencyId', format: 'uuid', description: 'an intervening agency that has mobilised' })
  @ApiOkResponse({
    type: SituationView,
    description: "the services the agency connected, replaced (the lead's are the situation's `services` too); audited with the codes added and removed",
  })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: a representative of another agency than the one named' })
  @ApiResponse({
    status: 409,
    description: 'INVALID_TRANSITION (not ASSIGNED or MOBILIZED), CONFLICT AGENCY_NOT_MOBILIZED (the agency has not mobilised for the current assignment), VERSION_MISMATCH',
  })
  connectServices(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('agencyId') agencyId: string,
    @Body() dto: AgencyServicesDto,
    @IfMatch() v?: number,
  ): Promise<SituationView> {
    return this.situations.connectServices(scope, actor, id, agencyId, dto, v);
  }

  @Post('situations/:id/updates')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @SituationWrite('POST_UPDATE', 'situation.update')
  @ApiCreatedResponse({ type: SituationUpdateView })
  postUpdate(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateNoteDto): Promise<SituationUpdateView> {
    return this.situations.postUpdate(scope, actor, id, dto);
  }

  @Post('situations/:id/closure')
  @TableAccess('situation', 'COORDINATOR')
  @SituationWrite('CLOSE', 'situation.close')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SituationView })
  @ApiResponse({
    status: 422,
    description:
      'CONSENT_STATUS_REFUSED (details.field consentStatus): NOT_APPLICABLE for a PERSON or FAMILY situation (details.reason NOT_APPLICABLE_FOR_PERSONS), or not OBTAINED after a disclosure under an authority that requires consent (CONSENT_DISCLOSURE_NEEDS_OBTAINED)',
  })
  close(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ClosureDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.close(scope, actor, id, dto, v);
  }

  @Post('situations/:id/reopen')
  @TableAccess('situation', 'COORDINATOR')
  @SituationWrite('REOPEN', 'situation.reopen')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SituationView, description: 'reopened: back to the status it was closed from (ASSIGNED or MOBILIZED); the closure stays in its history' })
  @ApiResponse({ status: 409, description: "INVALID_TRANSITION (not CLOSED), or CONFLICT: REOPEN_NOT_ALLOWED (the table's reopenLimitDays is 0) or REOPEN_PERIOD_OVER" })
  @ApiResponse({ status: 410, description: 'GONE: its identity was purged (or is past its purge date)' })
  reopen(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReopenDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.reopen(scope, actor, id, dto, v);
  }

  @Put('situations/:id/system-barriers')
  @TableAccess('situation', 'COORDINATOR')
  @SituationWrite('CHANGE_BARRIERS', 'situation.system_barriers')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({
    type: SituationView,
    description: "the closure's system barriers replaced by those given (an empty list removes them); audited with the codes added and removed",
  })
  @ApiResponse({
    status: 409,
    description:
      "INVALID_TRANSITION (not CLOSED), CONFLICT BARRIERS_FINAL (past the table's reopenLimitDays, or a closure that is never reopened), VERSION_MISMATCH (a stale If-Match)",
  })
  @ApiResponse({ status: 410, description: 'GONE: its identity was purged (or is past its purge date)' })
  changeClosureBarriers(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: ClosureBarriersDto,
    @IfMatch() v?: number,
  ): Promise<SituationView> {
    return this.situations.changeClosureBarriers(scope, actor, id, dto, v);
  }
}
