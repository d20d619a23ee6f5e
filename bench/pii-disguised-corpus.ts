// Builds test/corpus/pii-disguised.json: personal information disguised the way someone who wants
// it past the check would write it (look-alike letters of other scripts, mathematical and
// full-width forms, digits of other scripts, O for 0 and l/I for 1, any separator between digits,
// numbers and letters spelled out, "at ... dot" e-mail addresses, lower-case and split names,
// street names without numbers), each with its plain twin, and clean texts with the same surface
// features. Two parts: "tune" and "holdout"; the held-out part uses its own templates, values and
// seed, and is not looked at while tuning the detector. The look-alike table below is the
// adversary's own (hand-picked from the Unicode confusables list), independent of the detector's.
// Deterministic: run `tsc -p bench/tsconfig.json && node dist/bench/pii-disguised-corpus.js`.
// All data is invented: 555-01xx phones, random checksum-valid numbers, made-up people and streets.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { luhnValid } from '../src/modules/deidentification/pii-numbers';
import type { KnownValue, PiiKind } from '../src/modules/deidentification/pii-types';

type Split = 'tune' | 'holdout';

interface DisguisedCase {
  split: Split;
  lang: 'en' | 'fr';
  pii: PiiKind[];
  disguise: string;
  text: string;
  /** The same text with the value written plainly ('' for clean texts). */
  plain: string;
  known?: KnownValue[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let rnd = mulberry32(1);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const chance = (p: number): boolean => rnd() < p;

// ---------- the adversary's tools ----------

/** Look-alikes of Latin letters and digits in other scripts (Cyrillic, Greek, Armenian, Cherokee, Latin extensions). */
const LOOKALIKES: Record<string, string> = {
  a: 'аɑα',
  c: 'сϲ',
  d: 'ԁ',
  e: 'еҽ',
  g: 'ɡ',
  h: 'һ',
  i: 'іι',
  j: 'ј',
  k: 'κ',
  l: 'ӏ',
  n: 'ո',
  o: 'оοօ',
  p: 'рρ',
  q: 'ԛ',
  s: 'ѕ',
  u: 'υս',
  v: 'ν',
  w: 'ԝ',
  x: 'хχ',
  y: 'уγ',
  A: 'АΑᎪ',
  B: 'ВΒᏴ',
  C: 'СϹᏟ',
  E: 'ЕΕᎬ',
  H: 'НΗᎻ',
  I: 'ІΙӀ',
  J: 'ЈᎫ',
  K: 'КΚᏦ',
  M: 'МΜᎷ',
  N: 'Ν',
  O: 'ОΟՕ',
  P: 'РΡᏢ',
  S: 'ЅᏚ',
  T: 'ТΤᎢ',
  X: 'ХΧ',
  Y: 'ҮΥ',
  Z: 'ΖᏃ',
  0: 'Оо',
  3: 'З',
};

function confusable(value: string, rate = 0.5): string {
  let out = '';
  let changed = false;
  for (const ch of value) {
    const alts = LOOKALIKES[ch];
    if (alts && (chance(rate) || (!changed && chance(0.5)))) {
      out += pick([...alts]);
      changed = true;
    } else out += ch;
  }
  return changed ? out : confusable(value, 1);
}

/** Mathematical alphanumeric styles without holes: bold, sans-serif bold, monospace, sans-serif. */
const MATH_STYLES = [
  { upper: 0x1d400, lower: 0x1d41a, digit: 0x1d7ce },
  { upper: 0x1d5d4, lower: 0x1d5ee, digit: 0x1d7ec },
  { upper: 0x1d670, lower: 0x1d68a, digit: 0x1d7f6 },
  { upper: 0x1d5a0, lower: 0x1d5ba, digit: 0x1d7e2 },
];

function mathAlpha(value: string): string {
  const st = pick(MATH_STYLES);
  return [...value]
    .map((ch) => {
      const c = ch.charCodeAt(0);
      if (c >= 65 && c <= 90) return String.fromCodePoint(st.upper + c - 65);
      if (c >= 97 && c <= 122) return String.fromCodePoint(st.lower + c - 97);
      if (c >= 48 && c <= 57) return String.fromCodePoint(st.digit + c - 48);
      return ch;
    })
    .join('');
}

function fullWidth(value: string): string {
  return [...value].map((ch) => (ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
}

/** Digits of other scripts: Arabic-Indic, Eastern Arabic-Indic, Devanagari, Bengali, Thai, full-width, math double-struck. */
const DIGIT_BASES = [0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10, 0x1d7d8];

function otherDigits(value: string, mixed = false): string {
  const base = pick(DIGIT_BASES);
  return [...value].map((ch) => (/\d/.test(ch) && (!mixed || chance(0.6)) ? String.fromCodePoint(base + +ch) : ch)).join('');
}

/** O for 0, l or I for 1 (at least one). */
function letterDigits(value: string): string {
  let out = '';
  let changed = false;
  for (const ch of value) {
    if (ch === '0' && chance(0.7)) {
      out += pick(['O', 'O', 'o']);
      changed = true;
    } else if (ch === '1' && chance(0.7)) {
      out += pick(['l', 'I', 'l']);
      changed = true;
    } else out += ch;
  }
  if (changed || !/[01]/.test(value)) return out;
  return value.replace('0', 'O').replace('1', 'l');
}

/** Digits with separators: one per digit, or per group with odd separators (a version code stays after). */
function separated(value: string): string {
  const version = / ([A-Z]{2})$/.exec(value);
  const core = version ? value.slice(0, -3) : value;
  const digits = core.replace(/[^0-9OolI]/g, '');
  const tail = version ? ' ' + version[1] : '';
  const style = Math.floor(rnd() * 4);
  if (style === 0) return [...digits].join(pick([' ', '.', '-', '_', ' . ', '/', '  '])) + tail;
  const groups = core.split(/[^0-9OolI]+/).filter(Boolean);
  const sep = pick(['_', '/', ' / ', ' . ', ' _ ', '..', ' - ', '.', ' ']);
  if (style === 1) return groups.join(sep) + tail;
  const size = style === 2 ? 2 : 3;
  const parts: string[] = [];
  for (let k = 0; k < digits.length; k += size) parts.push(digits.slice(k, k + size));
  return parts.join(sep) + tail;
}

const EN_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const FR_DIGITS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const FR_TEENS = ['dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf'];
const FR_TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante', 'soixante', 'quatre-vingt', 'quatre-vingt'];

function enUnder100(n: number): string {
  if (n < 10) return EN_DIGITS[n];
  if (n < 20) return EN_TEENS[n - 10];
  return EN_TENS[Math.floor(n / 10)] + (n % 10 ? '-' + EN_DIGITS[n % 10] : '');
}

function frUnder100(n: number): string {
  if (n < 10) return FR_DIGITS[n];
  if (n < 20) return FR_TEENS[n - 10];
  const t = Math.floor(n / 10);
  const u = n % 10;
  if (t === 7 || t === 9) return FR_TENS[t] + (u === 1 && t === 7 ? '-et-' : '-') + FR_TEENS[u];
  if (u === 0) return FR_TENS[t] + (t === 8 ? 's' : '');
  return FR_TENS[t] + (u === 1 && t !== 8 ? '-et-' : '-') + FR_DIGITS[u];
}

function enUnder1000(n: number): string {
  if (n < 100) return enUnder100(n);
  return `${EN_DIGITS[Math.floor(n / 100)]} hundred${n % 100 ? (chance(0.5) ? ' and ' : ' ') + enUnder100(n % 100) : ''}`;
}

function frUnder1000(n: number): string {
  if (n < 100) return frUnder100(n);
  const h = Math.floor(n / 100);
  return `${h === 1 ? 'cent' : FR_DIGITS[h] + ' cent'}${n % 100 ? ' ' + frUnder100(n % 100) : ''}`;
}

/** Numbers in words: digit by digit, or in groups ("six forty-seven", "six cent treize"). */
function inWords(value: string, lang: 'en' | 'fr'): string {
  const digits = value.replace(/\D/g, '');
  const groups = value.split(/[^0-9]+/).filter(Boolean);
  const digitWord = (d: string): string => (lang === 'en' ? (d === '0' && chance(0.4) ? 'oh' : EN_DIGITS[+d]) : FR_DIGITS[+d]);
  const byDigit = (ds: string): string => [...ds].map(digitWord).join(pick([' ', ' ', '-', ', ']));
  if (chance(0.45)) return byDigit(digits);
  return groups
    .map((g) => {
      if (g.startsWith('0') || g.length > 4) return byDigit(g);
      if (g.length === 3) return lang === 'en' ? (chance(0.5) ? `${EN_DIGITS[+g[0]]} ${enUnder100(+g.slice(1))}` : enUnder1000(+g)) : frUnder1000(+g);
      if (g.length === 4 && g[2] !== '0')
        return lang === 'en' ? `${enUnder100(+g.slice(0, 2))} ${enUnder100(+g.slice(2))}` : `${frUnder100(+g.slice(0, 2))} ${frUnder100(+g.slice(2))}`;
      return byDigit(g);
    })
    .join(pick([', ', ' ', ' - ']));
}

function mixedWords(value: string, lang: 'en' | 'fr'): string {
  const groups = value.split(/[^0-9]+/).filter(Boolean);
  const k = Math.floor(rnd() * groups.length);
  return groups.map((g, i) => (i === k ? [...g].map((d) => (lang === 'en' ? EN_DIGITS[+d] : FR_DIGITS[+d])).join(' ') : g)).join(' ');
}

/** Letters one by one: "J-O-H-N", "j o h n", "E.M.I.L.Y". */
function spelled(value: string): string {
  const style = Math.floor(rnd() * 4);
  return value
    .split(' ')
    .map((w) => {
      const letters = [...w.replace(/[-']/g, '')];
      if (style === 0) return letters.map((c) => c.toUpperCase()).join('-');
      if (style === 1) return letters.map((c) => c.toLowerCase()).join(' ');
      if (style === 2) return letters.map((c) => c.toUpperCase()).join('.') + '.';
      return letters.join(pick([' ', '_', '*', ' - ']));
    })
    .join(style === 1 ? '   ' : ' ');
}

/** A name cut inside a word: "Harc ourt", "Del-gado", "Emi ly". */
function split(value: string): string {
  const words = value.split(' ');
  const k = Math.floor(rnd() * words.length);
  return words
    .map((w, i) => {
      if (i !== k || w.length < 4) return w;
      const at = 2 + Math.floor(rnd() * (w.length - 3));
      return w.slice(0, at) + pick([' ', ' ', '-', '.', '_']) + w.slice(at);
    })
    .join(' ');
}

// ---------- invented values ----------

const NAMES: Record<Split, string[]> = {
  tune: [
    'Emily Harcourt',
    'Kevin Delgado',
    'Amira Haddad',
    'Lucas Tremblay',
    'Sophie Gagnon',
    'Jason Okafor',
    'Priya Sharma',
    'Daniel Kowalski',
    'Chloé Bergeron',
    'Marcus Reid',
    'Fatima Benali',
    'Olivia Chen',
    'Nathan Pelletier',
    'Jessica Morin',
    'Ahmed Karimi',
    'Isabelle Roy',
    'Tyler Campbell',
    'Mei Wong',
    'Samuel Osei',
    'Julie Lavoie',
  ],
  holdout: [
    'Hannah Fitzgerald',
    'Omar Siddiqui',
    'Gabriel Fortin',
    'Naomi Mensah',
    'Ryan Sullivan',
    'Léa Bouchard',
    'Arjun Patel',
    'Megan Robertson',
    'Karim Mansour',
    'Émilie Cloutier',
    'Dylan MacDonald',
    'Rosa Martinez',
    'Patrick Nguyen',
    'Sarah Levesque',
  ],
};

function phone(): string {
  const area = pick(['416', '647', '905', '613', '514', '438', '289', '437', '819', '343']);
  return `${area}-555-01${String(Math.floor(rnd() * 100)).padStart(2, '0')}`;
}

function luhnComplete(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(prefix + d)) return prefix + d;
  throw new Error('unreachable');
}

function randomDigits(n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) s += String(Math.floor(rnd() * 10));
  return s;
}

function healthCard(): string {
  const ten = luhnComplete(String(1 + Math.floor(rnd() * 9)) + randomDigits(8));
  const version = chance(0.5) ? ' ' + pick(['AB', 'KT', 'XY', 'MG', 'PL']) : '';
  return `${ten.slice(0, 4)} ${ten.slice(4, 7)} ${ten.slice(7)}${version}`;
}

function sin(): string {
  const nine = luhnComplete(pick(['1', '2', '3', '4', '5', '6', '7', '9']) + randomDigits(7));
  return `${nine.slice(0, 3)} ${nine.slice(3, 6)} ${nine.slice(6)}`;
}

const POSTAL_FIRST = 'ABCEGHJKLMNPRSTVXY';
const POSTAL_OTHER = 'ABCEGHJKLMNPRSTVWXYZ';

function postal(): string {
  const d = (): string => String(Math.floor(rnd() * 10));
  // at least one 0 or 1 often, since those are the digits people swap for letters
  const code = `${pick([...POSTAL_FIRST])}${pick(['0', '1', d()])}${pick([...POSTAL_OTHER])} ${pick(['0', '1', d()])}${pick([...POSTAL_OTHER])}${d()}`;
  return code;
}

const STREETS: Record<Split, string[]> = {
  tune: ['Ray Lawson Boulevard', 'Maple Grove Drive', 'Queen Street West', 'Bramalea Road', 'Kingsway Crescent', 'Elm Avenue', 'Cedarbrae Road'],
  holdout: ['Willow Creek Street', 'Hurontario Street', 'Sandalwood Parkway', 'Birchmount Road', 'Lakeshore Boulevard'],
};
const RUES: Record<Split, string[]> = {
  tune: ['rue Ontario Est', 'boulevard Saint-Joseph', 'chemin de la Montagne', 'avenue des Érables', 'rue Principale Ouest'],
  holdout: ['rue Sherbrooke Est', 'boulevard Taschereau', 'chemin du Lac', 'avenue du Parc'],
};

function civic(): string {
  return String(pick([10, 101, 110, 210, 1001, 1100, 310, 1010, 41, 12, 1500, 2010, 7, 19, 100]));
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const ORD_EN = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
  'twenty-first',
  'twenty-second',
  'twenty-third',
  'twenty-fourth',
  'twenty-fifth',
  'twenty-sixth',
  'twenty-seventh',
  'twenty-eighth',
];

interface Dob {
  y: number;
  m: number;
  d: number;
}

function dob(): Dob {
  return { y: 2001 + Math.floor(rnd() * 18), m: 1 + Math.floor(rnd() * 12), d: 1 + Math.floor(rnd() * 28) };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (x: Dob): string => `${x.y}-${pad(x.m)}-${pad(x.d)}`;

function yearWords(y: number, lang: 'en' | 'fr'): string {
  const rest = y - 2000;
  if (lang === 'fr') return `deux mille${rest ? ' ' + frUnder100(rest) : ''}`;
  if (chance(0.5)) return `two thousand${rest ? (chance(0.5) ? ' and ' : ' ') + enUnder100(rest) : ''}`;
  return `twenty ${rest < 10 ? 'oh ' + EN_DIGITS[rest] : enUnder100(rest)}`;
}

function dobWords(x: Dob, lang: 'en' | 'fr'): string {
  if (lang === 'fr') return `${x.d === 1 ? 'premier' : frUnder100(x.d)} ${MONTHS_FR[x.m - 1]} ${yearWords(x.y, 'fr')}`;
  return chance(0.5) ? `${MONTHS_EN[x.m - 1]} ${ORD_EN[x.d]}, ${yearWords(x.y, 'en')}` : `the ${ORD_EN[x.d]} of ${MONTHS_EN[x.m - 1]} ${yearWords(x.y, 'en')}`;
}

// ---------- templates: {v} is the value; tune and held-out templates differ ----------

type Templates = Record<Split, Record<'en' | 'fr', string[]>>;

const T: Record<PiiKind, Templates> = {
  NAME: {
    tune: {
      en: [
        'Teacher says {v} has bruises again and is afraid to go home.',
        'The youth, {v}, left the group home on Friday night.',
        'Neighbour reports that {v} has not been seen since the eviction.',
        'School contacted the table because {v} missed eleven days in October.',
        'Worker spoke with {v} about the debts owed to a dealer.',
      ],
      fr: [
        "L'école signale que {v} arrive affamée et sans manteau.",
        'La travailleuse a rencontré {v} au refuge mardi.',
        'Selon la voisine, {v} ne sort plus depuis le décès de son conjoint.',
      ],
    },
    holdout: {
      en: [
        'Outreach found {v} sleeping behind the plaza again.',
        'Police attended twice because {v} was threatening the landlord.',
        'Nurse is worried that {v} stopped taking medication.',
      ],
      fr: ["Le père de {v} refuse toute aide depuis l'été.", 'La police a ramené {v} chez sa tante dimanche.'],
    },
  },
  PHONE: {
    tune: {
      en: [
        'Worker reached the uncle at {v}; he cannot keep the youth past Friday.',
        'Call the aunt at {v} if the baby is apprehended.',
        'Landlord left a number, {v}, and wants the unit empty.',
      ],
      fr: ['Joindre la grand-mère au {v} avant jeudi.', 'Le cousin a laissé son numéro, {v}, pour le suivi.'],
    },
    holdout: {
      en: ['Best way to reach the mother is {v} after six.', 'Text the sister on {v} about the meeting.'],
      fr: ['On peut rappeler le frère au {v} en soirée.'],
    },
  },
  EMAIL: {
    tune: {
      en: [
        'Concern sent by a neighbour from {v} about an adult who has not eaten in days.',
        'The aunt asked us to write to {v} with the shelter list.',
        'Teacher forwarded messages from {v} describing threats.',
      ],
      fr: ['Écrire à la tante, {v}, qui accepterait de loger le jeune.', 'Le voisin a envoyé une plainte depuis {v} hier.'],
    },
    holdout: {
      en: ['Reply to the cousin at {v} once the bed is confirmed.', 'Mother can be reached by e-mail: {v}.'],
      fr: ["Le signalement vient de l'adresse {v} selon le CLSC."],
    },
  },
  HEALTH_CARD: {
    tune: {
      en: [
        'Health card {v} flagged at three pharmacies for early refills.',
        'ER record under health card number {v} shows four overdoses.',
        'OHIP {v} was used at two clinics on the same day.',
      ],
      fr: ['Carte santé {v} présentée à trois pharmacies ce mois-ci.', 'Numéro de carte santé : {v}, visites répétées à l’urgence.'],
    },
    holdout: {
      en: ['Hospital matched the visits through health card {v}.', 'Her OHIP number is {v} according to the clinic.'],
      fr: ["L'hôpital a retrouvé la carte santé {v} au dossier."],
    },
  },
  SIN: {
    tune: {
      en: [
        'Benefits stopped for SIN {v} after a missed review; no income since June.',
        'Landlord is holding his social insurance number, {v}, as leverage.',
        'Ontario Works file for SIN {v} was closed in error.',
      ],
      fr: ['Prestations suspendues pour le NAS {v} depuis juin.', "Le numéro d'assurance sociale {v} aurait été volé."],
    },
    holdout: {
      en: ['Employer kept the SIN {v} and wages were never paid.', 'Her social insurance number {v} was used by the boyfriend.'],
      fr: ['Le NAS {v} figure sur le bail frauduleux.'],
    },
  },
  POSTAL_CODE: {
    tune: {
      en: [
        'Rooming house near {v} has had five police calls for fights this month.',
        'Family moved to a basement unit in {v} without heat.',
        'Client sleeps in a car parked around {v} most nights.',
      ],
      fr: ['Maison de chambres près de {v}, cinq appels à la police ce mois-ci.', 'La famille vit dans un sous-sol du secteur {v} sans chauffage.'],
    },
    holdout: {
      en: ['Drug house reported at postal code {v} again.', 'Senior lives alone in {v} and has no groceries.'],
      fr: ['Le jeune dort chez un ami dans le code postal {v}.'],
    },
  },
  ADDRESS: {
    tune: {
      en: ['Fire crews found extreme hoarding at {v}.', 'Youth is couch-surfing at {v} with two adults who sell drugs.', 'Police were called to {v} three times this week.'],
      fr: ['Accumulation extrême constatée au {v}.', 'La jeune dort au {v} chez des adultes inconnus.'],
    },
    holdout: {
      en: ['Landlord at {v} cut off the heat in January.', 'Neighbours at {v} hear screaming every night.'],
      fr: ['Les pompiers sont intervenus au {v} pour un feu de cuisinière.'],
    },
  },
  DOB: {
    tune: {
      en: ['Youth (DOB {v}) left the shelter and is staying with older men.', 'Client born {v} is refusing all services.', 'Date of birth: {v}; school absences since September.'],
      fr: ['Date de naissance : {v}, absences scolaires répétées.', 'Jeune né le {v}, fugue depuis dimanche.'],
    },
    holdout: {
      en: ['Girl, born on {v}, is missing from the group home.', 'DOB {v}; repeated visits to the ER.'],
      fr: ['Adolescente née le {v}, hébergée chez un inconnu.'],
    },
  },
};

// ---------- disguises per kind ----------

type Disguise = (v: string, lang: 'en' | 'fr') => string;

const NAME_DISGUISES: Record<string, Disguise> = {
  confusable: (v) => confusable(v),
  math: (v) => mathAlpha(v),
  fullwidth: (v) => fullWidth(v),
  spelled: (v) => spelled(v),
  'spelled-family': (v) => v.split(' ')[0] + ' ' + spelled(v.split(' ').slice(1).join(' ')),
  lowercase: (v) => v.toLowerCase(),
  split: (v) => split(v),
  'lowercase-split': (v) => split(v.toLowerCase()),
  'confusable-lowercase': (v) => confusable(v.toLowerCase()),
};

const NUMBER_DISGUISES: Record<string, Disguise> = {
  'other-digits': (v) => otherDigits(v),
  'mixed-digits': (v) => otherDigits(v, true),
  math: (v) => mathAlpha(v),
  fullwidth: (v) => fullWidth(v),
  'letters-for-digits': (v) => letterDigits(v),
  separators: (v) => separated(v),
  'letters-and-separators': (v) => separated(letterDigits(v)),
  words: (v, lang) => inWords(v.replace(/ [A-Z]{2}$/, ''), lang),
  'words-mixed': (v, lang) => mixedWords(v.replace(/ [A-Z]{2}$/, ''), lang),
};

const EMAIL_DISGUISES: Record<string, Disguise> = {
  'at-dot': (v) =>
    v
      .replace('@', ' at ')
      .replace(/\.(?=[^.]*$)/, ' dot ')
      .replace(/\.(?=.* at )/g, ' dot '),
  brackets: (v) => v.replace('@', pick([' [at] ', ' (at) ', '{at}', ' [AT] ', '(@)'])).replace(/\.(?=[^.]*$)/, pick([' [dot] ', ' (dot) ', '[.]', ' DOT ', '(.)'])),
  'at-dot-caps': (v) => v.replace('@', ' AT ').replace(/\.(?=[^.]*$)/, ' DOT '),
  arobase: (v) => v.replace('@', ' arobase ').replace(/\.(?=[^.]*$)/, ' point '),
  'spaced-symbols': (v) => v.replace('@', ' @ ').replace(/\./g, ' . '),
  'lookalike-at': (v) => v.replace('@', pick(['＠', '﹫', ' ＠ '])),
  'lookalike-dot': (v) => v.replace(/\.(?=[^.]*$)/, pick(['․', '。', '．', '｡'])).replace('@', pick(['@', '＠'])),
  'at-real-dot': (v) => v.replace('@', pick([' at ', ' chez ', ' arobase '])),
  confusable: (v) => confusable(v, 0.3),
};

function localPart(name: string): string {
  const [g, f] = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(' ');
  return pick([`${g}.${f}`, `${g[0]}${f}`, `${g}_${f}${Math.floor(rnd() * 90 + 10)}`, `${f}.${g[0]}`, `${g}${f[0]}`]);
}

const DOMAINS: Record<Split, string[]> = {
  tune: ['gmail.com', 'outlook.com', 'hotmail.ca', 'videotron.ca', 'yahoo.ca', 'rogers.com', 'protonmail.com'],
  holdout: ['live.ca', 'icloud.com', 'sympatico.ca', 'bell.net', 'gmail.com', 'cogeco.ca'],
};

const POSTAL_DISGUISES: Record<string, Disguise> = {
  'letters-for-digits': (v) => letterDigits(v),
  lowercase: (v) => letterDigits(v).toLowerCase(),
  separators: (v) => [...v.replace(' ', '')].join(pick([' ', '-', '.', '_', ' . '])),
  'odd-separator': (v) => v.replace(' ', pick(['_', '/', ' / ', '.', ' - ', '   '])),
  confusable: (v) => confusable(v, 0.6),
  math: (v) => mathAlpha(v),
  fullwidth: (v) => fullWidth(v),
  'other-digits': (v) => otherDigits(v),
  words: (v, lang) => [...v.replace(' ', '')].map((c) => (/\d/.test(c) ? (lang === 'en' ? EN_DIGITS[+c] : FR_DIGITS[+c]) : c)).join(' '),
};

const DOB_DISGUISES: Record<string, (x: Dob, lang: 'en' | 'fr') => string> = {
  'letters-for-digits': (x) => letterDigits(pick([iso(x), `${pad(x.d)}/${pad(x.m)}/${x.y}`])),
  separators: (x) =>
    pick([
      `${x.y}${pick(['_', ' / ', ' ', ' . ', ' - '])}${pad(x.m)}${pick(['_', ' / ', ' ', ' . ', ' - '])}${pad(x.d)}`,
      `${pad(x.d)} ${pad(x.m)} ${x.y}`,
      [...`${pad(x.d)}${pad(x.m)}${x.y}`].join(' '),
    ]),
  'other-digits': (x) => otherDigits(iso(x)),
  math: (x) => mathAlpha(pick([iso(x), `${MONTHS_EN[x.m - 1]} ${x.d}, ${x.y}`])),
  'confusable-month': (x, lang) => (lang === 'en' ? `${confusable(MONTHS_EN[x.m - 1], 0.4)} ${x.d}, ${x.y}` : `${x.d} ${confusable(MONTHS_FR[x.m - 1], 0.4)} ${x.y}`),
  words: (x, lang) => dobWords(x, lang),
  'year-in-words': (x, lang) => (lang === 'en' ? `${MONTHS_EN[x.m - 1]} ${x.d}, ${yearWords(x.y, 'en')}` : `${x.d} ${MONTHS_FR[x.m - 1]} ${yearWords(x.y, 'fr')}`),
  fullwidth: (x) => fullWidth(iso(x)),
};

const ADDRESS_DISGUISES: Record<string, (civ: string, street: string, lang: 'en' | 'fr') => string> = {
  'letters-for-digits': (c, s) => `${letterDigits(c)} ${s}`,
  'spaced-digits': (c, s) => `${[...c].join(pick([' ', '.', '-']))} ${s}`,
  'number-in-words': (c, s, lang) => `${lang === 'en' ? enUnder1000(+c % 1000 === +c ? +c : +c.slice(-2)) : frUnder1000(+c % 1000 === +c ? +c : +c.slice(-2))} ${s}`,
  confusable: (c, s) => `${c} ${confusable(s, 0.3)}`,
  math: (c, s) => mathAlpha(`${c} ${s}`),
  lowercase: (c, s) => `${c} ${s.toLowerCase()}`,
  'other-digits': (c, s) => `${otherDigits(c)} ${s}`,
  fullwidth: (c, s) => fullWidth(`${c} ${s}`),
};

// ---------- generation ----------

function fill(template: string, v: string): string {
  return template.replace('{v}', v);
}

function generate(split: Split, perKind: number, seed: number): DisguisedCase[] {
  rnd = mulberry32(seed);
  const out: DisguisedCase[] = [];
  const add = (kind: PiiKind, disguise: string, lang: 'en' | 'fr', make: () => [string, string]): void => {
    const template = pick(T[kind][split][lang]);
    const [plain, disguised] = make();
    out.push({ split, lang, pii: [kind], disguise, text: fill(template, disguised), plain: fill(template, plain) });
  };
  const langFor = (i: number): 'en' | 'fr' => (i % 3 === 2 ? 'fr' : 'en');
  const run = (kind: PiiKind, disguises: Record<string, Disguise>, value: (lang: 'en' | 'fr') => string): void => {
    const names = Object.keys(disguises);
    for (let i = 0; i < perKind; i++) {
      const d = names[i % names.length];
      const lang = langFor(i);
      add(kind, d, lang, () => {
        const v = value(lang);
        return [v, disguises[d](v, lang)];
      });
    }
  };
  run('NAME', NAME_DISGUISES, () => pick(NAMES[split]));
  run('PHONE', NUMBER_DISGUISES, () => phone());
  run('HEALTH_CARD', NUMBER_DISGUISES, () => healthCard());
  run('SIN', NUMBER_DISGUISES, () => sin());
  run('POSTAL_CODE', POSTAL_DISGUISES, () => postal());
  run('EMAIL', EMAIL_DISGUISES, () => `${localPart(pick(NAMES[split]))}@${pick(DOMAINS[split])}`);
  const dobNames = Object.keys(DOB_DISGUISES);
  for (let i = 0; i < perKind; i++) {
    const d = dobNames[i % dobNames.length];
    const lang = langFor(i);
    const x = dob();
    add('DOB', d, lang, () => [lang === 'en' ? iso(x) : `${x.d} ${MONTHS_FR[x.m - 1]} ${x.y}`, DOB_DISGUISES[d](x, lang)]);
  }
  const addrNames = Object.keys(ADDRESS_DISGUISES);
  for (let i = 0; i < perKind; i++) {
    const d = addrNames[i % addrNames.length];
    const lang = langFor(i);
    const c = civic();
    const street = lang === 'en' ? pick(STREETS[split]) : pick(RUES[split]);
    add('ADDRESS', d, lang, () => [`${c} ${street}`, ADDRESS_DISGUISES[d](c, street, lang)]);
  }
  out.push(...laterText(split));
  return out;
}

/** Later free text (updates): the vault holds the identity; the text disguises it. */
function laterText(split: Split): DisguisedCase[] {
  const out: DisguisedCase[] = [];
  const people = NAMES[split];
  const streets = STREETS[split];
  const updates: Record<Split, string[]> = {
    tune: [
      'Update: {v} attended the first appointment and accepted the food bank referral.',
      'Lead agency met {v} at the clinic; housing application filed.',
      'Suivi : {v} a accepté le rendez-vous en santé mentale.',
    ],
    holdout: ['Follow-up: {v} agreed to see the nurse next week.', 'Mise à jour : {v} est retournée chez sa mère.'],
  };
  const streetUpdates: Record<Split, string[]> = {
    tune: ['Workers visited the unit on {v} and found it empty.', 'Youth was seen again near {v} after curfew.'],
    holdout: ['Police patrol now passes along {v} every evening.'],
  };
  const count = split === 'tune' ? 18 : 10;
  for (let i = 0; i < count; i++) {
    const person = pick(people);
    const [given, family] = person.split(' ');
    const c = civic();
    const street = pick(streets);
    const known: KnownValue[] = [
      { kind: 'NAME', value: person },
      { kind: 'ADDRESS', value: `${c} ${street}, Unit 4` },
    ];
    const kindPick = i % 3;
    if (kindPick === 2) {
      const template = pick(streetUpdates[split]);
      const bare = street.replace(/ (West|East|North|South)$/, '');
      const disguised = pick([bare, bare.toLowerCase(), street, confusable(bare, 0.2)]);
      out.push({ split, lang: 'en', pii: ['ADDRESS'], disguise: 'known-street-without-number', text: fill(template, disguised), plain: fill(template, `${c} ${street}`), known });
      continue;
    }
    const template = pick(updates[split]);
    const lang = template.startsWith('Suivi') || template.startsWith('Mise') ? 'fr' : 'en';
    const form = pick([
      ['known-lowercase', person.toLowerCase()],
      ['known-split', split_(family)],
      ['known-spelled', spelled(family)],
      ['known-given-spelled', spelled(given)],
      ['known-confusable', confusable(family, 0.4)],
      ['known-lowercase-family', family.toLowerCase()],
    ] as const);
    out.push({ split, lang, pii: ['NAME'], disguise: form[0], text: fill(template, form[1]), plain: fill(template, person), known });
  }
  return out;
}

const split_ = (w: string): string => split(w);

// ---------- clean texts with the same surface features (hand-written) ----------

const CLEAN: Record<Split, { lang: 'en' | 'fr'; text: string; known?: KnownValue[] }[]> = {
  tune: [
    { lang: 'en', text: 'He talks about getting rich at the dot-com he wants to start; no income since June.' },
    { lang: 'en', text: 'Youth rides the O-line bus to school and back, alone, two or three times a week.' },
    { lang: 'en', text: 'The C-A-S worker and the O-P-P officer attended together on Tuesday.' },
    { lang: 'en', text: 'Mother spelled it out for the worker: N-O, she will not let the father in.' },
    { lang: 'en', text: 'Five or six youths gather at the park; one of them is fourteen.' },
    { lang: 'en', text: 'She owes three hundred and fifty dollars to a man who visits twice a week.' },
    { lang: 'en', text: 'The table has twenty-four to forty-eight hours to mobilise, one agency leads.' },
    { lang: 'en', text: 'Grace period on the rent ended; the will to keep going is low, says the worker.' },
    { lang: 'en', text: 'Staff will mark the file and bill the hours; hope is that the rose garden program helps.' },
    { lang: 'en', text: 'Client had a frank talk with the nurse about the summer and the joy she lost.' },
    { lang: 'en', text: 'Adult male, 40-59, sleeping at the bus terminal since October; frostbite on both hands.' },
    { lang: 'en', text: 'We met at noon at the library; the dot on the map shows the encampment, not a home.' },
    { lang: 'en', text: 'The ER visit at 3 a.m. was the third this month; the CMHA team is at capacity.' },
    { lang: 'en', text: '𝐔𝐫𝐠𝐞𝐧𝐭: adult female, 60-79, no food in the unit and no family nearby.' },
    { lang: 'en', text: 'Ｎｏｔｅ： the youth refuses school; two suspensions this term.' },
    { lang: 'en', text: 'Risk score went from 3 / 10 to 8 / 10 in two weeks, according to the school.' },
    { lang: 'en', text: 'She pays 1_200 a month for a room; the heat is off half the time.' },
    { lang: 'en', text: 'Meet at the coffee shop at ten; the worker will be there at nine forty-five.' },
    { lang: 'en', text: 'Room 1O2 at the shelter has a broken lock, staff say.' },
    { lang: 'en', text: 'Ages of the children: four, seven and eleven; all three missed the dentist.' },
    { lang: 'en', text: 'The P.S.W. visits once a day; the O.T. assessment is pending.' },
    { lang: 'en', text: 'Youth says the word is spelled g-a-n-g on the wall near the school.' },
    { lang: 'en', text: 'He keeps saying at least six times a day that everything is fine.' },
    { lang: 'en', text: 'Rent went up by one hundred dollars in May; April was already late.' },
    { lang: 'en', text: 'Worker will drop by at the end of the day, dot the i-s on the safety plan.' },
    { lang: 'en', text: 'Level 2 of the building, unit count unknown; the elevator is out.' },
    { lang: 'en', text: 'Youth has a part-time job at the mall; a manager named in the complaint is not a party.' },
    { lang: 'fr', text: 'Le jeune prend la ligne O du bus deux ou trois fois par semaine.' },
    { lang: 'fr', text: "La travailleuse et l'agente de la S-Q sont passées mardi." },
    { lang: 'fr', text: 'Cinq ou six jeunes se rassemblent au parc; le plus jeune a quatorze ans.' },
    { lang: 'fr', text: 'Elle doit trois cent cinquante dollars à un homme qui passe deux fois par semaine.' },
    { lang: 'fr', text: "Au point de service, on a noté deux visites à l'urgence en mars." },
    { lang: 'fr', text: 'Le point de départ du plan est le logement; la table a quarante-huit heures.' },
    { lang: 'fr', text: 'Elle paie six cent treize dollars pour une chambre sans chauffage.' },
    { lang: 'fr', text: 'Le dossier a été fermé à ce point, selon le CLSC, faute de consentement.' },
    { lang: 'fr', text: 'Score de risque passé de 3 / 10 à 8 / 10 en deux semaines.' },
    { lang: 'fr', text: "Homme de 40-59 ans, sans domicile depuis l'automne, dort sous un viaduc." },
    { lang: 'fr', text: 'Les enfants ont quatre, sept et onze ans; aucun suivi médical depuis un an.' },
    { lang: 'fr', text: 'Elle se sent comme une rose fanée, dit la travailleuse; aucune joie depuis mai.' },
    { lang: 'fr', text: "Rencontre à dix heures; l'intervenante arrive à neuf heures quarante-cinq." },
    {
      lang: 'en',
      text: 'Update: client attended the food bank and accepted the referral.',
      known: [
        { kind: 'NAME', value: 'Emily Harcourt' },
        { kind: 'ADDRESS', value: '210 Ray Lawson Boulevard, Unit 5' },
      ],
    },
    {
      lang: 'en',
      text: 'Youth was seen near Queen and Main after curfew; no contact made.',
      known: [
        { kind: 'NAME', value: 'Kevin Delgado' },
        { kind: 'ADDRESS', value: '41 Maple Grove Drive' },
      ],
    },
    { lang: 'en', text: 'Worker will call the mark of the week a success: three appointments kept.', known: [{ kind: 'NAME', value: 'Mark Harcourt' }] },
    {
      lang: 'en',
      text: 'Follow-up at the clinic on the east side went well; the daughter joined.',
      known: [
        { kind: 'NAME', value: 'Lucas Tremblay' },
        { kind: 'ADDRESS', value: '12 Elm Avenue' },
      ],
    },
    {
      lang: 'fr',
      text: 'Suivi : la cliente a accepté le rendez-vous en santé mentale.',
      known: [
        { kind: 'NAME', value: 'Sophie Gagnon' },
        { kind: 'ADDRESS', value: '1200 rue Ontario Est' },
      ],
    },
  ],
  holdout: [
    { lang: 'en', text: 'The older brother wants to work at a dot-com in the city; he quit school.' },
    { lang: 'en', text: 'The N-line bus stops right at the shelter; youth takes it two or three times a day.' },
    { lang: 'en', text: 'An R-C-M-P liaison joined the call; the E-M-S crew had left.' },
    { lang: 'en', text: 'Three or four adults use the unit; one is seventy-two and frail.' },
    { lang: 'en', text: 'She was paid four hundred dollars for two weeks of work, then nothing.' },
    { lang: 'en', text: 'Bill is past due and the will was never signed; hope fades, the worker says.' },
    { lang: 'en', text: 'He will pat the dog and sue nobody, he says; the summer was hard.' },
    { lang: 'en', text: 'Meeting at the drop-in at eleven thirty; nurse on site at noon.' },
    { lang: 'en', text: 'Ｕｐｄａｔｅ： the family declined the referral again.' },
    { lang: 'en', text: 'School rates attendance at 2 / 5 and dropping since the move.' },
    { lang: 'en', text: 'Bed 1O at the shelter was given to someone else last night.' },
    { lang: 'en', text: 'The kids are six, nine and twelve; none has a family doctor.' },
    { lang: 'en', text: 'Food bank at the church is open at 9; he goes at least twice a week.' },
    { lang: 'fr', text: "L'aîné veut travailler dans un point-com en ville; il a quitté l'école." },
    { lang: 'fr', text: "Un agent de la G-R-C s'est joint à l'appel; les ambulanciers étaient partis." },
    { lang: 'fr', text: 'Trois ou quatre adultes occupent le logement; un a soixante-douze ans.' },
    { lang: 'fr', text: 'Elle a reçu quatre cents dollars pour deux semaines de travail.' },
    { lang: 'fr', text: 'On fera le point vendredi à onze heures trente avec la santé publique.' },
    { lang: 'fr', text: 'Les enfants ont six, neuf et douze ans; aucun médecin de famille.' },
    {
      lang: 'en',
      text: 'Follow-up: client kept the appointment and accepted the referral.',
      known: [
        { kind: 'NAME', value: 'Hannah Fitzgerald' },
        { kind: 'ADDRESS', value: '19 Willow Creek Street' },
      ],
    },
    {
      lang: 'en',
      text: 'Youth was seen near Main and Second after curfew.',
      known: [
        { kind: 'NAME', value: 'Omar Siddiqui' },
        { kind: 'ADDRESS', value: '1500 Hurontario Street, Unit 2' },
      ],
    },
    {
      lang: 'fr',
      text: 'Mise à jour : la jeune est retournée chez sa mère.',
      known: [
        { kind: 'NAME', value: 'Léa Bouchard' },
        { kind: 'ADDRESS', value: '310 rue Sherbrooke Est' },
      ],
    },
  ],
};

// ---------- hand-written: several tricks at once, as a person would type them (held out) ----------

const HAND: { lang: 'en' | 'fr'; pii: PiiKind[]; text: string; plain: string; known?: KnownValue[] }[] = [
  { lang: 'en', pii: ['NAME'], text: 'Mom says her boyfriend D.E.R.E.K has a gun in the closet.', plain: 'Mom says her boyfriend Derek has a gun in the closet.' },
  { lang: 'en', pii: ['NAME'], text: 'School worried about 𝓙𝓪𝓼𝓸𝓷 who sleeps in class every day.', plain: 'School worried about Jason who sleeps in class every day.' },
  {
    lang: 'en',
    pii: ['NAME'],
    text: 'Neighbour says m a r i a   g o n z a l e z is left alone with the baby.',
    plain: 'Neighbour says Maria Gonzalez is left alone with the baby.',
  },
  {
    lang: 'en',
    pii: ['NAME'],
    text: 'The girl (Ｊｅｓｓｉｃａ) told the nurse she is afraid of her stepdad.',
    plain: 'The girl (Jessica) told the nurse she is afraid of her stepdad.',
  },
  { lang: 'en', pii: ['NAME'], text: 'Teacher reports that Mіchael Вrown came in with a black eye.', plain: 'Teacher reports that Michael Brown came in with a black eye.' },
  { lang: 'en', pii: ['NAME'], text: 'Shelter staff know him as T-Y-R-O-N-E, he owes money to a dealer.', plain: 'Shelter staff know him as Tyrone, he owes money to a dealer.' },
  { lang: 'en', pii: ['NAME'], text: 'youth worker says jennifer lopez stopped coming to the drop-in.', plain: 'Youth worker says Jennifer Lopez stopped coming to the drop-in.' },
  {
    lang: 'fr',
    pii: ['NAME'],
    text: "L'enseignante dit que m.a.t.h.i.e.u b.o.u.c.h.e.r dort dans sa voiture.",
    plain: "L'enseignante dit que Mathieu Boucher dort dans sa voiture.",
  },
  {
    lang: 'fr',
    pii: ['NAME'],
    text: 'La voisine affirme que Nаthаlie Сôté ne mange plus depuis une semaine.',
    plain: 'La voisine affirme que Nathalie Côté ne mange plus depuis une semaine.',
  },
  {
    lang: 'en',
    pii: ['NAME'],
    text: 'Update: the client (ha rcourt) attended the food bank.',
    plain: 'Update: the client (Harcourt) attended the food bank.',
    known: [{ kind: 'NAME', value: 'Emily Harcourt' }],
  },
  {
    lang: 'en',
    pii: ['NAME'],
    text: 'Update: E_M_I_L_Y agreed to meet the nurse on Monday.',
    plain: 'Update: Emily agreed to meet the nurse on Monday.',
    known: [{ kind: 'NAME', value: 'Emily Harcourt' }],
  },
  {
    lang: 'fr',
    pii: ['NAME'],
    text: 'Suivi : ｇａｇｎｏｎ a accepté la référence en logement.',
    plain: 'Suivi : Gagnon a accepté la référence en logement.',
    known: [{ kind: 'NAME', value: 'Sophie Gagnon' }],
  },
  { lang: 'en', pii: ['PHONE'], text: 'Auntie can be reached at four one six, five five five, oh one four two.', plain: 'Auntie can be reached at 416-555-0142.' },
  { lang: 'en', pii: ['PHONE'], text: 'Call the grandmother: 9O5 - 555 - Ol77 after supper.', plain: 'Call the grandmother: 905-555-0177 after supper.' },
  { lang: 'en', pii: ['PHONE'], text: "Dad's cell is ６４７.５５５.０１８３ but he rarely answers.", plain: "Dad's cell is 647.555.0183 but he rarely answers." },
  { lang: 'en', pii: ['PHONE'], text: 'Text the sister at 4 3 7 5 5 5 0 1 9 9 before Friday.', plain: 'Text the sister at 437-555-0199 before Friday.' },
  { lang: 'fr', pii: ['PHONE'], text: 'Rappeler la mère au cinq un quatre, cinq cinq cinq, zéro un six huit.', plain: 'Rappeler la mère au 514-555-0168.' },
  { lang: 'fr', pii: ['PHONE'], text: "L'oncle a donné le 819_555_0124 pour le suivi.", plain: "L'oncle a donné le 819-555-0124 pour le suivi." },
  { lang: 'en', pii: ['EMAIL'], text: 'Complaint came from jay dot smith99 at gmail dot com last night.', plain: 'Complaint came from jay.smith99@gmail.com last night.' },
  {
    lang: 'en',
    pii: ['EMAIL'],
    text: 'Write to the aunt: patty_k [at] hotmail [dot] com, she will take the kids.',
    plain: 'Write to the aunt: patty_k@hotmail.com, she will take the kids.',
  },
  { lang: 'en', pii: ['EMAIL'], text: 'Landlord uses r.mills ＠ rogers . com for all notices.', plain: 'Landlord uses r.mills@rogers.com for all notices.' },
  { lang: 'fr', pii: ['EMAIL'], text: 'Écrire au père : marc.lebel arobase videotron point ca.', plain: 'Écrire au père : marc.lebel@videotron.ca.' },
  { lang: 'fr', pii: ['EMAIL'], text: 'La tante a écrit depuis julie(at)sympatico(point)ca hier soir.', plain: 'La tante a écrit depuis julie@sympatico.ca hier soir.' },
  { lang: 'en', pii: ['HEALTH_CARD'], text: 'Health card number is 2 3 4 5 - 6 7 8 - 9 0 4 per the ER.', plain: 'Health card number is 2345-678-904 per the ER.' },
  { lang: 'en', pii: ['HEALTH_CARD'], text: 'OHIP l234_567_897 AB flagged for early refills.', plain: 'OHIP 1234 567 897 AB flagged for early refills.' },
  { lang: 'fr', pii: ['HEALTH_CARD'], text: 'Carte santé : un deux trois quatre, cinq six sept, huit neuf sept.', plain: 'Carte santé : 1234 567 897.' },
  { lang: 'en', pii: ['SIN'], text: 'His SIN is one nine three, four five six, seven eight seven.', plain: 'His SIN is 193 456 787.' },
  { lang: 'en', pii: ['SIN'], text: 'SIN: ١٩٣-٤٥٦-٧٨٧ was used to open the account.', plain: 'SIN: 193-456-787 was used to open the account.' },
  { lang: 'fr', pii: ['SIN'], text: 'NAS l93.456.787 utilisé par le conjoint pour un prêt.', plain: 'NAS 193 456 787 utilisé par le conjoint pour un prêt.' },
  { lang: 'en', pii: ['POSTAL_CODE'], text: 'The trap house is somewhere in M6H 2Bl, near the tracks.', plain: 'The trap house is somewhere in M6H 2B1, near the tracks.' },
  { lang: 'en', pii: ['POSTAL_CODE'], text: 'Family is in a motel around k 1 a 0 b 1 since the fire.', plain: 'Family is in a motel around K1A 0B1 since the fire.' },
  { lang: 'fr', pii: ['POSTAL_CODE'], text: 'Le jeune dort dans un garage du secteur Н2Х ОА5.', plain: 'Le jeune dort dans un garage du secteur H2X 0A5.' },
  { lang: 'en', pii: ['ADDRESS'], text: 'Hoarding and rats found at twelve Birchwood Crescent, basement.', plain: 'Hoarding and rats found at 12 Birchwood Crescent, basement.' },
  { lang: 'en', pii: ['ADDRESS'], text: 'Police called to 4O Falconer Drive three times this week.', plain: 'Police called to 40 Falconer Drive three times this week.' },
  { lang: 'en', pii: ['ADDRESS'], text: 'Youth staying at 𝟕𝟕 𝐖𝐞𝐥𝐥𝐢𝐧𝐠𝐭𝐨𝐧 𝐒𝐭𝐫𝐞𝐞𝐭 with older men.', plain: 'Youth staying at 77 Wellington Street with older men.' },
  { lang: 'fr', pii: ['ADDRESS'], text: 'Accumulation constatée au trois cent douze rue des Pins.', plain: 'Accumulation constatée au 312 rue des Pins.' },
  {
    lang: 'en',
    pii: ['ADDRESS'],
    text: 'Update: worker saw her again near Falconer Drive, outside the laundromat.',
    plain: 'Update: worker saw her again at 40 Falconer Drive, outside the laundromat.',
    known: [{ kind: 'ADDRESS', value: '40 Falconer Drive, Unit 1207' }],
  },
  { lang: 'en', pii: ['DOB'], text: 'Youth born on the fourth of July, two thousand nine, left the home.', plain: 'Youth born on July 4, 2009, left the home.' },
  { lang: 'en', pii: ['DOB'], text: 'DOB: 2OlO-O3-l5, no health card on file.', plain: 'DOB: 2010-03-15, no health card on file.' },
  { lang: 'en', pii: ['DOB'], text: 'Client born Маrch 3, 2011 is refusing all services.', plain: 'Client born March 3, 2011 is refusing all services.' },
  { lang: 'fr', pii: ['DOB'], text: 'Jeune née le douze mai deux mille dix, en fugue.', plain: 'Jeune née le 12 mai 2010, en fugue.' },
  { lang: 'fr', pii: ['DOB'], text: 'Date de naissance : 15 _ 03 _ 2010; absences répétées.', plain: 'Date de naissance : 15/03/2010; absences répétées.' },
];

const HAND_CLEAN: { lang: 'en' | 'fr'; text: string; known?: KnownValue[] }[] = [
  { lang: 'en', text: 'He says he will be a millionaire at the dot com he wants to start.' },
  { lang: 'en', text: 'The Y-M-C-A and the C-M-H-A both declined; the O-T-F team has a waitlist.' },
  { lang: 'en', text: 'She works two jobs, four days a week, and sleeps maybe five hours.' },
  { lang: 'en', text: 'One of the three youths, the oldest, is sixteen and out of school.' },
  { lang: 'en', text: 'Rent of nine hundred and fifty dollars is two months late.' },
  { lang: 'en', text: 'The worker will check in at 10 and again at 2; ER discharge was at 4 a.m.' },
  { lang: 'en', text: 'Take the 1O1 express bus, then walk; the stop is by the school.' },
  { lang: 'en', text: '𝗡𝗼𝘁𝗲 𝘁𝗼 𝘁𝗵𝗲 𝘁𝗮𝗯𝗹𝗲: the family refused consent again.' },
  { lang: 'en', text: 'The youth drew a big X on the map at the park where the fights happen.' },
  { lang: 'en', text: 'Grant money for the summer program runs out in June; hope to renew.' },
  { lang: 'en', text: 'Hits on the O-line and the 5-line buses; TTC security aware.' },
  { lang: 'fr', text: 'Elle travaille deux emplois, quatre jours par semaine, et dort cinq heures.' },
  { lang: 'fr', text: 'Un des trois jeunes, le plus vieux, a seize ans et a quitté l’école.' },
  { lang: 'fr', text: 'Le loyer de neuf cent cinquante dollars a deux mois de retard.' },
  { lang: 'fr', text: 'On fera le point avec la DPJ et le C-L-S-C à dix heures.' },
  { lang: 'fr', text: 'La mère dit « non » en épelant N-O-N devant les intervenants.' },
  {
    lang: 'en',
    text: 'Update: the client went to the clinic on Queen Street and kept the appointment.',
    known: [
      { kind: 'NAME', value: 'Emily Harcourt' },
      { kind: 'ADDRESS', value: '40 Falconer Drive, Unit 1207' },
    ],
  },
  {
    lang: 'en',
    text: 'Update: she says the drive to the clinic takes an hour; the court date is set.',
    known: [
      { kind: 'NAME', value: 'Maria Gonzalez' },
      { kind: 'ADDRESS', value: '12 Birchwood Crescent' },
    ],
  },
];

function main(): void {
  const tune = generate('tune', 30, 20261203);
  const holdout = generate('holdout', 16, 77001);
  const clean = (split: Split): DisguisedCase[] =>
    CLEAN[split].map((c) => ({ split, lang: c.lang, pii: [], disguise: 'clean', text: c.text, plain: '', ...(c.known ? { known: c.known } : {}) }));
  const hand: DisguisedCase[] = [
    ...HAND.map((c) => ({ split: 'holdout' as const, lang: c.lang, pii: c.pii, disguise: 'hand-written', text: c.text, plain: c.plain, ...(c.known ? { known: c.known } : {}) })),
    ...HAND_CLEAN.map((c) => ({
      split: 'holdout' as const,
      lang: c.lang,
      pii: [],
      disguise: 'clean-hand-written',
      text: c.text,
      plain: '',
      ...(c.known ? { known: c.known } : {}),
    })),
  ];
  // A disguise that left the value as it was (no 0 or 1 to swap, a space for a space) is no disguise.
  const cases = [...tune, ...clean('tune'), ...holdout, ...clean('holdout'), ...hand].filter((c) => c.pii.length === 0 || c.text !== c.plain);
  const about =
    'Invented, labelled texts with personal information disguised the way an adversary would write it, each with its plain twin, ' +
    'and clean texts with the same surface features. Generated by bench/pii-disguised-corpus.ts (deterministic) before the detector was ' +
    "tuned; 'holdout' cases use their own templates, values and seed, plus hand-written cases that mix several tricks, and were not looked at while tuning. 'known' holds the " +
    'identity-vault values of later free text. Phones use 555-01xx; health card and social insurance numbers are random but checksum-valid.';
  const path = resolve(__dirname, '../../test/corpus/pii-disguised.json');
  const body = cases.map((c) => '    ' + JSON.stringify(c)).join(',\n');
  writeFileSync(path, `{\n  "about": ${JSON.stringify(about)},\n  "cases": [\n${body}\n  ]\n}\n`);
  const count = (s: Split, clean: boolean): number => cases.filter((c) => c.split === s && (c.pii.length === 0) === clean).length;
  console.log(
    `wrote ${path}: tune ${count('tune', false)} disguised + ${count('tune', true)} clean; holdout ${count('holdout', false)} disguised + ${count('holdout', true)} clean`,
  );
}

main();
