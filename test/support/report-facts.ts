import type { IndicatorFacts, IndicatorVocabulary } from '../../src/modules/reports/indicators';
import type { SummaryVocabulary } from '../../src/modules/reports/summary-figures';

/** The summary's vocabulary of the pure reports specs: a few codes, labels that say their code. */
export const SUMMARY_VOCABULARY: SummaryVocabulary = {
  ageBands: ['18-24', 'NOT_APPLICABLE'],
  genders: ['WOMAN', 'NOT_APPLICABLE'],
  consentStatuses: ['OBTAINED', 'NOT_APPLICABLE'],
  notApplicable: 'Not applicable',
  label: (_list, code) => `Label ${code}`,
};

/**
 * A month's counts built by hand, given the summary's own counts as the database would count them
 * for referrals with nothing of the kind recorded: every referral NOT_APPLICABLE for its age band,
 * gender, consent status and conclusion. The summary's breakdowns then add up to the total, as
 * real counts always do (a unit refuses counts that contradict their relations).
 */
export function withSummaryCounts(f: IndicatorFacts): IndicatorFacts {
  for (const map of [f.ageBandAll, f.gender, f.consentStatus, f.conclusionAll]) {
    map.clear();
    if (f.total > 0) map.set('NOT_APPLICABLE', f.total);
  }
  return f;
}

/** The indicators' vocabulary of the pure reports specs: a few codes of each list, labels that say their code. */
export const TEST_VOCABULARY: IndicatorVocabulary = {
  summary: SUMMARY_VOCABULARY,
  statuses: ['SUBMITTED', 'ASSIGNED', 'CLOSED', 'REJECTED'],
  situationTypes: ['PERSON', 'FAMILY'],
  sectors: ['POLICE', 'HEALTH'],
  ageBands: ['12-15', '16-17', '18-24'],
  minorAgeBands: ['12-15', '16-17'],
  conclusions: [
    { code: 'LOWERED', group: 'RISK_LOWERED' },
    { code: 'STILL', group: 'STILL_AER' },
  ],
  conclusionGroups: ['RISK_LOWERED', 'STILL_AER', 'OTHER'],
  riskCategories: ['A', 'B'],
  services: ['S1'],
  leadDeclineReasons: ['CAPACITY', 'OTHER'],
  systemBarriers: ['WAIT_LIST'],
  systemBarrierContexts: ['CLOSURE'],
  actionNotDoneReasons: ['PERSON_DECLINED', 'NOT_REACHED', 'NOT_ELIGIBLE', 'NO_CAPACITY', 'CIRCUMSTANCES_CHANGED', 'OTHER'],
  label: (_list, code) => `Label ${code}`,
};
