// Timing of the detector: mean time per 2,000-character narrative, and the worst time on
// adversarial 100 kB inputs built to trip backtracking regular expressions.
import { scanText } from './pii-detector';

export interface SpeedResult {
  /** Mean milliseconds per scan of a narrative of about narrativeLength characters. */
  meanMs: number;
  narrativeLength: number;
  narratives: number;
  iterations: number;
}

export interface AdversarialResult {
  name: string;
  length: number;
  /** Slowest of the measured runs, after one warm-up run on the same input. */
  ms: number;
  /** The first, cold run (includes the JIT compiling the detector's code paths for this input). */
  coldMs: number;
  findings: number;
}

function now(): number {
  return globalThis.performance.now();
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
  for (let i = 0; i < iterations; i++) for (const n of narratives) scanText(n);
  const total = now() - t0;
  return { meanMs: total / (iterations * narratives.length), narrativeLength: length, narratives: narratives.length, iterations };
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
    { name: 'mixed narrative', text: fill('Mrs. Emily Harcourt, 14, 647-555-0102, 1234 567 897 AB, L6Y 0A1, 2008-11-02; ', size) },
  ];
}

export function measureAdversarial(size = 100_000, runs = 3): AdversarialResult[] {
  return adversarialInputs(size).map(({ name, text }) => {
    let t0 = now();
    const findings = scanText(text).length;
    const coldMs = now() - t0;
    let worst = 0;
    for (let r = 0; r < runs; r++) {
      t0 = now();
      scanText(text);
      worst = Math.max(worst, now() - t0);
    }
    return { name, length: text.length, ms: worst, coldMs, findings };
  });
}
