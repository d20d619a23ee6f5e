// Deterministic random data: taxonomy codes, de-identified narratives, intake bodies.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanText } from '../src/modules/deidentification/pii-detector';
import { TAXONOMY_V1 } from '../src/modules/taxonomy/data/taxonomy.v1';

export type Rng = () => number;

/** mulberry32: small, fast, seeded. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const between = (r: Rng, lo: number, hi: number): number => lo + r() * (hi - lo);
export const intBetween = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** `count` distinct items (count capped at the list's length). */
export function pickDistinct<T>(r: Rng, xs: readonly T[], count: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
  return out;
}

/** Picks by weight: `weights` maps a value to its weight. */
export function weighted<K extends string>(weights: Record<K, number>): (r: Rng) => K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  return (r) => {
    let x = r() * total;
    for (const [k, w] of entries) if ((x -= w) < 0) return k;
    return entries[entries.length - 1][0];
  };
}

const codes = (xs: readonly { code: string }[]) => xs.map((x) => x.code);
export const CODES = {
  riskFactors: codes(TAXONOMY_V1.riskFactors),
  protectiveFactors: codes(TAXONOMY_V1.protectiveFactors),
  ageBands: codes(TAXONOMY_V1.ageBands),
  situationTypes: codes(TAXONOMY_V1.situationTypes),
  genders: codes(TAXONOMY_V1.genders),
  conclusions: codes(TAXONOMY_V1.conclusions),
  consentStatuses: codes(TAXONOMY_V1.consentStatuses),
  legalAuthorities: codes(TAXONOMY_V1.legalAuthorities),
  studyFlags: codes(TAXONOMY_V1.studyFlags),
  services: codes(TAXONOMY_V1.services),
  sectors: codes(TAXONOMY_V1.sectors),
};

export function riskFactors(r: Rng): { code: string; certainty: 'CONFIRMED' | 'SUSPECTED' }[] {
  return pickDistinct(r, CODES.riskFactors, intBetween(r, 3, 6)).map((code) => ({ code, certainty: r() < 0.6 ? 'CONFIRMED' : 'SUSPECTED' }));
}

// ---- narratives ------------------------------------------------------------------------------------

/** Used when the labelled corpus is not there: invented, de-identified sentences. */
const FALLBACK_SENTENCES = [
  'Adult male, 40-59, sleeping in a bus shelter since October; frostbite on both hands.',
  'Youth, 12-15, has missed most school days this term and is seen with older peers late at night.',
  'Senior living alone, recent falls, food insecurity and unpaid utility bills; family is out of province.',
  'Repeated police calls to the unit for disturbances; landlord has started an eviction process.',
  'Caregiver reports escalating substance use in the home and two children under six.',
  'Client declined shelter twice this month; outreach worker is concerned about the cold weather.',
  'Group of youths gathering nightly at a park, drinking and fighting; two assaults since June.',
  'Person in their thirties with a brain injury is being exploited by acquaintances who moved in.',
];

export interface Corpus {
  /** every text of the corpus (with and without personal information): the PII speed figure */
  all: string[];
  /** sentences the detector finds nothing in: seeded narratives and intake bodies */
  clean: string[];
  source: string;
}

export function loadCorpus(root: string): Corpus {
  const file = join(root, 'test', 'corpus', 'pii-corpus.json');
  let all = FALLBACK_SENTENCES;
  let source = 'built-in sentences';
  if (existsSync(file)) {
    const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: { text: string }[] }).cases;
    all = cases.map((c) => c.text).filter((t) => typeof t === 'string' && t.length > 0);
    source = 'test/corpus/pii-corpus.json';
  }
  const clean = all.filter((t) => scanText(t).length === 0);
  return { all, clean: clean.length > 0 ? clean : FALLBACK_SENTENCES, source };
}

/** A narrative of about `length` characters made of clean sentences. */
export function narrative(r: Rng, sentences: readonly string[], length: number): string {
  let s = '';
  while (s.length < length) s += (s ? ' ' : '') + pick(r, sentences);
  return s.length > 3900 ? s.slice(0, 3900) : s;
}

/** Intake bodies the de-identification check accepts (checked here with the server's own detector). */
export function intakeBodies(r: Rng, sentences: readonly string[], count: number): object[] {
  const out: object[] = [];
  for (let attempts = 0; out.length < count && attempts < count * 20; attempts++) {
    const text = narrative(r, sentences, intBetween(r, 300, 900));
    if (scanText(text).length > 0) continue;
    out.push({
      situationType: pick(r, ['PERSON', 'PERSON', 'FAMILY', 'GROUP', 'LOCATION']),
      ageBand: pick(r, CODES.ageBands),
      gender: pick(r, CODES.genders),
      riskFactors: riskFactors(r),
      protectiveFactors: pickDistinct(r, CODES.protectiveFactors, intBetween(r, 0, 2)),
      studyFlags: r() < 0.2 ? [pick(r, CODES.studyFlags)] : [],
      narrative: text,
      imminentHarm: true,
      agencyExhaustedOptions: true,
    });
  }
  if (out.length === 0) throw new Error('no intake narrative passed the de-identification check');
  return out;
}
