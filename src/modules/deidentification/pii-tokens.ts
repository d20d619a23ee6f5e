// Words of a text for the name detector: a linear tokenizer (letters and digits with inner
// apostrophes and hyphens, French elisions split off, English possessives noted), sentence starts,
// and each word's class from the gazetteers and stop lists.
import { FAMILY_NAMES, GIVEN_NAMES, NOT_NAME_PHRASES, PLACES, STOP_WORDS, WEAK_FAMILY, WEAK_GIVEN } from './pii-lexicon';
import { CHAR_LETTER, CHAR_LOWER, CHAR_UPPER, CHAR_WORD, charClass, foldKey } from './pii-text';

/** Word classes: strong/weak given name, strong/weak family name, unknown capitalised, place, stop. */
export type WordClass = 'G' | 'g' | 'F' | 'f' | 'U' | 'place' | 'stop' | 'lower' | 'num';

const CAP = 1;
const UPPER = 2;
const NUMERIC = 4;
const POSSESSIVE = 8;
const ELIDED = 16;
const SENTENCE_START = 32;
const GAP_SPACE = 64;
const PHRASE = 128;

/** A word of the text. Flags are packed in one field: tokens are many, and small objects are fast. */
export class Token {
  constructor(
    private readonly source: string,
    /** Where the gap before this token starts (the previous token's end, at most 12 back). */
    private readonly gapFrom: number,
    readonly start: number,
    /** End of the word without a possessive "'s". */
    readonly end: number,
    /** Folded form: lower case, no accents. */
    readonly key: string,
    private flags: number,
    public cls: WordClass = 'lower',
  ) {}

  /** Characters between the previous token (including its "'s") and this one, at most 12; one
   * space stands for any gap of one or two spaces or tabs (every check treats those alike). */
  get gap(): string {
    return this.gapSpace ? ' ' : this.source.slice(this.gapFrom, this.start);
  }
  get length(): number {
    return this.end - this.start;
  }
  /** First letter upper case, others not all upper case ("Emily", "McDonald", "A"). */
  get cap(): boolean {
    return (this.flags & CAP) !== 0;
  }
  /** All capitals, at least two characters ("FORTIN", "CAS"). */
  get upper(): boolean {
    return (this.flags & UPPER) !== 0;
  }
  get numeric(): boolean {
    return (this.flags & NUMERIC) !== 0;
  }
  get possessive(): boolean {
    return (this.flags & POSSESSIVE) !== 0;
  }
  /** A French elided article or pronoun split off its word ("l'", "d'", "s'"). */
  get elision(): boolean {
    return (this.flags & ELIDED) !== 0;
  }
  get sentStart(): boolean {
    return (this.flags & SENTENCE_START) !== 0;
  }
  /** The gap is one or two spaces or tabs. */
  get gapSpace(): boolean {
    return (this.flags & GAP_SPACE) !== 0;
  }
  /** Part of a multi-word place or organisation ("Tim Hortons"). */
  get phrase(): boolean {
    return (this.flags & PHRASE) !== 0;
  }
  /** 2: a hard sentence break in the gap (!?;:, newline, bullet); 1: a period; 0: none. */
  gapBreak(): number {
    let result = 0;
    for (let k = this.gapFrom; k < this.start; k++) {
      const c = this.source.charCodeAt(k);
      if (c === 33 || c === 63 || c === 59 || c === 58 || c === 10 || c === 13 || c === 0x2022 || c === 0xb7 || c === 124 || c === 62 || c === 42 || c === 0x2026) {
        return 2;
      }
      if (c === 46) result = 1;
    }
    return result;
  }
  markSentenceStart(): void {
    this.flags |= SENTENCE_START;
  }
  markPhrase(): void {
    this.flags |= PHRASE;
    this.cls = 'stop';
  }
}

const ELISION = /^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(.+)$/i;
const ABBREVIATIONS = new Set(
  'mr mrs ms mx dr st mt ste jr sr mme mlle m me sgt cst det insp prof no nos vs approx dept apt app ave av blvd boul rd cres ct hwy pl eg ie e g i a p am pm ex'.split(' '),
);

const PHRASES: Map<string, string[][]> = (() => {
  const map = new Map<string, string[][]>();
  for (const p of NOT_NAME_PHRASES) {
    const words = p.split(' ');
    const list = map.get(words[0]) ?? [];
    list.push(words);
    map.set(words[0], list);
  }
  return map;
})();

/** Splits the text into words: letters and digits, with inner apostrophes and hyphens. */
// Character counts of the word being built (module scratch: the tokenizer is not re-entrant).
let letters = 0;
let uppers = 0;
let lowers = 0;
let digits = 0;
let ascii = true;

