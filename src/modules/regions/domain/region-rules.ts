/**
 * The rules of a region's membership (pure; docs/evaluation.md, section 7 and R3): a year's
 * members are set before that year begins in the region's time zone, and then never change, so
 * "the region with table C" and "the region without C" are never two versions of the same year.
 */

/** How far ahead a membership may be set (project choice: the next few years' plans, not a century). */
export const MEMBERSHIP_YEARS_AHEAD = 5;

/** Why a year's membership may not be set now (the current local year of the region given), or null. */
export function membershipYearProblem(year: number, currentYear: number): 'fixed' | 'too far' | null {
  if (year <= currentYear) return 'fixed';
  if (year > currentYear + MEMBERSHIP_YEARS_AHEAD) return 'too far';
  return null;
}

/** A region publishes nothing for a year of fewer member tables (R3: a one-table region is the table under a second draw). */
export const MIN_REGION_TABLES = 2;

/** Table roles that see rows (R3 and section 7: row-level knowledge and a region's aggregates stay apart). */
export const ROW_LEVEL_ROLES: readonly string[] = ['COORDINATOR', 'AGENCY_REP'];
