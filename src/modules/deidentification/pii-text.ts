// Text preparation shared by the detectors: one linear pass that strips accents (keeping case),
// unifies apostrophes, dashes and spaces, drops invisible characters, and undoes disguises made of
// single characters: Unicode compatibility forms (NFKC: mathematical alphanumerics, full-width
// forms, ligatures, circled and superscript digits), letters of other scripts that look like Latin
// letters (the `confusables` table, case kept), digits of other scripts, and look-alike "@" and
// dots. It keeps a map back to the caller's UTF-16 offsets. Every detector runs on the prepared
// text, so "Côté", "Co\u0302te\u0301" and "Cote" look alike, "647\u200B555\u200B0102" and
// "\u0666\u0664\u0667-555-0102" cannot hide a phone number, and "\u0415mily" is "Emily".
import { confusablesMap } from 'confusables';

export interface PreparedText {
  readonly original: string;
  /** Accent-free, same case; each character comes from one original code point. */
  readonly plain: string;
  /** plain index -> original index where its code point starts; null when aligned one to one. */
  readonly starts: Int32Array | null;
  /** plain index -> original index where its code point ends (exclusive); null when aligned. */
  readonly ends: Int32Array | null;
}

const DROP: null = null;
/** Cached mapping of each code point: the text it becomes, or null to drop it. */
const bmpCache: (string | null | undefined)[] = new Array<string | null | undefined>(65536);
const astralCache = new Map<number, string | null>();

function mapCodePoint(cp: number): string | null {
  if (cp < 0x10000) {
    const cached = bmpCache[cp];
    if (cached !== undefined) return cached;
    const mapped = computeMapping(cp);
    bmpCache[cp] = mapped;
    return mapped;
  }
  const cached = astralCache.get(cp);
  if (cached !== undefined) return cached;
  const mapped = computeMapping(cp);
  if (astralCache.size < 4096) astralCache.set(cp, mapped);
  return mapped;
}

const ALNUM_OR_MAIL = /^(?:[A-Za-z0-9]{1,3}|@|\.)$/;
const LOOK_ALIKE_DOTS = new Set([0x3002, 0xff61, 0x2024, 0xfe52, 0xff0e]);

function computeMapping(c: number): string | null {
  if (c < 0x80) return String.fromCharCode(c);
  // Lone surrogates: keep as they are.
  if (c >= 0xd800 && c <= 0xdfff) return String.fromCharCode(c);
  // Apostrophes and primes.
  if (c === 0x2018 || c === 0x2019 || c === 0x201b || c === 0x02bc || c === 0x00b4 || c === 0x2032) return "'";
  // Hyphens, dashes and the minus sign.
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63 || c === 0xff0d) return '-';
  // Non-breaking and typographic spaces.
  if (c === 0x00a0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) return ' ';
  // Invisible characters: zero-width, soft hyphen, word joiner, BOM, bidi controls.
  if ((c >= 0x200b && c <= 0x200f) || c === 0x00ad || c === 0x2060 || c === 0xfeff || c === 0x180e || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
    return DROP;
  }
  if (LOOK_ALIKE_DOTS.has(c)) return '.';
  if (c === 0xdf) return 'ss';
  // Full-width ASCII (digits, letters, @).
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0);
  let ch = String.fromCodePoint(c);
  if (/\p{M}/u.test(ch)) return DROP; // combining marks: the base letter was kept
  const decomposed = ch.normalize('NFD');
  if (decomposed.length > 1) {
    const base = decomposed.codePointAt(0)!;
    const baseChar = String.fromCodePoint(base);
    if (!/\p{M}/u.test(baseChar) && /^\p{M}+$/u.test(decomposed.slice(baseChar.length))) {
      if (base < 0x80) return baseChar;
      ch = baseChar;
      c = base;
    }
  }
  // Compatibility forms: mathematical letters and digits, circled and superscript digits, ligatures.
  const compat = ch.normalize('NFKC');
  if (compat !== ch) {
    const bare = compat.normalize('NFD').replace(/\p{M}/gu, '');
    if (ALNUM_OR_MAIL.test(bare)) return bare;
  }
  // Decimal digits of other scripts come in runs of ten from zero.
  if (/\p{Nd}/u.test(ch)) {
    let k = 0;
    while (k < 60 && /\p{Nd}/u.test(String.fromCodePoint(c - k - 1))) k++;
    return String.fromCharCode(48 + (k % 10));
  }
  // Letters of other scripts that look like Latin letters or digits (Unicode confusables).
  if (/[\p{L}\p{N}]/u.test(ch)) {
    const look = confusablesMap.get(ch);
    if (look !== undefined && /^[A-Za-z0-9]{1,2}$/.test(look)) {
      if (look === 'l' && /\p{Lu}/u.test(ch)) return 'I';
      return look;
    }
  }
  return ch;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** BMP code unit -> the one code unit it becomes; DROPPED, EXPANDED (see mapCodePoint) or unknown. */
