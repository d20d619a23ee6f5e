// Timing of the detector: mean time per 2,000-character narrative, and the worst time on
// adversarial 100 kB inputs built to trip backtracking regular expressions.
import { scanText } from './pii-detector';
import { PII_KINDS, type KnownValue, type PiiKind } from './pii-types';

export interface SpeedResult {
  /** Mean wall-clock milliseconds per scan of a narrative of narrativeLength characters. */
  meanMs: number;
  /** Mean CPU milliseconds per scan (less sensitive than wall-clock time to other processes). */
  meanCpuMs: number;
  narrativeLength: number;
  narratives: number;
  iterations: number;
}

export interface AdversarialResult {
  name: string;
  length: number;
  /** Slowest wall-clock time of the measured runs, after one warm-up run on the same input. */
  ms: number;
  /** Slowest CPU time of the measured runs. */
  cpuMs: number;
  /** The first, cold run (includes the JIT compiling the detector's code paths for this input). */
  coldMs: number;
  findings: number;
}

function now(): number {
  return globalThis.performance.now();
}

/** CPU time of this process in milliseconds (0 where the runtime does not report it). */
function cpuNow(): number {
  const usage = typeof process !== 'undefined' && typeof process.cpuUsage === 'function' ? process.cpuUsage() : null;
  return usage ? (usage.user + usage.system) / 1000 : 0;
}

/** Joins texts into narratives of about `length` characters each. */
export function buildNarratives(texts: readonly string[], length = 2000, count = 50): string[] {
  const out: string[] = [];
  if (texts.length === 0) return out;
  let k = 0;
  for (let n = 0; n < count; n++) {
    let s = '';
    while (s.length < length) s += (s ? ' ' : '') + texts[k++ % texts.length];
    out.push(s.slice(0, length));
  }
  return out;
}

export function measureScanSpeed(texts: readonly string[], length = 2000, iterations = 20): SpeedResult {
  const narratives = buildNarratives(texts, length);
  for (const n of narratives) scanText(n); // warm-up: JIT and lazily built tables
  const t0 = now();
  const c0 = cpuNow();
  for (let i = 0; i < iterations; i++) for (const n of narratives) scanText(n);
  const runs = iterations * narratives.length;
  return {
    meanMs: (now() - t0) / runs,
    meanCpuMs: (cpuNow() - c0) / runs,
    narrativeLength: length,
    narratives: narratives.length,
    iterations,
  };
}

export interface KindSpeed {
  /** A kind, or 'clean' for the clean look-alikes. */
  kind: PiiKind | 'clean';
  /** Mean wall-clock milliseconds per scan of a narrative of narrativeLength characters. */
  meanMs: number;
  /** Mean CPU milliseconds per scan. */
  meanCpuMs: number;
  /** Slowest single scan (wall clock). */
  worstMs: number;
  narratives: number;
  scans: number;
}

/**
 * Scan time per kind on disguised texts: narratives of `length` characters built from the texts
 * that hold each kind (with one situation's vault values when the kind has later-text cases), each
 * scanned `iterations` times.
 */
