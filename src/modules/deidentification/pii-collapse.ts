// A second view of the prepared text that undoes disguises spread over several words, so the
// number, postal code, date and address detectors (and the name and e-mail detectors when letters
// were spelled out or a name rejoined) can run on it too: numbers written in words ("six four
// seven", "six forty-seven", "double five", "six cent treize", "two thousand and eight", "the
// second of November"), letters or digits spelled out one by one ("J-O-H-N", "j o h n",
// "6 4 7 5 5 5", "L.6.Y.0.A.1"), O for 0 and l or I for 1 inside numbers ("21O", "O1O2", "6l3"),
// odd separators inside numbers ("647_555_0102", "647,555,0102", "2008 / 11 / 02"), digits for
// letters in names ("J0hn"), and names cut in two ("Trem blay"). One linear pass over the words (a
// second one when numbers in words leave characters spelled out); every character of the view
// maps back to the prepared text's characters it came from. Runs longer than any identifier are
// left alone.
import { STREET_TYPE_WORDS } from './pii-address';
import { FAMILY_NAMES, GIVEN_NAMES, STOP_WORDS, WEAK_FAMILY, WEAK_GIVEN } from './pii-lexicon';
import { CHAR_LETTER, CHAR_LOWER, CHAR_UPPER, CHAR_WORD, charClass } from './pii-text';

export interface CollapsedView {
  readonly text: string;
  /** view index -> prepared-text index where the character's source starts */
  readonly starts: Int32Array;
  /** view index -> prepared-text index where the character's source ends (exclusive) */
  readonly ends: Int32Array;
  /** Letters were spelled out or a name was rejoined: the name detector should read the view too. */
  readonly names: boolean;
  /** Numbers written in words were read. */
  readonly numberWords: boolean;
  /** Digits changed: O/l/I read as digits, separators rewritten, digits spelled out. */
  readonly digits: boolean;
}

class Word {
  private lower: string | undefined;
  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    /** Only digits and O, o, l, I ("21O", "O1O2", "lI"). */
    readonly digitish: boolean,
    /** At least one digit. */
    readonly hasDigit: boolean,
    private readonly upper: boolean,
  ) {}

  /** Lower case, made on first use (most words are never looked up). */
  get key(): string {
    if (this.lower === undefined) {
      const raw = this.source.slice(this.start, this.end);
      this.lower = this.upper ? raw.toLowerCase() : raw;
    }
    return this.lower;
  }
}

const UNITS: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
};
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  septante: 70,
  octante: 80,
  huitante: 80,
  nonante: 90,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  premier: 1,
  premiere: 1,
};
const HUNDRED = new Set(['hundred', 'cent', 'cents']);
const THOUSAND = new Set(['thousand', 'mille']);
const AND = new Set(['and', 'et']);
/** "double five" = 55, "triple zero" = 000 (how phone numbers are read aloud). */
const REPEAT: Record<string, number> = { double: 2, triple: 3 };
const MONTHS = new Set(
  (
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre'
  ).split(' '),
);

/** Street words after which a number word is a civic number ("sept rue Principale"). */
const STREET_WORDS = new Set(['rue', 'boulevard', 'boul', 'avenue', 'chemin', 'route', 'rang', 'place', 'street', 'road', 'drive', 'crescent', 'court', 'lane']);

/** Longest run of spelled-out characters or number words read as one value (an e-mail address
 * spelled out is about this long; a phone number in words takes 10-15 words). */
const MAX_SPELLED = 40;

const NUMBER_WORDS = new Set<string>([...Object.keys(UNITS), ...Object.keys(TEENS), ...Object.keys(TENS), ...Object.keys(ORDINALS), ...HUNDRED, ...THOUSAND, 'double', 'triple']);

function isNumberWord(key: string): boolean {
  return NUMBER_WORDS.has(key);
}