const UNKNOWN_UNIT = -1;
const DROPPED = -2;
const EXPANDED = -3;
const unitTable = new Int32Array(65536).fill(UNKNOWN_UNIT);

function mapUnit(c: number): number {
  const cached = unitTable[c];
  if (cached !== UNKNOWN_UNIT) return cached;
  const m = mapCodePoint(c);
  const v = m === null ? DROPPED : m.length === 1 ? m.charCodeAt(0) : EXPANDED;
  unitTable[c] = v;
  return v;
}

function isHighSurrogate(text: string, i: number, n: number, c: number): boolean {
  if (c < 0xd800 || c > 0xdbff || i + 1 >= n) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

function astral(text: string, i: number): number {
  return ((text.charCodeAt(i) - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
}

export function prepareText(text: string): PreparedText {
  if (!NON_ASCII.test(text)) return { original: text, plain: text, starts: null, ends: null };
  const n = text.length;
  // First pass: the length of the prepared text, and whether it stays aligned one to one (accents
  // stripped, nothing dropped or expanded: the common case, which needs no map).
  let size = 0;
  let aligned = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      size++;
      continue;
    }
    if (isHighSurrogate(text, i, n, c)) {
      const m = mapCodePoint(astral(text, i));
      size += m === null ? 0 : m.length;
      aligned = false;
      i++;
      continue;
    }
    const v = mapUnit(c);
    if (v >= 0) size++;
    else {
      aligned = false;
      if (v === EXPANDED) size += (mapCodePoint(c) as string).length;
    }
  }
  const out = new Uint16Array(size);
  const starts = aligned ? null : new Int32Array(size + 1);
  const ends = aligned ? null : new Int32Array(size);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (!isHighSurrogate(text, i, n, c) && mapUnit(c) >= 0)) {
      if (starts !== null) {
        starts[j] = i;
        ends![j] = i + 1;
      }
      out[j++] = c < 0x80 ? c : unitTable[c];
      continue;
    }
    const width = isHighSurrogate(text, i, n, c) ? 2 : 1;
    const m = mapCodePoint(width === 2 ? astral(text, i) : c);
    if (m !== null) {
      for (let k = 0; k < m.length; k++) {
        starts![j] = i;
        ends![j] = i + width;
        out[j++] = m.charCodeAt(k);
      }
    }
    i += width - 1;
  }
  if (starts !== null) starts[j] = n;
  let plain = '';
  const CHUNK = 8192;
  for (let k = 0; k < j; k += CHUNK) {
    plain += String.fromCharCode.apply(null, out.subarray(k, Math.min(j, k + CHUNK)) as unknown as number[]);
  }
  return { original: text, plain, starts, ends };
}

/** Maps a [start, end) span of the plain text back to the original text. */
export function toOriginalSpan(prepared: PreparedText, start: number, end: number): [number, number] {
  if (prepared.starts === null || prepared.ends === null) return [start, end];
  const s = prepared.starts[start];
  let e = prepared.ends[end - 1];
  // Extend the end over combining marks that belong to the last letter (not over zero-width spaces).
  const original = prepared.original;
  while (e < original.length && /\p{M}/u.test(original[e])) e++;
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
