import { Injectable, Logger } from '@nestjs/common';
import { Actor } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AuditService } from '../audit/audit.service';
import { DeidentificationService } from '../deidentification/deidentification.service';
import { AccessRequestResultView, AccessRequestSearchDto } from './access-request.dto';
import { searchedPersons } from './blind-index';
import { BlindIndexer } from './blind-indexer';
import { KeyUnavailableError } from './kek-store';

/**
 * Individual access requests (issue 17): "did a table discuss me?". The privacy officer of the
 * table gives the person's names and date of birth and a purpose; the blind index answers with the
 * references of this table's situations that person is a subject of (any role, while the identity
 * is not purged). No identity is opened or returned, no other table is searched (the table is part
 * of every token), and the search is audited with its purpose but without the name or the date.
 */
@Injectable()
export class AccessRequestService {
  private readonly logger = new Logger('AccessRequests');

  constructor(
    private readonly index: BlindIndexer,
    private readonly audit: AuditService,
    private readonly deid: DeidentificationService,
    private readonly clock: Clock,
  ) {}

  async search(actor: Actor, tableId: string, q: AccessRequestSearchDto): Promise<AccessRequestResultView> {
    const persons = searchedPersons(q.givenName, q.familyName, q.dateOfBirth);
    if (!persons) {
      // A name of punctuation only, or a date that is not one (2026-02-30): nothing could ever match.
      const problems = [];
      if (!searchedPersons(q.givenName, 'x', '2000-01-01')) problems.push({ field: 'givenName', problem: 'must hold letters or digits' });
      if (!searchedPersons('x', q.familyName, '2000-01-01')) problems.push({ field: 'familyName', problem: 'must hold letters or digits' });
      if (!searchedPersons('x', 'x', q.dateOfBirth)) problems.push({ field: 'dateOfBirth', problem: 'must be a calendar date YYYY-MM-DD' });
      throw DomainError.validation(problems);
    }
    const note = q.purpose?.trim() || null;
    // The note goes into the audit trail: nothing identifying, least of all the person searched for (422, audited without the text).
    if (note) {
      await this.deid.check({ purpose: note }, { actor, tableId, action: 'access_request.search' }, [
        { kind: 'NAME', value: q.givenName },
        { kind: 'NAME', value: q.familyName },
        { kind: 'DOB', value: q.dateOfBirth },
      ]);
    }
    let rows;
    try {
      rows = await this.index.find(tableId, persons);
    } catch (err) {
      if (!(err instanceof KeyUnavailableError)) throw err;
      this.logger.error({ action: 'access_request.search', err: err.name }, 'blind index key unavailable');
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, {}, { reason: 'identity key unavailable' });
    }
    const searchedAt = this.clock.now();
    // Fail closed: the answer leaves only once the search is in the audit trail. The purpose and
    // what was found (situation ids), never the name or the date searched.
    try {
      await this.audit.recordAlone(actor, {
        action: 'access_request.search',
        tableId,
        purpose: note ? `${q.purposeCode}: ${note}` : q.purposeCode,
        details: { purposeCode: q.purposeCode, ...(note ? { purposeNote: note } : {}), matches: rows.length, situationIds: rows.map((r) => r.situationId) },
      });
    } catch {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
    }
    return {
      searchedAt: searchedAt.toISOString(),
      matches: rows.map((r) => ({
        situationId: r.situationId,
        reference: r.reference,
        status: r.status,
        situationType: r.situationType,
        createdAt: new Date(r.createdAt).toISOString(),
        closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
        identityPurgeAt: r.identityPurgeAt ? new Date(r.identityPurgeAt).toISOString() : null,
      })),
    };
  }
}
