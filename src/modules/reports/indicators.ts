import { Breakdown, breakdown, FigureSource, Guarded, rate, rateOf, statistic } from './publication';
import type { SummaryVocabulary } from './summary-figures';

/**
 * The evaluation indicators (docs/evaluation.md, section 4), published from the exact counts of
 * one period (pure). Every figure goes through publication.ts under the scope's CountPublisher,
 * its cell named after what it counts (`lead_sector:POLICE`, `closed_accepted`), not after the
 * route or the indicator: the draw of a rounding is keyed by the cell's name and exact count, so
 * the same count published by two routes or two breakdowns (the summary's lead sectors and I8's,
 * a month and its quarter) is the same figure, never two roundings that together narrow it (R1).
 */

export interface QuantileFacts {
  n: number;
  median: number | null;
  p90: number | null;
}

/** The exact counts of one period (IndicatorRepository). */
export interface IndicatorFacts {
  total: number;
  status: Map<string, number>;
  situationType: Map<string, number>;
  originatingSector: Map<string, number>;
  decided: number;
  accepted: number;
  hoursToDecision: QuantileFacts;
  hoursToAssignment: QuantileFacts;
  hoursToMobilization: QuantileFacts;
  within48: { decisionPopulation: number; fromDecision: number; assignmentPopulation: number; fromAssignment: number };
  /** accepted situations now closed, per conclusion */
  closedAccepted: number;
  conclusion: Map<string, number>;
  /** situations with a lead now, per lead sector */
  led: number;
  leadSector: Map<string, number>;
  /** of those, the situations whose current assignment has the police as lead or assisting agency */
  policeInvolved: number;
  /** accepted people and families of a known age band, per band */
  agedPopulation: number;
  ageBand: Map<string, number>;
  /** situations with at least one risk factor, per category and pair */
  withRisk: number;
  categories: Map<string, number>;
  pairs: Map<string, number>;
  /** situations with an agency mobilisation, with a service, per service */
  mobilized: number;
  withService: number;
  services: Map<string, number>;
  /** leads given and declined, declines per reason and per sector of the declined lead */
  leadsGiven: number;
  declined: number;
  declineReason: Map<string, number>;
  declinedSector: Map<string, number>;
  /** accepted situations with a system barrier, and per barrier code (any context) */
  withBarrier: number;
  barriers: Map<string, number>;
  /** accepted situations per barrier code and context, `CODE/CONTEXT` */
  barrierContexts: Map<string, number>;
  /** accepted situations per barrier code and the service it concerns, `CODE/SERVICE` (barriers naming a service) */
  barrierServices: Map<string, number>;
  /** accepted situations with an action that could not be done, and per reason (I16's secondary count; a situation in several) */
  actionsNotDone: number;
  actionNotDoneReason: Map<string, number>;
  /** situations with a new-or-repeat marker (an indexed person), and the repeats among them (I14) */
  markedPeople: number;
  repeats: number;
  /** the summary's own counts: every referral per age band, gender, consent status and conclusion (null: NOT_APPLICABLE) */
  ageBandAll: Map<string, number>;
  gender: Map<string, number>;
  consentStatus: Map<string, number>;
  conclusionAll: Map<string, number>;
  /** the numbers behind the summary's durations: mobilised after a decision, closed */
  mobilizedAfterDecision: number;
  closedWithTime: number;
}

const noQuantile = (): QuantileFacts => ({ n: 0, median: null, p90: null });

export function emptyFacts(): IndicatorFacts {
  return {
    total: 0,
    status: new Map(),
    situationType: new Map(),
    originatingSector: new Map(),
    decided: 0,
    accepted: 0,
    hoursToDecision: noQuantile(),
    hoursToAssignment: noQuantile(),
    hoursToMobilization: noQuantile(),
    within48: { decisionPopulation: 0, fromDecision: 0, assignmentPopulation: 0, fromAssignment: 0 },
    closedAccepted: 0,
    conclusion: new Map(),
    led: 0,
    leadSector: new Map(),
    policeInvolved: 0,
    agedPopulation: 0,
    ageBand: new Map(),
    withRisk: 0,
    categories: new Map(),
    pairs: new Map(),
    mobilized: 0,
    withService: 0,
    services: new Map(),
    leadsGiven: 0,
    declined: 0,
    declineReason: new Map(),
    declinedSector: new Map(),
    withBarrier: 0,
    barriers: new Map(),
    barrierContexts: new Map(),
    barrierServices: new Map(),
    actionsNotDone: 0,
    actionNotDoneReason: new Map(),
    markedPeople: 0,
    repeats: 0,
    ageBandAll: new Map(),
    gender: new Map(),
    consentStatus: new Map(),
    conclusionAll: new Map(),
    mobilizedAfterDecision: 0,
    closedWithTime: 0,
  };
}

