import { Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TableAccess } from '../../common/authz/access-rule';
import type { Actor, Principal, TableScope } from '../../common/authz/principal';
import { CurrentActor, CurrentUser, Scope } from '../../common/authz/request-context';
import { UuidParam } from '../../common/http/uuid-param';
import { MeetingView, MinutesView } from './meeting.dto';
import { OpenMeetingWrite } from './meeting-open.guard';
import { MinutesDocumentView, MinutesPdfQuery } from './minutes.dto';
import { MinutesService } from './minutes.service';

/** Analysts see aggregates only (domain.md): minutes no. */
const CASE_ROLES = ['COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER'] as const;

@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @Post('meetings/:id/close')
  @TableAccess('meeting', 'COORDINATOR')
  @OpenMeetingWrite()
  @HttpCode(200)
  @ApiOkResponse({
    type: MinutesView,
    description:
      "the meeting is frozen; its draft minutes are returned, and the table's coordinators and agency representatives are notified that they are ready for review (MINUTES_READY)",
  })
  close(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MinutesView> {
    return this.minutes.close(scope, actor, id);
  }

  @Get('meetings/:id/minutes')
  @TableAccess('meeting', ...CASE_ROLES)
  @ApiOkResponse({
    type: MinutesDocumentView,
    description: 'the approved minutes as they were approved (status APPROVED), else the draft computed from the meeting record (status DRAFT)',
  })
  read(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MinutesDocumentView> {
    return this.minutes.read(scope, actor, id);
  }

  @Get('meetings/:id/minutes.pdf')
  @TableAccess('meeting', ...CASE_ROLES)
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: "the minutes (approved, else the draft) as a PDF in English or French, times in the table's time zone; audited as a minutes read",
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async pdf(
    @Scope() scope: TableScope,
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() query: MinutesPdfQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { bytes, filename } = await this.minutes.pdf(scope, actor, id, query.lang ?? 'en');
    void reply.header('content-disposition', `attachment; filename="${filename}"`);
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length });
  }

  @Post('meetings/:id/minutes/approval')
  @TableAccess('meeting', 'COORDINATOR')
  @HttpCode(200)
  @ApiOkResponse({ type: MinutesDocumentView, description: 'approved: the document stored as it is now, immutable from now on' })
  @ApiResponse({
    status: 409,
    description:
      'CONFLICT: MEETING_NOT_CLOSED, MINUTES_ALREADY_APPROVED, NO_NEXT_MEETING (no meeting scheduled after it) or NEXT_MEETING_CLOSED (the next meeting, where they were to be approved, is over)',
  })
  approve(@Scope() scope: TableScope, @CurrentUser() user: Principal, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MinutesDocumentView> {
    return this.minutes.approve(scope, user, actor, id);
  }

  @Post('meetings/:id/agenda/publish')
  @TableAccess('meeting', 'COORDINATOR')
  @OpenMeetingWrite()
  @HttpCode(200)
  @ApiOkResponse({
    type: MeetingView,
    description: "published (agendaPublishedAt set): the table's coordinators and agency representatives are notified (AGENDA_PUBLISHED: the date and a link)",
  })
  @ApiResponse({ status: 409, description: 'CONFLICT: MEETING_CLOSED or AGENDA_ALREADY_PUBLISHED' })
  publishAgenda(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MeetingView> {
    return this.minutes.publishAgenda(scope, actor, id);
  }
}
