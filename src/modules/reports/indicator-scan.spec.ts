import { emptyFacts } from './indicators';
import { countScanned, DIMENSION_COLUMNS, DimensionDecoder, emptyScannedPeriod, FLAGS, quantilesOf, readRecords, readUncoded, RECORD_BYTES, UncodedRow } from './indicator-scan';

/** Lists in the shape of `report_dimension_codes()` (invented, shorter than the reference data's). */
const LISTS: [string, string[]][] = [
  ['status', ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'ASSIGNED', 'CLOSED']],
  ['decision_outcome', ['AER', 'NOT_AER']],
  ['conclusion', ['CONNECTED_TO_SERVICES', 'STILL_AER_OTHER']],
  ['situation_type', ['PERSON', 'FAMILY', 'LOCATION']],
  ['age_band', ['0-5', '12-15', '18-24', 'UNKNOWN']],
  ['gender', ['WOMAN', 'MAN', 'UNKNOWN']],
  ['originating_sector', ['POLICE', 'HEALTH', 'EDUCATION']],
  ['lead_sector', ['POLICE', 'HEALTH', 'EDUCATION']],
  ['consent_status', ['OBTAINED', 'REFUSED']],
];
const decoder = new DimensionDecoder(LISTS);

/** A pseudo-random stream (a linear congruential generator): the same rows on every run. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/** A situation as both paths see it: its values, and its record as the scan sends it. */
function situations(count: number): { rows: UncodedRow[]; records: Uint8Array } {
  const next = random(7);
  const records = new Uint8Array(count * RECORD_BYTES);
  const view = new DataView(records.buffer);
  const rows: UncodedRow[] = [];
  const allFlags = Object.values(FLAGS);
  for (let i = 0; i < count; i++) {
    let dims = 0;
    let step = 1;
    const codes = {} as Record<(typeof DIMENSION_COLUMNS)[number], string | null>;
    LISTS.forEach(([column, list], c) => {
      // status and type are never NULL; the rest are NULL one time in four
      const p = c === 0 || c === 3 || next() > 0.25 ? 1 + Math.floor(next() * list.length) : 0;
      codes[column as (typeof DIMENSION_COLUMNS)[number]] = p === 0 ? null : list[p - 1];
      dims += p * step;
      step *= list.length + 1;
    });
    const flags = allFlags.reduce((n, bit) => (next() < 0.5 ? n | bit : n), 0);
    const barrierMask = next() < 0.3 ? Math.floor(next() * 128) : 0;
    const seconds = [next() * 400_000, next() * 400_000, next() * 400_000 - 1000];
    view.setInt32(i * RECORD_BYTES, dims);
    view.setInt16(i * RECORD_BYTES + 4, barrierMask);
    view.setInt16(i * RECORD_BYTES + 6, flags);
    seconds.forEach((s, k) => view.setFloat64(i * RECORD_BYTES + 8 + 8 * k, s));
    rows.push({
      ...codes,
      barrierMask,
      flags,
      decisionSeconds: seconds[0],
      assignmentSeconds: seconds[1],
      mobilizationSeconds: seconds[2],
      categories: null,
      pairs: [],
    });
  }
  return { rows, records };
}

describe('indicator-scan: the coded records counted as the rows they code', () => {
  it('counts 5,000 records exactly as the same situations sent with their columns, durations included', () => {
    const { rows, records } = situations(5000);
    const coded = emptyScannedPeriod();
    readRecords(records, decoder, coded);
    const uncoded = emptyScannedPeriod();
    for (const row of rows) readUncoded(row, uncoded);
    const [a, b] = [emptyFacts(), emptyFacts()];
    countScanned(coded, a);
    countScanned(uncoded, b);
    const sorted = (f: object) => JSON.parse(JSON.stringify(f, (_k, v: unknown) => (v instanceof Map ? [...(v as Map<string, number>)].sort() : v)));
    expect(sorted(a)).toEqual(sorted(b));
    expect(a.total).toBe(5000);
    expect(a.decided).toBeGreaterThan(0);
    expect(a.policeInvolved).toBeGreaterThan(0);
    expect(a.barriers.size).toBe(7);
    expect(coded.durations).toEqual(uncoded.durations);
    expect(coded.durations.hoursToMobilization.every((h) => h >= 0)).toBe(true);
    expect(coded.durations.hoursToDecision.length).toBe(a.hoursToDecision.n);
    expect(coded.durations.hoursToAssignment.length).toBe(a.hoursToAssignment.n);
  });

  it('refuses lists in another order than report_dimensions encodes, and a record of the wrong length', () => {
    expect(() => new DimensionDecoder([LISTS[1], LISTS[0], ...LISTS.slice(2)])).toThrow(/unexpected columns/);
    expect(() => readRecords(new Uint8Array(RECORD_BYTES + 1), decoder, emptyScannedPeriod())).toThrow(/multiple/);
  });

  it('interpolates the quantiles over several months and scopes together, as over one list', () => {
    const months = [
      { hoursToDecision: [3, 1], hoursToAssignment: [], hoursToMobilization: [10] },
      { hoursToDecision: [2, 4, 5], hoursToAssignment: [7], hoursToMobilization: [] },
    ];
    const q = quantilesOf(months);
    // 1..5: median 3, p90 at rank 3.6 → 4.6
    expect(q.hoursToDecision).toEqual({ n: 5, median: 3, p90: 4.6 });
    expect(q.hoursToAssignment).toEqual({ n: 1, median: 7, p90: 7 });
    expect(quantilesOf([]).hoursToMobilization).toEqual({ n: 0, median: null, p90: null });
  });
});
