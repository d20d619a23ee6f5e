// Phone numbers, Ontario health card numbers and social insurance numbers, found by one linear
// scan that groups digits with their separators ("(416) 555-0199", "1234 567 897 AB",
// "193-456-787"), then classifies each group sequence by shape, checksum and nearby words.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { isDigitCode, isLetterAt } from './pii-text';
import type { PiiFinding } from './pii-types';

interface Group {
  start: number;
  end: number;
  digits: string;
  /** Separator text between the previous group and this one ('' for the first). */
  sep: string;
}

const MAX_GROUPS = 6;
const MAX_RUN = 15;

/** Luhn (mod 10) check over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function nanpValid(ten: string): boolean {
  const a = ten.charCodeAt(0) - 48;
  const e = ten.charCodeAt(3) - 48;
  if (a < 2 || e < 2) return false;
  if (ten[1] === '1' && ten[2] === '1') return false; // N11 service codes are not area codes
  return true;
}

const HC_CONTEXT = /(health|ohip|hcn|\bhc\b|sante|maladie|\bcarte\b|\bcard\b|\bversion\b)/;
const PHONE_CONTEXT = /(phone|cell|call|text|\btel\b|telephone|numero de tel|reach|joindre|appel|rappel|\bfax\b|contact)/;

/** Health-card words shortly before the number, and no phone words. */
function hcContext(s: string, start: number): boolean {
  const ctx = s.slice(Math.max(0, start - 40), start).toLowerCase();
  return HC_CONTEXT.test(ctx) && !PHONE_CONTEXT.test(ctx);
}

