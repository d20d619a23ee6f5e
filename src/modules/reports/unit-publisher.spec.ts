import { randomBytes } from 'node:crypto';
import { CountPublisher } from './disclosure';
import { emptyFacts, IndicatorFacts, IndicatorVocabulary } from './indicators';
import { DisclosureUnit } from './disclosure-unit';
import { publishInUnits, UnitMemo } from './unit-publisher';
import { TEST_VOCABULARY, withSummaryCounts } from '../../../test/support/report-facts';

const VOCABULARY: IndicatorVocabulary = { ...TEST_VOCABULARY, statuses: ['PENDING', 'ASSIGNED', 'CLOSED', 'REJECTED'], label: (_list, code) => code };

const QUANTILES = {
  hoursToDecision: { n: 0, median: null, p90: null },
  hoursToAssignment: { n: 0, median: null, p90: null },
  hoursToMobilization: { n: 0, median: null, p90: null },
};

/** A month of `decided` decisions, `accepted` of them accepted: consistent counts. */
function decisions(decided: number, accepted: number): IndicatorFacts {
  const f = emptyFacts();
  f.total = decided;
  f.status = new Map([
    ['ASSIGNED', accepted],
    ['REJECTED', decided - accepted],
  ]);
  f.situationType = new Map([['PERSON', decided]]);
  f.originatingSector = new Map([['POLICE', decided]]);
  f.decided = decided;
  f.accepted = accepted;
  f.hoursToDecision = { n: decided, median: null, p90: null };
  return withSummaryCounts(f);
}

const publisher = () => new CountPublisher(randomBytes(32), 'table');

describe('publishInUnits: the indicators of a year protected together', () => {
  it('withholds an acceptance rate whose rest (the rejected) is small, and never lets the accepted and the decided shown elsewhere bound it', () => {
    // one month of 26 decisions, 24 accepted: 2 rejected. The accepted are the system gaps' population, the decided
    // the durations' n: published as 20 and 30 (one draw in 25) they would say 2 to 10 were rejected, none empty
    const months = [{ month: '2026-03', facts: decisions(26, 24) }];
    const asked = ['2026', '2026-Q1', '2026-03'].map((code) => ({ code, quantiles: QUANTILES }));
    let both = 0;
    for (let draw = 0; draw < 200; draw++) {
      for (const i of publishInUnits(months, asked, publisher(), VOCABULARY)) {
        expect(i.acceptanceRate).toEqual({ value: null, n: null, suppressed: true });
        const accepted = i.systemGaps.population;
        const decided = i.hoursReferralToDecision.n;
        if (accepted === null || decided === null) continue;
        both++;
        // what the two published figures say of the rejected: a range that must hold 0 and 1
        const least = Math.max(5, decided - 4) - (accepted + 4);
        const most = decided + 4 - Math.max(5, accepted - 4);
        expect([least <= 0, most >= 1]).toEqual([true, true]);
      }
    }
    expect(both).toBeGreaterThan(0);
  });

  it('publishes a rate whose part, whole and rest are all published', () => {
    const months = [{ month: '2026-03', facts: decisions(40, 20) }];
    const [year] = publishInUnits(months, [{ code: '2026', quantiles: QUANTILES }], publisher(), VOCABULARY);
    expect(year.acceptanceRate.suppressed).toBe(false);
    expect(year.acceptanceRate.n).toBe(year.hoursReferralToDecision.n);
    expect(year.acceptanceRate.value).toBe(Math.round((year.systemGaps.population! / year.acceptanceRate.n!) * 1000) / 1000);
  });

  it('fails safe: a unit whose counts break a relation publishes every figure of its periods withheld, and says so', () => {
    // the durations' n and the decided are one figure: a month where they differ cannot be published
    const broken = decisions(30, 20);
    broken.hoursToDecision = { n: 29, median: null, p90: null };
    const failures: [number, string][] = [];
    const out = publishInUnits(
      [
        { month: '2026-03', facts: broken },
        { month: '2025-03', facts: decisions(30, 20) },
      ],
      [
        { code: '2026', quantiles: QUANTILES },
        { code: '2025', quantiles: QUANTILES },
      ],
      publisher(),
      VOCABULARY,
      (year, error) => failures.push([year, error.message]),
    );
    expect(failures).toEqual([[2026, 'disclosure unit: 2026-03|rate:accepted:whole holds two different counts']]);
    expect(out[0].referrals).toEqual({ population: null, suppressed: true, cells: [] });
    expect(out[0].acceptanceRate.suppressed).toBe(true);
    expect(JSON.stringify(out[0])).not.toMatch(/"(count|population|n)":\d/);
    // the other year's unit is untouched
    expect(out[1].referrals.population).not.toBeNull();
  });

  it('declares each conclusion group the sum of its conclusions, and the minors the sum of the minor bands', () => {
    const f = decisions(60, 60);
    f.closedAccepted = 12;
    f.conclusion = new Map([
      ['LOWERED', 9],
      ['STILL', 3],
    ]);
    f.agedPopulation = 40;
    f.ageBand = new Map([
      ['12-15', 3],
      ['16-17', 9],
      ['18-24', 28],
    ]);
    const related: [string, string[]][] = [];
    const relate = DisclosureUnit.prototype.relate;
    const spy = jest.spyOn(DisclosureUnit.prototype, 'relate').mockImplementation(function (this: DisclosureUnit, aggregate, parts) {
      related.push([aggregate, [...parts]]);
      return relate.call(this, aggregate, parts);
    });
    try {
      publishInUnits([{ month: '2026-03', facts: f }], [{ code: '2026-03', quantiles: QUANTILES }], publisher(), VOCABULARY);
    } finally {
      spy.mockRestore();
    }
    expect(related).toContainEqual(['2026-03|closed_conclusion_group:RISK_LOWERED', ['2026-03|closed_conclusion:LOWERED']]);
    expect(related).toContainEqual(['2026-03|closed_conclusion_group:STILL_AER', ['2026-03|closed_conclusion:STILL']]);
    expect(related).toContainEqual(['2026-03|minors', ['2026-03|accepted_age_band:12-15', '2026-03|accepted_age_band:16-17']]);
    expect(related).toContainEqual(['2026-03|rate:accepted:whole', ['2026-03|rate:accepted:part', '2026-03|rate:accepted:whole-rate:accepted:part']]);
  });
});

