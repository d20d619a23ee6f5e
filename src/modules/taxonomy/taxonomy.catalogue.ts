import type { FactorCatalogue } from '../situations/domain/threshold';
import { TAXONOMY } from './taxonomy.constants';

const CATEGORY_OF = new Map(TAXONOMY.riskFactors.map((f) => [f.code, f.category]));
const SECTORS_OF = new Map(TAXONOMY.riskCategories.map((c) => [c.code, c.sectors]));

/** The factor → category → sectors map of the reference data in force. */
export const TAXONOMY_CATALOGUE: FactorCatalogue = {
  categoryOf: (code) => CATEGORY_OF.get(code),
  sectorsOf: (category) => SECTORS_OF.get(category) ?? [],
};

export const categoriesOf = (factorCodes: readonly string[]): string[] => [...new Set(factorCodes.map((c) => CATEGORY_OF.get(c)).filter((c): c is string => !!c))].sort();