/** The codes each breakdown lists whatever the data, and the labels of the caller's language. */
export interface IndicatorVocabulary {
  /** what the summary lists beyond (summary-figures.ts): its figures are in every unit */
  summary: SummaryVocabulary;
  statuses: readonly string[];
  situationTypes: readonly string[];
  sectors: readonly string[];
  ageBands: readonly string[];
  minorAgeBands: readonly string[];
  conclusions: readonly { code: string; group: string }[];
  conclusionGroups: readonly string[];
  riskCategories: readonly string[];
  services: readonly string[];
  leadDeclineReasons: readonly string[];
  systemBarriers: readonly string[];
  systemBarrierContexts: readonly string[];
  actionNotDoneReasons: readonly string[];
  label(
    list:
      | 'statuses'
      | 'situationTypes'
      | 'sectors'
      | 'ageBands'
      | 'conclusions'
      | 'conclusionGroups'
      | 'riskCategories'
      | 'services'
      | 'leadDeclineReasons'
      | 'systemBarriers'
      | 'systemBarrierContexts'
      | 'actionNotDoneReasons',
    code: string,
  ): string;
}

export type Statistic = Guarded<Record<string, number | null>>;

/** The published indicators of one period. */
export interface Indicators {
  referrals: Breakdown;
  acceptanceRate: Guarded<number>;
  hoursReferralToDecision: Statistic;
  hoursDecisionToAssignment: Statistic;
  hoursAssignmentToMobilization: Statistic;
  mobilizedWithin48HoursOfDecision: Guarded<number>;
  mobilizedWithin48HoursOfAssignment: Guarded<number>;
  conclusions: Breakdown;
  conclusionGroups: Breakdown;
  riskLoweredShare: Guarded<number>;
  leadSectors: Breakdown;
  policeLeadShare: Guarded<number>;
  policeInvolvementShare: Guarded<number>;
  originatingSectors: Breakdown;
  policeOriginShare: Guarded<number>;
  ageBands: Breakdown;
  minorsShare: Guarded<number>;
  situationTypes: Breakdown;
  riskCategories: Breakdown;
  riskCategoryPairs: Breakdown;
  services: Breakdown;
  withServiceShare: Guarded<number>;
  leadDeclineRate: Guarded<number>;
  leadDeclineReasons: Breakdown;
  leadDeclineSectors: Breakdown;
  systemGaps: Breakdown;
  systemGapsByContext: Breakdown;
  /** I16 per code and service concerned (published cells only: the cross-tabulation is large and mostly empty) */
  systemGapsByService: Breakdown;
  /** I16's secondary count: accepted situations with an action that could not be done, per reason */
  actionsNotDone: Breakdown;
  withBarrierShare: Guarded<number>;
  repeatReferralShare: Guarded<number>;
}

/** How many pairs of risk categories the indicators list (the most frequent, by published count). */
export const TOP_PAIRS = 10;

const quantiles = (f: QuantileFacts): Record<string, [number, number | null]> => ({ median: [0.5, f.median], p90: [0.9, f.p90] });
const sumOf = (counts: ReadonlyMap<string, number>, codes: readonly string[]) => codes.reduce((n, c) => n + (counts.get(c) ?? 0), 0);

/**
 * The accepted count's cell: the acceptance rate publishes it as its numerator, so the system gaps'
 * population is the same figure.
 */
const ACCEPTED = 'rate:accepted:part';
/** The decided count's cell: the acceptance rate's denominator, and the number behind I3's durations (the same situations). */
const DECIDED = 'rate:accepted:whole';

/**
 * The pairs of risk categories (`A+B`), over a population (the indicators' situations with a risk,
 * the summary's every referral): the same cells whoever shows them.
 */
export function pairBreakdown(p: FigureSource, f: IndicatorFacts, v: IndicatorVocabulary, populationCell: string, population: number): Breakdown {
  return breakdown(p, {
    name: 'pair',
    populationCell,
    population,
    listed: [],
    counts: f.pairs,
    label: (code) =>
      code
        .split('+')
        .map((c) => v.label('riskCategories', c))
        .join(' + '),
    multi: true,
  });
}

