import { ErrorCode } from './error-codes';

/**
 * Why a request conflicts with the stored state: a code, translated by src/i18n/<lang>/conflicts.json
 * (never English text interpolated into another language's message). Clients read it in
 * `details.reason`.
 */
export const CONFLICT_REASONS = [
  'SITUATION_CHANGED',
  'MEETING_CLOSED',
  'MEETING_ALREADY_CLOSED',
  'AGENCY_ALREADY_MEMBER',
  'EMAIL_TAKEN',
  'CANNOT_DEACTIVATE_SELF',
  'USER_DEACTIVATED',
  'ADMIN_NO_TABLE_ROLE',
  'AGENCY_NOT_MEMBER',
  'ROLE_ALREADY_GRANTED',
  'DUPLICATE',
  'CONCURRENT_UPDATE',
  'AMBIGUOUS_REFERENCE',
  'LEAD_ALREADY_ANSWERED',
  'REOPEN_NOT_ALLOWED',
  'REOPEN_PERIOD_OVER',
  'BARRIERS_FINAL',
  'ACTION_FINAL',
  'AGENCY_ALREADY_MOBILIZED',
  'AGENCY_NOT_MOBILIZED',
  'SUBJECT_NOT_A_PERSON',
  'ALREADY_ON_AGENDA',
  'AGENDA_ITEM_NOT_LISTED',
  'NO_NEXT_MEETING',
  'MEETING_NOT_CLOSED',
  'MINUTES_ALREADY_APPROVED',
  'NEXT_MEETING_CLOSED',
  'AGENDA_ALREADY_PUBLISHED',
  'OWN_GRANT',
  'REMOVAL_ALREADY_REQUESTED',
  'REMOVAL_REQUEST_CLOSED',
  'NO_AGREEMENT',
  'AGREEMENT_VERSION_NOT_CURRENT',
  'ANOMALY_CASE_EXISTS',
  'ANOMALY_CASE_CLOSED',
  'BREACH_CLOSED',
  'NOTICE_NOT_REQUIRED',
  'NOTICE_ALREADY_RECORDED',
  'REGION_CODE_TAKEN',
  'REGION_YEAR_FIXED',
  'TABLE_IN_ANOTHER_REGION',
  'REGION_ROLE_CONFLICT',
  'ADMIN_NO_REGION_ROLE',
  'REGION_ROLE_ALREADY_GRANTED',
  'ANNUAL_REPORT_NOT_YET',
  'REGION_YEAR_NOT_PUBLISHED',
  'SUBJECT_NOT_WRITTEN',
  'EQUITY_CONTACT_NOT_SET',
  'EQUITY_NOTICE_OUTDATED',
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/**
 * A typed error with a stable code. `args` fill the translated message; `details` go to the
 * client as they are, so they must never hold personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly args: Record<string, string | number> = {},
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'DomainError';
  }

  static notFound(resource = 'resource'): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, { resource });
  }
  static forbidden(reason = 'role'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, { reason });
  }
  static conflict(reason: ConflictReason): DomainError {
    return new DomainError(ErrorCode.CONFLICT, { reason }, { reason });
  }
  /** 409 VERSION_MISMATCH when an If-Match was given and is not the record's version; null otherwise. */
  static staleVersion(ifMatch: number | undefined, version: number): DomainError | null {
    return ifMatch !== undefined && ifMatch !== version ? new DomainError(ErrorCode.VERSION_MISMATCH, { expected: ifMatch, actual: version }, { version }) : null;
  }
  static invalidTransition(from: string, action: string): DomainError {
    return new DomainError(ErrorCode.INVALID_TRANSITION, { from, action }, { status: from, action });
  }
  static validation(fields: { field: string; problem: string }[]): DomainError {
    return new DomainError(ErrorCode.VALIDATION_FAILED, { fields: fields.map((f) => f.field).join(', ') }, { fields });
  }
}
