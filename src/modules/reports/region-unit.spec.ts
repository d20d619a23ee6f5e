import { randomBytes } from 'node:crypto';
import { CountPublisher } from './disclosure';
import { emptyFacts, IndicatorFacts, Indicators, IndicatorVocabulary } from './indicators';
import { publishInUnits, publishPlanned, UnitPlan } from './unit-publisher';
import { SUMMARY_VOCABULARY, withSummaryCounts } from '../../../test/support/report-facts';

/**
 * Relation (c) of R6 (docs/evaluation.md): a region's figures and its member tables' in one unit, the
 * region the sum of its tables for every cell and period, so that the region's route and a table's
 * route together never bound a count the unit withholds.
 */
const VOCABULARY: IndicatorVocabulary = {
  summary: SUMMARY_VOCABULARY,
  statuses: ['SUBMITTED', 'CLOSED'],
  situationTypes: ['PERSON'],
  sectors: ['POLICE', 'HEALTH', 'HOUSING'],
  ageBands: ['18-24'],
  minorAgeBands: [],
  conclusions: [{ code: 'LOWERED', group: 'RISK_LOWERED' }],
  conclusionGroups: ['RISK_LOWERED', 'STILL_AER', 'OTHER'],
  riskCategories: ['A'],
  services: ['S1'],
  leadDeclineReasons: ['OTHER'],
  systemBarriers: ['WAIT_LIST'],
  systemBarrierContexts: ['CLOSURE'],
  actionNotDoneReasons: ['PERSON_DECLINED', 'NOT_REACHED', 'NOT_ELIGIBLE', 'NO_CAPACITY', 'CIRCUMSTANCES_CHANGED', 'OTHER'],
  label: (_list, code) => code,
};
const QUANTILES = {
  hoursToDecision: { n: 0, median: null, p90: null },
  hoursToAssignment: { n: 0, median: null, p90: null },
  hoursToMobilization: { n: 0, median: null, p90: null },
};

/** A month of `police` + `health` referrals (all submitted, of one type), by originating sector. */
function referrals(police: number, health: number): IndicatorFacts {
  const f = emptyFacts();
  f.total = police + health;
  f.status = new Map([['SUBMITTED', police + health]]);
  f.situationType = new Map([['PERSON', police + health]]);
  f.originatingSector = new Map([
    ['POLICE', police],
    ['HEALTH', health],
  ]);
  return withSummaryCounts(f);
}
const sum = (a: IndicatorFacts, b: IndicatorFacts) =>
  referrals(
    (a.originatingSector.get('POLICE') ?? 0) + (b.originatingSector.get('POLICE') ?? 0),
    (a.originatingSector.get('HEALTH') ?? 0) + (b.originatingSector.get('HEALTH') ?? 0),
  );

describe('publishPlanned: a region-year unit with its member tables', () => {
  // each table: 3 police referrals and 10 health ones in March; the region: 6 and 20
  const a = new Map([['2026-03', referrals(3, 10)]]);
  const b = new Map([['2026-03', referrals(3, 10)]]);
  const region = new Map([['2026-03', sum(a.get('2026-03')!, b.get('2026-03')!)]]);
  const key = randomBytes(32);
  const plan = (): UnitPlan => ({
    scopes: [
      { prefix: 'region|', publisher: new CountPublisher(key, 'region:r'), months: region },
      { prefix: 'table:a|', publisher: new CountPublisher(key, 'a'), months: a },
      { prefix: 'table:b|', publisher: new CountPublisher(key, 'b'), months: b },
    ],
    aggregated: true,
  });
  const ask = (prefix: string, code: string) => ({ prefix, code, quantiles: QUANTILES });
  const police = (i: Indicators) => i.originatingSectors.cells.find((c) => c.code === 'POLICE')!.count;

  it("withholds the region's count of 6 that would say each table's withheld 3 is not empty", () => {
    const [r, ta, tb] = publishPlanned(new Map([[2026, plan()]]), [ask('region|', '2026-03'), ask('table:a|', '2026-03'), ask('table:b|', '2026-03')], VOCABULARY);
    // each table's 3 is withheld (small); the region's 6, published as 5 or 10, would mean at least 1 in each
    expect(police(ta)).toBeNull();
    expect(police(tb)).toBeNull();
    expect(police(r)).toBeNull();
    // without relation (c) the region's 6 alone is published (a multiple of 5): the relation is what withholds it
    const apart = plan()!;
    const [alone] = publishPlanned(new Map([[2026, { scopes: [apart.scopes[0]], aggregated: false }]]), [ask('region|', '2026-03')], VOCABULARY);
    expect([5, 10]).toContain(police(alone));
  });

  it("publishes a table's figures alike on its own route and on its region's (R1): one unit, the table's draws", () => {
    const plans = new Map([[2026, plan()]]);
    const fromRegion = publishPlanned(plans, [ask('table:a|', '2026'), ask('table:a|', '2026-Q1')], VOCABULARY);
    const asTable = publishPlanned(plans, [ask('table:a|', '2026'), ask('table:a|', '2026-Q1'), ask('region|', '2026')], VOCABULARY);
    expect(asTable.slice(0, 2)).toEqual(fromRegion);
    // a health count of 10 at table a: the table's own draw of 10 (a multiple of 5 is published as itself)
    expect(fromRegion[0].originatingSectors.cells.find((c) => c.code === 'HEALTH')!.count).toBe(10);
  });

  it('publishes nothing for a year whose plan is null (a region of fewer than 2 tables), and a solo unit as publishInUnits does', () => {
    const [none] = publishPlanned(new Map([[2026, null]]), [ask('region|', '2026')], VOCABULARY);
    expect(none.referrals).toEqual({ population: null, suppressed: true, cells: [] });
    const publisher = new CountPublisher(key, 'a');
    const solo = publishPlanned(new Map([[2026, { scopes: [{ prefix: '', publisher, months: a }], aggregated: false }]]), [ask('', '2026')], VOCABULARY);
    expect(solo).toEqual(publishInUnits([{ month: '2026-03', facts: a.get('2026-03')! }], [{ code: '2026', quantiles: QUANTILES }], publisher, VOCABULARY));
  });
});
