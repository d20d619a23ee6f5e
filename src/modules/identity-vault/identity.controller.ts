import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { UuidParam } from '../../common/http/uuid-param';
import { IdentityQuery, IdentityView, WriteIdentityDto } from './identity.dto';
import { IdentityStep } from './identity-step.guard';
import { IdentityVaultService } from './identity-vault.service';

/**
 * Filter 3: limited identifying information, for the representatives (AGENCY_REP) of the
 * originating, lead and assisting agencies only (domain.md). Other roles get 403 whatever their
 * agency. Standing and state are checked before the body or the purpose is looked at.
 */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('situations/:id/identity')
export class IdentityController {
  constructor(private readonly vault: IdentityVaultService) {}

  @Put()
  @TableAccess('situation', 'AGENCY_REP')
  @IdentityStep('WRITE_IDENTITY')
  @RateLimit('sensitive')
  @HttpCode(204)
  @ApiNoContentResponse()
  write(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: WriteIdentityDto): Promise<void> {
    return this.vault.store(actor, scope.tableId, id, dto, scope.roles);
  }

  @Get()
  @TableAccess('situation', 'AGENCY_REP')
  @IdentityStep('READ_IDENTITY')
  @RateLimit('sensitive')
  @ApiOkResponse({ type: IdentityView })
  @ApiResponse({ status: 409, description: 'IDENTITY_INTEGRITY_FAILURE: the stored identity failed its integrity check (not disclosed; audited and flagged)' })
  @ApiResponse({ status: 410, description: 'GONE: the identity was purged' })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the purpose note holds identifying information (checked like any free text, including against this identity)' })
  read(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: IdentityQuery): Promise<IdentityView> {
    return this.vault.reveal(actor, scope.tableId, id, { code: query.purposeCode, note: query.purpose?.trim() || null }, scope.roles);
  }
}
