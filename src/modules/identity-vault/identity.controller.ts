import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { UuidParam } from '../../common/http/uuid-param';
import { DeidentificationService } from '../deidentification/deidentification.service';
import { IdentityQuery, IdentityView, WriteIdentityDto } from './identity.dto';
import { IdentityVaultService } from './identity-vault.service';

/** Filter 3: limited identifying information, for the originating, lead and assisting agencies only. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('situations/:id/identity')
export class IdentityController {
  constructor(
    private readonly vault: IdentityVaultService,
    private readonly deid: DeidentificationService,
  ) {}

  @Put()
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP')
  @RateLimit('sensitive')
  @HttpCode(204)
  @ApiNoContentResponse()
  write(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: WriteIdentityDto): Promise<void> {
    return this.vault.store(actor, scope.tableId, id, dto);
  }

  @Get()
  @TableAccess('situation', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST')
  @RateLimit('sensitive')
  @ApiOkResponse({ type: IdentityView })
  async read(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: IdentityQuery): Promise<IdentityView> {
    const purpose = query.purpose.trim();
    // The purpose goes into the audit trail, which must hold nothing identifying.
    await this.deid.check({ purpose }, { actor, tableId: scope.tableId, situationId: id, action: 'identity.read' });
    return this.vault.reveal(actor, scope.tableId, id, purpose);
  }
}
