// Text preparation shared by the detectors: one linear pass that strips accents (keeping case),
// unifies apostrophes, dashes and spaces, and drops invisible characters, with a map back to the
// caller's UTF-16 offsets. Every detector runs on the prepared text, so "Côté", "Co\u0302te\u0301"
// and "Cote" look alike and "647\u200B555\u200B0102" cannot hide a phone number.

export interface PreparedText {
  readonly original: string;
  /** Accent-free, same case, one code unit per kept original code unit. */
  readonly plain: string;
  /** plain index -> original index; null when the two strings are aligned one to one. */
  readonly toOriginal: Int32Array | null;
}

const DROP = -2;
const UNKNOWN = -1;
const table = new Int32Array(65536).fill(UNKNOWN);

function mapCodeUnit(c: number): number {
  const cached = table[c];
  if (cached !== UNKNOWN) return cached;
  const mapped = computeMapping(c);
  table[c] = mapped;
  return mapped;
}

function computeMapping(c: number): number {
  if (c < 0x80) return c;
  // Surrogates: keep as they are (emoji and rare scripts carry no accents to strip).
  if (c >= 0xd800 && c <= 0xdfff) return c;
  // Apostrophes and primes.
  if (c === 0x2018 || c === 0x2019 || c === 0x201b || c === 0x02bc || c === 0x00b4 || c === 0x2032) return 0x27;
  // Hyphens, dashes and the minus sign.
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63 || c === 0xff0d) return 0x2d;
  // Non-breaking and typographic spaces.
  if (c === 0x00a0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) return 0x20;
  // Invisible characters: zero-width, soft hyphen, word joiner, BOM, bidi controls.
  if (
    (c >= 0x200b && c <= 0x200f) ||
    c === 0x00ad ||
    c === 0x2060 ||
    c === 0xfeff ||
    c === 0x180e ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069)
  ) {
    return DROP;
  }
  // Full-width ASCII (digits, letters, @).
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  const ch = String.fromCharCode(c);
  if (/\p{M}/u.test(ch)) return DROP; // combining marks: the base letter was kept
  const decomposed = ch.normalize('NFD');
  if (decomposed.length > 1) {
    const base = decomposed.charCodeAt(0);
    if (base < 0xd800 && !/\p{M}/u.test(decomposed[0]) && /^\p{M}+$/u.test(decomposed.slice(1))) return base;
  }
  return c;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

export function prepareText(text: string): PreparedText {
  if (!NON_ASCII.test(text)) return { original: text, plain: text, toOriginal: null };
  const n = text.length;
  const out = new Uint16Array(n);
  let map: Int32Array | null = null;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const m = mapCodeUnit(text.charCodeAt(i));
    if (m === DROP) {
      if (map === null) {
        map = new Int32Array(n + 1);
        for (let k = 0; k < j; k++) map[k] = k;
      }
      continue;
    }
    if (map !== null) map[j] = i;
    out[j++] = m;
  }
  if (map !== null) map[j] = n;
  let plain = '';
  const CHUNK = 8192;
  for (let k = 0; k < j; k += CHUNK) {
    plain += String.fromCharCode.apply(null, out.subarray(k, Math.min(j, k + CHUNK)) as unknown as number[]);
  }
  return { original: text, plain, toOriginal: map ? map.subarray(0, j + 1) : null };
}

/** Maps a [start, end) span of the plain text back to the original text. */
export function toOriginalSpan(prepared: PreparedText, start: number, end: number): [number, number] {
  const map = prepared.toOriginal;
  if (map === null) return [start, end];
  const s = map[start];
  // Extend the end over dropped characters (combining accents) that belong to the last letter.
  let e = end < map.length - 1 ? map[end] : prepared.original.length;
  const lastKept = map[end - 1] + 1;
  // Do not swallow dropped characters that are not combining marks (zero-width spaces etc.).
  let k = lastKept;
  while (k < e && /\p{M}/u.test(prepared.original[k])) k++;
  e = k;
  return [s, e];
}

/** Folds a word for dictionary look-up: lower case, accents removed, ligatures expanded. */
export function foldKey(word: string): string {
  let w = word.toLowerCase();
  if (!NON_ASCII.test(w)) return w;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(w)) {
    w = w
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/ß/g, 'ss')
      .replace(/ø/g, 'o')
      .replace(/ł/g, 'l')
      .replace(/đ/g, 'd')
      .replace(/[\u2018\u2019\u02bc]/g, "'");
  }
  return w;
}

// Character classes for code units, cached: 1 = letter or digit, plus flags for upper/lower case.
const WORD = 1;
const UPPER = 2;
const LOWER = 4;
const LETTER = 8;
const classTable = new Uint8Array(65536);
const classKnown = new Uint8Array(65536);

/** Bit flags of a UTF-16 code unit (surrogates count as word characters). */
export function charClass(c: number): number {
  if (classKnown[c] === 1) return classTable[c];
  let v = 0;
  if (c >= 0xd800 && c <= 0xdfff) v = WORD | LETTER;
  else {
    const ch = String.fromCharCode(c);
    if (/\p{L}/u.test(ch)) v |= WORD | LETTER;
    else if (/\p{N}/u.test(ch)) v |= WORD;
    if (/\p{Lu}/u.test(ch)) v |= UPPER;
    else if (/\p{Ll}/u.test(ch)) v |= LOWER;
  }
  classTable[c] = v;
  classKnown[c] = 1;
  return v;
}
for (let c = 0; c < 128; c++) charClass(c);

export const CHAR_WORD = WORD;
export const CHAR_UPPER = UPPER;
export const CHAR_LOWER = LOWER;
export const CHAR_LETTER = LETTER;

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True for a letter or digit (any script) at index i. */
export function isAlnumAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  return (charClass(s.charCodeAt(i)) & WORD) !== 0;
}

export function isLetterAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  return (charClass(s.charCodeAt(i)) & LETTER) !== 0;
}
