import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { actorOf, AppRequest } from '../../common/authz/request-context';
import { isUuid } from '../../common/authz/table-resolver';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AuditService } from '../audit/audit.service';
import { DisclosureService } from './disclosure.service';

/**
 * A notice or consent record is the disclosing agency's (its representatives): the disclosure must
 * be one of this situation's (404) and the caller of its agency (403, audited); a notice must be
 * required and not yet recorded (409). All before the body is validated (api.md: 404, 403, then 409,
 * then 400/422).
 */
@Injectable()
export class DisclosingAgencyGuard implements CanActivate {
  constructor(
    private readonly disclosures: DisclosureService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AppRequest>();
    const scope = req.scope;
    const disclosureId = (req.params as Record<string, string | undefined>)?.disclosureId ?? '';
    if (!scope?.resourceId) throw DomainError.forbidden('undeclared');
    if (!isUuid(disclosureId)) throw DomainError.notFound('disclosure');
    const step = req.url.includes('/consent') ? 'consent' : 'notice';
    const refusal = await this.disclosures.disclosingAgencyRefusal(scope, actorOf(req), scope.resourceId, disclosureId.toLowerCase(), step);
    if (!refusal) return true;
    if (refusal.code === ErrorCode.FORBIDDEN) {
      const action = `disclosure.${step}`;
      await this.audit.recordDenied(actorOf(req), { action, tableId: scope.tableId, situationId: scope.resourceId, details: { reason: refusal.code, disclosureId } });
    }
    throw refusal;
  }
}
