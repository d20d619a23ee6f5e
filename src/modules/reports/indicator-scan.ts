import quickselect from 'quickselect';
import { SYSTEM_BARRIER_CODES } from '../situations/domain/system-barriers';
import { IndicatorFacts, QuantileFacts } from './indicators';
import type { SummaryTimings } from './summary-figures';
import { addTo } from './report-codes';
import { quantileOf } from './suppression';

/**
 * The counting side of the indicators' scan (pure; IndicatorRepository is the SQL side). The
 * database sends, per period, one record a situation: coded values only, no id and no date.
 *
 * A record is 8 bytes, big-endian, one `int8send` of the three fields below (the database builds
 * one value a row, not three sends and two concatenations):
 * - `report_dimensions` (int4, high half): the situation's codes in mixed radix
 *   (`report_dimension_codes()`, the IndicatorScan migration), 0 for a NULL value;
 * - `barrier_mask` (16 bits): bit i for SYSTEM_BARRIER_CODES[i];
 * - the flags (16 bits) of FLAGS, the facts that compare the situation's times (with the as-of time).
 * Each duration comes apart, in seconds (float8), for the situations of its population only.
 *
 * The rows a code cannot hold (a value the reference data added later) come apart as
 * UncodedRow, with the same flags and durations, and are counted the same way.
 */
export const RECORD_BYTES = 4 + 2 + 2;

/** The flags' bits, each a condition over the situation's times (their SQL is in the repository). */
export const FLAGS = {
  /** decided_at is known: with an outcome, the population of I3's durations */
  decisionTime: 1,
  /** I6 (a): decided, and mobilised or 48 hours past the decision at the as-of time */
  fromDecisionKnown: 2,
  /** I6 (a): mobilised within 48 hours of the decision */
  withinFromDecision: 4,
  /** I6 (b): an assignment start known, and mobilised or 48 hours past it */
  fromAssignmentKnown: 8,
  /** I6 (b): mobilised within 48 hours of the assignment start */
  withinFromAssignment: 16,
  /** first_assigned_at and decided_at known: I4's population (with AER) */
  assignmentTime: 32,
  /** mobilized_at and mobilization_assigned_at known: I5's population */
  mobilizationTime: 64,
  /** a police agency among the assisting agencies (I8, secondary) */
  policeAssists: 128,
  /** mobilised with a decision time: the summary's count behind its mobilisation time */
  mobilizedAfterDecision: 256,
  /** closed with its time */
  closed: 512,
} as const;

/** The columns `report_dimensions` encodes, in its order. */
export const DIMENSION_COLUMNS = [
  'status',
  'decision_outcome',
  'conclusion',
  'situation_type',
  'age_band',
  'gender',
  'originating_sector',
  'lead_sector',
  'consent_status',
] as const;
type Dimension = (typeof DIMENSION_COLUMNS)[number];
/** Each column's index in DIMENSION_COLUMNS. */
const COLUMN = Object.fromEntries(DIMENSION_COLUMNS.map((c, i) => [c, i])) as Record<Dimension, number>;
export type Codes = Record<Dimension, string | null>;

/** A situation's codes with its flags and barrier mask: what the counts of a period combine. */
export interface CodedRow extends Codes {
  barrierMask: number;
  flags: number;
}

/** A row whose codes are not all in `report_dimensions`' lists, or whose categories no mask holds, sent with its columns. */
export interface UncodedRow extends CodedRow {
  /** seconds, or null */
  decisionSeconds: number | null;
  assignmentSeconds: number | null;
  mobilizationSeconds: number | null;
  /** the summary's durations: decision to mobilisation, creation to closure */
  decisionToMobilizationSeconds: number | null;
  openSeconds: number | null;
  /** its risk categories, and their pairs named `a+b` with a < b as the database sorts them */
  categories: string[] | null;
  pairs: string[];
}

/**
 * The durations of a period's situations in the order read, a list of chunks each: the
 * indicators' (I3-I5, hours) and, when the summary asks, its own (hours from decision to
 * mobilisation, days open).
 */
export interface DurationLists {
  hoursToDecision: Float64Array[];
  hoursToAssignment: Float64Array[];
  hoursToMobilization: Float64Array[];
  hoursDecisionToMobilization: Float64Array[];
  daysOpen: Float64Array[];
}
export type DurationName = keyof DurationLists;
export const INDICATOR_DURATIONS = ['hoursToDecision', 'hoursToAssignment', 'hoursToMobilization'] as const;
export type IndicatorDuration = (typeof INDICATOR_DURATIONS)[number];
export const SUMMARY_DURATIONS = ['hoursDecisionToMobilization', 'daysOpen'] as const;
const emptyLists = (): DurationLists => ({ hoursToDecision: [], hoursToAssignment: [], hoursToMobilization: [], hoursDecisionToMobilization: [], daysOpen: [] });

