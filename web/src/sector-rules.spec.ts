import { TAXONOMY } from '../../src/modules/taxonomy/taxonomy.constants';
import { adviceWithSectors, suggestedSectors } from './sector-rules';

describe('suggestedSectors', () => {
  it('mental health and suicide suggest their mandates once each, in the taxonomy order', () => {
    expect(suggestedSectors(TAXONOMY, ['MENTAL_HEALTH_PERSON_DIAGNOSED', 'SUICIDE_PERSON_IDEATION'])).toEqual(['HEALTH', 'MENTAL_HEALTH_ADDICTIONS', 'EMS_FIRE']);
  });

  it('"other" suggests no sector', () => {
    expect(suggestedSectors(TAXONOMY, ['OTHER_RISK_FACTOR'])).toEqual([]);
    expect(suggestedSectors(TAXONOMY, ['OTHER_RISK_FACTOR', 'GAMBLING_PERSON_CHRONIC'])).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
  });

  it('no factor, or unknown codes: nothing', () => {
    expect(suggestedSectors(TAXONOMY, [])).toEqual([]);
    expect(suggestedSectors(TAXONOMY, ['NOT_A_FACTOR'])).toEqual([]);
  });
});

describe('adviceWithSectors', () => {
  const criteria = (sectorsMet: boolean, othersMet = true) => ({
    criteria: [
      { name: 'IMMINENT_HARM', required: true, met: true },
      { name: 'RISK_FACTORS', required: 3, met: othersMet },
      { name: 'SECTORS', required: 2, met: sectorsMet },
    ],
  });

  it('counts the distinct sectors ticked against the SECTORS requirement', () => {
    expect(adviceWithSectors(criteria(false), ['MENTAL_HEALTH_ADDICTIONS', 'POLICE'])).toBe(true);
    expect(adviceWithSectors(criteria(true), ['MENTAL_HEALTH_ADDICTIONS'])).toBe(false);
    expect(adviceWithSectors(criteria(false), ['POLICE', 'POLICE'])).toBe(false);
  });

  it('keeps every other criterion as the server explained it', () => {
    expect(adviceWithSectors(criteria(false, false), ['MENTAL_HEALTH_ADDICTIONS', 'POLICE'])).toBe(false);
  });
});
