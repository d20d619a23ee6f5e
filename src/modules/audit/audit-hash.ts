import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The fields of an audit entry that its hash covers (everything stored but seq and the hashes). */
export interface AuditPayload {
  chainId: string;
  at: string; // ISO 8601, milliseconds
  actorId: string | null;
  actorAgencyId: string | null;
  tableId: string | null;
  action: string;
  outcome: 'SUCCESS' | 'DENIED';
  situationId: string | null;
  purpose: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** RFC 8785 canonical JSON of the payload: the exact bytes the hash covers. */
export function canonicalPayload(p: AuditPayload): string {
  return canonicalize(p) as string;
}

/**
 * RFC 8785 canonical JSON of the details. The library refuses lone UTF-16 surrogates (a member can
 * send one inside any JSON string) and non-finite numbers: they become U+FFFD and null first, so
 * no caller value can make the audit write fail.
 */
export function canonicalDetails(details: Record<string, unknown>): string {
  return canonicalize(storable(details)) as string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD');
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(LONE_SURROGATE, '\uFFFD'), storable(v)]));
  }
  return value;
}

/** hash = SHA-256(prev_hash | seq | canonical payload), hex. The database verifier computes the same. */
export function entryHash(prevHash: string, seq: number | string, canonical: string): string {
  return createHash('sha256').update(`${prevHash}|${seq}|${canonical}`, 'utf8').digest('hex');
}

/** A stored entry as the verifier reads it: every field as text, details as stored (canonical). */
export type StoredPayload = Omit<AuditPayload, 'details'>;

const str = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));

/**
 * The same bytes as `canonicalPayload`, built by concatenation from a stored entry whose details
 * text is already canonical (as `canonicalDetails` wrote it): keys in RFC 8785 order, strings
 * serialised as JSON.stringify does. Ten times faster than re-canonicalising, for verifying
 * millions of entries; a details text that is not canonical no longer matches its hash, as it
 * should not. Equivalence with the library is property-tested in audit-hash.spec.ts.
 */
export function canonicalStoredPayload(p: StoredPayload, detailsText: string): string {
  return (
    `{"action":${str(p.action)},"actorAgencyId":${str(p.actorAgencyId)},"actorId":${str(p.actorId)},"at":${str(p.at)},` +
    `"chainId":${str(p.chainId)},"details":${detailsText},"outcome":${str(p.outcome)},"purpose":${str(p.purpose)},` +
    `"requestId":${str(p.requestId)},"situationId":${str(p.situationId)},"tableId":${str(p.tableId)}}`
  );
}

/**
 * PostgreSQL's uuid input accepts upper case, braces and hyphens after any group of four digits,
 * and stores the canonical form. Anything shaped like that is canonicalised here; anything else is
 * left alone (a text column stores it as is; a uuid column refuses it, failing the append).
 */
const UUID_INPUT = /^\{?[0-9a-f]{4}(?:-?[0-9a-f]{4}){7}\}?$/i;

export function canonicalUuid(value: string): string;
export function canonicalUuid(value: string | null): string | null;
export function canonicalUuid(value: string | null): string | null {
  if (value === null || !UUID_INPUT.test(value)) return value;
  const hex = value.replace(/[{}-]/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Lone UTF-16 surrogates (stored as U+FFFD by the UTF-8 encoding) and NUL (refused by PostgreSQL text). */
const NOT_STORABLE = new RegExp(`${LONE_SURROGATE.source}|\\u0000`, 'g');

/** A text value as a PostgreSQL text column stores it: what the hash covers must be what is stored. */
export function canonicalText(value: string): string;
export function canonicalText(value: string | null): string | null;
export function canonicalText(value: string | null): string | null {
  return value === null ? null : value.replace(NOT_STORABLE, '\uFFFD');
}

/** What a caller gives to be recorded (values possibly not canonical: an upper-case id, a Date). */
export interface EntryInput extends Omit<AuditPayload, 'at'> {
  at: Date;
}

/** An entry ready to store: every column in the form PostgreSQL stores it, and the bytes its hash covers. */
export interface CanonicalEntry extends StoredPayload {
  /** the same instant as `at`, for the timestamptz column (milliseconds, as JavaScript dates are) */
  atDate: Date;
  /** RFC 8785 canonical JSON of the details: stored as is (text) */
  details: string;
  /** the bytes the hash covers, built exactly as the verifier rebuilds them from the stored row */
  canonical: string;
}

/**
 * THE place where an entry's values are canonicalised before hashing, so that no caller can make
 * the hash cover something other than what the database stores: uuids lower-case (chain id too,
 * when it is a table id), text as PostgreSQL stores it, the time in ISO 8601 with milliseconds,
 * details as canonical JSON (numbers per RFC 8785). The hashed bytes are then built by the same
 * function the verifier uses on the stored row (`canonicalStoredPayload`).
 */
export function canonicalEntry(e: EntryInput): CanonicalEntry {
  if (Number.isNaN(e.at.getTime())) throw new Error('audit entry time is not a valid date');
  const stored: StoredPayload = {
    chainId: canonicalText(canonicalUuid(e.chainId)),
    at: e.at.toISOString(),
    actorId: canonicalUuid(e.actorId),
    actorAgencyId: canonicalUuid(e.actorAgencyId),
    tableId: canonicalUuid(e.tableId),
    action: canonicalText(e.action),
    outcome: e.outcome,
    situationId: canonicalUuid(e.situationId),
    purpose: canonicalText(e.purpose),
    requestId: canonicalText(e.requestId),
  };
  const details = canonicalDetails(e.details);
  return { ...stored, atDate: new Date(e.at.getTime()), details, canonical: canonicalStoredPayload(stored, details) };
}
