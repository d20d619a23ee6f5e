import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RateLimit, TableAccess } from '../../common/authz/access-rule';
import type { Actor, TableScope } from '../../common/authz/principal';
import { CurrentActor, Scope } from '../../common/authz/request-context';
import { AccessRequestResultView, AccessRequestSearchDto } from './access-request.dto';
import { AccessRequestService } from './access-request.service';

/**
 * Individual access requests: the privacy officer (PRIVACY_OFFICER) of the table searches the
 * blind index by an exact identity match and gets references, never identity (issue 17).
 */
@ApiTags('access-requests')
@ApiBearerAuth()
@Controller('tables/:tableId/access-requests')
export class AccessRequestController {
  constructor(private readonly requests: AccessRequestService) {}

  @Post('search')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @RateLimit('sensitive')
  @HttpCode(200)
  @ApiOkResponse({
    type: AccessRequestResultView,
    description: "the references of this table's situations the person is a subject of (identity not purged); audited with the purpose",
  })
  @ApiResponse({ status: 422, description: 'PII_DETECTED: the purpose note holds identifying information (the searched name or date included)' })
  @ApiResponse({ status: 503, description: 'SERVICE_UNAVAILABLE: the blind index key or the audit trail cannot be reached (nothing answered)' })
  search(@Scope() scope: TableScope, @CurrentActor() actor: Actor, @Body() dto: AccessRequestSearchDto): Promise<AccessRequestResultView> {
    return this.requests.search(actor, scope.tableId, dto);
  }
}
