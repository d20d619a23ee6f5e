import type { components } from './schema';

type ErrorBody = components['schemas']['ErrorBody'];
export type PiiKind = 'NAME' | 'PHONE' | 'EMAIL' | 'HEALTH_CARD' | 'SIN' | 'POSTAL_CODE' | 'ADDRESS' | 'DOB';
export interface PiiFinding {
  field: string;
  kind: PiiKind;
  start: number;
  end: number;
}
export interface FieldProblem {
  field: string;
  problem: string;
}

/** An answer of the API that was not 2xx (or no answer at all: status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly serverMessage: string | undefined,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(`API ${status}${code ? ` ${code}` : ''}`);
    this.name = 'ApiError';
  }

  static from(status: number, body: unknown): ApiError {
    const b = (body && typeof body === 'object' ? body : {}) as Partial<ErrorBody> & { details?: Record<string, unknown> };
    return new ApiError(status, typeof b.code === 'string' ? b.code : undefined, typeof b.message === 'string' ? b.message : undefined, b.details);
  }

  static network(_cause: unknown): ApiError {
    return new ApiError(0, 'NETWORK', undefined, undefined);
  }

  /** PII_DETECTED (422): where identifying text was found. */
  get findings(): PiiFinding[] {
    const f = this.details?.findings;
    return Array.isArray(f) ? (f as PiiFinding[]) : [];
  }

  /** VALIDATION_FAILED (400): the fields named by the server. */
  get fields(): FieldProblem[] {
    const f = this.details?.fields;
    return Array.isArray(f) ? (f as FieldProblem[]) : [];
  }

  /** The field names this error is about (PII findings and validation problems). */
  fieldNames(): string[] {
    return [...new Set([...this.findings.map((f) => f.field), ...this.fields.map((f) => f.field)])];
  }
}

/** The i18n key of the general message for an error (errors.* in en.json / fr.json). */
export function errorKey(err: ApiError): string {
  switch (err.code) {
    case 'INVALID_CREDENTIALS':
    case 'ACCOUNT_LOCKED':
    case 'PASSWORD_CHANGE_REQUIRED':
    case 'UNDERTAKING_REQUIRED':
    case 'VERSION_MISMATCH':
    case 'INVALID_TRANSITION':
    case 'PII_DETECTED':
    case 'IDENTITY_INTEGRITY_FAILURE':
    case 'SUBJECT_KIND_MISMATCH':
    case 'LEGAL_AUTHORITY_REFUSED':
    case 'CONSENT_STATUS_REFUSED':
    case 'NETWORK':
      return `errors.code.${err.code}`;
  }
  if ([400, 401, 403, 404, 409, 410, 413, 422, 423, 429].includes(err.status)) return `errors.status.${err.status}`;
  return 'errors.status.500';
}