/** The first three letters of a word, lower case, as one number (no string is made). */
function prefix3(s: string, start: number): number {
  return ((s.charCodeAt(start) | 32) << 16) | ((s.charCodeAt(start + 1) | 32) << 8) | (s.charCodeAt(start + 2) | 32);
}

/** Prefixes of the number words ("two" -> "two", "twelve" -> "twe"); a two-letter word ("un", "oh")
 * is checked whole. */
const NUMBER_PREFIXES = new Set<number>([...NUMBER_WORDS].filter((w) => w.length >= 3).map((w) => prefix3(w, 0)));

/** Could this word be a number word? Cheap: no string is made for most words. */
function maybeNumberWord(s: string, w: Word): boolean {
  const len = w.end - w.start;
  if (len < 2 || len > 12 || w.hasDigit) return false;
  if (len === 2) return true;
  return NUMBER_PREFIXES.has(prefix3(s, w.start));
}

/** Gap characters allowed between the words of one number: spaces, commas, hyphens. */
function numberGap(s: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 3) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 44 && c !== 45) return false;
  }
  return true;
}

/** Gap characters inside a number written with digits: spaces, dots, slashes, underscores, hyphens. */
function digitGap(s: string, from: number, to: number): boolean {
  // a comma alone ("647,555,0102"), but not ", " between the numbers of a list ("rooms 101, 102")
  if (to - from === 1 && s.charCodeAt(from) === 44) return true;
  if (to - from < 1 || to - from > 3) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 46 && c !== 47 && c !== 95 && c !== 45) return false;
  }
  return true;
}

/** Gap between letters spelled out one by one: the same 1-3 characters each time. */
function spellGap(s: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 3) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 46 && c !== 95 && c !== 45 && c !== 42 && c !== 47 && c !== 44) return false;
  }
  return true;
}

/** Where the characters of a piece of the view come from. */
interface Segment {
  /** characters of the piece */
  length: number;
  /** source span in the prepared text */
  from: number;
  to: number;
  /** each character comes from the source character at the same offset; else all from [from, to) */
  oneToOne: boolean;
}

interface Piece {
  /** Output text. */
  text: string;
  segments: Segment[];
}

/** Parses number words into a digit string: compounds add up ("six hundred forty-seven" = 647), and
 * numbers that cannot add up follow each other ("six forty-seven" = "647", "twenty oh eight" = "2008"). */
function parseNumberWords(words: Word[]): Piece {
  const piece: Piece = { text: '', segments: [] };
  let cur = -1;
  let room = 0;
  let chunkStart = 0;
  let chunkEnd = 0;
  let repeat = 1;
  const flush = (): void => {
    if (cur < 0) return;
    const digits = String(cur);
    piece.text += digits;
    piece.segments.push({ length: digits.length, from: chunkStart, to: chunkEnd, oneToOne: false });
    cur = -1;
    room = 0;
  };
  const begin = (w: Word, value: number, nextRoom: number): void => {
    flush();
    cur = value;
    room = nextRoom;
    chunkStart = w.start;
    chunkEnd = w.end;
  };
  for (const w of words) {
    const k = w.key;
    if (AND.has(k)) continue;
    if (k === 'double' || k === 'triple') {
      repeat = REPEAT[k];
      continue;
    }
    if (repeat > 1 && k in UNITS) {
      const v = UNITS[k];
      for (let r = 0; r < repeat; r++) begin(w, v, 0);
      repeat = 1;
      continue;
    }
    repeat = 1;
    if (k in UNITS || k in ORDINALS) {
      const v = k in UNITS ? UNITS[k] : ORDINALS[k];
      if (cur >= 0 && v < room && v > 0) {
        cur += v;
        room = 0;
        chunkEnd = w.end;
      } else begin(w, v, v === 10 ? 10 : 0);
      if (k === 'quatre') room = -4; // "quatre-vingt" = 80
      continue;
    }
    if (k in TEENS) {
      const v = TEENS[k];
      if (cur >= 0 && v < room) {
        cur += v;
        room = v === 10 ? 10 : 0;
        chunkEnd = w.end;
      } else begin(w, v, v === 10 ? 10 : 0);
      continue;
    }
    if (k in TENS) {
      const v = TENS[k];
      if (cur >= 0 && room === -4 && v === 20) {
        cur += 76;
        room = 20;
        chunkEnd = w.end;
      } else if (cur >= 0 && v < room) {
        cur += v;
        room = v === 60 || v === 80 ? 20 : 10;
        chunkEnd = w.end;
      } else begin(w, v, v === 60 || v === 80 ? 20 : 10);
      continue;
    }
    if (HUNDRED.has(k)) {
      if (cur >= 0 && cur % 100 < 10 && cur % 100 > 0 && (room === 0 || room === -4) && cur < 1000) {
        cur = cur - (cur % 100) + (cur % 100) * 100;
        room = 100;
        chunkEnd = w.end;
      } else if (cur >= 1000 && cur % 1000 === 0) {
        cur += 100;
        room = 100;
        chunkEnd = w.end;
      } else begin(w, 100, 100);
      continue;
    }
    if (THOUSAND.has(k)) {
      if (cur > 0 && cur < 1000) {
        cur *= 1000;
        room = 1000;
        chunkEnd = w.end;
      } else begin(w, 1000, 1000);
      continue;
    }
  }
  flush();
  return piece;
}

