import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { ApiPaginatedResponse, Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { AgendaQuery, AgendaView, AttendanceDto, CreateMeetingDto, MeetingListQuery, MeetingView } from './meeting.dto';
import { MeetingService } from './meeting.service';
import { MeetingAgendaService } from './meeting-agenda.service';
import { OpenMeetingWrite } from './meeting-open.guard';

/** Analysts see aggregates only (domain.md): meeting lists yes, agendas and minutes no. */
const CASE_ROLES = ['COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER'] as const;

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MeetingController {
  constructor(
    private readonly meetings: MeetingService,
    private readonly agendaItems: MeetingAgendaService,
  ) {}

  @Post('tables/:tableId/meetings')
  @TableAccess('table', 'COORDINATOR')
  @ApiCreatedResponse({ type: MeetingView })
  create(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Body() dto: CreateMeetingDto): Promise<MeetingView> {
    return this.meetings.create(scope, actor, dto);
  }

  @Get('tables/:tableId/meetings')
  @TableAccess('table', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiPaginatedResponse(MeetingView)
  list(@Scope() scope: TableScope, @Query() query: MeetingListQuery): Promise<Page<MeetingView>> {
    return this.meetings.list(scope, query);
  }

  @Get('meetings/:id')
  @TableAccess('meeting', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiOkResponse({ type: MeetingView })
  get(@Scope() scope: TableScope, @UuidParam('id') id: string): Promise<MeetingView> {
    return this.meetings.get(scope, id);
  }

  @Get('meetings/:id/agenda')
  @TableAccess('meeting', ...CASE_ROLES)
  @ApiOkResponse({ type: AgendaView })
  agenda(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: AgendaQuery): Promise<AgendaView> {
    return this.meetings.agenda(scope, actor, id, query.limit);
  }

  @Put('meetings/:id/attendance')
  @TableAccess('meeting', 'COORDINATOR')
  @OpenMeetingWrite()
  @ApiOkResponse({ type: MeetingView, description: 'agencies (`agencyIds`) and/or people (`attendees`, members of the table); recording it stores the agenda items' })
  attendance(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AttendanceDto): Promise<MeetingView> {
    return this.agendaItems.setAttendance(scope, actor, id, dto);
  }
  // close, minutes, the PDF, the approval and the agenda's publication: minutes.controller.ts
}
