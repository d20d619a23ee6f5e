import { CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { AppRequest } from '../../common/authz/request-context';
import { DomainError } from '../../common/errors/domain-error';
import { parseIfMatch } from '../../common/http/if-match';
import { AuditReviewService } from './audit-review.service';

/**
 * Setting a table's anomaly thresholds with a stale If-Match is 409 before the body is validated
 * (api.md: version before content). Runs after the AccessGuard; the service re-checks under the lock.
 * A malformed If-Match is left to the route's own 400.
 */
@Injectable()
export class AnomalyThresholdsVersionGuard implements CanActivate {
  constructor(private readonly review: AuditReviewService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AppRequest>();
    if (!req.scope?.tableId) throw DomainError.forbidden('undeclared thresholds write');
    const ifMatch = parseIfMatch(req.headers['if-match'] as string | undefined);
    const refusal = await this.review.thresholdsVersionRefusal(req.scope.tableId, ifMatch === 'invalid' ? undefined : ifMatch);
    if (refusal) throw refusal;
    return true;
  }
}

export const ThresholdsVersionChecked = () => UseGuards(AnomalyThresholdsVersionGuard);
