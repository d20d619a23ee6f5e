import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { IfMatch } from '../../common/http/if-match';
import { ApiPaginatedResponse, Page } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import type { ThresholdAssessment } from './domain/threshold';
import {
  AssignmentDto,
  ClosureDto,
  CreateSituationDto,
  DecisionDto,
  EditSituationDto,
  ListSituationsQuery,
  MobilizationDto,
  SituationUpdateView,
  SituationView,
  ThresholdView,
  UpdateNoteDto,
} from './dto/situation.dto';
import { SituationService } from './situation.service';
import { SituationWrite } from './situation-step.guard';

const IF_MATCH = { name: 'If-Match', required: false, description: 'the version you read; a stale one gets 409' };

@ApiTags('situations')
@ApiBearerAuth()
@Controller()
export class SituationController {
  constructor(private readonly situations: SituationService) {}

  @Post('tables/:tableId/situations')
  @TableAccess('table', 'COORDINATOR', 'AGENCY_REP')
  @ApiCreatedResponse({ type: SituationView })
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

  @Post('situations/:id/assignment')
  @TableAccess('situation', 'COORDINATOR')
  @SituationWrite('ASSIGN', 'situation.assign')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SituationView })
  assign(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AssignmentDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.assign(scope, actor, id, dto, v);
  }

  @Post('situations/:id/mobilization')
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @SituationWrite('MOBILIZE', 'situation.mobilize')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: SituationView })
  mobilize(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: MobilizationDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.mobilize(scope, actor, id, dto, v);
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
  close(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ClosureDto, @IfMatch() v?: number): Promise<SituationView> {
    return this.situations.close(scope, actor, id, dto, v);
  }
}
