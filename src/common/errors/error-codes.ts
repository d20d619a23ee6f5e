/** Stable error codes of the API; one filter maps them to HTTP (the domain never imports HTTP). */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_REQUEST = 'MALFORMED_REQUEST',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  FORBIDDEN = 'FORBIDDEN',
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
  /** the table has a confidentiality agreement the caller has not accepted in its current version: 403 */
  UNDERTAKING_REQUIRED = 'UNDERTAKING_REQUIRED',
  NOT_FOUND = 'NOT_FOUND',
  GONE = 'GONE',
  CONFLICT = 'CONFLICT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  VERSION_MISMATCH = 'VERSION_MISMATCH',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  PII_DETECTED = 'PII_DETECTED',
  RATE_LIMITED = 'RATE_LIMITED',
  /** a stored identity fails its integrity checks (tampered, rolled back, corrupt): not retryable, not an outage */
  IDENTITY_INTEGRITY_FAILURE = 'IDENTITY_INTEGRITY_FAILURE',
  /** a subject of another kind than the situation type calls for (a place for a person): 422 */
  SUBJECT_KIND_MISMATCH = 'SUBJECT_KIND_MISMATCH',
  /** a legal authority this disclosure may not rely on: retired, or not open to the disclosing agency's sector (422, details.field legalAuthority) */
  LEGAL_AUTHORITY_REFUSED = 'LEGAL_AUTHORITY_REFUSED',
  /** a closure's consent status that disagrees with the record (422, details.field consentStatus) */
  CONSENT_STATUS_REFUSED = 'CONSENT_STATUS_REFUSED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.MALFORMED_REQUEST]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.INVALID_CREDENTIALS]: 401,
  [ErrorCode.ACCOUNT_LOCKED]: 429,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.PASSWORD_CHANGE_REQUIRED]: 403,
  [ErrorCode.UNDERTAKING_REQUIRED]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.GONE]: 410,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INVALID_TRANSITION]: 409,
  [ErrorCode.VERSION_MISMATCH]: 409,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.PII_DETECTED]: 422,
  [ErrorCode.RATE_LIMITED]: 429,
  // 409: the stored resource is in a state that conflicts with serving it; never 5xx (nothing crashed)
  // nor 503 (retrying does not help; the privacy officer must restore or re-enter the identity).
  [ErrorCode.IDENTITY_INTEGRITY_FAILURE]: 409,
  [ErrorCode.SUBJECT_KIND_MISMATCH]: 422,
  [ErrorCode.LEGAL_AUTHORITY_REFUSED]: 422,
  [ErrorCode.CONSENT_STATUS_REFUSED]: 422,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL]: 500,
};