describe('UnitMemo: a unit protected once for readers of the same counts', () => {
  /** A memo that says how often it served a unit and how often one was built. */
  class CountingMemo extends UnitMemo {
    hits = 0;
    built = 0;
    override get(key: string) {
      const unit = super.get(key);
      if (unit) this.hits++;
      return unit;
    }
    override set(key: string, unit: DisclosureUnit) {
      if (!super.get(key)) this.built++;
      super.set(key, unit);
    }
  }
  const asked = ['2026', '2026-Q1', '2026-03'].map((code) => ({ code, quantiles: QUANTILES }));

  it('serves the same figures from the memo, and builds a new unit when any count, the key or the scope differs', () => {
    const memo = new CountingMemo(4);
    const key = randomBytes(32);
    const months = [{ month: '2026-03', facts: decisions(40, 20) }];
    const first = publishInUnits(months, asked, new CountPublisher(key, 'table'), VOCABULARY, undefined, undefined, memo);
    // the same counts counted in another order (the maps' insertion order) are the same unit
    const reordered = decisions(40, 20);
    reordered.status = new Map([...reordered.status].reverse());
    const again = publishInUnits([{ month: '2026-03', facts: reordered }], asked, new CountPublisher(key, 'table'), VOCABULARY, undefined, undefined, memo);
    expect(again).toEqual(first);
    expect([memo.built, memo.hits]).toEqual([1, 1]);
    publishInUnits([{ month: '2026-03', facts: decisions(41, 20) }], asked, new CountPublisher(key, 'table'), VOCABULARY, undefined, undefined, memo);
    publishInUnits(months, asked, new CountPublisher(randomBytes(32), 'table'), VOCABULARY, undefined, undefined, memo);
    publishInUnits(months, asked, new CountPublisher(key, 'other-table'), VOCABULARY, undefined, undefined, memo);
    expect([memo.built, memo.hits]).toEqual([4, 1]);
    // without a memo, the same figures
    expect(publishInUnits(months, asked, new CountPublisher(key, 'table'), VOCABULARY)).toEqual(first);
  });

  it('keeps the most recently used units up to its capacity', () => {
    const memo = new CountingMemo(2);
    const key = randomBytes(32);
    const publish = (decided: number) =>
      publishInUnits([{ month: '2026-03', facts: decisions(decided, 20) }], asked, new CountPublisher(key, 'table'), VOCABULARY, undefined, undefined, memo);
    publish(40);
    publish(41);
    publish(40); // used again: 41 is now the oldest
    publish(42); // drops 41
    publish(40);
    publish(41);
    expect([memo.built, memo.hits]).toEqual([4, 2]);
  });
});
