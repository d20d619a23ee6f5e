// Street addresses in English ("210 Ray Lawson Boulevard, unit 5", "5-1400 Dundas St. E") and
// French ("1200, rue Ontario Est", "45, boul. Saint-Joseph, app. 3", "230 chemin de la Montagne"),
// and post-office boxes. A civic number, a street name and a street type are all required, so
// "Highway 410", "21 Division", "rue Principale" or "the 1200 block of Queen Street" are not
// addresses.
import type { PiiFinding } from './pii-types';

const CIVIC = '(#?\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,6}[A-Za-z]?)?)';
const SP = '[ \\t]{1,3}';
const WORD = "[\\p{L}\\p{N}][\\p{L}\\p{N}'.-]{0,29}";

/** Types that are rarely anything but a street type after a street name. */
const CLEAR_TYPES = 'street|st|avenue|ave|av|road|rd|boulevard|blvd|blvrd|crescent|cres|cresc|crt|parkway|pkwy|highway|hwy|sideroad|sdrd|concession|conc|rang|montee|chemin';
/** Types that are also ordinary words ("a 30 minute drive", "Family Court"): need a capitalised name. */
const AMBIGUOUS_TYPES =
  'court|ct|drive|dr|drv|lane|ln|way|place|pl|terrace|terr|tce|circle|cir|trail|trl|gate|gardens|gdns|square|sq|heights|hts|grove|grv|path|row|walk|line|close|mews|common|commons|landing|loop|point|pt|ridge|hill|hollow|glen|green|park|vale|view|bay|cove|crossing|expressway|expy|townline|estates|boardwalk|promenade|esplanade|gateway|meadow|meadows|valley|woods|wynd';
const CLEAR_SET = new Set(CLEAR_TYPES.split('|'));

const EN_ADDRESS = new RegExp(`(?<![\\p{L}\\p{N}$.,:/#-])${CIVIC},?${SP}((?:${WORD}${SP}){0,3}${WORD})${SP}(${CLEAR_TYPES}|${AMBIGUOUS_TYPES})(?![\\p{L}\\p{N}])\\.?`, 'giu');

const FR_TYPES =
  'rue|boulevard|boul|bd|blvd|avenue|av|ave|chemin|ch|place|pl|rang|montee|cote|route|rte|allee|impasse|promenade|prom|croissant|carre|terrasse|ruelle|sentier|square|cours|quai|voie|autoroute|cercle|circuit|cite|passage|jardins|domaine|esplanade|traverse';
const FR_ADDRESS = new RegExp(`(?<![\\p{L}\\p{N}$.,:/#-])${CIVIC},?${SP}(${FR_TYPES})\\.?${SP}((?:${WORD})(?:${SP}${WORD}){0,4})`, 'giu');

const PO_BOX = /\b(?:p\.?[ \t]?o\.?[ \t]?box|post office box|case postale|c\.p\.)[ \t]{0,2}#?[ \t]?\d{1,6}\b/gi;
const PO_BOX_HINT = /box|postale|c\.p\./i;