function resetCounts(): void {
  letters = 0;
  uppers = 0;
  lowers = 0;
  digits = 0;
  ascii = true;
}

function countChar(c: number, cls: number): void {
  if (c >= 0x80) ascii = false;
  if (cls & CHAR_LETTER) letters++;
  else if (cls & CHAR_WORD) digits++;
  if (cls & CHAR_UPPER) uppers++;
  else if (cls & CHAR_LOWER) lowers++;
}

function countRange(s: string, start: number, end: number): void {
  resetCounts();
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    countChar(c, charClass(c));
  }
}

export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  const n = s.length;
  let i = 0;
  let prevEnd = 0;
  while (i < n) {
    const first = charClass(s.charCodeAt(i));
    if ((first & CHAR_WORD) === 0) {
      i++;
      continue;
    }
    const wordStart = i;
    let apostrophe = false;
    resetCounts();
    while (i < n) {
      const c = s.charCodeAt(i);
      const cls = charClass(c);
      if (cls & CHAR_WORD) {
        countChar(c, cls);
        i++;
      } else if ((c === 39 || c === 45) && i + 1 < n && charClass(s.charCodeAt(i + 1)) & CHAR_WORD) {
        if (c === 39) apostrophe = true;
        i++;
      } else break;
    }
    let start = wordStart;
    let end = i;
    if (apostrophe) {
      const el = ELISION.exec(s.slice(start, end));
      if (el && (el[1] === el[1].toLowerCase() || !(charClass(el[2].charCodeAt(0)) & CHAR_UPPER))) {
        const prefixEnd = start + el[1].length + 1;
        countRange(s, start, prefixEnd);
        tokens.push(makeToken(s, start, prefixEnd, prevEnd, false, true));
        prevEnd = prefixEnd;
        start = prefixEnd;
        countRange(s, start, end);
      }
    }
    let possessive = false;
    if (end - start > 2 && s.charCodeAt(end - 2) === 39 && (s.charCodeAt(end - 1) | 32) === 115) {
      possessive = true;
      letters--;
      if (s.charCodeAt(end - 1) === 83) uppers--;
      else lowers--;
      end -= 2;
    }
    tokens.push(makeToken(s, start, end, prevEnd, possessive, false));
    prevEnd = i;
  }
  markSentenceStarts(tokens);
  markPhrases(tokens);
  for (const t of tokens) t.cls = classify(t);
  return tokens;
}

/** Builds a token from the counts just taken over [start, end). */
function makeToken(s: string, start: number, end: number, prevEnd: number, possessive: boolean, elision: boolean): Token {
  const text = s.slice(start, end);
  const firstUpper = (charClass(s.charCodeAt(start)) & CHAR_UPPER) !== 0;
  const gapFrom = Math.max(prevEnd, start - 12);
  let gapSpace = start - gapFrom >= 1 && start - gapFrom <= 2;
  for (let k = gapFrom; k < start && gapSpace; k++) {
    const c = s.charCodeAt(k);
    if (c !== 32 && c !== 9) gapSpace = false;
  }
  let flags = 0;
  if (letters > 0 && firstUpper && (lowers > 0 || end - start === 1)) flags |= CAP;
  if (letters > 0 && end - start >= 2 && lowers === 0 && uppers > 0) flags |= UPPER;
  if (letters === 0 && digits > 0) flags |= NUMERIC;
  if (possessive) flags |= POSSESSIVE;
  if (elision) flags |= ELIDED;
  if (gapSpace) flags |= GAP_SPACE;
  const key = ascii ? (uppers > 0 ? text.toLowerCase() : text) : foldKey(text);
  return new Token(s, gapFrom, start, end, key, flags);
}

function markSentenceStarts(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i === 0) {
      t.markSentenceStart();
      continue;
    }
    if (t.gapSpace) continue;
    const prev = tokens[i - 1];
    const b = t.gapBreak();
    if (b === 2) t.markSentenceStart();
    else if (b === 1) {
      // "Dr. Mehta", "John A. Macdonald", "10 p.m." do not end a sentence
      const abbreviation = ABBREVIATIONS.has(prev.key) || (prev.length === 1 && !prev.numeric);
      if (!abbreviation) t.markSentenceStart();
    }
  }
}

/** Words of multi-word places and organisations ("Tim Hortons", "Owen Sound") become stop words. */
function markPhrases(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].cap && !tokens[i].upper) continue; // only capitalised words could pass for names
    const key = tokens[i].key;
    const dash = key.indexOf('-');
    const list = PHRASES.get(dash === -1 ? key : key.slice(0, dash));
    if (!list) continue;
    for (const phrase of list) {
      const covered = matchPhrase(tokens, i, phrase);
      if (covered > 0) {
        for (let k = i; k < i + covered; k++) tokens[k].markPhrase();
        break;
      }
    }
  }
}

