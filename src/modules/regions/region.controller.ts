import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, Authenticated } from '../../common/authz/access-rule';
import type { Actor, Principal } from '../../common/authz/principal';
import { CurrentActor, CurrentUser, Lang } from '../../common/authz/request-context';
import type { Language } from '../../common/http/language';
import { UuidParam } from '../../common/http/uuid-param';
import { ApiPaginatedResponse, type Page } from '../../common/http/pagination';
import { AuditEntryView, RegionAuditQuery, VerifyView } from '../audit/audit-query.dto';
import { CreateRegionDto, GrantRegionRoleDto, RegionRoleGrantView, RegionView, SetRegionMembersDto } from './region.dto';
import { RegionService } from './region.service';

/** Regions of tables (docs/evaluation.md, section 7): administered by ADMIN, listed to their analysts. */
@ApiTags('regions')
@ApiBearerAuth()
@Controller('regions')
export class RegionController {
  constructor(private readonly regions: RegionService) {}

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: RegionView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRegionDto, @Lang() lang: Language): Promise<RegionView> {
    return this.regions.create(actor, dto, lang);
  }

  /** Every region for an administrator; the caller's own regions for a regional analyst; none for anyone else. */
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [RegionView] })
  list(@CurrentUser() user: Principal, @Lang() lang: Language): Promise<RegionView[]> {
    return this.regions.list(user, lang);
  }

  /** The member tables of a year not yet begun (replaces the year's membership). */
  @Put(':regionId/members/:year')
  @AdminOnly()
  @ApiParam({ name: 'year', type: String, example: '2027', description: "a calendar year not yet begun in the region's time zone" })
  @ApiOkResponse({ type: RegionView })
  setMembers(
    @CurrentActor() actor: Actor,
    @UuidParam('regionId') regionId: string,
    @Param('year') year: string,
    @Body() dto: SetRegionMembersDto,
    @Lang() lang: Language,
  ): Promise<RegionView> {
    return this.regions.setMembers(actor, regionId, year, dto.tableIds, lang);
  }

  @Post(':regionId/analysts')
  @AdminOnly()
  @ApiCreatedResponse({ type: RegionRoleGrantView })
  grant(@CurrentActor() actor: Actor, @UuidParam('regionId') regionId: string, @Body() dto: GrantRegionRoleDto): Promise<RegionRoleGrantView> {
    return this.regions.grant(actor, regionId, dto.userId.toLowerCase());
  }

  /** The region's audit trail (R12): its reads and changes, newest first. Reading it is recorded on it. */
  @Get(':regionId/audit')
  @AdminOnly()
  @ApiPaginatedResponse(AuditEntryView)
  trail(@CurrentActor() actor: Actor, @UuidParam('regionId') regionId: string, @Query() q: RegionAuditQuery): Promise<Page<AuditEntryView>> {
    return this.regions.trail(actor, regionId, q);
  }

  /** The region's chain verified: its hashes, its head's signature and the signed checkpoints. */
  @Get(':regionId/audit/verify')
  @AdminOnly()
  @ApiOkResponse({ type: VerifyView })
  verifyTrail(@CurrentActor() actor: Actor, @UuidParam('regionId') regionId: string): Promise<VerifyView> {
    return this.regions.verifyTrail(actor, regionId);
  }

  @Delete(':regionId/analysts/:userId')
  @AdminOnly()
  @HttpCode(204)
  @ApiNoContentResponse()
  revoke(@CurrentActor() actor: Actor, @UuidParam('regionId') regionId: string, @UuidParam('userId') userId: string): Promise<void> {
    return this.regions.revoke(actor, regionId, userId);
  }
}
