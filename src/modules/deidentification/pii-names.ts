// Personal names, from evidence that adds up: honorifics and titles ("Mrs. Delgado", "M. Fortin",
// "Constable Reyes"), introducing phrases ("named", "goes by", "s'appelle", "prénommée"), a
// gazetteer of given and family names, and capitalisation (a capitalised given name followed by a
// capitalised word; a gazetteer name in the middle of a sentence). Words that are also places,
// agencies, dates or common words need more evidence than a capitalised gazetteer hit.
import {
  APPOSITION_NOUNS,
  COMMON_WORD_NAMES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  HONORIFICS,
  NAME_PARTICLES,
  NOT_NAME_PHRASES,
  ORG_PREFIXES,
  ORG_SUFFIXES,
  PERSON_NOUNS,
  PLACES,
  STOP_WORDS,
  SUBJECT_VERBS,
  TITLES,
  WEAK_FAMILY,
  WEAK_GIVEN,
} from './pii-lexicon';
import { CHAR_LETTER, CHAR_LOWER, CHAR_UPPER, CHAR_WORD, charClass, foldKey } from './pii-text';
import type { PiiFinding } from './pii-types';

/** Word classes: strong/weak given name, strong/weak family name, unknown capitalised, place, stop. */
type WordClass = 'G' | 'g' | 'F' | 'f' | 'U' | 'place' | 'stop' | 'lower' | 'num';

export interface Token {
  start: number;
  /** End of the word without a possessive "'s". */
  end: number;
  text: string;
  key: string;
  cap: boolean;
  upper: boolean;
  numeric: boolean;
  possessive: boolean;
  elision: boolean;
  sentStart: boolean;
  /** Characters between the previous token (including its "'s") and this one, at most 12. */
  gap: string;
  /** The gap is one or two spaces or tabs. */
  gapSpace: boolean;
  cls: WordClass;
  phrase: boolean;
}

const ELISION = /^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(.+)$/i;
const ABBREVIATIONS = new Set(
  'mr mrs ms mx dr st mt ste jr sr mme mlle m me sgt cst det insp prof no nos vs approx dept apt app ave av blvd boul rd cres ct hwy pl eg ie e g i a p am pm ex'.split(
    ' ',
  ),
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

function isWord(c: number): boolean {
  return (charClass(c) & CHAR_WORD) !== 0;
}

/** Splits the text into words: letters and digits, with inner apostrophes and hyphens. */
export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  const n = s.length;
  let i = 0;
  let prevEnd = 0;
  while (i < n) {
    if (!isWord(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const wordStart = i;
    let apostrophe = false;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isWord(c)) i++;
      else if ((c === 39 || c === 45) && i + 1 < n && isWord(s.charCodeAt(i + 1))) {
        if (c === 39) apostrophe = true;
        i += 2;
      } else break;
    }
    let start = wordStart;
    let end = i;
    if (apostrophe) {
      const el = ELISION.exec(s.slice(start, end));
      if (el && (el[1] === el[1].toLowerCase() || !(charClass(el[2].charCodeAt(0)) & CHAR_UPPER))) {
        const prefixEnd = start + el[1].length + 1;
        tokens.push(makeToken(s, start, prefixEnd, prevEnd, false, true));
        prevEnd = prefixEnd;
        start = prefixEnd;
      }
    }
    let possessive = false;
    if (end - start > 2 && s.charCodeAt(end - 2) === 39 && (s.charCodeAt(end - 1) | 32) === 115) {
      possessive = true;
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

function makeToken(s: string, start: number, end: number, prevEnd: number, possessive: boolean, elision: boolean): Token {
  let letters = 0;
  let uppers = 0;
  let lowers = 0;
  let digits = 0;
  let ascii = true;
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0x80) ascii = false;
    const cls = charClass(c);
    if (cls & CHAR_LETTER) letters++;
    else if (cls & CHAR_WORD) digits++;
    if (cls & CHAR_UPPER) uppers++;
    else if (cls & CHAR_LOWER) lowers++;
  }
  const text = s.slice(start, end);
  const firstUpper = (charClass(s.charCodeAt(start)) & CHAR_UPPER) !== 0;
  const gapFrom = Math.max(prevEnd, start - 12);
  let gapSpace = start - gapFrom >= 1 && start - gapFrom <= 2;
  for (let k = gapFrom; k < start && gapSpace; k++) {
    const c = s.charCodeAt(k);
    if (c !== 32 && c !== 9) gapSpace = false;
  }
  return {
    start,
    end,
    text,
    key: ascii ? (uppers > 0 ? text.toLowerCase() : text) : foldKey(text),
    cap: letters > 0 && firstUpper && (lowers > 0 || end - start === 1),
    upper: letters > 0 && end - start >= 2 && lowers === 0 && uppers > 0,
    numeric: letters === 0 && digits > 0,
    possessive,
    elision,
    sentStart: false,
    gap: s.slice(gapFrom, start),
    gapSpace,
    cls: 'lower',
    phrase: false,
  };
}

function breaksSentence(gap: string): number {
  // 2: a hard break (!?;:, newline, bullet); 1: a period; 0: none
  let result = 0;
  for (let k = 0; k < gap.length; k++) {
    const c = gap.charCodeAt(k);
    if (c === 33 || c === 63 || c === 59 || c === 58 || c === 10 || c === 13 || c === 0x2022 || c === 0xb7 || c === 124 || c === 62 || c === 42 || c === 0x2026) {
      return 2;
    }
    if (c === 46) result = 1;
  }
  return result;
}

function markSentenceStarts(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i === 0) {
      t.sentStart = true;
      continue;
    }
    if (t.gapSpace) continue;
    const prev = tokens[i - 1];
    const b = breaksSentence(t.gap);
    if (b === 2) t.sentStart = true;
    else if (b === 1) {
      const abbreviation = ABBREVIATIONS.has(prev.key) || (prev.text.length === 1 && (charClass(prev.text.charCodeAt(0)) & CHAR_LETTER) !== 0);
      t.sentStart = !abbreviation;
    }
  }
}

