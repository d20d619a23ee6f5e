/**
 * The AER threshold advice (domain.md, "The AER threshold"). Pure: the table decides; this
 * explains each criterion as required / actual / met.
 */
export interface ThresholdPolicy {
  minRiskFactors: number;
  minCategories: number;
  minSectors: number;
  minConfirmed: number;
}

export const DEFAULT_POLICY: ThresholdPolicy = { minRiskFactors: 3, minCategories: 2, minSectors: 2, minConfirmed: 1 };

export type Certainty = 'CONFIRMED' | 'SUSPECTED';

export interface FactorInput {
  code: string;
  certainty: Certainty;
}

export interface ThresholdCriterion {
  name: 'IMMINENT_HARM' | 'AGENCY_EXHAUSTED_OPTIONS' | 'RISK_FACTORS' | 'CATEGORIES' | 'SECTORS' | 'CONFIRMED_FACTORS';
  required: number | boolean;
  actual: number | boolean;
  met: boolean;
  /** SECTORS only: the distinct sectors counted, sorted */
  sectors?: string[];
  /**
   * SECTORS only: NAMED when the sectors named at intake (or adjusted at the decision) are counted;
   * CATEGORY_MAP for a referral that named none (made before issue 16, or by a client that sends
   * none): the sectors whose mandates cover its factors' categories, as before.
   */
  source?: SectorSource;
}

export type SectorSource = 'NAMED' | 'CATEGORY_MAP';

export interface ThresholdAssessment {
  meets: boolean;
  criteria: ThresholdCriterion[];
  /** the sectors named as needed, or null when none were (the SECTORS criterion fell back to the category map) */
  sectorsNeeded: string[] | null;
}

/** Where a factor sits: its category, and the sectors whose mandates cover that category. */
export interface FactorCatalogue {
  categoryOf(factorCode: string): string | undefined;
  sectorsOf(categoryCode: string): readonly string[];
}

export function assessThreshold(
  factors: readonly FactorInput[],
  attestations: { imminentHarm: boolean; agencyExhaustedOptions: boolean },
  policy: ThresholdPolicy,
  catalogue: FactorCatalogue,
  sectorsNeeded: readonly string[] | null = null,
): ThresholdAssessment {
  // A code given twice counts once, as confirmed if any copy is: order never matters.
  const distinct = new Map<string, FactorInput>();
  for (const f of factors) {
    const seen = distinct.get(f.code);
    if (!seen || (seen.certainty !== 'CONFIRMED' && f.certainty === 'CONFIRMED')) distinct.set(f.code, f);
  }
  const categories = new Set<string>();
  const mapped = new Set<string>();
  for (const code of distinct.keys()) {
    const category = catalogue.categoryOf(code);
    if (!category) continue;
    categories.add(category);
    for (const s of catalogue.sectorsOf(category)) mapped.add(s);
  }
  // What the situation needs is what the agency (or the table) named; the category map only
  // suggests it. A referral that named nothing keeps the map's count, as before (its explanation says so).
  const named = sectorsNeeded ? [...new Set(sectorsNeeded)].sort() : null;
  const sectors = named ?? [...mapped].sort();
  const confirmed = [...distinct.values()].filter((f) => f.certainty === 'CONFIRMED').length;
  const criteria: ThresholdCriterion[] = [
    { name: 'IMMINENT_HARM', required: true, actual: attestations.imminentHarm, met: attestations.imminentHarm === true },
    { name: 'AGENCY_EXHAUSTED_OPTIONS', required: true, actual: attestations.agencyExhaustedOptions, met: attestations.agencyExhaustedOptions === true },
    atLeast('RISK_FACTORS', policy.minRiskFactors, distinct.size),
    atLeast('CATEGORIES', policy.minCategories, categories.size),
    { ...atLeast('SECTORS', policy.minSectors, sectors.length), sectors, source: named ? 'NAMED' : 'CATEGORY_MAP' },
    atLeast('CONFIRMED_FACTORS', policy.minConfirmed, confirmed),
  ];
  return { meets: criteria.every((c) => c.met), criteria, sectorsNeeded: named };
}

function atLeast(name: ThresholdCriterion['name'], required: number, actual: number): ThresholdCriterion {
  return { name, required, actual, met: actual >= required };
}