/** The lists of `report_dimension_codes()` ([column, codes][]): what `report_dimensions` is read with. */
export class DimensionDecoder {
  /** each column's codes, in DIMENSION_COLUMNS' order (position p of a value is code p - 1; 0 is NULL) */
  readonly lists: (readonly string[])[];

  constructor(codes: readonly [string, readonly string[]][]) {
    const columns = codes.map(([column]) => column);
    if (columns.join() !== DIMENSION_COLUMNS.join()) throw new Error(`report dimensions: unexpected columns ${columns.join()}`);
    this.lists = codes.map(([, list]) => list);
    if (!this.lists[COLUMN.decision_outcome].includes('AER')) throw new Error('report dimensions: no AER outcome');
  }

  /**
   * Where the decision outcome sits in `report_dimensions`: its digit is (value / step) % radix,
   * 0 for none, `aer` for AER (what the SQL of a duration's population tests).
   */
  outcomeDigit(): { step: number; radix: number; aer: number } {
    return { step: this.lists[0].length + 1, radix: this.lists[1].length + 1, aer: this.positionOf('decision_outcome', 'AER') };
  }

  /** The position of `code` in `column`'s list (0 when it is not there: no value decodes to it). */
  positionOf(column: Dimension, code: string): number {
    return this.lists[COLUMN[column]].indexOf(code) + 1;
  }
}

/**
 * One period's coded records, counted as they are read (PeriodCounts: a typed array per figure,
 * indexed by the code's position, a few operations a situation), and its durations.
 */
export interface ScannedPeriod {
  counts: PeriodCounts | null;
  durations: DurationLists;
  uncoded: UncodedRow[];
  /** the category masks (4 bytes each, non-zero only), a chunk per table read, and how many situations have a risk category */
  masks: Uint8Array[];
  withRisk: number;
}

export function emptyScannedPeriod(): ScannedPeriod {
  return { counts: null, durations: emptyLists(), uncoded: [], masks: [], withRisk: 0 };
}

const HOURS = 3600;
const DAYS = 86400;

/** Counts a period's records (RECORD_BYTES each) into `into`. */
export function readRecords(records: Uint8Array, decoder: DimensionDecoder, into: ScannedPeriod): void {
  if (records.length % RECORD_BYTES !== 0) throw new Error('indicator records: length is not a multiple of the record');
  const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
  const counts = (into.counts ??= new PeriodCounts(decoder));
  for (let at = 0; at < records.length; at += RECORD_BYTES) counts.add(view.getInt32(at), view.getInt16(at + 4), view.getInt16(at + 6));
}

/** Adds a period's durations of one kind, in seconds as `float8send` writes them one after the other, in its unit. */
export function readDurations(seconds: Uint8Array, name: DurationName, into: ScannedPeriod): void {
  if (seconds.length % 8 !== 0) throw new Error('indicator durations: length is not a multiple of 8');
  const view = new DataView(seconds.buffer, seconds.byteOffset, seconds.byteLength);
  const hours = new Float64Array(seconds.length / 8);
  for (let i = 0; i < hours.length; i++) hours[i] = inUnit(name, view.getFloat64(i * 8));
  into.durations[name].push(hours);
}

/** A duration in its unit (days open in days, the rest in hours); I5's floored at 0 (its time is the agency's word, checked against the decision only). */
function inUnit(name: DurationName, seconds: number): number {
  if (name === 'daysOpen') return seconds / DAYS;
  return (name === 'hoursToMobilization' ? Math.max(0, seconds) : seconds) / HOURS;
}

const NONE = -1;

/**
 * A period's counts per code position, as countRow counts a row, for the coded records: each
 * figure a Float64Array over its column's positions (0: NULL), turned into the facts' maps once.
 */
