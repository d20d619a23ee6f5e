import { createSecretKey, KeyObject } from 'node:crypto';

export const JWT_ISSUER = 'situation-table';
export const JWT_AUDIENCE = 'situation-table-api';
/** Clock skew verification allows past `exp`; a revocation is kept at least this long after `exp`. */
export const JWT_CLOCK_SKEW_SECONDS = 30;

/**
 * The HS256 key as a KeyObject, made once. Given a string, jsonwebtoken first tries to parse it as
 * a PEM public key on every call and only then falls back to these same bytes: that failed parse
 * was 7 % of the server's CPU under audited reads (bench profile).
 */
export function jwtKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