function wordsOf(s: string): Word[] {
  const words: Word[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    if ((charClass(s.charCodeAt(i)) & CHAR_WORD) === 0) {
      i++;
      continue;
    }
    const start = i;
    let digitish = true;
    let hasDigit = false;
    let upper = false;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      const cls = charClass(c);
      if ((cls & CHAR_WORD) === 0) break;
      if (c >= 48 && c <= 57) hasDigit = true;
      else if (c !== 79 && c !== 111 && c !== 108 && c !== 73) digitish = false;
      if (cls & CHAR_UPPER) upper = true;
    }
    words.push(new Word(s, start, i, digitish, hasDigit, upper));
  }
  return words;
}

/** "21O" -> "210", "O1O2" -> "0102": O for 0, l or I for 1 in a word that is otherwise digits. */
function fixDigits(word: string): string {
  let out = '';
  for (const ch of word) out += ch === 'O' || ch === 'o' ? '0' : ch === 'l' || ch === 'I' ? '1' : ch;
  return out;
}

/** Digits (and O, l, I) in the run of digit groups around word i joined by this same gap. */
function runDigits(s: string, words: Word[], i: number, gap: string): number {
  let a = i;
  while (a > 0 && words[a - 1].digitish && s.slice(words[a - 1].end, words[a].start) === gap) a--;
  let b = i;
  while (b + 1 < words.length && words[b + 1].digitish && s.slice(words[b].end, words[b + 1].start) === gap) b++;
  let total = 0;
  for (let k = a; k <= b; k++) total += words[k].end - words[k].start;
  return total;
}

function numericLike(w: Word | undefined): boolean {
  return w !== undefined && w.digitish && w.hasDigit;
}

const LEET: Record<string, string> = { '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b' };

/** A word with digits standing for letters that then spells a gazetteer name, else null. */
function unLeet(word: string): string | null {
  let letters = 0;
  for (const ch of word) if (!(ch >= '0' && ch <= '9')) letters++;
  if (letters < 2) return null;
  for (const one of ['i', 'l']) {
    let out = '';
    for (const ch of word) {
      if (ch >= '0' && ch <= '9') {
        const l = ch === '1' ? one : LEET[ch];
        if (l === undefined) return null;
        out += l;
      } else out += ch;
    }
    if (isName(out.toLowerCase())) return out[0].toUpperCase() + out.slice(1);
  }
  return null;
}

function isName(key: string): boolean {
  return (GIVEN_NAMES.has(key) && !WEAK_GIVEN.has(key)) || (FAMILY_NAMES.has(key) && !WEAK_FAMILY.has(key));
}

