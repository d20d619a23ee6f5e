import { Body, Controller, Delete, Get, HttpCode, Param, ParseEnumPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../common/authz/access-rule';
import type { Actor } from '../../common/authz/principal';
import { CurrentActor } from '../../common/authz/request-context';
import { TABLE_ROLES, TableRole } from '../../common/authz/roles';
import { DomainError } from '../../common/errors/domain-error';
import { ApiPaginatedResponse, Page, PageQuery } from '../../common/http/pagination';
import { UuidParam } from '../../common/http/uuid-param';
import { GrantRoleDto, RoleGrantResult } from '../tables/table.dto';
import { AdminUserView, CreateUserDto, TableMembersView, UpdateUserDto } from './user.dto';
import { UserService } from './user.service';

@ApiTags('administration')
@ApiBearerAuth()
@Controller()
export class UserController {
  constructor(private readonly users: UserService) {}

  @Post('users')
  @AdminOnly()
  @ApiCreatedResponse({ type: AdminUserView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<AdminUserView> {
    return this.users.create(actor, dto);
  }

  @Get('users')
  @AdminOnly()
  @ApiPaginatedResponse(AdminUserView)
  list(@Query() query: PageQuery): Promise<Page<AdminUserView>> {
    return this.users.list(query);
  }

  @Get('users/:id')
  @AdminOnly()
  @ApiOkResponse({ type: AdminUserView })
  get(@UuidParam('id') id: string): Promise<AdminUserView> {
    return this.users.get(id);
  }

  @Patch('users/:id')
  @AdminOnly()
  @ApiOkResponse({ type: AdminUserView })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: UpdateUserDto): Promise<AdminUserView> {
    return this.users.update(actor, id, dto);
  }

  /** A table's member agencies and who holds which role there (administrators hold no table role, so the table routes refuse them). */
  @Get('tables/:tableId/members')
  @AdminOnly()
  @ApiOkResponse({ type: TableMembersView })
  members(@CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string): Promise<TableMembersView> {
    return this.users.members(actor, tableId);
  }

  @Post('tables/:tableId/roles')
  @AdminOnly()
  @ApiCreatedResponse({ type: RoleGrantResult })
  grant(@CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string, @Body() dto: GrantRoleDto): Promise<RoleGrantResult> {
    return this.users.grantRole(actor, tableId, dto.userId, dto.role);
  }

  @Delete('tables/:tableId/roles/:userId/:role')
  @AdminOnly()
  @HttpCode(204)
  @ApiParam({ name: 'role', enum: TABLE_ROLES })
  @ApiNoContentResponse()
  revoke(
    @CurrentActor() actor: Actor,
    @UuidParam('tableId') tableId: string,
    @UuidParam('userId') userId: string,
    @Param('role', new ParseEnumPipe(Object.fromEntries(TABLE_ROLES.map((r) => [r, r])), { exceptionFactory: () => DomainError.notFound('role grant') })) role: TableRole,
  ): Promise<void> {
    return this.users.revokeRole(actor, tableId, userId, role);
  }
}
