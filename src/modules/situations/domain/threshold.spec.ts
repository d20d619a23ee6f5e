import fc from 'fast-check';
import { TAXONOMY_CATALOGUE } from '../../taxonomy/taxonomy.catalogue';
import { assessThreshold, Certainty, DEFAULT_POLICY, FactorCatalogue, FactorInput, ThresholdAssessment, ThresholdCriterion, ThresholdPolicy } from './threshold';

/**
 * A small fake catalogue:
 *   A1, A2 → category A → sectors [S1]
 *   B1     → category B → sectors [S1, S2]
 *   C1     → category C → sectors [S3]
 *   D1     → category D → no sector
 *   anything else is unknown
 */
const CATEGORY: Record<string, string> = { A1: 'A', A2: 'A', B1: 'B', C1: 'C', D1: 'D' };
const SECTORS: Record<string, readonly string[]> = { A: ['S1'], B: ['S1', 'S2'], C: ['S3'], D: [] };
const FAKE: FactorCatalogue = {
  categoryOf: (code) => CATEGORY[code],
  sectorsOf: (category) => SECTORS[category] ?? [],
};
const UNKNOWN = 'NOT_IN_CATALOGUE';

const NAMES: ThresholdCriterion['name'][] = ['IMMINENT_HARM', 'AGENCY_EXHAUSTED_OPTIONS', 'RISK_FACTORS', 'CATEGORIES', 'SECTORS', 'CONFIRMED_FACTORS'];
const YES = { imminentHarm: true, agencyExhaustedOptions: true };
const ZERO: ThresholdPolicy = { minRiskFactors: 0, minCategories: 0, minSectors: 0, minConfirmed: 0 };

const C = (code: string): FactorInput => ({ code, certainty: 'CONFIRMED' });
const S = (code: string): FactorInput => ({ code, certainty: 'SUSPECTED' });

const criterion = (a: ThresholdAssessment, name: ThresholdCriterion['name']): ThresholdCriterion => {
  const found = a.criteria.find((c) => c.name === name);
  if (!found) throw new Error(`no criterion ${name}`);
  return found;
};
const actual = (a: ThresholdAssessment, name: ThresholdCriterion['name']) => criterion(a, name).actual;
const met = (a: ThresholdAssessment, name: ThresholdCriterion['name']) => criterion(a, name).met;