/** Writes the view as the words are read: text copied or replaced, with its map back. */
class ViewBuilder {
  private readonly parts: string[] = [];
  private starts: Int32Array | null = null;
  private ends: Int32Array | null = null;
  private j = 0;
  private at = 0;

  constructor(private readonly s: string) {}

  get changed(): boolean {
    return this.starts !== null;
  }

  /** Replaces [start, end) of the source with text; its characters map one to one from `from`,
   * or all to [from, to). */
  emit(start: number, end: number, text: string, from: number, to: number, oneToOne: boolean): void {
    this.copyTo(start);
    this.reserve(text.length);
    const starts = this.starts!;
    const ends = this.ends!;
    for (let k = 0; k < text.length; k++) {
      starts[this.j] = oneToOne ? from + k : from;
      ends[this.j] = oneToOne ? from + k + 1 : to;
      this.j++;
    }
    this.parts.push(text);
    this.at = end;
  }

  finish(names: boolean, numberWords: boolean, digits: boolean): CollapsedView | null {
    if (this.starts === null) return null;
    this.copyTo(this.s.length);
    this.starts[this.j] = this.s.length;
    return { text: this.parts.join(''), starts: this.starts.subarray(0, this.j + 1), ends: this.ends!.subarray(0, this.j), names, numberWords, digits };
  }

  private copyTo(pos: number): void {
    if (pos <= this.at) return;
    this.reserve(pos - this.at);
    const starts = this.starts!;
    const ends = this.ends!;
    for (let k = this.at; k < pos; k++) {
      starts[this.j] = k;
      ends[this.j] = k + 1;
      this.j++;
    }
    this.parts.push(this.s.slice(this.at, pos));
    this.at = pos;
  }