export class PeriodCounts {
  private readonly radix: number[];
  private readonly at: { aer: number; closed: number; person: number; family: number; unknownAge: number; police: number };
  private n = 0;
  private readonly all: Float64Array[];
  private readonly closedConclusion: Float64Array;
  private readonly agedBand: Float64Array;
  private readonly lead: Float64Array;
  private readonly barriers = new Float64Array(SYSTEM_BARRIER_CODES.length);
  private readonly sums = {
    decided: 0,
    accepted: 0,
    decisionPopulation: 0,
    fromDecision: 0,
    assignmentPopulation: 0,
    fromAssignment: 0,
    assignmentTimes: 0,
    mobilizationTimes: 0,
    closedAccepted: 0,
    agedPopulation: 0,
    led: 0,
    policeInvolved: 0,
    withBarrier: 0,
    mobilizedAfterDecision: 0,
    closedWithTime: 0,
  };
  private readonly positions = new Int32Array(DIMENSION_COLUMNS.length);

  constructor(private readonly decoder: DimensionDecoder) {
    this.radix = decoder.lists.map((l) => l.length + 1);
    this.all = this.radix.map((r) => new Float64Array(r));
    this.closedConclusion = new Float64Array(this.radix[COLUMN.conclusion]);
    this.agedBand = new Float64Array(this.radix[COLUMN.age_band]);
    this.lead = new Float64Array(this.radix[COLUMN.lead_sector]);
    const p = (column: Dimension, code: string) => decoder.positionOf(column, code) || NONE;
    this.at = {
      aer: p('decision_outcome', 'AER'),
      closed: p('status', 'CLOSED'),
      person: p('situation_type', 'PERSON'),
      family: p('situation_type', 'FAMILY'),
      unknownAge: p('age_band', 'UNKNOWN'),
      police: p('lead_sector', 'POLICE'),
    };
  }

  /** Counts one situation. */
  add(dims: number, barrierMask: number, flags: number): void {
    const { positions: pos, radix, all, sums, at } = this;
    let v = dims;
    for (let i = 0; i < radix.length; i++) {
      const p = v % radix[i];
      pos[i] = p;
      all[i][p] += 1;
      v = (v - p) / radix[i];
    }
    this.n += 1;
    const outcome = pos[COLUMN.decision_outcome];
    const aer = outcome === at.aer;
    if (outcome !== 0 && flags & FLAGS.decisionTime) {
      sums.decided += 1;
      if (aer) sums.accepted += 1;
    }
    if (aer) {
      if (flags & FLAGS.fromDecisionKnown) sums.decisionPopulation += 1;
      if (flags & FLAGS.withinFromDecision) sums.fromDecision += 1;
      if (flags & FLAGS.fromAssignmentKnown) sums.assignmentPopulation += 1;
      if (flags & FLAGS.withinFromAssignment) sums.fromAssignment += 1;
      if (flags & FLAGS.assignmentTime) sums.assignmentTimes += 1;
      if (pos[COLUMN.status] === at.closed) {
        sums.closedAccepted += 1;
        this.closedConclusion[pos[COLUMN.conclusion]] += 1;
      }
      const type = pos[COLUMN.situation_type];
      const age = pos[COLUMN.age_band];
      if ((type === at.person || type === at.family) && age !== 0 && age !== at.unknownAge) {
        sums.agedPopulation += 1;
        this.agedBand[age] += 1;
      }
      if (barrierMask) {
        sums.withBarrier += 1;
        for (let i = 0; i < this.barriers.length; i++) if (barrierMask & (1 << i)) this.barriers[i] += 1;
      }
    }
    if (flags & FLAGS.mobilizationTime) sums.mobilizationTimes += 1;
    const lead = pos[COLUMN.lead_sector];
    if (lead !== 0) {
      sums.led += 1;
      this.lead[lead] += 1;
      if (lead === at.police || flags & FLAGS.policeAssists) sums.policeInvolved += 1;
    }
    if (flags & FLAGS.mobilizedAfterDecision) sums.mobilizedAfterDecision += 1;
    if (flags & FLAGS.closed) sums.closedWithTime += 1;
  }

