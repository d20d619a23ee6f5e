// Values the identity vault already holds (names, date of birth, address, phone), looked for in
// later free text. Matching is on whole words, ignoring case, accents and the punctuation between
// words, so the vault's "Hélène Côté" finds "helene cote" and "HÉLÈNE-CÔTÉ".
import { COMMON_WORD_NAMES, STOP_WORDS } from './pii-lexicon';
import { CHAR_UPPER, CHAR_WORD, charClass, foldKey, isDigitCode, prepareText } from './pii-text';
import { PII_KINDS, type KnownValue, type PiiFinding, type PiiKind } from './pii-types';

interface Atom {
  start: number;
  end: number;
  key: string;
  /** The atom's first letter is upper case in the text. */
  cap: boolean;
  /** Up to 4 characters between the previous atom and this one. */
  gap: string;
}

const MAX_VALUE_ATOMS = 12;
/** Gap allowed between two words of one value in the text: spaces and light punctuation. */
const JOINER = /^[ \t\-.,'/]{1,3}$/;

const CANONICAL_TYPES: Record<string, string> = {
  st: 'street',
  ave: 'avenue',
  av: 'avenue',
  rd: 'road',
  blvd: 'boulevard',
  boul: 'boulevard',
  bd: 'boulevard',
  cres: 'crescent',
  dr: 'drive',
  ct: 'court',
  ln: 'lane',
  pl: 'place',
  cir: 'circle',
  pkwy: 'parkway',
  hwy: 'highway',
  ch: 'chemin',
  rte: 'route',
};

const STREET_TYPES = new Set(
  (
    'street st avenue ave av road rd boulevard blvd crescent cres drive dr court ct lane ln way place pl terrace ' +
    'circle cir parkway pkwy highway hwy trail gate gardens square heights grove path row walk line close mews ' +
    'common landing loop point ridge hill park rue boul bd chemin ch rang montee cote route rte allee impasse ' +
    'promenade croissant carre terrasse'
  )
    .split(' ')
    .map((w) => CANONICAL_TYPES[w] ?? w),
);

const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTHS_FR = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];

/** Street types and directions compare by their full word ("Blvd" = "Boulevard", "E" = "East"). */
const CANONICAL = new Map<string, string>(
  Object.entries({
    st: 'street',
    ave: 'avenue',
    av: 'avenue',
    rd: 'road',
    blvd: 'boulevard',
    boul: 'boulevard',
    bd: 'boulevard',
    cres: 'crescent',
    dr: 'drive',
    ct: 'court',
    ln: 'lane',
    pl: 'place',
    cir: 'circle',
    pkwy: 'parkway',
    hwy: 'highway',
    ch: 'chemin',
    rte: 'route',
    e: 'east',
    w: 'west',
    n: 'north',
    s: 'south',
    est: 'east',
    ouest: 'west',
    nord: 'north',
    sud: 'south',
  }),
);
const DIRECTIONS = new Set(['east', 'west', 'north', 'south']);

function atomKey(raw: string): string {
  const k = foldKey(raw);
  const canonical = CANONICAL.get(k);
  if (canonical !== undefined) return canonical;
  // Numbers compare by value ("02" = "2"); ordinals lose their suffix ("1er", "2nd").
  const c = k.charCodeAt(0);
  if (c < 48 || c > 57) return k;
  const num = /^0*(\d+)(?:st|nd|rd|th|er|re|e)?$/.exec(k);
  if (num) return num[1] === '' ? '0' : num[1];
  return k;
}

export function atomize(plain: string): Atom[] {
  const atoms: Atom[] = [];
  const n = plain.length;
  let prevEnd = 0;
  let i = 0;
  while (i < n) {
    const first = charClass(plain.charCodeAt(i));
    if ((first & CHAR_WORD) === 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && (charClass(plain.charCodeAt(i)) & CHAR_WORD) !== 0) i++;
    const gap = plain.slice(Math.max(prevEnd, start - 4), start);
    atoms.push({ start, end: i, key: atomKey(plain.slice(start, i)), cap: (first & CHAR_UPPER) !== 0, gap });
    prevEnd = i;
  }
  return atoms;
}

