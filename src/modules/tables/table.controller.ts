import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, Authenticated, TableAccess } from '../../common/authz/access-rule';
import type { Actor, Principal } from '../../common/authz/principal';
import { CurrentActor, CurrentUser } from '../../common/authz/request-context';
import { ApiPaginatedResponse, Page, PageQuery } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { AddTableAgencyDto, CreateTableDto, TableAgencyView, TableView, UpdateTableDto } from './table.dto';
import { TableService } from './table.service';

@ApiTags('tables')
@ApiBearerAuth()
@Controller('tables')
export class TableController {
  constructor(private readonly tables: TableService) {}

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: TableView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTableDto): Promise<TableView> {
    return this.tables.create(actor, dto);
  }

  @Get()
  @Authenticated()
  @ApiPaginatedResponse(TableView)
  list(@CurrentUser() user: Principal, @Query() query: PageQuery): Promise<Page<TableView>> {
    return this.tables.list(user, query);
  }

  @Get(':tableId')
  @TableAccess('table', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiOkResponse({ type: TableView })
  get(@UuidParam('tableId') tableId: string): Promise<TableView> {
    return this.tables.get(tableId);
  }

  @Patch(':tableId')
  @AdminOnly()
  @ApiOkResponse({ type: TableView })
  update(@CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string, @Body() dto: UpdateTableDto): Promise<TableView> {
    return this.tables.update(actor, tableId, dto);
  }

  @Post(':tableId/agencies')
  @AdminOnly()
  @ApiCreatedResponse({ type: TableAgencyView })
  addAgency(@CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string, @Body() dto: AddTableAgencyDto): Promise<TableAgencyView> {
    return this.tables.addAgency(actor, tableId, dto.agencyId);
  }

  @Get(':tableId/agencies')
  @TableAccess('table', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST')
  @ApiOkResponse({ type: [TableAgencyView] })
  agencies(@UuidParam('tableId') tableId: string): Promise<TableAgencyView[]> {
    return this.tables.agencies(tableId);
  }
}