  /** Adds these counts to the period's facts, each position under its code (NULL: NOT_APPLICABLE). */
  addTo(f: IndicatorFacts): void {
    const { sums } = this;
    const into = (map: Map<string, number>, column: Dimension, counts: Float64Array, withNull = true) =>
      counts.forEach((n, p) => {
        if (n > 0 && (p > 0 || withNull)) addTo(map, p === 0 ? 'NOT_APPLICABLE' : this.decoder.lists[COLUMN[column]][p - 1], n);
      });
    f.total += this.n;
    into(f.status, 'status', this.all[COLUMN.status]);
    into(f.situationType, 'situation_type', this.all[COLUMN.situation_type]);
    into(f.ageBandAll, 'age_band', this.all[COLUMN.age_band]);
    into(f.conclusionAll, 'conclusion', this.all[COLUMN.conclusion]);
    into(f.originatingSector, 'originating_sector', this.all[COLUMN.originating_sector]);
    into(f.gender, 'gender', this.all[COLUMN.gender]);
    into(f.consentStatus, 'consent_status', this.all[COLUMN.consent_status]);
    into(f.conclusion, 'conclusion', this.closedConclusion);
    into(f.ageBand, 'age_band', this.agedBand, false);
    into(f.leadSector, 'lead_sector', this.lead, false);
    this.barriers.forEach((n, i) => n > 0 && addTo(f.barriers, SYSTEM_BARRIER_CODES[i], n));
    f.decided += sums.decided;
    f.accepted += sums.accepted;
    f.hoursToDecision.n += sums.decided;
    f.hoursToAssignment.n += sums.assignmentTimes;
    f.hoursToMobilization.n += sums.mobilizationTimes;
    f.within48.decisionPopulation += sums.decisionPopulation;
    f.within48.fromDecision += sums.fromDecision;
    f.within48.assignmentPopulation += sums.assignmentPopulation;
    f.within48.fromAssignment += sums.fromAssignment;
    f.closedAccepted += sums.closedAccepted;
    f.agedPopulation += sums.agedPopulation;
    f.led += sums.led;
    f.policeInvolved += sums.policeInvolved;
    f.withBarrier += sums.withBarrier;
    f.mobilizedAfterDecision += sums.mobilizedAfterDecision;
    f.closedWithTime += sums.closedWithTime;
  }
}

/** Adds an uncoded row's durations as readRecords adds a record's. */
export function readUncoded(row: UncodedRow, into: ScannedPeriod): void {
  into.uncoded.push(row);
  const { durations } = into;
  const add = (name: DurationName, seconds: number | null) => durations[name].push(Float64Array.of(inUnit(name, seconds!)));
  if (row.decision_outcome !== null && row.flags & FLAGS.decisionTime) add('hoursToDecision', row.decisionSeconds);
  if (row.decision_outcome === 'AER' && row.flags & FLAGS.assignmentTime) add('hoursToAssignment', row.assignmentSeconds);
  if (row.flags & FLAGS.mobilizationTime) add('hoursToMobilization', row.mobilizationSeconds);
  if (row.flags & FLAGS.mobilizedAfterDecision) add('hoursDecisionToMobilization', row.decisionToMobilizationSeconds);
  if (row.flags & FLAGS.closed) add('daysOpen', row.openSeconds);
}

/** The counts of a period's situations into its facts (all but categories, services, leads, repeats and barrier contexts). */
export function countScanned(scanned: ScannedPeriod, f: IndicatorFacts): void {
  scanned.counts?.addTo(f);
  for (const row of scanned.uncoded) {
    countRow(f, row, 1);
    if (row.categories && row.categories.length > 0) f.withRisk += 1;
    // counted the long way: a code no mask holds, or one repeated
    for (const code of row.categories ?? []) addTo(f.categories, code, 1);
    for (const pair of row.pairs) addTo(f.pairs, pair, 1);
  }
}