describe('assessThreshold', () => {
  describe('DEFAULT_POLICY', () => {
    it('is 3 risk factors, 2 categories, 2 sectors, 1 confirmed (domain.md)', () => {
      expect(DEFAULT_POLICY).toEqual({ minRiskFactors: 3, minCategories: 2, minSectors: 2, minConfirmed: 1 });
    });
  });

  describe('shape', () => {
    it('lists the six criteria in exactly this order', () => {
      const a = assessThreshold([], YES, DEFAULT_POLICY, FAKE);
      expect(a.criteria.map((c) => c.name)).toEqual(NAMES);
    });

    it('keeps the same order whatever the outcome', () => {
      const a = assessThreshold([C('A1'), S('B1'), S('C1')], { imminentHarm: false, agencyExhaustedOptions: true }, ZERO, FAKE);
      expect(a.criteria.map((c) => c.name)).toEqual(NAMES);
    });

    it('explains every criterion as required / actual / met with the defaults', () => {
      const a = assessThreshold([C('A1'), S('B1'), S('C1')], YES, DEFAULT_POLICY, FAKE);
      expect(a).toEqual({
        meets: true,
        criteria: [
          { name: 'IMMINENT_HARM', required: true, actual: true, met: true },
          { name: 'AGENCY_EXHAUSTED_OPTIONS', required: true, actual: true, met: true },
          { name: 'RISK_FACTORS', required: 3, actual: 3, met: true },
          { name: 'CATEGORIES', required: 2, actual: 3, met: true },
          { name: 'SECTORS', required: 2, actual: 3, met: true, sectors: ['S1', 'S2', 'S3'], source: 'CATEGORY_MAP' },
          { name: 'CONFIRMED_FACTORS', required: 1, actual: 1, met: true },
        ],
        sectorsNeeded: null,
      });
    });

    it('an empty referral with the defaults: every computed criterion has actual 0 and is unmet', () => {
      const a = assessThreshold([], YES, DEFAULT_POLICY, FAKE);
      expect(a.meets).toBe(false);
      expect(a.criteria.slice(2)).toEqual([
        { name: 'RISK_FACTORS', required: 3, actual: 0, met: false },
        { name: 'CATEGORIES', required: 2, actual: 0, met: false },
        { name: 'SECTORS', required: 2, actual: 0, met: false, sectors: [], source: 'CATEGORY_MAP' },
        { name: 'CONFIRMED_FACTORS', required: 1, actual: 0, met: false },
      ]);
      expect(a.criteria.slice(0, 2).every((c) => c.met)).toBe(true);
    });

    it('reports the policy as required for a custom policy', () => {
      const policy = { minRiskFactors: 5, minCategories: 4, minSectors: 3, minConfirmed: 2 };
      const a = assessThreshold([C('A1')], YES, policy, FAKE);
      expect(a.criteria.map((c) => c.required)).toEqual([true, true, 5, 4, 3, 2]);
    });

    it('does not mutate its inputs', () => {
      const factors = Object.freeze([Object.freeze(C('A1')), Object.freeze(S('B1'))]);
      const att = Object.freeze({ ...YES });
      const policy = Object.freeze({ ...DEFAULT_POLICY });
      expect(() => assessThreshold(factors, att, policy, FAKE)).not.toThrow();
      expect(factors).toEqual([C('A1'), S('B1')]);
      expect(policy).toEqual(DEFAULT_POLICY);
    });
  });

  describe('attestations (criteria 1 and 2)', () => {
    const factors = [C('A1'), S('B1'), S('C1')];

    it.each([
      [false, true],
      [true, false],
      [false, false],
    ])('imminentHarm=%p, agencyExhaustedOptions=%p → those criteria unmet and meets false', (imminentHarm, agencyExhaustedOptions) => {
      const a = assessThreshold(factors, { imminentHarm, agencyExhaustedOptions }, DEFAULT_POLICY, FAKE);
      expect(criterion(a, 'IMMINENT_HARM')).toEqual({ name: 'IMMINENT_HARM', required: true, actual: imminentHarm, met: imminentHarm });
      expect(criterion(a, 'AGENCY_EXHAUSTED_OPTIONS')).toEqual({
        name: 'AGENCY_EXHAUSTED_OPTIONS',
        required: true,
        actual: agencyExhaustedOptions,
        met: agencyExhaustedOptions,
      });
      expect(a.meets).toBe(false);
      // the computed criteria do not depend on the attestations
      expect(a.criteria.slice(2).every((c) => c.met)).toBe(true);
    });

    it('attestations alone never meet the threshold under the defaults', () => {
      expect(assessThreshold([], YES, DEFAULT_POLICY, FAKE).meets).toBe(false);
    });

    it('attestations are required even when every numeric minimum is 0', () => {
      expect(assessThreshold([], YES, ZERO, FAKE).meets).toBe(true);
      expect(assessThreshold([], { imminentHarm: false, agencyExhaustedOptions: true }, ZERO, FAKE).meets).toBe(false);
      expect(assessThreshold([], { imminentHarm: true, agencyExhaustedOptions: false }, ZERO, FAKE).meets).toBe(false);
    });
  });

  describe('RISK_FACTORS', () => {
    it('counts distinct codes: a duplicate counts once', () => {
      const a = assessThreshold([C('A1'), C('A1'), C('A1')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'RISK_FACTORS')).toBe(1);
      expect(actual(a, 'CATEGORIES')).toBe(1);
      expect(actual(a, 'SECTORS')).toBe(1);
      expect(actual(a, 'CONFIRMED_FACTORS')).toBe(1);
      expect(met(a, 'RISK_FACTORS')).toBe(false);
    });

    it('a duplicate does not reach the minimum: [A1, A1, B1] is 2 factors, not 3', () => {
      const a = assessThreshold([C('A1'), S('A1'), C('B1')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'RISK_FACTORS')).toBe(2);
      expect(met(a, 'RISK_FACTORS')).toBe(false);
      expect(a.meets).toBe(false);
    });

    it('an unknown code counts as a factor but adds no category and no sector', () => {
      const a = assessThreshold([C('A1'), S(UNKNOWN), S('ALSO_UNKNOWN')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'RISK_FACTORS')).toBe(3);
      expect(met(a, 'RISK_FACTORS')).toBe(true);
      expect(actual(a, 'CATEGORIES')).toBe(1);
      expect(actual(a, 'SECTORS')).toBe(1);
      expect(a.meets).toBe(false);
    });

    it('unknown codes alone give categories 0 and sectors 0', () => {
      const a = assessThreshold([S(UNKNOWN), S('X'), S('Y')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'RISK_FACTORS')).toBe(3);
      expect(actual(a, 'CATEGORIES')).toBe(0);
      expect(actual(a, 'SECTORS')).toBe(0);
    });

    it('a confirmed unknown code counts as confirmed', () => {
      const a = assessThreshold([C(UNKNOWN)], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'CONFIRMED_FACTORS')).toBe(1);
      expect(met(a, 'CONFIRMED_FACTORS')).toBe(true);
    });
  });

  describe('CATEGORIES and SECTORS', () => {
    it('two factors of one category are one category', () => {
      const a = assessThreshold([C('A1'), C('A2')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'RISK_FACTORS')).toBe(2);
      expect(actual(a, 'CATEGORIES')).toBe(1);
      expect(actual(a, 'SECTORS')).toBe(1);
    });

    it('sectors are the union over categories: A [S1] ∪ B [S1,S2] = 2, not 3', () => {
      const a = assessThreshold([C('A1'), C('B1')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'CATEGORIES')).toBe(2);
      expect(actual(a, 'SECTORS')).toBe(2);
    });

    it('A [S1] ∪ C [S3] = 2 and B [S1,S2] ∪ C [S3] = 3', () => {
      expect(actual(assessThreshold([C('A1'), C('C1')], YES, DEFAULT_POLICY, FAKE), 'SECTORS')).toBe(2);
      expect(actual(assessThreshold([C('B1'), C('C1')], YES, DEFAULT_POLICY, FAKE), 'SECTORS')).toBe(3);
      expect(actual(assessThreshold([C('A1'), C('A2'), C('B1'), C('C1')], YES, DEFAULT_POLICY, FAKE), 'SECTORS')).toBe(3);
    });

    it('one category can bring two sectors on its own: B alone meets SECTORS but not CATEGORIES', () => {
      const a = assessThreshold([C('B1')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'CATEGORIES')).toBe(1);
      expect(met(a, 'CATEGORIES')).toBe(false);
      expect(actual(a, 'SECTORS')).toBe(2);
      expect(met(a, 'SECTORS')).toBe(true);
    });

    it('a category with no sector counts as a category and adds no sector', () => {
      const a = assessThreshold([C('A1'), C('D1')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'CATEGORIES')).toBe(2);
      expect(met(a, 'CATEGORIES')).toBe(true);
      expect(actual(a, 'SECTORS')).toBe(1);
      expect(met(a, 'SECTORS')).toBe(false);
    });

    it('three factors in two categories but one sector do not meet the threshold (criterion 4)', () => {
      // A1, A2 in A; D1 in D (no sector): 3 factors, 2 categories, 1 sector
      const a = assessThreshold([C('A1'), S('A2'), S('D1')], YES, DEFAULT_POLICY, FAKE);
      expect(a.criteria.map((c) => c.met)).toEqual([true, true, true, true, false, true]);
      expect(a.meets).toBe(false);
    });
  });

  describe('CONFIRMED_FACTORS', () => {
    it('counts only CONFIRMED factors', () => {
      const a = assessThreshold([C('A1'), S('B1'), C('C1'), S('D1')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(a, 'CONFIRMED_FACTORS')).toBe(2);
    });

    it('all suspected → 0 confirmed, unmet with the defaults', () => {
      const a = assessThreshold([S('A1'), S('B1'), S('C1')], YES, DEFAULT_POLICY, FAKE);
      expect(criterion(a, 'CONFIRMED_FACTORS')).toEqual({ name: 'CONFIRMED_FACTORS', required: 1, actual: 0, met: false });
      expect(a.meets).toBe(false);
    });

    it('minConfirmed 0: all suspected meets the threshold', () => {
      const a = assessThreshold([S('A1'), S('B1'), S('C1')], YES, { ...DEFAULT_POLICY, minConfirmed: 0 }, FAKE);
      expect(criterion(a, 'CONFIRMED_FACTORS')).toEqual({ name: 'CONFIRMED_FACTORS', required: 0, actual: 0, met: true });
      expect(a.meets).toBe(true);
    });

    it('a duplicate confirmed factor counts once', () => {
      const a = assessThreshold([C('A1'), C('A1')], YES, { ...ZERO, minConfirmed: 2 }, FAKE);
      expect(actual(a, 'CONFIRMED_FACTORS')).toBe(1);
      expect(met(a, 'CONFIRMED_FACTORS')).toBe(false);
    });

    it('a factor given as both confirmed and suspected counts as confirmed, whatever the order', () => {
      const first = assessThreshold([C('A1'), S('A1')], YES, DEFAULT_POLICY, FAKE);
      const last = assessThreshold([S('A1'), C('A1')], YES, DEFAULT_POLICY, FAKE);
      expect(actual(first, 'RISK_FACTORS')).toBe(1);
      expect(actual(last, 'RISK_FACTORS')).toBe(1);
      expect(actual(last, 'CONFIRMED_FACTORS')).toBe(1);
      expect(actual(first, 'CONFIRMED_FACTORS')).toBe(1);
    });
  });

  describe('boundaries: exactly at the minimum is met, one below is not', () => {
    // each row: criterion, the policy key, a factor list, and its actual count for that criterion
    const rows: [ThresholdCriterion['name'], keyof ThresholdPolicy, FactorInput[], number][] = [
      ['RISK_FACTORS', 'minRiskFactors', [C('A1'), S('A2'), S('B1'), S('C1'), S(UNKNOWN)], 5],
      ['CATEGORIES', 'minCategories', [S('A1'), S('B1'), S('C1'), S('D1')], 4],
      ['SECTORS', 'minSectors', [S('B1'), S('C1')], 3],
      ['CONFIRMED_FACTORS', 'minConfirmed', [C('A1'), C('B1'), S('C1')], 2],
    ];

    it.each(rows)('%s: required = actual → met', (name, key, factors, count) => {
      const a = assessThreshold(factors, YES, { ...ZERO, [key]: count }, FAKE);
      expect(criterion(a, name)).toMatchObject({ name, required: count, actual: count, met: true });
      expect(a.meets).toBe(true);
    });

    it.each(rows)('%s: required = actual + 1 → not met', (name, key, factors, count) => {
      const a = assessThreshold(factors, YES, { ...ZERO, [key]: count + 1 }, FAKE);
      expect(criterion(a, name)).toMatchObject({ name, required: count + 1, actual: count, met: false });
      expect(a.meets).toBe(false);
    });

    it.each(rows)('%s: required = actual - 1 → met', (name, key, factors, count) => {
      const a = assessThreshold(factors, YES, { ...ZERO, [key]: count - 1 }, FAKE);
      expect(met(a, name)).toBe(true);
    });

    it('defaults at the edge: 3 factors / 2 categories / 2 sectors / 1 confirmed meets', () => {
      // A1, A2 in A [S1], C1 in C [S3]
      const a = assessThreshold([C('A1'), S('A2'), S('C1')], YES, DEFAULT_POLICY, FAKE);
      expect(a.criteria.slice(2).map((c) => c.actual)).toEqual([3, 2, 2, 1]);
      expect(a.meets).toBe(true);
    });

    it('defaults one below on factors: 2 factors in 2 categories across 3 sectors does not meet', () => {
      const a = assessThreshold([C('B1'), S('C1')], YES, DEFAULT_POLICY, FAKE);
      expect(a.criteria.map((c) => c.met)).toEqual([true, true, false, true, true, true]);
      expect(a.meets).toBe(false);
    });
  });

  describe('meets is the AND of all criteria', () => {
    const good = [C('A1'), S('B1'), S('C1')];

    it('everything met → meets', () => {
      expect(assessThreshold(good, YES, DEFAULT_POLICY, FAKE).meets).toBe(true);
    });

    it.each<[ThresholdCriterion['name'], () => ThresholdAssessment]>([
      ['IMMINENT_HARM', () => assessThreshold(good, { ...YES, imminentHarm: false }, DEFAULT_POLICY, FAKE)],
      ['AGENCY_EXHAUSTED_OPTIONS', () => assessThreshold(good, { ...YES, agencyExhaustedOptions: false }, DEFAULT_POLICY, FAKE)],
      ['RISK_FACTORS', () => assessThreshold(good, YES, { ...DEFAULT_POLICY, minRiskFactors: 4 }, FAKE)],
      ['CATEGORIES', () => assessThreshold(good, YES, { ...DEFAULT_POLICY, minCategories: 4 }, FAKE)],
      ['SECTORS', () => assessThreshold(good, YES, { ...DEFAULT_POLICY, minSectors: 4 }, FAKE)],
      ['CONFIRMED_FACTORS', () => assessThreshold(good, YES, { ...DEFAULT_POLICY, minConfirmed: 2 }, FAKE)],
    ])('only %s unmet → meets false', (name, assess) => {
      const a = assess();
      expect(a.criteria.filter((c) => !c.met).map((c) => c.name)).toEqual([name]);
      expect(a.meets).toBe(false);
    });
  });

  describe('properties (fast-check)', () => {
    const CODES = ['A1', 'A2', 'B1', 'C1', 'D1', UNKNOWN, 'OTHER_UNKNOWN'];
    const factorArb = fc.record({
      code: fc.constantFrom(...CODES),
      certainty: fc.constantFrom<Certainty>('CONFIRMED', 'SUSPECTED'),
    });
    const factorsArb = fc.array(factorArb, { maxLength: 12 });
    const policyArb = fc.record({
      minRiskFactors: fc.integer({ min: 0, max: 8 }),
      minCategories: fc.integer({ min: 0, max: 5 }),
      minSectors: fc.integer({ min: 0, max: 4 }),
      minConfirmed: fc.integer({ min: 0, max: 8 }),
    });
    const attArb = fc.record({ imminentHarm: fc.boolean(), agencyExhaustedOptions: fc.boolean() });
    const COUNTS: ThresholdCriterion['name'][] = ['RISK_FACTORS', 'CATEGORIES', 'SECTORS', 'CONFIRMED_FACTORS'];

    it('meets === every criterion met; names in order; met === actual >= required', () => {
      fc.assert(
        fc.property(factorsArb, attArb, policyArb, (factors, att, policy) => {
          const a = assessThreshold(factors, att, policy, FAKE);
          expect(a.meets).toBe(a.criteria.every((c) => c.met));
          expect(a.criteria.map((c) => c.name)).toEqual(NAMES);
          for (const name of COUNTS) {
            const c = criterion(a, name);
            expect(c.met).toBe((c.actual as number) >= (c.required as number));
          }
        }),
      );
    });

    it('RISK_FACTORS actual is the number of distinct codes; the others are bounded by it', () => {
      fc.assert(
        fc.property(factorsArb, attArb, policyArb, (factors, att, policy) => {
          const a = assessThreshold(factors, att, policy, FAKE);
          const distinct = new Set(factors.map((f) => f.code)).size;
          expect(actual(a, 'RISK_FACTORS')).toBe(distinct);
          expect(actual(a, 'CATEGORIES') as number).toBeLessThanOrEqual(distinct);
          expect(actual(a, 'CONFIRMED_FACTORS') as number).toBeLessThanOrEqual(distinct);
        }),
      );
    });

    it('adding a factor never decreases any actual count', () => {
      fc.assert(
        fc.property(factorsArb, factorArb, attArb, policyArb, (factors, extra, att, policy) => {
          const before = assessThreshold(factors, att, policy, FAKE);
          const after = assessThreshold([...factors, extra], att, policy, FAKE);
          for (const name of COUNTS) {
            expect(actual(after, name) as number).toBeGreaterThanOrEqual(actual(before, name) as number);
          }
          // and a met criterion stays met
          for (const name of COUNTS) if (met(before, name)) expect(met(after, name)).toBe(true);
        }),
      );
    });
  });

  describe('with the real reference data (TAXONOMY_CATALOGUE)', () => {
    it('the codes used here exist with the expected categories and sectors', () => {
      expect(TAXONOMY_CATALOGUE.categoryOf('ALCOHOL_PERSON_ABUSE')).toBe('ALCOHOL');
      expect(TAXONOMY_CATALOGUE.categoryOf('ALCOHOL_HOME_ABUSE')).toBe('ALCOHOL');
      expect(TAXONOMY_CATALOGUE.categoryOf('CRIMINAL_INVOLVEMENT_PERSON_ASSAULT')).toBe('CRIMINAL_INVOLVEMENT');
      expect(TAXONOMY_CATALOGUE.categoryOf('HOUSING_AT_RISK_OF_LOSS')).toBe('HOUSING');
      expect(TAXONOMY_CATALOGUE.categoryOf('GAMBLING_PERSON_CHRONIC')).toBe('GAMBLING');
      expect([...TAXONOMY_CATALOGUE.sectorsOf('ALCOHOL')].sort()).toEqual(['HEALTH', 'MENTAL_HEALTH_ADDICTIONS']);
      expect([...TAXONOMY_CATALOGUE.sectorsOf('CRIMINAL_INVOLVEMENT')].sort()).toEqual(['JUSTICE', 'POLICE']);
      expect([...TAXONOMY_CATALOGUE.sectorsOf('HOUSING')].sort()).toEqual(['HOUSING', 'MUNICIPAL_SERVICES']);
      expect([...TAXONOMY_CATALOGUE.sectorsOf('GAMBLING')]).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
      expect(TAXONOMY_CATALOGUE.categoryOf('HOUSING_AT_RISK_OF_LOSING')).toBeUndefined();
    });

    it('alcohol abuse, assault and risk of losing housing meet the default threshold', () => {
      const a = assessThreshold([C('ALCOHOL_PERSON_ABUSE'), S('CRIMINAL_INVOLVEMENT_PERSON_ASSAULT'), S('HOUSING_AT_RISK_OF_LOSS')], YES, DEFAULT_POLICY, TAXONOMY_CATALOGUE);
      expect(a).toEqual({
        meets: true,
        criteria: [
          { name: 'IMMINENT_HARM', required: true, actual: true, met: true },
          { name: 'AGENCY_EXHAUSTED_OPTIONS', required: true, actual: true, met: true },
          { name: 'RISK_FACTORS', required: 3, actual: 3, met: true },
          { name: 'CATEGORIES', required: 2, actual: 3, met: true },
          // MENTAL_HEALTH_ADDICTIONS, HEALTH, POLICE, JUSTICE, HOUSING, MUNICIPAL_SERVICES
          {
            name: 'SECTORS',
            required: 2,
            actual: 6,
            met: true,
            sectors: ['HEALTH', 'HOUSING', 'JUSTICE', 'MENTAL_HEALTH_ADDICTIONS', 'MUNICIPAL_SERVICES', 'POLICE'],
            source: 'CATEGORY_MAP',
          },
          { name: 'CONFIRMED_FACTORS', required: 1, actual: 1, met: true },
        ],
        sectorsNeeded: null,
      });
    });

    it('three alcohol factors are one category: not AER under the defaults', () => {
      const a = assessThreshold([C('ALCOHOL_PERSON_ABUSE'), C('ALCOHOL_HOME_ABUSE'), C('ALCOHOL_PERSON_UNDERAGE')], YES, DEFAULT_POLICY, TAXONOMY_CATALOGUE);
      expect(a.criteria.slice(2).map((c) => [c.name, c.actual, c.met])).toEqual([
        ['RISK_FACTORS', 3, true],
        ['CATEGORIES', 1, false],
        ['SECTORS', 2, true],
        ['CONFIRMED_FACTORS', 3, true],
      ]);
      expect(a.meets).toBe(false);
    });

    it('three gambling factors cover one sector only', () => {
      const a = assessThreshold([C('GAMBLING_PERSON_CHRONIC'), C('GAMBLING_HARM_SELF'), C('GAMBLING_HARM_OTHERS')], YES, DEFAULT_POLICY, TAXONOMY_CATALOGUE);
      expect(actual(a, 'CATEGORIES')).toBe(1);
      expect(actual(a, 'SECTORS')).toBe(1);
      expect(a.meets).toBe(false);
    });
  });

  describe('SECTORS from the sectors named as needed (issue 16)', () => {
    const MH = C('MENTAL_HEALTH_PERSON_DIAGNOSED');
    const SUICIDE = C('SUICIDE_PERSON_IDEATION');
    const OTHER = S('OTHER_RISK_FACTOR');
    const sectorsCriterion = (a: ThresholdAssessment) => criterion(a, 'SECTORS');

    it('mental health and suicide, one mandate named: 1 sector, not met at minSectors 2 (the map alone said 3)', () => {
      const byMap = assessThreshold([MH, SUICIDE], YES, DEFAULT_POLICY, TAXONOMY_CATALOGUE);
      expect(sectorsCriterion(byMap)).toEqual({
        name: 'SECTORS',
        required: 2,
        actual: 3,
        met: true,
        sectors: ['EMS_FIRE', 'HEALTH', 'MENTAL_HEALTH_ADDICTIONS'],
        source: 'CATEGORY_MAP',
      });
      const a = assessThreshold([MH, SUICIDE], YES, DEFAULT_POLICY, TAXONOMY_CATALOGUE, ['MENTAL_HEALTH_ADDICTIONS']);
      expect(sectorsCriterion(a)).toEqual({ name: 'SECTORS', required: 2, actual: 1, met: false, sectors: ['MENTAL_HEALTH_ADDICTIONS'], source: 'NAMED' });
      expect(a.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
      expect(a.meets).toBe(false);
    });

    it('the "other" category adds no sector once sectors are named', () => {
      const without = assessThreshold([MH, SUICIDE], YES, DEFAULT_POLICY, TAXONOMY_CATALOGUE, ['MENTAL_HEALTH_ADDICTIONS']);
      const withOther = assessThreshold([MH, SUICIDE, OTHER], YES, DEFAULT_POLICY, TAXONOMY_CATALOGUE, ['MENTAL_HEALTH_ADDICTIONS']);
      expect(sectorsCriterion(withOther)).toEqual(sectorsCriterion(without));
      expect(actual(withOther, 'SECTORS')).toBe(1);
      // It still counts as a category and a factor: only the sectors are what the agency named.
      expect(actual(withOther, 'CATEGORIES')).toBe(3);
    });

    it('two distinct sectors named: met', () => {
      const a = assessThreshold([MH, SUICIDE], YES, DEFAULT_POLICY, TAXONOMY_CATALOGUE, ['POLICE', 'MENTAL_HEALTH_ADDICTIONS']);
      expect(sectorsCriterion(a)).toEqual({ name: 'SECTORS', required: 2, actual: 2, met: true, sectors: ['MENTAL_HEALTH_ADDICTIONS', 'POLICE'], source: 'NAMED' });
    });

    it('a sector named twice counts once; the count does not depend on the factors', () => {
      const a = assessThreshold([], YES, DEFAULT_POLICY, FAKE, ['S9', 'S9']);
      expect(actual(a, 'SECTORS')).toBe(1);
      expect(a.sectorsNeeded).toEqual(['S9']);
    });

    it('null (nothing named) falls back to the category map, and says so', () => {
      const a = assessThreshold([C('B1')], YES, DEFAULT_POLICY, FAKE, null);
      expect(sectorsCriterion(a)).toMatchObject({ actual: 2, source: 'CATEGORY_MAP', sectors: ['S1', 'S2'] });
      expect(a.sectorsNeeded).toBeNull();
    });

    it('property: with sectors named, SECTORS.actual is their distinct count whatever the factors', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom('A1', 'A2', 'B1', 'C1', 'D1')), fc.array(fc.constantFrom('S1', 'S2', 'S3', 'S4')), (codes, named) => {
          const a = assessThreshold(codes.map(C), YES, DEFAULT_POLICY, FAKE, named);
          expect(actual(a, 'SECTORS')).toBe(new Set(named).size);
          expect(criterion(a, 'SECTORS').source).toBe('NAMED');
        }),
      );
    });
  });
});
