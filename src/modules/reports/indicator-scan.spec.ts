import { emptyFacts } from './indicators';
import {
  countScanned,
  DIMENSION_COLUMNS,
  DimensionDecoder,
  DurationName,
  INDICATOR_DURATIONS,
  SUMMARY_DURATIONS,
  summaryTimingsOf,
  emptyScannedPeriod,
  FLAGS,
  quantilesOf,
  ranked,
  readDurations,
  readRecords,
  readUncoded,
  RECORD_BYTES,
  UncodedRow,
} from './indicator-scan';

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

/** Situations as both paths see them: their values, and their records and durations as the scan sends them. */
function situations(count: number): { rows: UncodedRow[]; records: Uint8Array; seconds: Record<DurationName, Uint8Array> } {
  const next = random(7);
  const records = new Uint8Array(count * RECORD_BYTES);
  const view = new DataView(records.buffer);
  const rows: UncodedRow[] = [];
  const durations: Record<DurationName, number[]> = { hoursToDecision: [], hoursToAssignment: [], hoursToMobilization: [], hoursDecisionToMobilization: [], daysOpen: [] };
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
    const seconds = [next() * 400_000, next() * 400_000, next() * 400_000 - 1000, next() * 400_000 - 1000, next() * 9_000_000];
    view.setInt32(i * RECORD_BYTES, dims);
    view.setInt16(i * RECORD_BYTES + 4, barrierMask);
    view.setInt16(i * RECORD_BYTES + 6, flags);
    // each duration sent for its population only, as the scan's FILTERs select it
    if (codes.decision_outcome !== null && flags & FLAGS.decisionTime) durations.hoursToDecision.push(seconds[0]);
    if (codes.decision_outcome === 'AER' && flags & FLAGS.assignmentTime) durations.hoursToAssignment.push(seconds[1]);
    if (flags & FLAGS.mobilizationTime) durations.hoursToMobilization.push(seconds[2]);
    if (flags & FLAGS.mobilizedAfterDecision) durations.hoursDecisionToMobilization.push(seconds[3]);
    if (flags & FLAGS.closed) durations.daysOpen.push(seconds[4]);
    rows.push({
      ...codes,
      barrierMask,
      flags,
      decisionSeconds: seconds[0],
      assignmentSeconds: seconds[1],
      mobilizationSeconds: seconds[2],
      decisionToMobilizationSeconds: seconds[3],
      openSeconds: seconds[4],
      categories: null,
      pairs: [],
    });
  }
  const float8s = (list: number[]) => {
    const bytes = new Uint8Array(list.length * 8);
    list.forEach((x, i) => new DataView(bytes.buffer).setFloat64(i * 8, x));
    return bytes;
  };
  return {
    rows,
    records,
    seconds: {
      hoursToDecision: float8s(durations.hoursToDecision),
      hoursToAssignment: float8s(durations.hoursToAssignment),
      hoursToMobilization: float8s(durations.hoursToMobilization),
      hoursDecisionToMobilization: float8s(durations.hoursDecisionToMobilization),
      daysOpen: float8s(durations.daysOpen),
    },
  };
}

describe('indicator-scan: the coded records counted as the rows they code', () => {
  it('counts 5,000 records exactly as the same situations sent with their columns, durations included', () => {
    const { rows, records, seconds } = situations(5000);
    const coded = emptyScannedPeriod();
    readRecords(records, decoder, coded);
    for (const name of [...INDICATOR_DURATIONS, ...SUMMARY_DURATIONS]) readDurations(seconds[name], name, coded);
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
    const flat = (chunks: Float64Array[]) => chunks.flatMap((c) => [...c]);
    for (const name of INDICATOR_DURATIONS) {
      expect(flat(coded.durations[name])).toEqual(flat(uncoded.durations[name]));
      expect(flat(coded.durations[name]).length).toBe(a[name].n);
    }
    // the summary's: their numbers are the counts', negative hours from decision to mobilisation kept (as before), days in days
    for (const name of SUMMARY_DURATIONS) expect(flat(coded.durations[name])).toEqual(flat(uncoded.durations[name]));
    expect(flat(coded.durations.hoursDecisionToMobilization).length).toBe(a.mobilizedAfterDecision);
    expect(flat(coded.durations.daysOpen).length).toBe(a.closedWithTime);
    expect(flat(coded.durations.hoursDecisionToMobilization).some((h) => h < 0)).toBe(true);
    expect(Math.max(...flat(coded.durations.daysOpen))).toBeLessThan(9_000_000 / 86400 + 1e-9);
    expect(Math.max(...flat(coded.durations.daysOpen))).toBeGreaterThan(24);
    expect(flat(coded.durations.hoursToMobilization).every((h) => h >= 0)).toBe(true);
    expect(flat(coded.durations.hoursToMobilization).length).toBeGreaterThan(0);
  });

  it('refuses lists in another order than report_dimensions encodes, and a record of the wrong length', () => {
    expect(() => new DimensionDecoder([LISTS[1], LISTS[0], ...LISTS.slice(2)])).toThrow(/unexpected columns/);
    expect(() => readRecords(new Uint8Array(RECORD_BYTES + 1), decoder, emptyScannedPeriod())).toThrow(/multiple/);
    expect(() => readDurations(new Uint8Array(12), 'hoursToDecision', emptyScannedPeriod())).toThrow(/multiple of 8/);
  });

  it('interpolates the quantiles over several months and scopes together, as over one list', () => {
    const months = [
      {
        hoursToDecision: [Float64Array.of(3, 1)],
        hoursToAssignment: [],
        hoursToMobilization: [Float64Array.of(10)],
        hoursDecisionToMobilization: [Float64Array.of(6, 2)],
        daysOpen: [],
      },
      {
        hoursToDecision: [Float64Array.of(2), Float64Array.of(4, 5)],
        hoursToAssignment: [Float64Array.of(7)],
        hoursToMobilization: [],
        hoursDecisionToMobilization: [Float64Array.of(4)],
        daysOpen: [Float64Array.of(1.5)],
      },
    ];
    const q = quantilesOf(months);
    // 1..5: median 3, p90 at rank 3.6 → 4.6
    expect(q.hoursToDecision).toEqual({ n: 5, median: 3, p90: 4.6 });
    expect(q.hoursToAssignment).toEqual({ n: 1, median: 7, p90: 7 });
    expect(quantilesOf([]).hoursToMobilization).toEqual({ n: 0, median: null, p90: null });
    // 2, 4, 6: median 4, p90 at rank 1.8 → 5.6; one day and a half open
    expect(summaryTimingsOf(months)).toEqual({ hoursToMobilization: { median: 4, p90: 5.6 }, daysOpen: { median: 1.5 } });
  });

  it('selects the value of any rank asked, in any order, as a sort would place it', () => {
    const next = random(11);
    const values = Float64Array.from({ length: 2001 }, () => Math.round(next() * 500) / 4);
    const sorted = Float64Array.from(values).sort();
    const at = ranked(values);
    for (const rank of [1000, 1800, 1801, 0, 2000, 999, 1000, 1500, 3, 1999]) expect(at(rank)).toBe(sorted[rank]);
    expect(() => at(2001)).toThrow(/rank 2001/);
  });
});
