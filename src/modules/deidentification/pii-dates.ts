// Full dates (day, month and year) in English and French, numeric or spelled, and partial dates
// next to birth words ("born in April 2009", "DOB: 2008", "née en juin 2015"). A full date is
// reported as DOB wherever it appears: at intake a full date is too identifying. A month and day
// without a year, a month and year, or a year alone are not findings (unless a birth word says
// they are a date of birth).
import type { PiiFinding } from './pii-types';

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  janvier: 1,
  janv: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
};

const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const ABBR = '(jan|janv|feb|fev|fevr|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|aout|sep|sept|oct|nov|dec)';
const DAY = '(3[01]|[12]\\d|0?[1-9])';
const YEAR = '((?:19|20)\\d{2})';
const SP = '[ \\t]{1,3}';
const ORD = '(?:st|nd|rd|th|er|re|e)?';

/** "November 2, 2008", "Nov. 2nd 2008" */
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\.?${SP}${DAY}${ORD},?${SP}${YEAR}(?!\\d)`, 'gi');
/** "2 November 2008", "1er mars 2008", "2nd of November, 2008", "3 fevrier 2009" */
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY}${ORD}${SP}(?:(?:of|de)${SP})?${MONTH}\\.?,?${SP}${YEAR}(?!\\d)`, 'gi');
/** "02-Nov-2008", "2/nov/08" */
const DAY_ABBR_YEAR = new RegExp(`\\b${DAY}([-/])${ABBR}\\.?\\2((?:19|20)?\\d{2})(?![0-9A-Za-z])`, 'gi');
/** "2008-11-02", "2011/06/30", "2008.11.02" */
const ISO = /(?<![\d/.-])((?:19|20)\d{2})([-/.])(1[0-2]|0?[1-9])\2(3[01]|[12]\d|0?[1-9])(?![\d])/g;
/** "02/11/2008", "11-02-2008", "3.2.2009" */
const NUMERIC = /(?<![\d/.-])(\d{1,2})([-/.])(\d{1,2})\2((?:19|20)\d{2})(?!\d)/g;
/** "02/11/08": two digits each, slash or dot */
const NUMERIC_SHORT = /(?<![\d/.-])(\d{2})([/.])(\d{2})\2(\d{2})(?![\d/.-])/g;
/** Birth words followed by a partial or compact date. */
const BIRTH =
  '\\b(?:born|dob|d\\.o\\.b|date of birth|birth ?date|year of birth|birthday|nee?s?|date de naissance|annee de naissance|ddn)\\.?[ \\t]{0,3}[:,-]?[ \\t]{0,3}(?:(?:on|in|le|en|the|dans)[ \\t]{1,3})?';
const BIRTH_MONTH_YEAR = new RegExp(`${BIRTH}${MONTH}\\.?,?${SP}${YEAR}(?!\\d)`, 'gi');
const BIRTH_YEAR = new RegExp(`${BIRTH}${YEAR}(?![\\d/.-]?\\d)(?!s)`, 'gi');
const BIRTH_NUMERIC = new RegExp(
  `${BIRTH}((?:19|20)\\d{6}|[0-3]\\d[0-3]\\d(?:19|20)\\d{2}|\\d{1,2} \\d{1,2} (?:19|20)\\d{2}|(?:19|20)\\d{2} \\d{1,2} \\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2})(?![\\d/.-])`,
  'gi',
);

const BIRTH_HINT = /\b(?:born|dob|d\.o\.b|birth|birthday|birthdate|nee?s?|naissance|ddn)\b/i;

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function validDate(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month];
}

function monthOf(word: string): number {
  return MONTHS[word.toLowerCase()] ?? 0;
}

function each(re: RegExp, s: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    fn(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}

function push(out: PiiFinding[], start: number, end: number): void {
  out.push({ kind: 'DOB', start, end });
}

/** The last capture (the date itself) of a birth-word match. */
function tailSpan(m: RegExpExecArray, tailLength: number): [number, number] {
  const end = m.index + m[0].length;
  return [end - tailLength, end];
}

export function findDates(s: string, out: PiiFinding[]): void {
  each(MONTH_DAY_YEAR, s, (m) => {
    if (validDate(+m[2], monthOf(m[1]))) push(out, m.index, m.index + m[0].length);
  });
  each(DAY_MONTH_YEAR, s, (m) => {
    if (validDate(+m[1], monthOf(m[2]))) push(out, m.index, m.index + m[0].length);
  });
  each(DAY_ABBR_YEAR, s, (m) => {
    if (validDate(+m[1], monthOf(m[3]))) push(out, m.index, m.index + m[0].length);
  });
  each(ISO, s, (m) => {
    if (validDate(+m[4], +m[3])) push(out, m.index, m.index + m[0].length);
  });
  each(NUMERIC, s, (m) => {
    const a = +m[1];
    const b = +m[3];
    if (validDate(a, b) || validDate(b, a)) push(out, m.index, m.index + m[0].length);
  });
  each(NUMERIC_SHORT, s, (m) => {
    const a = +m[1];
    const b = +m[3];
    const c = +m[4];
    if (validDate(a, b) || validDate(b, a) || validDate(c, b)) push(out, m.index, m.index + m[0].length);
  });
  if (!BIRTH_HINT.test(s)) return;
  each(BIRTH_MONTH_YEAR, s, (m) => {
    const monthWord = m[1];
    const idx = m[0].toLowerCase().lastIndexOf(monthWord.toLowerCase());
    if (idx >= 0) push(out, m.index + idx, m.index + m[0].length);
  });
  each(BIRTH_YEAR, s, (m) => {
    const [a, b] = tailSpan(m, m[1].length);
    push(out, a, b);
  });
  each(BIRTH_NUMERIC, s, (m) => {
    const d = m[1];
    // spaces between day, month and year: a valid date either way round
    if (d.includes(' ')) {
      const [a, b, c] = d.split(' ').map(Number);
      const ok = a > 1000 ? validDate(c, b) || validDate(b, c) : validDate(a, b) || validDate(b, a);
      if (!ok) return;
    }
    // eight digits: year first (20081102) or last (02112008, day or month first)
    if (/^\d{8}$/.test(d)) {
      const yearFirst = /^(19|20)/.test(d) && validDate(+d.slice(6, 8), +d.slice(4, 6));
      const yearLast = /(19|20)\d\d$/.test(d) && (validDate(+d.slice(0, 2), +d.slice(2, 4)) || validDate(+d.slice(2, 4), +d.slice(0, 2)));
      if (!yearFirst && !yearLast) return;
    }
    const [a, b] = tailSpan(m, d.length);
    push(out, a, b);
  });
}