/** The published pairs, the most frequent first by their published counts (the exact ones would rank cells the rounding made equal), ties by code. */
export function topPairs<C extends { code: string; count: number | null; suppressed: boolean }>(cells: readonly C[], n: number): C[] {
  return cells
    .filter((c) => !c.suppressed)
    .sort((a, b) => b.count! - a.count! || a.code.localeCompare(b.code))
    .slice(0, n);
}

/** I10's share: minors are the sum of the minor age bands, a relation the unit must know. */
function minorsShare(p: FigureSource, minors: number, aged: number, minorBands: readonly string[]): Guarded<number> {
  const share = rateOf(p, 'minors', minors, 'aged_accepted', aged);
  p.sums(
    'minors',
    minorBands.map((band) => `accepted_age_band:${band}`),
  );
  return share;
}

export function publishIndicators(f: IndicatorFacts, p: FigureSource, v: IndicatorVocabulary): Indicators {
  const groupOf = new Map(v.conclusions.map((c) => [c.code, c.group]));
  const groups = new Map<string, number>();
  for (const [code, n] of f.conclusion) groups.set(groupOf.get(code) ?? 'OTHER', (groups.get(groupOf.get(code) ?? 'OTHER') ?? 0) + n);
  const conclusions = breakdown(p, {
    name: 'closed_conclusion',
    populationCell: 'closed_accepted',
    population: f.closedAccepted,
    listed: v.conclusions.map((c) => c.code),
    counts: f.conclusion,
    label: (c) => v.label('conclusions', c),
  });
  const conclusionGroups = breakdown(p, {
    name: 'closed_conclusion_group',
    populationCell: 'closed_accepted',
    population: f.closedAccepted,
    listed: v.conclusionGroups,
    counts: groups,
    label: (c) => v.label('conclusionGroups', c),
  });
  // each group is the sum of its conclusions (a code no group claims is OTHER's)
  for (const group of v.conclusionGroups) {
    const codes = [...new Set([...v.conclusions.map((c) => c.code), ...[...f.conclusion].filter(([, n]) => n > 0).map(([code]) => code)])].filter(
      (code) => (groupOf.get(code) ?? 'OTHER') === group,
    );
    p.sums(
      `closed_conclusion_group:${group}`,
      codes.map((code) => `closed_conclusion:${code}`),
    );
  }
  const leadSectors = breakdown(p, { name: 'lead_sector', populationCell: 'led', population: f.led, listed: v.sectors, counts: f.leadSector, label: (c) => v.label('sectors', c) });
  // the summary's cells: the total and the originating sectors under the summary's names (R1)
  const originatingSectors = breakdown(p, {
    name: 'originating_sector',
    populationCell: 'total',
    population: f.total,
    listed: v.sectors,
    counts: f.originatingSector,
    label: (c) => v.label('sectors', c),
  });
  // the accepted's age bands: a population of their own, so names of their own (the summary's age_band counts every referral)
  const ageBands = breakdown(p, {
    name: 'accepted_age_band',
    populationCell: 'aged_accepted',
    population: f.agedPopulation,
    listed: v.ageBands,
    counts: f.ageBand,
    label: (c) => v.label('ageBands', c),
  });
  const minors = sumOf(f.ageBand, v.minorAgeBands);
  const pairs = pairBreakdown(p, f, v, 'with_risk', f.withRisk);
  const services = breakdown(p, {
    name: 'service',
    populationCell: 'mobilized',
    population: f.mobilized,
    listed: v.services,
    counts: f.services,
    label: (c) => v.label('services', c),
    multi: true,
  });
  return {
    referrals: breakdown(p, { name: 'status', populationCell: 'total', population: f.total, listed: v.statuses, counts: f.status, label: (c) => v.label('statuses', c) }),
    acceptanceRate: rateOf(p, ACCEPTED, f.accepted, DECIDED, f.decided),
    hoursReferralToDecision: statistic(p, 'hoursToDecision', f.hoursToDecision.n, quantiles(f.hoursToDecision), DECIDED),
    hoursDecisionToAssignment: statistic(p, 'hoursToAssignment', f.hoursToAssignment.n, quantiles(f.hoursToAssignment)),
    hoursAssignmentToMobilization: statistic(p, 'hoursAssignmentToMobilization', f.hoursToMobilization.n, quantiles(f.hoursToMobilization)),
    mobilizedWithin48HoursOfDecision: rate(p, 'within48:decision', f.within48.fromDecision, f.within48.decisionPopulation),
    mobilizedWithin48HoursOfAssignment: rate(p, 'within48:assignment', f.within48.fromAssignment, f.within48.assignmentPopulation),
    conclusions,
    conclusionGroups,
    riskLoweredShare: rateOf(p, 'closed_conclusion_group:RISK_LOWERED', groups.get('RISK_LOWERED') ?? 0, 'closed_accepted', f.closedAccepted),
    leadSectors,
    policeLeadShare: rateOf(p, 'lead_sector:POLICE', f.leadSector.get('POLICE') ?? 0, 'led', f.led),
    policeInvolvementShare: rateOf(p, 'police_involved', f.policeInvolved, 'led', f.led),
    originatingSectors,
    policeOriginShare: rateOf(p, 'originating_sector:POLICE', f.originatingSector.get('POLICE') ?? 0, 'total', f.total),
    ageBands,
    minorsShare: minorsShare(p, minors, f.agedPopulation, v.minorAgeBands),
    situationTypes: breakdown(p, {
      name: 'situation_type',
      populationCell: 'total',
      population: f.total,
      listed: v.situationTypes,
      counts: f.situationType,
      label: (c) => v.label('situationTypes', c),
    }),
    riskCategories: breakdown(p, {
      name: 'category',
      populationCell: 'with_risk',
      population: f.withRisk,
      listed: v.riskCategories,
      counts: f.categories,
      label: (c) => v.label('riskCategories', c),
      multi: true,
    }),
    // the most frequent pairs by their published counts (the exact ones would rank cells the rounding made equal)
    riskCategoryPairs: { ...pairs, cells: topPairs(pairs.cells, TOP_PAIRS) },
    services,
    withServiceShare: rateOf(p, 'with_service', f.withService, 'mobilized', f.mobilized),
    leadDeclineRate: rateOf(p, 'declined', f.declined, 'leads_given', f.leadsGiven),
    leadDeclineReasons: breakdown(p, {
      name: 'decline_reason',
      populationCell: 'declined',
      population: f.declined,
      listed: v.leadDeclineReasons,
      counts: f.declineReason,
      label: (c) => v.label('leadDeclineReasons', c),
    }),
    leadDeclineSectors: breakdown(p, {
      name: 'declined_sector',
      populationCell: 'declined',
      population: f.declined,
      listed: v.sectors,
      counts: f.declinedSector,
      label: (c) => v.label('sectors', c),
    }),
    systemGaps: breakdown(p, {
      name: 'barrier',
      populationCell: ACCEPTED,
      population: f.accepted,
      listed: v.systemBarriers,
      counts: f.barriers,
      label: (c) => v.label('systemBarriers', c),
      multi: true,
    }),
    systemGapsByContext: breakdown(p, {
      name: 'barrier_context',
      populationCell: ACCEPTED,
      population: f.accepted,
      listed: v.systemBarriers.flatMap((code) => v.systemBarrierContexts.map((context) => `${code}/${context}`)),
      counts: f.barrierContexts,
      label: (c) => {
        const [code, context] = c.split('/');
        return `${v.label('systemBarriers', code)} — ${v.label('systemBarrierContexts', context)}`;
      },
      multi: true,
    }),
    systemGapsByService: breakdown(p, {
      name: 'barrier_service',
      populationCell: ACCEPTED,
      population: f.accepted,
      // nothing listed: a cell appears only when published, so an absent one says nothing a withheld one would not
      listed: [],
      counts: f.barrierServices,
      label: (c) => {
        const [code, service] = c.split('/');
        return `${v.label('systemBarriers', code)} — ${v.label('services', service)}`;
      },
      multi: true,
    }),
    actionsNotDone: breakdown(p, {
      name: 'action_not_done',
      populationCell: 'with_action_not_done',
      population: f.actionsNotDone,
      listed: v.actionNotDoneReasons,
      counts: f.actionNotDoneReason,
      label: (c) => v.label('actionNotDoneReasons', c),
      multi: true,
    }),
    withBarrierShare: rateOf(p, 'with_barrier', f.withBarrier, ACCEPTED, f.accepted),
    repeatReferralShare: rateOf(p, 'repeat_referral', f.repeats, 'marked_people', f.markedPeople),
  };
}
