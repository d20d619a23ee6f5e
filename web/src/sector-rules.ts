/** The sectors whose involvement a situation needs (issue 16), pure (no browser API): unit-tested under Jest (sector-rules.spec.ts). */

interface Coded {
  code: string;
}

/** What the suggestion reads of the taxonomy: its sectors in order, and the category → factor → sectors map. */
export interface SectorTaxonomy {
  sectors: readonly Coded[];
  riskCategories: readonly (Coded & { sectors: readonly string[] })[];
  riskFactors: readonly (Coded & { category: string })[];
}

/**
 * The sectors the chosen risk factors suggest: those whose mandates cover their categories (the
 * taxonomy's category map), in the taxonomy's order. "Other" suggests none. Only a suggestion:
 * the agency ticks what the situation really needs, and the threshold counts that.
 */
export function suggestedSectors(taxonomy: SectorTaxonomy, riskFactorCodes: readonly string[]): string[] {
  const categories = new Set(taxonomy.riskFactors.filter((f) => riskFactorCodes.includes(f.code)).map((f) => f.category));
  const covered = new Set(taxonomy.riskCategories.filter((c) => categories.has(c.code)).flatMap((c) => c.sectors));
  return taxonomy.sectors.map((s) => s.code).filter((code) => code !== 'OTHER' && covered.has(code));
}

interface Criterion {
  name: string;
  required: number | boolean;
  met: boolean;
}

/**
 * The advice again with the sectors the table ticked (the decision may adjust them): every other
 * criterion as the server explained it, SECTORS counting the distinct sectors ticked (as the
 * server does when the decision sends them).
 */
export function adviceWithSectors(threshold: { criteria: readonly Criterion[] }, sectorsNeeded: readonly string[]): boolean {
  return threshold.criteria.every((c) => (c.name === 'SECTORS' && typeof c.required === 'number' ? new Set(sectorsNeeded).size >= c.required : c.met));
}