/** Gap allowed inside a phrase: "St. Michael", "Tim Hortons", "Jean-Talon". */
function phraseGap(gap: string): boolean {
  if (gap.length > 3) return false;
  for (let k = 0; k < gap.length; k++) {
    const c = gap.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 46 && c !== 39 && c !== 45) return false;
  }
  return true;
}

/** Number of tokens from i that spell the phrase (hyphenated words count part by part); 0 if none. */
function matchPhrase(tokens: Token[], i: number, phrase: readonly string[]): number {
  let w = 0;
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k];
    if (k > i && !phraseGap(t.gap)) return 0;
    const key = t.key;
    if (key.indexOf('-') === -1) {
      if (phrase[w] !== key) return 0;
      w++;
    } else {
      for (const part of key.split('-')) {
        if (w >= phrase.length || phrase[w] !== part) return 0;
        w++;
      }
    }
    if (t.possessive && w < phrase.length && phrase[w] === 's') w++;
    if (w === phrase.length) return k - i + 1;
  }
  return 0;
}

const NAME_PREFIXES = new Set(['al', 'el', 'ben', 'bin', 'abu', 'ibn', 'van', 'von', 'de', 'di', 'da', 'del', 'mac', 'mc', 'o', 'le', 'la']);
const SAINT = new Set(['saint', 'sainte', 'st', 'ste']);

export function familyKey(key: string): string | null {
  if (FAMILY_NAMES.has(key)) return key;
  // Feminine forms of Slavic surnames: Ivanova -> Ivanov, Kowalska -> Kowalski.
  if (key.length < 5 || !key.endsWith('a')) return null;
  const stem = key.slice(0, -1);
  if ((stem.endsWith('ov') || stem.endsWith('ev') || stem.endsWith('in')) && FAMILY_NAMES.has(stem)) return stem;
  if ((stem.endsWith('sk') || stem.endsWith('ck')) && FAMILY_NAMES.has(stem + 'i')) return stem + 'i';
  return null;
}

function classifyKey(key: string): WordClass {
  if (STOP_WORDS.has(key)) return 'stop';
  if (PLACES.has(key)) return 'place';
  const given = GIVEN_NAMES.has(key);
  const fam = familyKey(key);
  if (given && !WEAK_GIVEN.has(key)) return 'G';
  if (fam !== null && !WEAK_FAMILY.has(fam)) return 'F';
  if (given) return 'g';
  if (fam !== null) return 'f';
  return 'U';
}

function classify(t: Token): WordClass {
  if (t.cls === 'stop') return 'stop'; // set by a phrase
  if (t.numeric) return 'num';
  if (!t.cap && !t.upper) return 'lower';
  if (t.elision) return 'stop';
  const key = t.key;
  if (!key.includes('-') && !key.includes("'")) return classifyKey(key);
  const whole = classifyKey(key);
  if (whole !== 'U') return whole;
  const parts = key.split(/['-]/).filter((p) => p.length > 0);
  if (parts.length === 0) return 'U';
  if (SAINT.has(parts[0])) return 'place';
  if (parts.length >= 3 && parts.some((p) => p === 'des' || p === 'du' || p === 'de' || p === 'sur' || p === 'aux' || p === 'en' || p === 'la')) {
    return 'place';
  }
  const classes = parts.map(classifyKey);
  if (classes.some((c) => c === 'stop' || c === 'place')) return 'place';
  if (NAME_PREFIXES.has(parts[0]) && parts.length === 2) return 'F';
  if (classes.every((c) => c === 'G')) return 'G';
  if (classes.some((c) => c === 'G' || c === 'F')) return 'F';
  if (classes.some((c) => c === 'g' || c === 'f')) return 'f';
  return 'U';
}

export const NAMEABLE: ReadonlySet<WordClass> = new Set<WordClass>(['G', 'g', 'F', 'f', 'U', 'place']);

export function spaceGap(t: Token): boolean {
  return t.gapSpace;
}

/** A single capital letter followed by a period: a middle initial ("John A. Macdonald"). */
export function isInitial(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  return t.length === 1 && t.cap && i + 1 < tokens.length && /^\.[ \t]{1,2}$/.test(tokens[i + 1].gap);
}

export function nextToken(tokens: Token[], i: number): Token | undefined {
  return i + 1 < tokens.length ? tokens[i + 1] : undefined;
}
