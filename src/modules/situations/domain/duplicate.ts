/**
 * Duplicate referrals (issue 16): a coordinator closes a referral awaiting the decision (SUBMITTED
 * or DEFERRED) as a duplicate of another referral of the same table, named by its reference (any
 * case) or its id. The duplicate keeps only its stub and the link (`duplicate_of_id`); the original
 * lists its duplicates. Pure: no Nest, no TypeORM.
 */
import { isStub, SituationStatus } from './situation-state';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A situation's reference, `CODE-YEAR-NNNN` (common/authz/table-resolver.ts, the same shape). */
const REFERENCE = /^[A-Z][A-Z0-9]{1,11}-\d{4}-\d{4,9}$/i;

/** What `duplicateOf` may look like: a reference or a situation id (the DTO's pattern). */
export const DUPLICATE_OF_PATTERN = /^(?:[A-Za-z][A-Za-z0-9]{1,11}-\d{4}-\d{4,9}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
export const DUPLICATE_OF_SHAPE_PROBLEM = 'must be a situation reference such as PEEL-2026-0012, or a situation id';

/** The original as named: by id (lower case) or by reference (upper case, as stored); null when neither shape. */
export function parseDuplicateOf(value: string): { id: string } | { reference: string } | null {
  const v = value.trim();
  if (UUID.test(v)) return { id: v.toLowerCase() };
  if (REFERENCE.test(v)) return { reference: v.toUpperCase() };
  return null;
}

export const DUPLICATE_PROBLEMS = {
  /** the same answer for a reference or id that does not exist and for one of another table: nothing leaks */
  notFound: 'no referral with this reference or id at this table',
  self: 'must be another referral than this one',
  stub: 'the original must not be rejected, withdrawn or itself a duplicate',
} as const;

/** Why `original` cannot be the original of `duplicateId` (a `duplicateOf` problem), or null. */
export function duplicateOfProblem(duplicateId: string, original: { id: string; status: SituationStatus } | null): string | null {
  if (!original) return DUPLICATE_PROBLEMS.notFound;
  if (original.id === duplicateId) return DUPLICATE_PROBLEMS.self;
  if (isStub(original.status)) return DUPLICATE_PROBLEMS.stub;
  return null;
}