  /** The view is never longer than the text (every rewrite shortens or keeps), but stay safe. */
  private reserve(extra: number): void {
    if (this.starts === null) {
      this.starts = new Int32Array(this.s.length + 2);
      this.ends = new Int32Array(this.s.length + 2);
    }
    if (this.j + extra + 1 <= this.starts.length) return;
    const size = Math.max(this.starts.length * 2, this.j + extra + 2);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends!);
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * Builds the view; null when it would be the same as the prepared text. Numbers in words are read
 * first; a second pass joins what they leave spelled out ("C cinq J deux S huit" -> "C 5 J 2 S 8"
 * -> "C5J2S8").
 */
export function collapseText(s: string): CollapsedView | null {
  const first = collapseOnce(s);
  if (first === null || !first.numberWords) return first;
  const second = collapseOnce(first.text);
  if (second === null) return first;
  const starts = new Int32Array(second.text.length + 1);
  const ends = new Int32Array(second.text.length);
  for (let k = 0; k < second.text.length; k++) {
    starts[k] = first.starts[second.starts[k]];
    ends[k] = first.ends[second.ends[k] - 1];
  }
  starts[second.text.length] = s.length;
  return { text: second.text, starts, ends, names: first.names || second.names, numberWords: true, digits: first.digits || second.digits };
}

function collapseOnce(s: string): CollapsedView | null {
  const words = wordsOf(s);
  if (words.length === 0) return null;
  const b = new ViewBuilder(s);
  let names = false;
  let numberWords = false;
  let digits = false;
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    // Numbers in words.
    if (maybeNumberWord(s, w) && isNumberWord(w.key)) {
      let j = i;
      let count = 0;
      const run: Word[] = [];
      while (j < words.length) {
        const x = words[j];
        const number = isNumberWord(x.key);
        const joiner = AND.has(x.key) && run.length > 0 && j + 1 < words.length && isNumberWord(words[j + 1].key);
        if (!number && !joiner) break;
        if (j > i && !numberGap(s, words[j - 1].end, x.start)) break;
        run.push(x);
        if (number) count++;
        j++;
        if (x.key in ORDINALS) break; // "the second, two thousand eight": an ordinal ends the number
      }
      const prev = i > 0 ? words[i - 1] : undefined;
      const next = j < words.length ? words[j] : undefined;
      const afterNext = j + 1 < words.length ? words[j + 1] : undefined;
      const monthNear =
        (prev !== undefined && MONTHS.has(prev.key)) ||
        (next !== undefined && MONTHS.has(next.key)) ||
        (next !== undefined && (next.key === 'of' || next.key === 'de') && afterNext !== undefined && MONTHS.has(afterNext.key));
      const ordinalOnly = count === 1 && run[0].key in ORDINALS;
      // "twelve Birchwood Crescent": a capitalised word, then a street type within four words
      let beforeName = false;
      if (next !== undefined && !ordinalOnly && (charClass(s.charCodeAt(next.start)) & CHAR_UPPER) !== 0 && next.key !== s.slice(next.start, next.end)) {
        const upperOnly = s.slice(next.start, next.end).toUpperCase() === s.slice(next.start, next.end);
        for (let k = j + 1; k < Math.min(words.length, j + 5) && !beforeName && !upperOnly; k++) beforeName = STREET_TYPE_WORDS.has(words[k].key);
      }
      const beforeStreet = next !== undefined && !ordinalOnly && STREET_WORDS.has(next.key);
      // "C cinq J deux S huit": a number word between letters spelled out one by one
      const before = i > 1 ? words[i - 2] : undefined;
      const afterLetter =
        prev !== undefined &&
        prev.end - prev.start === 1 &&
        !ordinalOnly &&
        numberGap(s, prev.end, w.start) &&
        ((next !== undefined && next.end - next.start === 1) || (before !== undefined && (isNumberWord(before.key) || before.end - before.start === 1)));
      if (count > MAX_SPELLED) {
        i = j; // far longer than any identifier written in words
        continue;
      }
      if (count >= 2 || monthNear || beforeName || beforeStreet || afterLetter) {
        const piece = parseNumberWords(run);
        if (piece.text.length > 0) {
          numberWords = true;
          const end = run[run.length - 1].end;
          let at = run[0].start;
          let offset = 0;
          for (const seg of piece.segments) {
            const text = piece.text.slice(offset, offset + seg.length);
            b.emit(at, seg === piece.segments[piece.segments.length - 1] ? end : seg.to, text, seg.from, seg.to, false);
            at = seg.to;
            offset += seg.length;
          }
          i = j;
          continue;
        }
      }
      i = Math.max(j, i + 1);
      continue;
    }
    // Letters or digits spelled out one by one, with the same separator each time.
    if (w.end - w.start === 1) {
      let j = i + 1;
      let gap = '';
      while (j < words.length && words[j].end - words[j].start === 1 && spellGap(s, words[j - 1].end, words[j].start)) {
        const g = s.slice(words[j - 1].end, words[j].start);
        if (j === i + 1) gap = g;
        else if (g !== gap) break;
        j++;
      }
      let letters = 0;
      let uppers = 0;
      for (let k = i; k < j; k++) {
        const cls = charClass(s.charCodeAt(words[k].start));
        if (cls & CHAR_LETTER) letters++;
        if (cls & CHAR_UPPER) uppers++;
      }
      // Letters only, digits only (O, l and I among digits count as digits), or a postal code
      // spelled out ("L 6 Y 0 A 1").
      const size = j - i;
      let digitLike = true;
      for (let k = i; k < j && digitLike; k++) digitLike = words[k].digitish;
      const digitRun = digitLike && letters < size;
      if (size > MAX_SPELLED) {
        i = j; // far longer than any identifier: not one spelled out
        continue;
      }
      if (size >= 3 && (letters === 0 || digitRun || letters === size || (size === 6 && letters === 3))) {
        let text = '';
        for (let k = i; k < j; k++) text += s[words[k].start];
        if (letters < size) digits = true;
        if (digitRun) text = fixDigits(text);
        else if (letters > 0) {
          // "J-O-H-N" and "j o h n" become "John"; "L - u - c - a - s" stays "Lucas".
          if (uppers === letters || uppers === 0) text = text[0].toUpperCase() + text.slice(1).toLowerCase();
          if (letters >= 3) names = true;
        }
        b.emit(words[i].start, words[j - 1].end, text, words[i].start, words[j - 1].end, false);
        i = j;
        continue;
      }
    }
    // O for 0 and l or I for 1 inside numbers, and odd separators between digit groups.
    if (w.digitish) {
      const text = s.slice(w.start, w.end);
      const prev = i > 0 ? words[i - 1] : undefined;
      const next = i + 1 < words.length ? words[i + 1] : undefined;
      const digitsInside = w.hasDigit;
      const nearNumber = (prev !== undefined && digitGap(s, prev.end, w.start) && numericLike(prev)) || (next !== undefined && digitGap(s, w.end, next.start) && numericLike(next));
      if (digitsInside || (nearNumber && (text.length >= 2 || (numericLike(prev) && numericLike(next))))) {
        const fixed = fixDigits(text);
        let end = w.end;
        let out = fixed;
        // Rewrite an odd separator to the next digit group as '-' ("647_555", "2008 / 11").
        if (next !== undefined && next.digitish && digitGap(s, w.end, next.start)) {
          const gap = s.slice(w.end, next.start);
          // A comma or a slash is also how amounts ("$1,250") and dates ("12/09/2005") are written,
          // which the plain view reads: rewritten only in a run long enough for an identifier.
          const common = gap === ',' || gap === '/';
          if (gap !== '-' && gap !== '.' && gap !== ' ' && (!common || runDigits(s, words, i, gap) >= 9)) {
            out += '-';
            end = next.start;
          }
        }
        if (out !== s.slice(w.start, end)) {
          b.emit(w.start, w.end, fixed, w.start, w.end, true);
          if (end > w.end) b.emit(w.end, end, '-', w.end, end, false);
          digits = true;
        }
        i++;
        continue;
      }
    }
    // Digits for letters in a name: "J0hn", "3mily", "Tr3mblay", "Em1ly".
    if (w.hasDigit && !w.digitish && w.end - w.start >= 4 && w.end - w.start <= 15) {
      const leet = unLeet(s.slice(w.start, w.end));
      if (leet !== null) {
        b.emit(w.start, w.end, leet, w.start, w.end, true);
        names = true;
        i++;
        continue;
      }
    }
    // A name cut in two: "Harc ourt", "Lav-oie", "Ami ra".
    const next = i + 1 < words.length ? words[i + 1] : undefined;
    const c = s.charCodeAt(w.end);
    const la = w.end - w.start;
    const lb = next ? next.end - next.start : 0;
    if (
      next &&
      next.start - w.end === 1 &&
      (c === 32 || c === 45 || c === 46 || c === 95) &&
      la >= 2 &&
      lb >= 2 &&
      la + lb >= 5 &&
      la + lb <= 16 &&
      (la <= 4 || lb <= 4) &&
      (charClass(s.charCodeAt(next.start)) & CHAR_LOWER) !== 0
    ) {
      const joined = !STOP_WORDS.has(w.key) && !STOP_WORDS.has(next.key) ? w.key + next.key : '';
      if (joined !== '' && isName(joined) && !(isName(w.key) && isName(next.key))) {
        b.emit(w.start, w.end, s.slice(w.start, w.end), w.start, w.end, true);
        b.emit(w.end, next.end, s.slice(next.start, next.end), next.start, next.end, true);
        names = true;
        i += 2;
        continue;
      }
    }
    i++;
  }
  return b.finish(names, numberWords, digits);
}

/** Maps a [start, end) span of the view back to the prepared text. */
export function viewSpan(view: CollapsedView, start: number, end: number): [number, number] {
  return [view.starts[start], view.ends[end - 1]];
}