export function measureKindSpeed(cases: readonly { pii: PiiKind[]; text: string; known?: KnownValue[] }[], length = 2000, iterations = 10): KindSpeed[] {
  const groups: (PiiKind | 'clean')[] = [...PII_KINDS, 'clean'];
  return groups.map((kind) => {
    const chosen = cases.filter((c) => (kind === 'clean' ? c.pii.length === 0 : c.pii.includes(kind)));
    // One situation's vault values (as in an update), not every case's at once.
    const known = chosen.find((c) => c.known && c.known.length > 0)?.known ?? [];
    const options = known.length > 0 ? { knownValues: known } : {};
    const narratives = buildNarratives(
      chosen.map((c) => c.text),
      length,
      20,
    );
    for (const n of narratives) scanText(n, options);
    let worst = 0;
    const t0 = now();
    const c0 = cpuNow();
    for (let i = 0; i < iterations; i++) {
      for (const n of narratives) {
        const t = now();
        scanText(n, options);
        worst = Math.max(worst, now() - t);
      }
    }
    const scans = iterations * narratives.length;
    return {
      kind,
      meanMs: scans ? (now() - t0) / scans : 0,
      meanCpuMs: scans ? (cpuNow() - c0) / scans : 0,
      worstMs: worst,
      narratives: narratives.length,
      scans,
    };
  });
}

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Inputs aimed at the detector's patterns: long runs that almost match, over and over. */
export function adversarialInputs(size = 100_000): { name: string; text: string }[] {
  return [
    { name: 'digits', text: fill('1', size) },
    { name: 'spaces', text: fill(' ', size) },
    { name: 'a.', text: fill('a.', size) },
    { name: 'capitalised words', text: fill('Emily ', size) },
    { name: 'capitalised unknown words', text: fill('Xyzzy Qwerty ', size) },
    { name: 'digit groups', text: fill('416 555 ', size) },
    { name: 'digits and dashes', text: fill('1-', size) },
    { name: 'at signs', text: fill('a@', size) },
    { name: 'local part then @', text: fill('a', size - 1) + '@' },
    { name: 'dots and letters for e-mail', text: fill('a.b', size) },
    { name: 'civic numbers', text: fill('12 Main ', size) },
    { name: 'French streets', text: fill('12, rue de la ', size) },
    { name: 'dates without year', text: fill('12 November ', size) },
    { name: 'postal-like', text: fill('K1A ', size) },
    { name: 'honorifics', text: fill('Mr. ', size) },
    { name: 'introducers', text: fill('named ', size) },
    { name: 'hyphenated word', text: fill('Jean-', size) },
    { name: 'apostrophes', text: fill("l'", size) },
    { name: 'accents', text: fill('é', size) },
    { name: 'combining accents', text: fill('e\u0301', size) },
    { name: 'zero-width', text: fill('4\u200b', size) },
    { name: 'one long word', text: fill('x', size) },
    { name: 'plus signs and digits', text: fill('+1', size) },
    { name: 'parentheses and digits', text: fill('(1) ', size) },
    { name: 'street addresses', text: fill('12 Main St ', size) },
    { name: 'slashes and digits', text: fill('1/', size) },
    { name: 'hash, digits and dashes', text: fill('#1-', size) },
    { name: 'letters and digits', text: fill('A1', size) },
    { name: 'names with ages', text: fill('Emily, 14, ', size) },
    { name: 'birth words', text: fill('born DOB née ', size) },
    { name: 'newlines', text: fill('\n', size) },
    { name: 'number words', text: fill('six four seven ', size) },
    { name: 'French number words', text: fill('six cent treize, quatre-vingt-dix-sept ', size) },
    { name: 'letters spelled out', text: fill('J-O-H-N ', size) },
    { name: 'digits spelled out', text: fill('4 ', size) },
    { name: 'letters for digits', text: fill('O1O2 ', size) },
    { name: 'written-out e-mail', text: fill('k.osei at gmail dot com ', size) },
    { name: 'at and dot words', text: fill('at dot ', size) },
    { name: 'names cut in two', text: fill('Trem blay ', size) },
    { name: 'look-alike letters', text: fill('\u0415mily \u041d\u0430rcourt ', size) },
    { name: 'mathematical letters', text: fill('\u{1d404}\u{1d426}\u{1d422}\u{1d425}\u{1d432} ', size) },
    { name: 'mixed narrative', text: fill('Mrs. Emily Harcourt, 14, 647-555-0102, 1234 567 897 AB, L6Y 0A1, 2008-11-02; ', size) },
  ];
}

export function measureAdversarial(size = 100_000, runs = 3): AdversarialResult[] {
  return adversarialInputs(size).map(({ name, text }) => {
    let t0 = now();
    const findings = scanText(text).length;
    const coldMs = now() - t0;
    let worst = 0;
    let worstCpu = 0;
    for (let r = 0; r < runs; r++) {
      t0 = now();
      const c0 = cpuNow();
      scanText(text);
      worst = Math.max(worst, now() - t0);
      worstCpu = Math.max(worstCpu, cpuNow() - c0);
    }
    return { name, length: text.length, ms: worst, cpuMs: worstCpu, coldMs, findings };
  });
}
