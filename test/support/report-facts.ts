import type { IndicatorFacts } from '../../src/modules/reports/indicators';
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
