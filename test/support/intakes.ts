/**
 * Intake bodies shared by the e2e suites (test/support/situations.ts) and the browser suites
 * (test/browser/support/coordination.ts): invented, de-identified content only.
 */

/** An intake that meets the default threshold: 4 factors, 4 categories, 3 sectors named as needed, 2 confirmed. */
export const MEETS = {
  situationType: 'PERSON',
  ageBand: '40-59',
  gender: 'MAN',
  riskFactors: [
    { code: 'ALCOHOL_PERSON_ABUSE', certainty: 'CONFIRMED' },
    { code: 'HOUSING_AT_RISK_OF_LOSS', certainty: 'CONFIRMED' },
    { code: 'MENTAL_HEALTH_PERSON_SUSPECTED', certainty: 'SUSPECTED' },
    { code: 'CRIMINAL_INVOLVEMENT_PERSON_ASSAULT', certainty: 'SUSPECTED' },
  ],
  protectiveFactors: ['HOUSING_STABILITY_SUPPORTIVE_HOUSING'],
  sectorsNeeded: ['HOUSING', 'HEALTH', 'POLICE'],
  narrative: 'Adult male, 40-59, living in his vehicle since spring; chronic alcohol use; two falls this month.',
  imminentHarm: true,
  agencyExhaustedOptions: true,
};

/** An intake below the threshold: one factor. */
export const BELOW = {
  ...MEETS,
  riskFactors: [{ code: 'HOUSING_UNSAFE', certainty: 'SUSPECTED' }],
  narrative: 'Rooming house with repeated complaints about conditions; tenant worried.',
};