/** Words of multi-word places and organisations ("Tim Hortons", "Owen Sound") become stop words. */
function markPhrases(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const key = tokens[i].key;
    const dash = key.indexOf('-');
    const list = PHRASES.get(dash === -1 ? key : key.slice(0, dash));
    if (!list) continue;
    for (const phrase of list) {
      const covered = matchPhrase(tokens, i, phrase);
      if (covered > 0) {
        for (let k = i; k < i + covered; k++) {
          tokens[k].cls = 'stop';
          tokens[k].phrase = true;
        }
        break;
      }
    }
  }
}

function matchPhrase(tokens: Token[], i: number, phrase: string[]): number {
  let w = 0;
  let k = i;
  while (w < phrase.length && k < tokens.length) {
    const t = tokens[k];
    const parts = t.key.split('-');
    for (const p of parts) {
      if (w >= phrase.length || phrase[w] !== p) return w === phrase.length ? k - i : 0;
      w++;
    }
    if (t.possessive && w < phrase.length && phrase[w] === 's') w++;
    k++;
    if (w < phrase.length && k < tokens.length && !/^[ \t.'-]{0,3}$/.test(tokens[k].gap)) return 0;
  }
  return w === phrase.length ? k - i : 0;
}

function isPhrase(t: Token): boolean {
  return t.phrase;
}

const NAME_PREFIXES = new Set(['al', 'el', 'ben', 'bin', 'abu', 'ibn', 'van', 'von', 'de', 'di', 'da', 'del', 'mac', 'mc', 'o', 'le', 'la']);
const SAINT = new Set(['saint', 'sainte', 'st', 'ste']);

function familyKey(key: string): string | null {
  if (FAMILY_NAMES.has(key)) return key;
  // Feminine forms of Slavic surnames: Ivanova -> Ivanov, Kowalska -> Kowalski.
  if (/(ov|ev|in)a$/.test(key) && FAMILY_NAMES.has(key.slice(0, -1))) return key.slice(0, -1);
  if (/(sk|ck|dzk)a$/.test(key) && FAMILY_NAMES.has(key.slice(0, -1) + 'i')) return key.slice(0, -1) + 'i';
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

const NAMEABLE = new Set<WordClass>(['G', 'g', 'F', 'f', 'U', 'place']);

function spaceGap(t: Token): boolean {
  return t.gapSpace;
}

function isInitial(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  return t.text.length === 1 && t.cap && i + 1 < tokens.length && /^\.[ \t]{1,2}$/.test(tokens[i + 1].gap);
}

function push(out: PiiFinding[], tokens: Token[], from: number, to: number): void {
  out.push({ kind: 'NAME', start: tokens[from].start, end: tokens[to].end });
}

/** Extends a name from token i over following capitalised name words (max words in all). */
function extendName(tokens: Token[], i: number, max: number): number {
  let last = i;
  let count = 1;
  let k = i + 1;
  while (k < tokens.length && count < max) {
    const t = tokens[k];
    const gapOk = spaceGap(t) || (isInitial(tokens, k - 1) && /^\.[ \t]{1,2}$/.test(t.gap));
    if (!gapOk || tokens[k - 1].possessive) break;
    if ((t.cap || t.upper) && NAMEABLE.has(t.cls) && !t.elision) {
      last = k;
      count++;
      k++;
      continue;
    }
    // particles between name words: "Ludwig van Beethoven", "Marie de la Fontaine"
    if (!t.cap && NAME_PARTICLES.has(t.key)) {
      let j = k;
      while (j < tokens.length && j - k < 2 && !tokens[j].cap && NAME_PARTICLES.has(tokens[j].key) && spaceGap(tokens[j])) j++;
      if (j < tokens.length && tokens[j].cap && NAMEABLE.has(tokens[j].cls) && spaceGap(tokens[j])) {
        k = j;
        continue;
      }
    }
    break;
  }
  return last;
}

function nextToken(tokens: Token[], i: number): Token | undefined {
  return i + 1 < tokens.length ? tokens[i + 1] : undefined;
}

/** A verb, a possessive or an age after the word: "Emily has", "Emily's", "Emily, 14,". */
function subjectContext(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (t.possessive) return true;
  const n = nextToken(tokens, i);
  if (!n) return false;
  if (SUBJECT_VERBS.has(n.key) && !n.cap && spaceGap(n)) return true;
  if (n.elision && (n.key === "n'" || n.key === "s'") && spaceGap(n)) return true;
  if (n.numeric && /^[ \t]?[,(][ \t]?$/.test(n.gap) && n.text.length <= 3) return true;
  return false;
}

function orgContext(tokens: Token[], from: number, to: number): boolean {
  const prev = from > 0 ? tokens[from - 1] : undefined;
  if (prev && ORG_PREFIXES.has(prev.key) && /^[ \t.]{1,3}$/.test(tokens[from].gap) && !prev.possessive) return true;
  const next = nextToken(tokens, to);
  if (next && !tokens[to].possessive && spaceGap(next) && ORG_SUFFIXES.has(next.key) && (next.cap || next.upper || next.key.length <= 4)) {
    return true;
  }
  if (to > from && ORG_SUFFIXES.has(tokens[to].key)) return true;
  return false;
}

export function findNames(s: string, out: PiiFinding[], tokens: Token[] = tokenize(s)): void {
  const used = new Uint8Array(tokens.length);
  const mark = (from: number, to: number): void => {
    for (let k = from; k <= to; k++) used[k] = 1;
    push(out, tokens, from, to);
  };
  honorifics(tokens, used, mark);
  introducers(tokens, used, mark);
  familyContexts(tokens, used, mark);
  appositions(tokens, used, mark);
  lowerCaseNames(tokens, used, mark);
  gazetteerRuns(tokens, used, mark);
}

type Mark = (from: number, to: number) => void;

const LOWER_HONORIFICS = new Set(['monsieur', 'madame', 'mademoiselle', 'mr', 'mrs', 'ms', 'dr', 'mme', 'mlle']);

function honorifics(tokens: Token[], used: Uint8Array, mark: Mark): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const h = tokens[i];
    const key = h.key;
    const honorific = HONORIFICS.has(key);
    const title = !honorific && TITLES.has(key) && (h.cap || h.upper);
    if (!honorific && !title) continue;
    const n = tokens[i + 1];
    if (!/^\.?[ \t]{1,2}$/.test(n.gap) || n.elision) continue;
    // "MS" (the illness) or "DR" in capitals are abbreviations more often than honorifics.
    if (honorific && h.upper) continue;
    if (honorific && !h.cap && !LOWER_HONORIFICS.has(key)) continue;
    if (key === 'm' && !(h.text === 'M' && n.gap.startsWith('.') && !(i > 0 && /\.$/.test(tokens[i].gap) && tokens[i - 1].text.length === 1))) {
      continue;
    }
    if ((key === 'me' || key === 'miss' || key === 'sir' || key === 'dame' || key === 'pr') && !h.cap) continue;
    if (key === 'dame' && !n.cap) continue;
    let ok = false;
    if ((n.cap || n.upper) && NAMEABLE.has(n.cls)) {
      if (honorific) ok = true;
      else {
        // Titles double as role nouns ("Chief Medical Officer"): need a known name or a lone word.
        const after = nextToken(tokens, i + 1);
        ok = n.cls !== 'U' || !after || !(after.cap && spaceGap(after));
      }
    } else if (!n.cap && !n.upper && honorific && (GIVEN_NAMES.has(n.key) || FAMILY_NAMES.has(n.key)) && !STOP_WORDS.has(n.key)) {
      ok = true;
    }
    if (!ok) continue;
    const last = n.cap || n.upper ? extendName(tokens, i + 1, 4) : i + 1;
    mark(i + 1, last);
  }
}

/**
 * strong: any capitalised word after it is a name ("named", "s'appelle");
 * object: a verb of talking or meeting, a known name or a lone capitalised word ("spoke to Latisha");
 * weak: a verb that is also a naming verb, a known name only ("called").
 */
type IntroStrength = 'strong' | 'object' | 'weak';

interface Introducer {
  words: string[];
  strength: IntroStrength;
}

const INTRODUCERS: Introducer[] = [
  ...[
    'named', 'nicknamed', 'goes by', 'go by', 'going by', 'went by', 'known as', 'know him as', 'know her as',
    'knows him as', 'knows her as', 'known to staff as', 'known to police as', 'name is', 'name was',
    'names are', 'first name is', 'aka', 'a k a', 'alias', 'identified herself as', 'identified himself as',
    'identified themselves as', 'introduced herself as', 'introduced himself as', 'calls herself',
    'calls himself', 'calls themself', 'referred to as', 'nomme', 'nommee', 'nommes', 'nommees', 'prenomme',
    'prenommee', 'surnomme', 'surnommee', 'denomme', 'denommee', "s' appelle", "s' appelait", 'se nomme',
    'se fait appeler', 'du nom de', 'sous le nom de', 'son nom est', 'son prenom est',
  ].map((w) => ({ words: w.split(' '), strength: 'strong' as const })),
  ...[
    'spoke to', 'spoke with', 'spoken to', 'spoken with', 'speaking to', 'speaking with', 'talked to',
    'talked with', 'met with', 'meeting with', 'visited', 'parle a', 'parle avec', 'rencontre', 'discute avec',
  ].map((w) => ({ words: w.split(' '), strength: 'object' as const })),
  ...['called', 'appele', 'appelee'].map((w) => ({ words: [w], strength: 'weak' as const })),
];

/** "known on the street as", "identified herself to police as": a verb up to 4 words before "as". */
const AS_VERBS = new Set(['known', 'know', 'knows', 'identified', 'identifies', 'introduced', 'referred', 'nicknamed']);
const AS_INTRODUCER: Introducer = { words: ['as'], strength: 'strong' };

const INTRO_BY_LAST_WORD: Map<string, Introducer[]> = (() => {
  const map = new Map<string, Introducer[]>();
  for (const intro of INTRODUCERS) {
    const last = intro.words[intro.words.length - 1];
    const list = map.get(last) ?? [];
    list.push(intro);
    map.set(last, list);
  }
  return map;
})();

const INTRO_GAP = /^[ \t"“”«»':]{1,4}$/;
const DETERMINERS = new Set(['a', 'an', 'one', 'un', 'une', 'another', 'some']);

function introducers(tokens: Token[], used: Uint8Array, mark: Mark): void {
  for (let i = 0; i < tokens.length; i++) {
    const candidates = INTRO_BY_LAST_WORD.get(tokens[i].key);
    if (candidates !== undefined) for (const intro of candidates) {
      const w = intro.words;
      if (!endsWith(tokens, i, w)) continue;
      const j = i + 1;
      if (j >= tokens.length || used[j]) continue;
      const t = tokens[j];
      if (!INTRO_GAP.test(t.gap)) continue;
      if (accept(tokens, i, j, intro)) mark(j, t.cap || t.upper ? extendName(tokens, j, 3) : j);
    }
    if (tokens[i].key === 'as' && i + 1 < tokens.length && !used[i + 1] && INTRO_GAP.test(tokens[i + 1].gap)) {
      let verb = false;
      for (let k = i - 1; k >= 0 && k >= i - 4 && !verb; k--) verb = AS_VERBS.has(tokens[k].key);
      const n = tokens[i + 1];
      if (verb && (n.cap || n.upper) && accept(tokens, i, i + 1, AS_INTRODUCER)) mark(i + 1, extendName(tokens, i + 1, 3));
    }
    // "Her name's Fatima"
    const t = tokens[i];
    if (t.key === 'name' && t.possessive && i + 1 < tokens.length && !used[i + 1] && accept(tokens, i, i + 1, { words: ['name'], strength: 'strong' })) {
      const n = tokens[i + 1];
      mark(i + 1, n.cap || n.upper ? extendName(tokens, i + 1, 3) : i + 1);
    }
  }
}

function endsWith(tokens: Token[], i: number, words: string[]): boolean {
  if (i - words.length + 1 < 0) return false;
  for (let k = 0; k < words.length; k++) {
    const t = tokens[i - words.length + 1 + k];
    if (t.key !== words[k]) return false;
    if (k > 0 && !/^[ \t.]{0,3}$/.test(t.gap)) return false;
  }
  return true;
}

function accept(tokens: Token[], i: number, j: number, intro: Introducer): boolean {
  const t = tokens[j];
  if (t.numeric || t.elision) return false;
  if (t.cap || t.upper) {
    if (t.cls === 'stop' || t.cls === 'place') return false;
    if (orgContext(tokens, j, extendName(tokens, j, 3))) return false;
    if (intro.strength === 'strong') return true;
    if (t.cls === 'G' || t.cls === 'g' || t.cls === 'F' || t.cls === 'f') return true;
    if (intro.strength === 'object') {
      // a lone capitalised word, not an acronym or the start of a multi-word organisation name
      const after = nextToken(tokens, j);
      return t.cap && !(after && (after.cap || after.upper) && spaceGap(after));
    }
    // "a woman called Tamika" (naming) versus "the neighbour called Telehealth" (a verb)
    const start = i - intro.words.length + 1;
    return start >= 2 && PERSON_NOUNS.has(tokens[start - 1].key) && DETERMINERS.has(tokens[start - 2].key);
  }
  if (intro.strength !== 'strong') return false;
  return (GIVEN_NAMES.has(t.key) || familyKey(t.key) !== null) && !COMMON_WORD_NAMES.has(t.key) && !STOP_WORDS.has(t.key);
}

const FAMILY_AFTER = new Set(['family', 'household', 'residence', 'kids', 'children', 'siblings', 'boys', 'girls', 'brothers', 'sisters', 'clan', 'home']);

function familyContexts(tokens: Token[], used: Uint8Array, mark: Mark): void {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (used[i] || !(t.cap || t.upper) || !spaceGap(t)) continue;
    const prev = tokens[i - 1];
    const next = nextToken(tokens, i);
    const nameLike = t.cls === 'G' || t.cls === 'g' || t.cls === 'F' || t.cls === 'f' || t.cls === 'U';
    // "the Delgado family", "the Okafor household"
    if (nameLike && prev.key === 'the' && next && FAMILY_AFTER.has(next.key) && spaceGap(next) && !t.possessive) {
      mark(i, i);
      continue;
    }
    // "la famille Ouellet", "chez les Tremblay"
    if (nameLike && (prev.key === 'famille' || (prev.key === 'les' && (t.cls === 'F' || t.cls === 'G')))) {
      if (!orgContext(tokens, i, i)) mark(i, extendName(tokens, i, 2));
      continue;
    }
    // "the Sokolovs", "the Browns"
    if (t.cls === 'U' && prev.key === 'the' && t.key.length > 4 && t.key.endsWith('s')) {
      const singular = familyKey(t.key.slice(0, -1));
      if (singular !== null && !WEAK_FAMILY.has(singular)) mark(i, i);
    }
  }
}

const APPOSITION_GAP = /^,?[ \t]{1,2}$/;

/** "her son Tyrell", "Tenant Florin Constantinescu", "le père, Karim Benali": a relative or
 * another person noun right before a capitalised word names that person. */
function appositions(tokens: Token[], used: Uint8Array, mark: Mark): void {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    if (used[i] || !(t.cap || t.upper) || !APPOSITION_GAP.test(t.gap) || prev.possessive) continue;
    if (!APPOSITION_NOUNS.has(prev.key)) continue;
    if (!(t.cls === 'G' || t.cls === 'g' || t.cls === 'F' || t.cls === 'f' || t.cls === 'U')) continue;
    if (t.upper && t.cls === 'U') continue; // "Client DOB", "mother CAS": an acronym
    const last = extendName(tokens, i, 3);
    if (orgContext(tokens, i, last)) continue;
    mark(i, last);
  }
}

/** "client jennifer says": a lower-case given name right after a person noun. */
function lowerCaseNames(tokens: Token[], used: Uint8Array, mark: Mark): void {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (used[i] || t.cls !== 'lower' || !spaceGap(t)) continue;
    const k = t.key;
    if (!GIVEN_NAMES.has(k) || WEAK_GIVEN.has(k) || COMMON_WORD_NAMES.has(k) || STOP_WORDS.has(k) || PLACES.has(k)) continue;
    if (PERSON_NOUNS.has(tokens[i - 1].key)) mark(i, i);
  }
}

