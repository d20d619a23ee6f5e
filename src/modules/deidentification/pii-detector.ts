// The de-identification check: finds personal information in free text (English and French)
// before it is stored. Pure TypeScript; every pattern is linear-time (bounded repetition, no
// nested quantifiers) so that any input, however long or hostile, is scanned in linear time.
import { findAddresses } from './pii-address';
import { collapseText, viewSpan } from './pii-collapse';
import { findEmails, findPostalCodes } from './pii-contact';
import { findDates } from './pii-dates';
import { findKnownValues } from './pii-known-values';
import { findNames } from './pii-names';
import { findNumberPii } from './pii-numbers';
import { isAlnumAt, prepareText, toOriginalSpan } from './pii-text';
import type { PiiFinding, PiiKind, ScanOptions } from './pii-types';

export type { KnownValue, PiiFinding, PiiKind, ScanOptions } from './pii-types';
export { PII_KINDS } from './pii-types';

/**
 * Longest text the application accepts in one field. Callers must refuse longer text before
 * scanning (the detector itself stays linear and safe on much longer input).
 */
export const MAX_SCAN_LENGTH = 20000;

/** When two findings overlap, the more specific kind keeps the characters (also the kind's code). */
const PRIORITY: Record<PiiKind, number> = {
  EMAIL: 8,
  HEALTH_CARD: 7,
  SIN: 6,
  PHONE: 5,
  POSTAL_CODE: 4,
  DOB: 3,
  ADDRESS: 2,
  NAME: 1,
};

/** Scans one text; findings are sorted by start and do not overlap. */
export function scanText(text: string, options: ScanOptions = {}): PiiFinding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const prepared = prepareText(text);
  const s = prepared.plain;
  const raw: PiiFinding[] = [];
  findEmails(s, raw);
  findNumberPii(s, raw);
  findPostalCodes(s, raw);
  findDates(s, raw);
  findAddresses(s, raw);
  findNames(s, raw);
  const known = options.knownValues && options.knownValues.length > 0 ? options.knownValues : null;
  if (known) findKnownValues(s, known, raw);
  // The same detectors on the collapsed view: numbers in words, letters spelled out, O for 0...
  const view = collapseText(s);
  if (view !== null) {
    const v = view.text;
    const more: PiiFinding[] = [];
    if (view.digits || view.numberWords) {
      findNumberPii(v, more, true);
      findPostalCodes(v, more);
      findDates(v, more);
      findAddresses(v, more);
    }
    if (view.names) {
      findNames(v, more);
      findEmails(v, more); // "k-o-s-e-i at g-m-a-i-l dot com"
    }
    // Vault values: names when names changed (spelled out, cut, digits for letters), the rest when
    // digits or numbers in words changed.
    if (known) {
      const relevant = known.filter((k) => (k.kind === 'NAME' ? view.names : view.digits || view.numberWords));
      if (relevant.length > 0) findKnownValues(v, relevant, more);
    }
    for (const f of more) {
      const [start, end] = viewSpan(view, f.start, f.end);
      raw.push({ kind: f.kind, start, end });
    }
  }
  const resolved = resolveOverlaps(raw, s);
  return resolved.map((f) => {
    const [start, end] = toOriginalSpan(prepared, f.start, f.end);
    return { kind: f.kind, start, end };
  });
}

export interface FieldFinding extends PiiFinding {
  field: string;
}

/** Scans several named fields (absent fields are skipped). */
export function scanFields(fields: Record<string, string | undefined | null>, options: ScanOptions = {}): FieldFinding[] {
  const out: FieldFinding[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (typeof value !== 'string' || value.length === 0) continue;
    for (const f of scanText(value, options)) out.push({ field, kind: f.kind, start: f.start, end: f.end });
  }
  return out;
}

/** Kinds found and their counts: what may be logged (never the text). */
export function summarizeFindings(findings: readonly PiiFinding[]): Partial<Record<PiiKind, number>> {
  const counts: Partial<Record<PiiKind, number>> = {};
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return counts;
}

const KIND_BY_CODE: PiiKind[] = ['NAME', 'NAME', 'ADDRESS', 'DOB', 'POSTAL_CODE', 'PHONE', 'SIN', 'HEALTH_CARD', 'EMAIL'];

/**
 * Each character goes to the highest-priority finding that covers it; a lower-priority finding
 * keeps the characters nothing else claims, so no detected character is lost. Linear in the
 * total length of the findings (each detector's own findings barely overlap).
 */
function resolveOverlaps(raw: PiiFinding[], s: string): PiiFinding[] {
  const valid = raw.filter((f) => f.end > f.start);
  if (valid.length === 0) return [];
  let lo = Infinity;
  let hi = 0;
  for (const f of valid) {
    if (f.start < lo) lo = f.start;
    if (f.end > hi) hi = f.end;
  }
  const owner = new Uint8Array(hi - lo);
  valid.sort((a, b) => PRIORITY[b.kind] - PRIORITY[a.kind]);
  for (const f of valid) {
    const code = PRIORITY[f.kind];
    for (let k = f.start - lo; k < f.end - lo; k++) if (owner[k] === 0) owner[k] = code;
  }
  const out: PiiFinding[] = [];
  let k = 0;
  while (k < owner.length) {
    const code = owner[k];
    if (code === 0) {
      k++;
      continue;
    }
    let j = k + 1;
    while (j < owner.length && owner[j] === code) j++;
    if (hasAlnum(s, k + lo, j + lo)) out.push({ kind: KIND_BY_CODE[code], start: k + lo, end: j + lo });
    k = j;
  }
  return out;
}

function hasAlnum(s: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (isAlnumAt(s, k)) return true;
  return false;
}