function valueAtoms(value: string): string[] {
  return atomize(prepareText(value).plain).map((a) => a.key);
}

/** Word sequences that express a value; several for a date of birth. */
function sequencesFor(kind: PiiKind, value: string): string[][] {
  const base = valueAtoms(value).slice(0, MAX_VALUE_ATOMS);
  if (base.length === 0) return [];
  const seqs: string[][] = [base];
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(value);
  if (kind === 'DOB' && iso) {
    const y = String(+iso[1]);
    const mo = +iso[2];
    const d = String(+iso[3]);
    const mm = String(mo);
    if (mo >= 1 && mo <= 12) {
      seqs.push([d, mm, y], [mm, d, y]);
      const en = MONTHS_EN[mo - 1];
      for (const month of new Set([en, en.slice(0, 3), en === 'september' ? 'sept' : en, MONTHS_FR[mo - 1]])) {
        seqs.push([month, d, y], [d, month, y], [d, 'of', month, y], [d, 'de', month, y]);
      }
    }
  }
  if (kind === 'NAME' && base.length > 1) {
    // Each part of a multi-word name on its own ("Côté" from "Hélène Côté"), skipping particles.
    for (const part of base) if (part.length >= 3 && !STOP_WORDS.has(part)) seqs.push([part]);
  }
  if (kind === 'ADDRESS') {
    // The civic number and street name, without the unit or city after a comma, and without the
    // street type ("210 Ray Lawson" for "210 Ray Lawson Boulevard, Unit 5, Brampton").
    const comma = value.indexOf(',');
    const street = comma > 0 ? valueAtoms(value.slice(0, comma)) : base;
    if (comma > 0) seqs.push(street);
    if (street.length >= 3 && /^\d/.test(street[0]) && STREET_TYPES.has(street[street.length - 1])) {
      seqs.push(street.slice(0, -1));
    }
    // The street without its civic number ("near Ray Lawson Boulevard", "on Kingsway Crescent"),
    // with or without a direction, and a name of two words or more without its type ("Ray Lawson").
    if (street.length >= 3 && /^\d/.test(street[0])) {
      let name = street.slice(1);
      if (name.length >= 3 && DIRECTIONS.has(name[name.length - 1])) {
        seqs.push(name);
        name = name.slice(0, -1);
      }
      const typed = STREET_TYPES.has(name[name.length - 1]) || STREET_TYPES.has(name[0]);
      if (name.length >= 2 && typed) seqs.push(name);
      const bare = name.filter((w) => !STREET_TYPES.has(w));
      if (bare.length >= 2 && typed) seqs.push(bare);
    }
  }
  return seqs.filter((s) => s.length > 0);
}

export function findKnownValues(plain: string, values: readonly KnownValue[], out: PiiFinding[]): void {
  if (values.length === 0) return;
  const wordValues: { kind: PiiKind; value: string; seqs: string[][] }[] = [];
  for (const v of values) {
    if (!v || typeof v.value !== 'string' || v.value.trim().length < 2 || !PII_KINDS.includes(v.kind)) continue;
    const digits = v.value.replace(/\D/g, '');
    if ((v.kind === 'PHONE' || v.kind === 'SIN' || v.kind === 'HEALTH_CARD') && digits.length >= 7) {
      findDigitSequence(plain, v.kind === 'PHONE' && digits.length === 11 && digits[0] === '1' ? digits.slice(1) : digits, v.kind, out);
      continue;
    }
    if (v.kind === 'EMAIL') {
      findEmailValue(plain, v.value, out);
      continue;
    }
    wordValues.push({ kind: v.kind, value: v.value, seqs: sequencesFor(v.kind, v.value) });
  }
  if (wordValues.length === 0) return;
  const atoms = atomize(plain);
  // Index only the words that can start a value's sequence.
  const firsts = new Set<string>();
  for (const w of wordValues) for (const seq of w.seqs) firsts.add(seq[0]);
  const index = new Map<string, number[]>();
  for (let i = 0; i < atoms.length; i++) {
    const key = atoms[i].key;
    if (!firsts.has(key)) continue;
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  }
  for (const w of wordValues) {
    for (const seq of w.seqs) matchSequence(atoms, index, seq, w.kind, out);
    if (w.kind === 'NAME') findCutName(atoms, w.value, out);
  }
}