// Sticky: tried right after the number only.
const EXTENSION = /[ \t]{0,2}(?:ext\.?|extension|x|poste|p\.|#)[ \t]{0,2}\d{1,5}(?!\d)/iy;
const VERSION_CODE = /[ -]?[A-Z]{1,2}(?![\p{L}\p{N}])/uy;

function stickyLength(re: RegExp, s: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(s);
  return m ? m[0].length : 0;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Reads groups of digits joined by short separators, starting at the digit at index i. */
function readGroups(s: string, i: number): { groups: Group[]; next: number } | null {
  const n = s.length;
  const groups: Group[] = [];
  let j = i;
  let sep = '';
  for (;;) {
    let k = j;
    while (k < n && isDigitCode(s.charCodeAt(k))) k++;
    if (k - j > MAX_RUN) return groups.length ? { groups, next: j } : null;
    groups.push({ start: j, end: k, digits: s.slice(j, k), sep });
    if (groups.length >= MAX_GROUPS) return { groups, next: k };
    // Separator: up to 4 characters among space, tab, '.', '-', ')' and '(' around a space.
    let m = k;
    while (m < n && m - k < 4) {
      const c = s.charCodeAt(m);
      if (isSpace(c) || c === 46 /* . */ || c === 45 /* - */ || c === 41 /* ) */ || c === 40 /* ( */) m++;
      else break;
    }
    const sepText = s.slice(k, m);
    if (m === k || m >= n || !isDigitCode(s.charCodeAt(m)) || !separatorOk(sepText)) {
      return { groups, next: k };
    }
    sep = sepText;
    j = m;
  }
}

function separatorOk(sep: string): boolean {
  // At most one '.', one '-', one ')' and one '('; no ". " combinations like the end of a sentence.
  let dots = 0;
  let dashes = 0;
  let spaces = 0;
  for (const ch of sep) {
    if (ch === '.') dots++;
    else if (ch === '-') dashes++;
    else if (ch === ' ' || ch === '\t') spaces++;
  }
  if (dots > 1 || dashes > 1 || spaces > 2) return false;
  if (dots === 1 && (spaces > 0 || dashes > 0)) return false;
  return true;
}

function moneyAround(s: string, start: number, end: number): boolean {
  let a = start - 1;
  while (a >= 0 && isSpace(s.charCodeAt(a))) a--;
  if (a >= 0 && (s[a] === '$' || s[a] === '€' || s[a] === '£')) return true;
  let b = end;
  while (b < s.length && isSpace(s.charCodeAt(b))) b++;
  return b < s.length && (s[b] === '$' || s[b] === '%' || s[b] === '€');
}

/**
 * Finds phones, health cards and social insurance numbers. `loose` (the collapsed view, where the
 * separators of disguised numbers were rewritten): groups of any shape that add up to 9, 10 or 11
 * digits are also read as one number ("64-75-55-01-02").
 */
export function findNumberPii(s: string, out: PiiFinding[], loose = false): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (!isDigitCode(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    // Digits glued to letters or following "1," / "3." belong to something else.
    if (isLetterAt(s, i - 1) || ((prev === 44 || prev === 46 || prev === 58 || prev === 47) && i > 1 && isDigitCode(s.charCodeAt(i - 2)))) {
      while (i < n && isDigitCode(s.charCodeAt(i))) i++;
      continue;
    }
    const read = readGroups(s, i);
    if (read === null) {
      while (i < n && isDigitCode(s.charCodeAt(i))) i++;
      continue;
    }
    classifyGroups(s, read.groups, out, loose);
    i = Math.max(read.next, i + 1);
  }
}

function classifyGroups(s: string, groups: Group[], out: PiiFinding[], loose: boolean): void {
  let total = 0;
  for (const g of groups) total += g.end - g.start;
  if (total < 7) return; // nothing this short is a phone, health card or SIN
  const chunkStart = groups[0].start;
  const plus = chunkStart > 0 && s[chunkStart - 1] === '+';
  const found: PiiFinding[] = [];
  if (plus && groups[0].digits !== '1') {
    international(s, groups, found);
  } else if (loose && groups.length > 1 && total >= 9 && total <= 11 && (wholeNumber(s, groups, total, found), found.length > 0)) {
    // the loose view: the groups read as one number
  } else {
    let p = 0;
    while (p < groups.length) {
      const used = matchAt(s, groups, p, found);
      p += used > 0 ? used : 1;
    }
  }
  // Amounts of money ("$950-1200", "123 456 789 $") are not identifiers.
  for (const f of found) if (!moneyAround(s, f.start, f.end)) out.push(f);
}

/** True when the groups from p have exactly these digit counts. */
function shape(groups: Group[], p: number, ...counts: number[]): boolean {
  if (p + counts.length > groups.length) return false;
  for (let k = 0; k < counts.length; k++) if (groups[p + k].end - groups[p + k].start !== counts[k]) return false;
  return true;
}

function joined(groups: Group[], p: number, count: number): string {
  let r = '';
  for (let k = p; k < p + count; k++) r += groups[k].digits;
  return r;
}

function spanStart(s: string, g: Group): number {
  let start = g.start;
  if (start > 0 && s[start - 1] === '(') start--;
  if (start > 0 && s[start - 1] === '+') start--;
  return start;
}

function phoneEnd(s: string, end: number): number {
  return end + stickyLength(EXTENSION, s, end);
}

function hcEnd(s: string, end: number): number {
  return end + stickyLength(VERSION_CODE, s, end);
}

/** Tries the known shapes at group p; returns the number of groups used (0 = none). */
function matchAt(s: string, groups: Group[], p: number, out: PiiFinding[]): number {
  const g = groups;
  const first = g[p];
  const start = spanStart(s, first);

  // 1 + 3-3-4: "1-800-555-0199", "+1 613 555 0100"
  if (shape(g, p, 1, 3, 3, 4) && first.digits === '1') {
    const ten = joined(g, p + 1, 3);
    if (nanpValid(ten)) {
      out.push({ kind: 'PHONE', start, end: phoneEnd(s, g[p + 3].end) });
      return 4;
    }
  }
  if (shape(g, p, 1, 10) && first.digits === '1' && nanpValid(g[p + 1].digits)) {
    out.push({ kind: 'PHONE', start, end: phoneEnd(s, g[p + 1].end) });
    return 2;
  }
  // 3-3-4: phone, or a health card number written like one
  if (shape(g, p, 3, 3, 4)) {
    const ten = joined(g, p, 3);
    if (luhnValid(ten) && hcContext(s, first.start)) {
      out.push({ kind: 'HEALTH_CARD', start, end: hcEnd(s, g[p + 2].end) });
      return 3;
    }
    if (nanpValid(ten)) {
      out.push({ kind: 'PHONE', start, end: phoneEnd(s, g[p + 2].end) });
      return 3;
    }
  }
  // 4-3-3: Ontario health card
  if (shape(g, p, 4, 3, 3) && luhnValid(joined(g, p, 3))) {
    out.push({ kind: 'HEALTH_CARD', start, end: hcEnd(s, g[p + 2].end) });
    return 3;
  }
  // 3-3-3: social insurance number
  if (shape(g, p, 3, 3, 3)) {
    const nine = joined(g, p, 3);
    if (sinValid(nine)) {
      out.push({ kind: 'SIN', start, end: g[p + 2].end });
      return 3;
    }
  }
  // 3-7: "416 5550199"
  if (shape(g, p, 3, 7)) {
    const ten = joined(g, p, 2);
    if (nanpValid(ten)) {
      out.push({ kind: 'PHONE', start, end: phoneEnd(s, g[p + 1].end) });
      return 2;
    }
  }
  if (shape(g, p, 10)) return tenDigits(s, first, start, out);
  if (shape(g, p, 11) && first.digits[0] === '1' && nanpValid(first.digits.slice(1))) {
    out.push({ kind: 'PHONE', start, end: phoneEnd(s, first.end) });
    return 1;
  }
  if (shape(g, p, 9) && sinValid(first.digits)) {
    out.push({ kind: 'SIN', start, end: first.end });
    return 1;
  }
  // 3-4 local number "555-0199", only as a whole chunk and with '-' or '.'
  if (groups.length === 2 && p === 0 && shape(g, p, 3, 4)) {
    const sep = g[1].sep;
    if ((sep === '-' || sep === '.') && first.digits.charCodeAt(0) >= 50) {
      out.push({ kind: 'PHONE', start, end: phoneEnd(s, g[1].end) });
      return 2;
    }
  }
  return 0;
}

/** Every group read as one number (the loose view only). */
function wholeNumber(s: string, groups: Group[], total: number, out: PiiFinding[]): void {
  const digits = groups.map((g) => g.digits).join('');
  const start = spanStart(s, groups[0]);
  const end = groups[groups.length - 1].end;
  if (total === 10) {
    const luhn = luhnValid(digits);
    if (luhn && (stickyLength(VERSION_CODE, s, end) > 0 || hcContext(s, groups[0].start))) out.push({ kind: 'HEALTH_CARD', start, end: hcEnd(s, end) });
    else if (nanpValid(digits)) out.push({ kind: 'PHONE', start, end: phoneEnd(s, end) });
    else if (luhn) out.push({ kind: 'HEALTH_CARD', start, end: hcEnd(s, end) });
  } else if (total === 9 && sinValid(digits)) out.push({ kind: 'SIN', start, end });
  else if (total === 11 && digits[0] === '1' && nanpValid(digits.slice(1))) out.push({ kind: 'PHONE', start, end: phoneEnd(s, end) });
}

function sinValid(nine: string): boolean {
  return nine[0] !== '0' && nine[0] !== '8' && luhnValid(nine);
}

function tenDigits(s: string, g: Group, start: number, out: PiiFinding[]): number {
  const ten = g.digits;
  const luhn = luhnValid(ten);
  const version = luhn && stickyLength(VERSION_CODE, s, g.end) > 0;
  if (luhn && (version || hcContext(s, g.start))) {
    out.push({ kind: 'HEALTH_CARD', start, end: hcEnd(s, g.end) });
    return 1;
  }
  if (nanpValid(ten)) {
    out.push({ kind: 'PHONE', start, end: phoneEnd(s, g.end) });
    return 1;
  }
  if (luhn) {
    out.push({ kind: 'HEALTH_CARD', start, end: hcEnd(s, g.end) });
    return 1;
  }
  return 0;
}

/** "+44 20 7946 0958": checked with libphonenumber on the short candidate only. */
function international(s: string, groups: Group[], out: PiiFinding[]): void {
  const start = groups[0].start - 1;
  const end = groups[groups.length - 1].end;
  const digitCount = groups.reduce((acc, g) => acc + g.digits.length, 0);
  if (digitCount < 7 || digitCount > 15) return;
  const candidate = s.slice(start, end);
  const parsed = parsePhoneNumberFromString(candidate);
  if (parsed && parsed.isPossible()) out.push({ kind: 'PHONE', start, end: phoneEnd(s, end) });
}
