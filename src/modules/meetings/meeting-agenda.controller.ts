import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { UuidParam } from '../../common/http/uuid-param';
import { AddAgendaItemDto, AgendaItemsView, AgendaOrderDto, MeetingAttendeeView } from './meeting-agenda.dto';
import { MeetingAgendaService } from './meeting-agenda.service';
import { OpenMeetingWrite } from './meeting-open.guard';

const CLOSED = { status: 409, description: 'CONFLICT MEETING_CLOSED: the meeting is closed' };
const NOT_LISTED = { status: 409, description: 'CONFLICT MEETING_CLOSED; AGENDA_ITEM_NOT_LISTED (the item was discussed, deferred or removed)' };

/**
 * The agenda as ordered items (issue 16): the coordinator adds, removes, orders, defers and marks
 * discussed; each answers the meeting's items (GET /meetings/:id/agenda has them with the sections).
 */
@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingAgendaController {
  constructor(private readonly agenda: MeetingAgendaService) {}

  @Post('meetings/:id/agenda/items')
  @TableAccess('meeting', 'COORDINATOR')
  @OpenMeetingWrite()
  @ApiOperation({ summary: 'adds a situation of the table (by id or reference; not a rejected or withdrawn referral) at the end of the agenda; a removed item is listed again' })
  @ApiCreatedResponse({ type: AgendaItemsView })
  @ApiResponse({ status: 409, description: 'CONFLICT MEETING_CLOSED; ALREADY_ON_AGENDA' })
  @ApiResponse({ status: 400, description: 'no such situation at this table, or a stub' })
  add(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AddAgendaItemDto): Promise<AgendaItemsView> {
    return this.agenda.add(scope, actor, id, dto);
  }

  @Delete('meetings/:id/agenda/items/:situationId')
  @TableAccess('meeting', 'COORDINATOR')
  @OpenMeetingWrite()
  @ApiOperation({ summary: 'removes a listed item (kept as REMOVED, last; adding it again lists it again)' })
  @ApiOkResponse({ type: AgendaItemsView })
  @ApiResponse({ status: 404, description: 'the situation is not on this agenda' })
  @ApiResponse(NOT_LISTED)
  remove(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('situationId') situationId: string): Promise<AgendaItemsView> {
    return this.agenda.remove(scope, actor, id, situationId);
  }

  @Put('meetings/:id/agenda/order')
  @TableAccess('meeting', 'COORDINATOR')
  @OpenMeetingWrite()
  @ApiOperation({ summary: 'orders the agenda: the situations named first, in that order; the others keep their order after them' })
  @ApiOkResponse({ type: AgendaItemsView })
  @ApiResponse(CLOSED)
  @ApiResponse({ status: 400, description: 'a situation not on this agenda (or removed), or named twice' })
  order(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AgendaOrderDto): Promise<AgendaItemsView> {
    return this.agenda.order(scope, actor, id, dto.situationIds);
  }

  @Post('meetings/:id/agenda/items/:situationId/defer')
  @TableAccess('meeting', 'COORDINATOR')
  @OpenMeetingWrite()
  @HttpCode(200)
  @ApiOperation({ summary: "defers a listed item to the table's next open meeting by date, where it is listed (origin DEFERRED)" })
  @ApiOkResponse({ type: AgendaItemsView })
  @ApiResponse({ status: 404, description: 'the situation is not on this agenda' })
  @ApiResponse({ status: 409, description: 'CONFLICT MEETING_CLOSED; AGENDA_ITEM_NOT_LISTED; NO_NEXT_MEETING (schedule the next meeting first)' })
  defer(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('situationId') situationId: string): Promise<AgendaItemsView> {
    return this.agenda.defer(scope, actor, id, situationId);
  }

  @Post('meetings/:id/agenda/items/:situationId/discussed')
  @TableAccess('meeting', 'COORDINATOR')
  @OpenMeetingWrite()
  @HttpCode(200)
  @ApiOperation({ summary: 'marks a listed item discussed (when and by whom is recorded)' })
  @ApiOkResponse({ type: AgendaItemsView })
  @ApiResponse({ status: 404, description: 'the situation is not on this agenda' })
  @ApiResponse(NOT_LISTED)
  discussed(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('situationId') situationId: string): Promise<AgendaItemsView> {
    return this.agenda.discussed(scope, actor, id, situationId);
  }

  @Get('meetings/:id/attendance/candidates')
  @TableAccess('meeting', 'COORDINATOR')
  @ApiOperation({ summary: "who may be recorded present: the table's active members with their agency and sector (no e-mail)" })
  @ApiOkResponse({ type: [MeetingAttendeeView] })
  candidates(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MeetingAttendeeView[]> {
    return this.agenda.candidates(scope, actor, id);
  }
}
