import { IndicatorFacts, IndicatorVocabulary, pairBreakdown, topPairs } from './indicators';
import { Breakdown, breakdown, FigureSource, Guarded, rateOf, statistic } from './publication';
import type { Cell } from './suppression';

/**
 * The summary's figures (GET …/reports/summary, the province's), published from one period's exact
 * counts through a FigureSource (pure; docs/evaluation.md R1). In a DisclosureUnit (unit-publisher.ts)
 * they are figures of the same unit as the indicators: every cell under the name it has wherever the
 * same count is shown (`status:CLOSED`, `category:HOUSING`, `pair:A+B`, the acceptance rate's
 * numerator and denominator, I7's closed-and-accepted), so a figure the summary shows is the very
 * figure the indicators, the trends, a region's routes and the annual report show, and a cell the unit
 * withholds is withheld here too. Cells only the summary shows (every referral's age band, gender,
 * consent status, conclusion; the lead sector's "not applicable") are figures of the unit like the
 * others, with their relations, so no combination of routes undoes a withholding.
 */

/** What the summary lists beyond the indicators' vocabulary: every code a breakdown shows whatever the data. */
export interface SummaryVocabulary {
  /** every age band (UNKNOWN included), NOT_APPLICABLE last */
  ageBands: readonly string[];
  genders: readonly string[];
  consentStatuses: readonly string[];
  /** the label of NOT_APPLICABLE (a rejected stub's erased fields, no lead, not closed) */
  notApplicable: string;
  label(list: 'ageBands' | 'genders' | 'consentStatuses', code: string): string;
}

/** The medians and percentiles of the period asked (the summary's own durations), read apart from the counts. */
export interface SummaryTimings {
  hoursToMobilization: { median: number | null; p90: number | null };
  daysOpen: { median: number | null };
}

export interface SummaryFigures {
  total: number | null;
  byStatus: Cell[];
  bySituationType: Cell[];
  byAgeBand: Cell[];
  byGender: Cell[];
  byOriginatingSector: Cell[];
  byLeadSector: Cell[];
  byConclusion: Cell[];
  byConsentStatus: Cell[];
  byRiskCategory: Cell[];
  riskCategoryPairs: Cell[];
  acceptanceRate: Guarded<number>;
  riskLoweredShare: Guarded<number>;
  hoursToMobilization: Guarded<Record<string, number | null>>;
  daysOpen: Guarded<Record<string, number | null>>;
}

/** How many pairs of risk categories the summary lists (the most frequent, by published count). */
export const SUMMARY_PAIRS = 50;

const NA = 'NOT_APPLICABLE';
const NO_TIMINGS: SummaryTimings = { hoursToMobilization: { median: null, p90: null }, daysOpen: { median: null } };

/** The summary of one period. Without `timings` (a unit's first pass), the durations' values are not read: only their numbers are figures. */
export function publishSummary(f: IndicatorFacts, p: FigureSource, v: IndicatorVocabulary, timings: SummaryTimings = NO_TIMINGS): SummaryFigures {
  const s = v.summary;
  const na = (label: (code: string) => string) => (code: string) => (code === NA ? s.notApplicable : label(code));
  const total = p.figure('total', f.total);
  const over = (name: string, listed: readonly string[], counts: ReadonlyMap<string, number>, label: (code: string) => string, multi = false): Cell[] =>
    cellsOf(breakdown(p, { name, populationCell: 'total', population: f.total, listed, counts, label: na(label), multi }));
  // the lead sectors of every referral: the indicators' (over those led) and the rest, not led
  const leadSectors = new Map(f.leadSector);
  leadSectors.set(NA, f.total - f.led);
  // I7's own figures: groups of conclusions over the accepted and closed
  const lowered = [...f.conclusion].filter(([code]) => v.conclusions.find((c) => c.code === code)?.group === 'RISK_LOWERED').reduce((n, [, k]) => n + k, 0);
  const pairs = pairBreakdown(p, f, v, 'total', f.total);
  return {
    total: total,
    byStatus: over('status', v.statuses, f.status, (c) => v.label('statuses', c)),
    bySituationType: over('situation_type', v.situationTypes, f.situationType, (c) => v.label('situationTypes', c)),
    byAgeBand: over('age_band', s.ageBands, f.ageBandAll, (c) => s.label('ageBands', c)),
    byGender: over('gender', s.genders, f.gender, (c) => s.label('genders', c)),
    byOriginatingSector: over('originating_sector', v.sectors, f.originatingSector, (c) => v.label('sectors', c)),
    byLeadSector: over('lead_sector', [...v.sectors, NA], leadSectors, (c) => v.label('sectors', c)),
    byConclusion: over('conclusion', [...v.conclusions.map((c) => c.code), NA], f.conclusionAll, (c) => v.label('conclusions', c)),
    byConsentStatus: over('consent_status', s.consentStatuses, f.consentStatus, (c) => s.label('consentStatuses', c)),
    byRiskCategory: over('category', v.riskCategories, f.categories, (c) => v.label('riskCategories', c), true),
    riskCategoryPairs: topPairs(cellsOf(pairs), SUMMARY_PAIRS),
    // the indicators' I2 and I7, under their cells
    acceptanceRate: rateOf(p, 'rate:accepted:part', f.accepted, 'rate:accepted:whole', f.decided),
    riskLoweredShare: rateOf(p, 'closed_conclusion_group:RISK_LOWERED', lowered, 'closed_accepted', f.closedAccepted),
    hoursToMobilization: statistic(p, 'hoursToMobilization', f.mobilizedAfterDecision, {
      median: [0.5, timings.hoursToMobilization.median],
      p90: [0.9, timings.hoursToMobilization.p90],
    }),
    daysOpen: statistic(p, 'daysOpen', f.closedWithTime, { median: [0.5, timings.daysOpen.median] }),
  };
}

/** A breakdown's cells as the summary shows them: counts, without the shares the indicators add; none when withheld whole. */
function cellsOf(b: Breakdown): Cell[] {
  return b.suppressed ? [] : b.cells.map(({ share: _share, ...cell }) => cell);
}
