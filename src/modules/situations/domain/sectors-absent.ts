/**
 * Sectors absent (issue 16): the sectors a situation's threshold counts (the SECTORS criterion:
 * named as needed, or the category map's when none were named) that no attendee of the meeting
 * sits for. Pure. No attendance recorded (null): nothing is said absent, there is nothing to compare.
 */
export function sectorsAbsent(needed: readonly string[], present: readonly string[] | null): string[] {
  if (present === null || present.length === 0) return [];
  const here = new Set(present);
  return [...new Set(needed)].filter((s) => !here.has(s)).sort();
}

/** The sectors the SECTORS criterion of an assessment counts (empty when it has none). */
export function sectorsCounted(assessment: { criteria: readonly { name: string; sectors?: readonly string[] }[] }): string[] {
  return [...(assessment.criteria.find((c) => c.name === 'SECTORS')?.sectors ?? [])];
}
