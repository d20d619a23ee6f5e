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
import { familyKey, isInitial, NAMEABLE, nextToken, spaceGap, tokenize, type Token } from './pii-tokens';
import type { PiiFinding } from './pii-types';

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

/** A verb, a possessive or an age after the word: "Emily has", "Emily's", "Emily, 14,". */
function subjectContext(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (t.possessive) return true;
  const n = nextToken(tokens, i);
  if (!n) return false;
  if (SUBJECT_VERBS.has(n.key) && !n.cap && spaceGap(n)) return true;
  if (n.elision && (n.key === "n'" || n.key === "s'") && spaceGap(n)) return true;
  if (n.numeric && /^[ \t]?[,(][ \t]?$/.test(n.gap) && n.length <= 3) return true;
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
  honorifics(tokens, mark);
  introducers(tokens, used, mark);
  familyContexts(tokens, used, mark);
  appositions(tokens, used, mark);
  lowerCaseNames(tokens, used, mark);
  lowerCasePairs(tokens, used, mark);
  gazetteerRuns(tokens, used, mark);
}

type Mark = (from: number, to: number) => void;

const LOWER_HONORIFICS = new Set(['monsieur', 'madame', 'mademoiselle', 'mr', 'mrs', 'ms', 'dr', 'mme', 'mlle']);

/** Honorifics that must be capitalised to count ("Me" is also a pronoun, "Miss" a verb). */
const CAPITALISED_ONLY = new Set(['me', 'miss', 'sir', 'dame', 'pr']);

/** "M." for Monsieur, but not the "M" of "P.M." or an initial. */
function isMonsieur(tokens: Token[], i: number): boolean {
  const h = tokens[i];
  const afterLetterDot = i > 0 && h.gap.endsWith('.') && tokens[i - 1].length === 1;
  return h.cap && h.length === 1 && tokens[i + 1].gap.startsWith('.') && !afterLetterDot;
}

function honorifics(tokens: Token[], mark: Mark): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const h = tokens[i];
    const key = h.key;
    const honorific = HONORIFICS.has(key);
    const title = !honorific && TITLES.has(key) && (h.cap || h.upper);
    if (!honorific && !title) continue;
    const n = tokens[i + 1];
    if (!/^\.?[ \t]{1,2}$/.test(n.gap) || n.elision) continue;
    if (honorific) {
      // "MS" (the illness) or "DR" in capitals are abbreviations more often than honorifics.
      if (h.upper) continue;
      if (!h.cap && !LOWER_HONORIFICS.has(key)) continue;
      if (key === 'm' && !isMonsieur(tokens, i)) continue;
      if (CAPITALISED_ONLY.has(key) && !h.cap) continue;
      if (key === 'dame' && !n.cap) continue;
    }
    let ok = false;
    if ((n.cap || n.upper) && NAMEABLE.has(n.cls)) {
      if (honorific) ok = true;
      else {
        // Titles double as role nouns ("Chief Medical Officer"): need a known name or a lone word.
        const after = nextToken(tokens, i + 1);
        ok = n.cls !== 'U' || !after || !(after.cap && spaceGap(after));
      }
    } else if (honorific && !n.cap && !n.upper) {
      // "monsieur pelletier": lower case only for a gazetteer name
      ok = (GIVEN_NAMES.has(n.key) || FAMILY_NAMES.has(n.key)) && !STOP_WORDS.has(n.key);
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
    'named',
    'nicknamed',
    'goes by',
    'go by',
    'going by',
    'went by',
    'known as',
    'know him as',
    'know her as',
    'knows him as',
    'knows her as',
    'known to staff as',
    'known to police as',
    'name is',
    'name was',
    'names are',
    'first name is',
    'aka',
    'a k a',
    'alias',
    'identified herself as',
    'identified himself as',
    'identified themselves as',
    'introduced herself as',
    'introduced himself as',
    'calls herself',
    'calls himself',
    'calls themself',
    'referred to as',
    'nomme',
    'nommee',
    'nommes',
    'nommees',
    'prenomme',
    'prenommee',
    'surnomme',
    'surnommee',
    'denomme',
    'denommee',
    "s' appelle",
    "s' appelait",
    'se nomme',
    'se fait appeler',
    'du nom de',
    'sous le nom de',
    'son nom est',
    'son prenom est',
  ].map((w) => ({ words: w.split(' '), strength: 'strong' as const })),
  ...[
    'spoke to',
    'spoke with',
    'spoken to',
    'spoken with',
    'speaking to',
    'speaking with',
    'talked to',
    'talked with',
    'met with',
    'meeting with',
    'visited',
    'parle a',
    'parle avec',
    'rencontre',
    'discute avec',
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

const NO_INTRODUCERS: readonly Introducer[] = [];
const INTRO_GAP = /^[ \t"“”«»':]{1,4}$/;
const DETERMINERS = new Set(['a', 'an', 'one', 'un', 'une', 'another', 'some']);

function introducers(tokens: Token[], used: Uint8Array, mark: Mark): void {
  for (let i = 0; i < tokens.length; i++) {
    for (const intro of INTRO_BY_LAST_WORD.get(tokens[i].key) ?? NO_INTRODUCERS) {
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
    if (used[i] || !(t.cap || t.upper) || prev.possessive || !APPOSITION_NOUNS.has(prev.key)) continue;
    if (!t.gapSpace && !APPOSITION_GAP.test(t.gap)) continue;
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

function strongLower(key: string): boolean {
  return !COMMON_WORD_NAMES.has(key) && !STOP_WORDS.has(key) && !PLACES.has(key);
}

/** "chloe bergeron", "olivia chen": a full name written in lower case (a strong given name, then a
 * strong family name, or an unknown word followed by a verb: "emily harcourt has"), as people write
 * to slip past a capitalisation check. */
function lowerCasePairs(tokens: Token[], used: Uint8Array, mark: Mark): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    const n = tokens[i + 1];
    if (used[i] || used[i + 1] || t.cls !== 'lower' || n.cls !== 'lower' || !spaceGap(n) || t.possessive) continue;
    if (!GIVEN_NAMES.has(t.key) || WEAK_GIVEN.has(t.key) || !strongLower(t.key)) continue;
    const fam = familyKey(n.key);
    if (fam !== null && !WEAK_FAMILY.has(fam) && strongLower(n.key)) {
      mark(i, i + 1);
      i++;
      continue;
    }
    // "emily harcourt has bruises": an unknown lower-case word between a strong given name and a verb
    const v = i + 2 < tokens.length ? tokens[i + 2] : undefined;
    const unknown = fam === null && !GIVEN_NAMES.has(n.key) && strongLower(n.key) && n.length >= 4;
    if (unknown && v !== undefined && v.cls === 'lower' && spaceGap(v) && SUBJECT_VERBS.has(v.key)) {
      mark(i, i + 1);
      i++;
    }
  }
}

/** Longest run of capitalised words judged together. */
const MAX_RUN = 5;

function gazetteerRuns(tokens: Token[], used: Uint8Array, mark: Mark): void {
  // One scratch buffer for every run (token indices): a page of capitalised words makes thousands.
  const run = new Int32Array(MAX_RUN);
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (used[i] || !(t.cap || t.upper) || !NAMEABLE.has(t.cls) || t.phrase) {
      i++;
      continue;
    }
    // Build a run of capitalised name-like words separated by single spaces.
    run[0] = i;
    let size = 1;
    let k = i + 1;
    while (k < tokens.length && size < MAX_RUN) {
      const n = tokens[k];
      if (used[k] || tokens[k - 1].possessive) break;
      const gapOk = spaceGap(n) || (isInitial(tokens, k - 1) && /^\.[ \t]{1,2}$/.test(n.gap));
      if (!gapOk) break;
      if ((n.cap || n.upper) && NAMEABLE.has(n.cls) && !n.phrase) {
        run[size++] = k;
        k++;
        continue;
      }
      if (!n.cap && NAME_PARTICLES.has(n.key) && k + 1 < tokens.length && tokens[k + 1].cap && NAMEABLE.has(tokens[k + 1].cls) && spaceGap(tokens[k + 1])) {
        k++;
        continue;
      }
      break;
    }
    evaluateRun(tokens, run, size, mark);
    i = run[size - 1] + 1;
  }
}

/** Position in the run of the first word at or after position p that is not an initial; -1 if none. */
function nextWord(tokens: Token[], run: Int32Array, size: number, p: number): number {
  for (let q = p; q < size; q++) if (tokens[run[q]].length > 1) return q;
  return -1;
}

/**
 * Decides a run of capitalised words. When its first word is not evidence, the rest of the run is
 * judged on its own, and so on. The part being judged is a position in the same buffer, not a copy:
 * filtering and slicing the run again for every dropped word was close to 40% of everything a scan
 * of a page of unknown capitalised words allocated (every word is dropped there), and garbage
 * collection is what stretches a warm scan in a busy process.
 */
function evaluateRun(tokens: Token[], run: Int32Array, size: number, mark: Mark): void {
  if (size === 0) return;
  const to = run[size - 1];
  // Initials are not evidence on their own; they only travel with the words around them.
  let first = nextWord(tokens, run, size, 0); // the first word (not an initial) of the part being judged
  let from = run[0];
  while (first !== -1) {
    if (orgContext(tokens, from, to)) return;
    const second = nextWord(tokens, run, size, first + 1);
    if (second === -1) {
      single(tokens, run[first], mark);
      return;
    }
    const a = tokens[run[first]];
    const b = tokens[run[second]];
    const ca = a.cls;
    const cb = b.cls;
    if (ca === 'G' && cb !== 'stop') return mark(from, to);
    if (ca === 'g' && (cb === 'G' || cb === 'F' || cb === 'U')) return mark(from, to);
    if (ca === 'F' && (cb === 'G' || cb === 'F')) return mark(from, to);
    if (ca === 'U' && a.upper && cb === 'G') return mark(from, to); // "FORTIN Gilles"
    if (ca === 'U' && (cb === 'F' || cb === 'G') && !a.sentStart) return mark(from, to);
    // Two unknown capitalised words acting as a subject mid-sentence: "..., Joaquin Esteves brought",
    // but not the end of a longer capitalised phrase ("The Four Filter Approach is").
    const before = from > 0 ? tokens[from - 1] : undefined;
    const inTitle = before !== undefined && (before.cap || before.upper) && a.gapSpace;
    const twoWords = nextWord(tokens, run, size, second + 1) === -1;
    if (ca === 'U' && cb === 'U' && twoWords && !a.sentStart && !inTitle && subjectContext(tokens, run[second])) {
      return mark(from, to);
    }
    // Otherwise the first word is not evidence: judge the rest of the run, from the second word.
    first = second;
    from = run[second];
  }
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