/** A situation's codes, barriers and flags (`n` alike), counted into every figure it belongs to: the rows PeriodCounts cannot hold. */
function countRow(f: IndicatorFacts, r: CodedRow, n: number): void {
  const aer = r.decision_outcome === 'AER';
  f.total += n;
  addTo(f.status, r.status ?? 'NOT_APPLICABLE', n);
  addTo(f.situationType, r.situation_type ?? 'NOT_APPLICABLE', n);
  // the summary's: every referral's age band and conclusion (null: NOT_APPLICABLE)
  addTo(f.ageBandAll, r.age_band ?? 'NOT_APPLICABLE', n);
  addTo(f.conclusionAll, r.conclusion ?? 'NOT_APPLICABLE', n);
  // decided: with an outcome and its time, the very population of I3's durations (one figure, R1)
  if (r.decision_outcome !== null && r.flags & FLAGS.decisionTime) {
    f.decided += n;
    f.hoursToDecision.n += n;
    if (aer) f.accepted += n;
  }
  if (aer) {
    if (r.flags & FLAGS.fromDecisionKnown) f.within48.decisionPopulation += n;
    if (r.flags & FLAGS.withinFromDecision) f.within48.fromDecision += n;
    if (r.flags & FLAGS.fromAssignmentKnown) f.within48.assignmentPopulation += n;
    if (r.flags & FLAGS.withinFromAssignment) f.within48.fromAssignment += n;
    if (r.flags & FLAGS.assignmentTime) f.hoursToAssignment.n += n;
  }
  if (r.flags & FLAGS.mobilizationTime) f.hoursToMobilization.n += n;
  if (aer && r.status === 'CLOSED') {
    // I7: accepted and closed, per conclusion
    f.closedAccepted += n;
    addTo(f.conclusion, r.conclusion ?? 'NOT_APPLICABLE', n);
  }
  if (aer && (r.situation_type === 'PERSON' || r.situation_type === 'FAMILY') && r.age_band !== null && r.age_band !== 'UNKNOWN') {
    // I10: accepted people and families of a known age
    f.agedPopulation += n;
    addTo(f.ageBand, r.age_band, n);
  }
  addTo(f.originatingSector, r.originating_sector ?? 'NOT_APPLICABLE', n);
  if (r.lead_sector !== null) {
    f.led += n;
    addTo(f.leadSector, r.lead_sector, n);
    // I8, secondary: the police lead or assist in the current assignment
    if (r.lead_sector === 'POLICE' || r.flags & FLAGS.policeAssists) f.policeInvolved += n;
  }
  if (aer && r.barrierMask) {
    // I16: accepted situations with a system barrier, per code
    f.withBarrier += n;
    SYSTEM_BARRIER_CODES.forEach((code, i) => {
      if (r.barrierMask & (1 << i)) addTo(f.barriers, code, n);
    });
  }
  addTo(f.gender, r.gender ?? 'NOT_APPLICABLE', n);
  addTo(f.consentStatus, r.consent_status ?? 'NOT_APPLICABLE', n);
  if (r.flags & FLAGS.mobilizedAfterDecision) f.mobilizedAfterDecision += n;
  if (r.flags & FLAGS.closed) f.closedWithTime += n;
}

/**
 * The median and 90th percentile of each of the indicators' durations over some months (`months`,
 * each a period's lists; a region's members' months together), interpolated as quantileOf does.
 */
export function quantilesOf(months: readonly DurationLists[]): Record<IndicatorDuration, QuantileFacts> {
  const out = {} as Record<IndicatorDuration, QuantileFacts>;
  for (const name of INDICATOR_DURATIONS) {
    const at = ranked(joined(months, name));
    const n = countOf(months, name);
    out[name] = { n, median: quantileOf(n, 0.5, at), p90: quantileOf(n, 0.9, at) };
  }
  return out;
}

/** The summary's own medians over some months, as ReportRepository.timings read them before (same population, same interpolation). */
export function summaryTimingsOf(months: readonly DurationLists[]): SummaryTimings {
  const hours = ranked(joined(months, 'hoursDecisionToMobilization'));
  const n = countOf(months, 'hoursDecisionToMobilization');
  const days = countOf(months, 'daysOpen');
  return {
    hoursToMobilization: { median: quantileOf(n, 0.5, hours), p90: quantileOf(n, 0.9, hours) },
    daysOpen: { median: quantileOf(days, 0.5, ranked(joined(months, 'daysOpen'))) },
  };
}

const countOf = (months: readonly DurationLists[], name: DurationName) => months.reduce((n, m) => n + m[name].reduce((k, c) => k + c.length, 0), 0);

/** One duration's chunks of some months in one array. */
function joined(months: readonly DurationLists[], name: DurationName): Float64Array {
  const all = new Float64Array(countOf(months, name));
  let at = 0;
  for (const m of months)
    for (const chunk of m[name]) {
      all.set(chunk, at);
      at += chunk.length;
    }
  return all;
}

/**
 * The value at each rank asked of `values` (reordered in place), by selection rather than a sort:
 * each rank is selected between the nearest ranks already selected (linear time a rank; the four
 * ranks of a median and a 90th percentile cost a third of sorting 100,000 durations).
 */
export function ranked(values: Float64Array): (rank: number) => number {
  const selected = new Map<number, number>();
  return (rank) => {
    const known = selected.get(rank);
    if (known !== undefined) return known;
    if (!(rank >= 0 && rank < values.length)) throw new Error(`quantile: rank ${rank} of ${values.length}`);
    let left = 0;
    let right = values.length - 1;
    // every rank selected before splits the values: this one lies between its neighbours
    for (const r of selected.keys()) {
      if (r < rank && r + 1 > left) left = r + 1;
      if (r > rank && r - 1 < right) right = r - 1;
    }
    quickselect(values as unknown as number[], rank, left, right);
    selected.set(rank, values[rank]);
    return values[rank];
  };
}
