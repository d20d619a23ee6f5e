import { ErrorCode } from './error-codes';

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
  static conflict(reason: string): DomainError {
    return new DomainError(ErrorCode.CONFLICT, { reason });
  }
  static invalidTransition(from: string, action: string): DomainError {
    return new DomainError(ErrorCode.INVALID_TRANSITION, { from, action }, { status: from, action });
  }
  static validation(fields: { field: string; problem: string }[]): DomainError {
    return new DomainError(ErrorCode.VALIDATION_FAILED, { fields: fields.map((f) => f.field).join(', ') }, { fields });
  }
}