// Sticky: each is tried at one position only.
const DIRECTION = /[ \t]{1,3}(?:east|west|north|south|est|ouest|nord|sud|ne|nw|se|sw|e|w|n|s|o)\.?(?![\p{L}\p{N}])/iuy;
const UNIT_AFTER =
  /,?[ \t]{1,3}(?:unit|apt|apartment|suite|ste|app|appt|appartement|logement|log|bureau|local|room|rm|#)\.?[ \t]{0,2}#?[\p{L}\p{N}]{1,6}(?:-[\p{L}\p{N}]{1,4})?(?![\p{L}\p{N}])/iuy;
const HASH_AFTER = /[ \t]{1,2}#[\p{L}\p{N}]{1,6}(?![\p{L}\p{N}])/uy;
const UNIT_BEFORE = /(?:unit|apt|apartment|suite|app|appt|appartement|logement|#)\.?[ \t]{0,2}#?[\p{L}\p{N}]{1,6},?[ \t]{1,3}$/iu;

/** Words that show a number is a count or a duration, not a civic number. */
const NOT_STREET_WORDS = new Set(
  (
    'the a an of on in at to into down up near by from across along off and or his her their its this that ' +
    'our my your more than family youth criminal provincial superior drug mental health bail traffic small ' +
    'claims divisional appeal supreme federal municipal treatment wellness community indigenous minute ' +
    'minutes min mins hour hours hr hrs km kms kilometre kilometres kilometer kilometers mile miles block ' +
    'blocks day days week weeks month months year years time times people person persons kid kids car cars ' +
    'house houses door doors lot lots dead end dirt gravel test food hard long short lane lanes way ways ' +
    'court courts drive drives hour-long minute-long storey floor floors unit units bed beds room rooms ' +
    'de la le les du des au aux dans sur et ou un une'
  ).split(' '),
);

const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', "l'", "d'", 'of', 'the', 'st', 'ste', 'saint', 'sainte']);

function isCapitalised(w: string): boolean {
  const c = w[0];
  return /\p{Lu}/u.test(c) || /\p{N}/u.test(c);
}

function stickyLength(re: RegExp, s: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(s);
  return m ? m[0].length : 0;
}

function extendEnd(s: string, end: number): number {
  let e = end;
  e += stickyLength(DIRECTION, s, e);
  const unit = stickyLength(UNIT_AFTER, s, e);
  return unit > 0 ? e + unit : e + stickyLength(HASH_AFTER, s, e);
}

const UNIT_HINT = /unit|apt|apartment|suite|app|logement|#/i;

function extendStart(s: string, start: number): number {
  const before = s.slice(Math.max(0, start - 30), start);
  if (!UNIT_HINT.test(before)) return start;
  const unit = UNIT_BEFORE.exec(before);
  return unit ? start - unit[0].length : start;
}

function englishNameOk(words: string[], type: string): boolean {
  // "1207, 40 Falconer Drive": the first number is a unit, the second the civic number
  if (/^\d+$/.test(words[0])) return false;
  const clear = CLEAR_SET.has(type.toLowerCase());
  for (const w of words) {
    const lw = w.toLowerCase();
    if (NOT_STREET_WORDS.has(lw)) return false;
    if (!isCapitalised(w) && !clear) return false;
  }
  return true;
}

/** Every street type word, English and French (lower case). */
export const STREET_TYPE_WORDS: ReadonlySet<string> = new Set(`${CLEAR_TYPES}|${AMBIGUOUS_TYPES}|${FR_TYPES}`.split('|'));

/** Any street type at all: without one there is no address to look for. */
const ANY_TYPE = new RegExp(`(?<![A-Za-z])(?:${CLEAR_TYPES}|${AMBIGUOUS_TYPES}|${FR_TYPES})(?![A-Za-z])`, 'i');

export function findAddresses(s: string, out: PiiFinding[]): void {
  findPoBoxes(s, out);
  if (!ANY_TYPE.test(s)) return;
  let m: RegExpExecArray | null;
  EN_ADDRESS.lastIndex = 0;
  while ((m = EN_ADDRESS.exec(s)) !== null) {
    const words = m[2].split(/[ \t]+/);
    if (englishNameOk(words, m[3])) {
      out.push({ kind: 'ADDRESS', start: extendStart(s, m.index), end: extendEnd(s, m.index + m[0].length) });
    } else {
      EN_ADDRESS.lastIndex = m.index + m[1].length; // let a later number start its own match
    }
  }
  FR_ADDRESS.lastIndex = 0;
  while ((m = FR_ADDRESS.exec(s)) !== null) {
    const end = frenchNameEnd(m);
    if (end > 0) out.push({ kind: 'ADDRESS', start: extendStart(s, m.index), end: extendEnd(s, end) });
    else FR_ADDRESS.lastIndex = m.index + m[1].length;
  }
}

function findPoBoxes(s: string, out: PiiFinding[]): void {
  if (!PO_BOX_HINT.test(s)) return;
  PO_BOX.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PO_BOX.exec(s)) !== null) out.push({ kind: 'ADDRESS', start: m.index, end: m.index + m[0].length });
}

/** French types after which a civic number and a lower-case word are still a street. */
const LOWER_NAME_TYPES = new Set(['rue', 'boulevard', 'boul', 'chemin', 'avenue']);
/** Lower-case words that follow "3 rue" in ordinary prose. */
const FRENCH_COMMON = new Set('plus pour sans avec dans vers entre apres avant depuis pres loin chez mais donc puis comme dont'.split(' '));

/** End of the street name in a French match: particles, then capitalised words; 0 if none. */
function frenchNameEnd(m: RegExpExecArray): number {
  const nameStart = m.index + m[0].length - m[3].length;
  const parts = m[3].split(/([ \t]+)/); // words and the spaces between them
  let pos = nameStart;
  let end = 0;
  let sawParticle = false;
  let sawName = false;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (k % 2 === 1) {
      pos += part.length;
      continue;
    }
    const lw = part.toLowerCase();
    const elided = /^(?:l|d)'/.test(lw) && part.length > 2;
    if (!sawName && (PARTICLES.has(lw) || lw === "l'" || lw === "d'")) {
      sawParticle = true;
    } else if (
      isCapitalised(part) ||
      (elided && isCapitalised(part.slice(2))) ||
      (sawParticle && !sawName && !NOT_STREET_WORDS.has(lw)) ||
      // "1001 rue ontario est": a street name in lower case right after a clear French type
      (k === 0 && !sawName && LOWER_NAME_TYPES.has(m[2].toLowerCase()) && lw.length >= 4 && /^\p{L}+$/u.test(lw) && !NOT_STREET_WORDS.has(lw) && !FRENCH_COMMON.has(lw))
    ) {
      sawName = true;
      end = pos + part.replace(/[.,]+$/, '').length;
    } else if (sawName && PARTICLES.has(lw)) {
      // "rue de la Gare", "chemin Saint-Louis de Gonzague": a particle may sit between words
    } else {
      break;
    }
    pos += part.length;
  }
  return sawName ? end : 0;
}
