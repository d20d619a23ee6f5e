import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppRequest } from '../../common/authz/request-context';
import { isUuid } from '../../common/authz/table-resolver';
import { DomainError } from '../../common/errors/domain-error';
import { AccessGovernanceService } from './access-governance.service';

type GovernanceStep = 'decline-removal' | 'accept-agreement';
const STEP = 'governance:step';

/**
 * The state a governance write depends on, before its body is validated (api.md: 404, then 409,
 * then 400): declining a removal request needs the table and an OPEN request (404, 409
 * `REMOVAL_REQUEST_CLOSED`); accepting the undertaking needs a published agreement (409
 * `NO_AGREEMENT`). Runs after the AccessGuard (role); the service re-checks in its transaction.
 */
@Injectable()
export class GovernanceStateGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly governance: AccessGovernanceService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const step = this.reflector.get<GovernanceStep | undefined>(STEP, context.getHandler());
    const params = context.switchToHttp().getRequest<AppRequest>().params as { tableId?: string; requestId?: string };
    if (!step) throw DomainError.forbidden('undeclared governance write');
    if (!isUuid(params.tableId)) throw DomainError.notFound('table');
    if (step === 'decline-removal' && !isUuid(params.requestId)) throw DomainError.notFound('removal request');
    const refusal = step === 'decline-removal' ? await this.governance.declineRefusal(params.tableId, params.requestId!) : await this.governance.acceptRefusal(params.tableId);
    if (refusal) throw refusal;
    return true;
  }
}

/** Declares the state a governance write needs (checked by GovernanceStateGuard before the body). */
export const GovernanceState = (step: GovernanceStep) => applyDecorators(SetMetadata(STEP, step), UseGuards(GovernanceStateGuard));
