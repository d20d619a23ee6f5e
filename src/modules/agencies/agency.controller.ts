import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, Authenticated } from '../../common/authz/access-rule';
import type { Actor } from '../../common/authz/principal';
import { CurrentActor } from '../../common/authz/request-context';
import { ApiPaginatedResponse, Page, PageQuery } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { AgencyView, CreateAgencyDto } from './agency.dto';
import { AgencyService } from './agency.service';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('agencies')
export class AgencyController {
  constructor(private readonly agencies: AgencyService) {}

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: AgencyView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAgencyDto): Promise<AgencyView> {
    return this.agencies.create(actor, dto);
  }

  @Get()
  @AdminOnly()
  @ApiPaginatedResponse(AgencyView)
  list(@Query() query: PageQuery): Promise<Page<AgencyView>> {
    return this.agencies.list(query);
  }

  /** Any signed-in user may read an agency's name and sector (no personal data). */
  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: AgencyView })
  get(@UuidParam('id') id: string): Promise<AgencyView> {
    return this.agencies.get(id);
  }
}
