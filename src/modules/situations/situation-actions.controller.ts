import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { IfMatch } from '../../common/http/if-match';
import { ApiPaginatedResponse, Page, PageQuery } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { ActionView, ContactAttemptView, CreateActionDto, CreateContactAttemptDto, UpdateActionDto } from './dto/actions.dto';
import { SituationActionsService } from './situation-actions.service';
import { SituationWork } from './situation-work.guard';

const STATE_409 = 'INVALID_TRANSITION: the situation is not ASSIGNED or MOBILIZED; CONFLICT MEETING_CLOSED: the meeting named is closed';
const STANDING_403 = 'FORBIDDEN: not a coordinator nor a representative of the lead or an assisting agency, or a representative recording for another agency than its own';

/**
 * Each intervening agency's part of the intervention (issue 16, Filters 3 and 4): actions with a
 * due date and a status, and attempts to contact the person. Recorded while the situation is
 * ASSIGNED or MOBILIZED, by a coordinator (for any intervening agency) or a representative of the
 * lead or an assisting agency (for its own); read like the situation. Text is de-identified.
 */
@ApiTags('situations')
@ApiBearerAuth()
@Controller()
export class SituationActionsController {
  constructor(private readonly work: SituationActionsService) {}

  @Post('situations/:id/actions')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @SituationWork('RECORD_ACTION', 'situation.action.create')
  @ApiCreatedResponse({ type: ActionView, description: 'a PLANNED action of the lead or an assisting agency (audited situation.action.create)' })
  @ApiResponse({ status: 403, description: STANDING_403 })
  @ApiResponse({ status: 409, description: STATE_409 })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the description identifies someone (the known identity included)' })
  createAction(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateActionDto): Promise<ActionView> {
    return this.work.createAction(scope, actor, id, dto);
  }

  @Get('situations/:id/actions')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER')
  @ApiPaginatedResponse(ActionView, 'a page of the actions, in the order recorded (api.md, "Lists"), each with `overdue`; none for a rejected or withdrawn referral')
  actions(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQuery): Promise<Page<ActionView>> {
    return this.work.actions(scope, actor, id, query);
  }

  @Patch('situations/:id/actions/:actionId')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @SituationWork('UPDATE_ACTION', 'situation.action.update')
  @ApiParam({ name: 'actionId', format: 'uuid' })
  @ApiHeader({ name: 'If-Match', required: false, description: "the action's version you read; a stale one gets 409" })
  @ApiOkResponse({
    type: ActionView,
    description:
      "the action changed: DONE, or NOT_DONE with a reason code (both final), a new due date or description (audited situation.action.update). A representative changes its own agency's actions only",
  })
  @ApiResponse({ status: 403, description: STANDING_403 })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no such action of this situation' })
  @ApiResponse({ status: 409, description: `${STATE_409}; CONFLICT ACTION_FINAL: the action is DONE or NOT_DONE; VERSION_MISMATCH: a stale If-Match` })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the description or the reason note identifies someone' })
  updateAction(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('actionId') actionId: string,
    @Body() dto: UpdateActionDto,
    @IfMatch() v?: number,
  ): Promise<ActionView> {
    return this.work.updateAction(scope, actor, id, actionId, dto, v);
  }

  @Post('situations/:id/contact-attempts')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @SituationWork('RECORD_CONTACT', 'situation.contact_attempt')
  @ApiCreatedResponse({ type: ContactAttemptView, description: 'an attempt to contact the person, with its outcome code (audited situation.contact_attempt)' })
  @ApiResponse({ status: 403, description: STANDING_403 })
  @ApiResponse({ status: 409, description: STATE_409 })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the note identifies someone (the known identity included)' })
  recordContactAttempt(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateContactAttemptDto): Promise<ContactAttemptView> {
    return this.work.recordContactAttempt(scope, actor, id, dto);
  }

  @Get('situations/:id/contact-attempts')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER')
  @ApiPaginatedResponse(ContactAttemptView, 'a page of the contact attempts, oldest attempt first (api.md, "Lists"); none for a rejected or withdrawn referral')
  contactAttempts(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQuery): Promise<Page<ContactAttemptView>> {
    return this.work.contactAttempts(scope, actor, id, query);
  }
}