/**
 * A known name cut into pieces: "Harc ourt", "h-a-r-c-o-u-r-t", "Har.court". The letters of two or
 * more neighbouring words, joined, spell a part of the name (4 letters or more) exactly, from the
 * start of the first word to the end of the last. Short gaps only; linear in the words.
 */
function findCutName(atoms: Atom[], value: string, out: PiiFinding[]): void {
  for (const part of valueAtoms(value)) {
    if (part.length < 4 || STOP_WORDS.has(part)) continue;
    for (let i = 0; i < atoms.length; i++) {
      const first = atoms[i].key;
      if (first.length >= part.length || !part.startsWith(first)) continue;
      let joined = first;
      let j = i + 1;
      while (j < atoms.length && joined.length < part.length && /^[ \t\-.,_*/]{1,3}$/.test(atoms[j].gap) && atoms[j].start - atoms[j - 1].end <= 3) {
        joined += atoms[j].key;
        if (!part.startsWith(joined)) break;
        j++;
      }
      if (joined === part && j - i >= 2) out.push({ kind: 'NAME', start: atoms[i].start, end: atoms[j - 1].end });
    }
  }
}

function matchSequence(atoms: Atom[], index: Map<string, number[]>, seq: string[], kind: PiiKind, out: PiiFinding[]): void {
  const starts = index.get(seq[0]);
  if (!starts) return;
  // A one-word value that is also an everyday word ("Will", "Rose") only counts when capitalised.
  const needsCap = seq.length === 1 && (COMMON_WORD_NAMES.has(seq[0]) || STOP_WORDS.has(seq[0]));
  for (const i of starts) {
    if (i + seq.length > atoms.length) continue;
    let ok = true;
    for (let k = 1; k < seq.length && ok; k++) {
      const a = atoms[i + k];
      if (a.key !== seq[k]) ok = false;
      else if (!JOINER.test(a.gap)) ok = false;
    }
    if (!ok) continue;
    if (needsCap && !atoms[i].cap) continue;
    out.push({ kind, start: atoms[i].start, end: atoms[i + seq.length - 1].end });
  }
}

/** Digits of a phone, SIN or health card number, whatever separators the text uses. */
function findDigitSequence(plain: string, digits: string, kind: PiiKind, out: PiiFinding[]): void {
  const n = plain.length;
  let i = 0;
  while (i < n) {
    if (!isDigitCode(plain.charCodeAt(i))) {
      i++;
      continue;
    }
    // Collect a run of digits joined by separators, remembering where each digit sits.
    const positions: number[] = [];
    let j = i;
    let seps = 0;
    while (j < n && positions.length < 64) {
      const c = plain.charCodeAt(j);
      if (isDigitCode(c)) {
        positions.push(j);
        seps = 0;
      } else if ((c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 43) && seps < 3) {
        seps++;
      } else break;
      j++;
    }
    const run = positions.map((p) => plain[p]).join('');
    let at = run.indexOf(digits);
    while (at !== -1) {
      out.push({ kind, start: positions[at], end: positions[at + digits.length - 1] + 1 });
      at = run.indexOf(digits, at + 1);
    }
    i = Math.max(j, i + 1);
  }
}

function findEmailValue(plain: string, value: string, out: PiiFinding[]): void {
  const needle = foldKey(prepareText(value.trim()).plain);
  if (needle.length < 3) return;
  const hay = foldKey(plain);
  if (hay.length !== plain.length) return; // folding changed lengths (ligatures): offsets would drift
  let at = hay.indexOf(needle);
  while (at !== -1) {
    const before = at > 0 ? hay[at - 1] : ' ';
    const after = at + needle.length < hay.length ? hay[at + needle.length] : ' ';
    if (!/[\p{L}\p{N}.@_-]/u.test(before) && !/[\p{L}\p{N}@_-]/u.test(after)) out.push({ kind: 'EMAIL', start: at, end: at + needle.length });
    at = hay.indexOf(needle, at + 1);
  }
}
