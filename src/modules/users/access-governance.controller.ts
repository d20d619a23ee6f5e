import { GovernanceState } from './governance-state.guard';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, Authenticated, TableAccess } from '../../common/authz/access-rule';
import type { Actor, Principal } from '../../common/authz/principal';
import { CurrentActor, CurrentUser } from '../../common/authz/request-context';
import { AllowWithPendingUndertaking } from '../../common/authz/undertaking';
import { UuidParam } from '../../common/http/uuid-param';
import {
  AcceptAgreementDto,
  AcceptanceView,
  AccessReviewView,
  AgreementAdminView,
  AgreementVersionView,
  AgreementView,
  CertificationView,
  CertifyGrantDto,
  DeclineRemovalDto,
  PendingUndertakingDetailView,
  PublishAgreementDto,
  RemovalRequestQuery,
  RemovalRequestView,
  RequestRemovalDto,
} from './access-governance.dto';
import { AccessGovernanceService } from './access-governance.service';

/** The privacy officer's access review and the table's confidentiality undertaking (issue 17, section 3). */
@ApiTags('access governance')
@ApiBearerAuth()
@Controller()
export class AccessGovernanceController {
  constructor(private readonly governance: AccessGovernanceService) {}

  /** The table's members and role grants, with names, review status and undertaking (the privacy officer's access review). */
  @Get('tables/:tableId/access-review')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiOkResponse({ type: AccessReviewView })
  review(@CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string): Promise<AccessReviewView> {
    return this.governance.review(actor, tableId);
  }

  @Post('tables/:tableId/access-review/certifications')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiCreatedResponse({ type: CertificationView })
  certify(@CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string, @Body() dto: CertifyGrantDto): Promise<CertificationView> {
    return this.governance.certify(actor, tableId, dto);
  }

  @Post('tables/:tableId/access-review/removal-requests')
  @TableAccess('table', 'PRIVACY_OFFICER')
  @ApiCreatedResponse({ type: RemovalRequestView })
  requestRemoval(@CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string, @Body() dto: RequestRemovalDto): Promise<RemovalRequestView> {
    return this.governance.requestRemoval(actor, tableId, dto);
  }

  /** The privacy officer's removal requests, for the administrators, who act on them (revoke the role, or decline). */
  @Get('tables/:tableId/removal-requests')
  @AdminOnly()
  @ApiOkResponse({ type: [RemovalRequestView] })
  removalRequests(@CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string, @Query() query: RemovalRequestQuery): Promise<RemovalRequestView[]> {
    return this.governance.removalRequests(actor, tableId, query.status ?? null);
  }

  @Post('tables/:tableId/removal-requests/:requestId/decline')
  @AdminOnly()
  @GovernanceState('decline-removal')
  @HttpCode(200)
  @ApiOkResponse({ type: RemovalRequestView })
  decline(
    @CurrentActor() actor: Actor,
    @UuidParam('tableId') tableId: string,
    @UuidParam('requestId') requestId: string,
    @Body() dto: DeclineRemovalDto,
  ): Promise<RemovalRequestView> {
    return this.governance.declineRemoval(actor, tableId, requestId, dto.note);
  }

  @Post('tables/:tableId/agreement/versions')
  @AdminOnly()
  @ApiCreatedResponse({ type: AgreementVersionView })
  publish(@CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string, @Body() dto: PublishAgreementDto): Promise<AgreementVersionView> {
    return this.governance.publish(actor, tableId, dto);
  }

  @Get('tables/:tableId/agreement/versions')
  @AdminOnly()
  @ApiOkResponse({ type: AgreementAdminView })
  versions(@UuidParam('tableId') tableId: string): Promise<AgreementAdminView> {
    return this.governance.versions(tableId);
  }

  /** The table's current confidentiality agreement, readable before it is accepted. */
  @Get('tables/:tableId/agreement')
  @TableAccess('table', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST')
  @AllowWithPendingUndertaking()
  @ApiOkResponse({ type: AgreementView })
  agreement(@CurrentUser() user: Principal, @UuidParam('tableId') tableId: string): Promise<AgreementView> {
    return this.governance.current(user, tableId);
  }

  @Post('tables/:tableId/agreement/accept')
  @TableAccess('table', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST')
  @AllowWithPendingUndertaking()
  @GovernanceState('accept-agreement')
  @HttpCode(200)
  @ApiOkResponse({ type: AcceptanceView })
  accept(@CurrentUser() user: Principal, @CurrentActor() actor: Actor, @UuidParam('tableId') tableId: string, @Body() dto: AcceptAgreementDto): Promise<AcceptanceView> {
    return this.governance.accept(user, actor, tableId, dto.version);
  }

  /** The confidentiality agreements the caller must accept before their roles at those tables are active. */
  @Get('auth/me/undertakings')
  @Authenticated()
  @ApiOkResponse({ type: [PendingUndertakingDetailView] })
  pending(@CurrentUser() user: Principal): Promise<PendingUndertakingDetailView[]> {
    return this.governance.pending(user);
  }
}
