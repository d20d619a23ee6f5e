import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppRequest } from '../../common/authz/request-context';
import { isUuid } from '../../common/authz/table-resolver';
import { DomainError } from '../../common/errors/domain-error';
import { parseIfMatch } from '../../common/http/if-match';
import { OversightRepository } from './oversight.repository';
import { recordWriteRefusal } from './oversight.service';

type RecordKind = 'case' | 'breach';
const KIND = 'oversight:record';

/**
 * A write on an anomaly case or a breach record: the record must exist at the table (404), be open
 * (409 `ANOMALY_CASE_CLOSED`, `BREACH_CLOSED`) and match `If-Match` (409 `VERSION_MISMATCH`), all
 * before the body is validated (api.md: state and version 409 before content 400). Runs after the
 * AccessGuard (table and role); the service re-checks the same (`recordWriteRefusal`) under the row
 * lock. A malformed If-Match is left to the route's own 400.
 */
@Injectable()
export class OversightRecordGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly repo: OversightRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind = this.reflector.get<RecordKind | undefined>(KIND, context.getHandler());
    const req = context.switchToHttp().getRequest<AppRequest>();
    const tableId = req.scope?.tableId;
    if (!kind || !tableId) throw DomainError.forbidden('undeclared oversight write');
    const params = req.params as { caseId?: string; breachId?: string };
    const id = kind === 'case' ? params.caseId : params.breachId;
    if (!isUuid(id)) throw DomainError.notFound(kind === 'case' ? 'anomaly case' : 'breach');
    const row = kind === 'case' ? await this.repo.findCase(this.repo.db, tableId, id) : await this.repo.findBreach(this.repo.db, tableId, id);
    const ifMatch = parseIfMatch(req.headers['if-match'] as string | undefined);
    const refusal = recordWriteRefusal(kind, row, ifMatch === 'invalid' ? undefined : ifMatch);
    if (refusal) throw refusal;
    return true;
  }
}

/** Declares a write on one anomaly case or breach record (its id in `:caseId` or `:breachId`). */
export const OversightRecordWrite = (kind: RecordKind) => applyDecorators(SetMetadata(KIND, kind), UseGuards(OversightRecordGuard));