function gazetteerRuns(tokens: Token[], used: Uint8Array, mark: Mark): void {
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (used[i] || !(t.cap || t.upper) || !NAMEABLE.has(t.cls) || isPhrase(t)) {
      i++;
      continue;
    }
    // Build a run of capitalised name-like words separated by single spaces.
    const run: number[] = [i];
    let k = i + 1;
    while (k < tokens.length && run.length < 5) {
      const n = tokens[k];
      if (used[k] || tokens[k - 1].possessive) break;
      const gapOk = spaceGap(n) || (isInitial(tokens, k - 1) && /^\.[ \t]{1,2}$/.test(n.gap));
      if (!gapOk) break;
      if ((n.cap || n.upper) && NAMEABLE.has(n.cls) && !isPhrase(n)) {
        run.push(k);
        k++;
        continue;
      }
      if (!n.cap && NAME_PARTICLES.has(n.key) && k + 1 < tokens.length && tokens[k + 1].cap && NAMEABLE.has(tokens[k + 1].cls) && spaceGap(tokens[k + 1])) {
        k++;
        continue;
      }
      break;
    }
    evaluateRun(tokens, run, mark);
    i = run[run.length - 1] + 1;
  }
}

function evaluateRun(tokens: Token[], run: number[], mark: Mark): void {
  if (run.length === 0) return;
  // Initials are not evidence on their own; they only travel with the words around them.
  const words = run.filter((k) => !(tokens[k].text.length === 1));
  if (words.length === 0) return;
  const from = run[0];
  const to = run[run.length - 1];
  if (orgContext(tokens, from, to)) return;
  if (words.length === 1) {
    single(tokens, words[0], mark);
    return;
  }
  const a = tokens[words[0]];
  const b = tokens[words[1]];
  const ca = a.cls;
  const cb = b.cls;
  if (ca === 'G' && cb !== 'stop') return mark(from, to);
  if (ca === 'g' && (cb === 'G' || cb === 'F' || cb === 'U')) return mark(from, to);
  if (ca === 'F' && (cb === 'G' || cb === 'F')) return mark(from, to);
  if (ca === 'U' && a.upper && cb === 'G') return mark(from, to); // "FORTIN Gilles"
  if (ca === 'U' && (cb === 'F' || cb === 'G') && !a.sentStart) return mark(from, to);
  // Two unknown capitalised words acting as a subject mid-sentence: "..., Joaquin Esteves brought"
  if (ca === 'U' && cb === 'U' && words.length === 2 && !a.sentStart && subjectContext(tokens, words[1])) {
    return mark(from, to);
  }
  // Otherwise the first word is not evidence: look at the rest of the run.
  evaluateRun(tokens, run.slice(run.indexOf(words[1])), mark);
}

function single(tokens: Token[], i: number, mark: Mark): void {
  const t = tokens[i];
  if (t.upper && !t.cap) return; // a lone all-capitals word is more likely an acronym
  if (t.cls === 'G') {
    if (!t.sentStart || subjectContext(tokens, i)) mark(i, i);
  } else if (t.cls === 'F') {
    if (!t.sentStart || (subjectContext(tokens, i) && !COMMON_WORD_NAMES.has(t.key))) mark(i, i);
  }
}
