// E-mail addresses and Canadian postal codes.
import { isAlnumAt } from './pii-text';
import type { PiiFinding } from './pii-types';

const LOCAL_MAX = 64;
const DOMAIN_MAX = 253;

const LOCAL_PUNCT = "._%+'!#$&*=?^`{|}~-";

function isLocalChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0x80 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return isAlnumAt(s, i);
  return LOCAL_PUNCT.includes(s[i]);
}

function isDomainChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 46 || c === 45) return true;
  return isAlnumAt(s, i);
}

/** Scans outward from each '@': linear, since neither side can cross another '@'. */
export function findEmails(s: string, out: PiiFinding[]): void {
  let at = s.indexOf('@');
  while (at !== -1) {
    let a = at;
    while (a > 0 && at - a < LOCAL_MAX && isLocalChar(s, a - 1)) a--;
    while (a < at && (s[a] === '.' || s[a] === "'")) a++;
    let b = at + 1;
    while (b < s.length && b - at <= DOMAIN_MAX && isDomainChar(s, b)) b++;
    while (b > at + 1 && (s[b - 1] === '.' || s[b - 1] === '-')) b--;
    if (a < at && b - at > 3 && validDomain(s.slice(at + 1, b))) out.push({ kind: 'EMAIL', start: a, end: b });
    at = s.indexOf('@', at + 1);
  }
  findObfuscatedEmails(s, out);
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (labels.some((l) => l.length === 0 || l.length > 63)) return false;
  return /^\p{L}{2,24}$/u.test(labels[labels.length - 1]);
}

/**
 * Written-out e-mail addresses: "k.osei [at] outlook [dot] com", "k dot osei at gmail dot com",
 * "kosei{at}hotmail DOT ca", "k.osei(@)outlook.com", "k . osei @ outlook . com", "kosei arobase
 * videotron point ca", "reid.m chez outlook.com". Every part is bounded and the separators cannot
 * be read as part of a label, so the pattern stays linear.
 */
const LABEL = '[A-Za-z0-9_+-]{1,64}';
const AT_FORM = '(?:[[({<][ \\t]?(?:at|@|arobase)[ \\t]?[\\])}>]|\\bat\\b|\\barobase\\b|\\bchez\\b|@)';
const DOT_FORM = '(?:[[({<][ \\t]?(?:dot|point|\\.)[ \\t]?[\\])}>]|\\bdot\\b|\\bpoint\\b|\\.)';
const SEP = '[ \\t]{0,2}';
const TLD = '(?:com|ca|net|org|fr|me|io|info|edu|gov|co|us|biz|be|ch|uk)';
/** Where a written-out "at" may be: the address is then read forward and backward from it. */
const AT_ANY = new RegExp(AT_FORM, 'gi');
/** After the "at": the domain, up to two more labels, and a top-level domain (sticky). */
const DOMAIN_TAIL = new RegExp(`${SEP}(${LABEL})((?:${SEP}${DOT_FORM}${SEP}${LABEL}){0,2}?)${SEP}(${DOT_FORM})${SEP}${TLD}(?![\\w])`, 'iy');
/** Before the "at": the local part, up to four labels joined by dots (anchored at the end). */
const LOCAL_HEAD = new RegExp(`(?<![\\w.+-])(${LABEL}(?:${SEP}${DOT_FORM}${SEP}${LABEL}){0,3})${SEP}$`, 'i');
const KNOWN_MAIL_DOMAIN = /^(gmail|hotmail|outlook|yahoo|live|icloud|me|msn|videotron|sympatico|rogers|bell|cogeco|shaw|telus|protonmail|proton|aol|mail|gmx|ymail)$/i;
/** Words that are not the parts of an address: "at the dot-com", "at noon dot on time". */
const NOT_MAIL_WORDS = new Set('the a an this that his her their our my your its de la le les du des un une au aux home work school noon night least once'.split(' '));

const OBFUSCATION_HINT = /[[({<][ \t]?(?:at|@|arobase)|\b(?:at|arobase|chez)\b|[ \t]@|@[ \t]/i;

function findObfuscatedEmails(s: string, out: PiiFinding[]): void {
  if (!OBFUSCATION_HINT.test(s)) return;
  AT_ANY.lastIndex = 0;
  let at: RegExpExecArray | null;
  while ((at = AT_ANY.exec(s)) !== null) {
    // "k.osei@outlook.com" written plainly: findEmails has it
    if (at[0] === '@' && isLocalChar(s, at.index - 1) && at.index + 1 < s.length && isDomainChar(s, at.index + 1)) continue;
    const atEnd = at.index + at[0].length;
    DOMAIN_TAIL.lastIndex = atEnd;
    const tail = DOMAIN_TAIL.exec(s);
    if (tail === null) continue;
    const head = LOCAL_HEAD.exec(s.slice(Math.max(0, at.index - 120), at.index));
    if (head === null) continue;
    const local = head[1];
    const atWord = at[0].toLowerCase();
    const domain = tail[1];
    const spelledDot = /dot|point|[[({<]/i.test(tail[2] + tail[3]);
    const plainAt = atWord === 'at' || atWord === 'chez';
    let ok: boolean;
    if (!plainAt)
      ok = true; // "[at]", "(@)", "arobase", a spaced "@"
    else if (NOT_MAIL_WORDS.has(domain.toLowerCase()) || NOT_MAIL_WORDS.has(local.toLowerCase())) ok = false;
    // Plain "at" with a real dot needs a mail provider or an address-like local part, or
    // "works at Amazon.ca" would count; with a spelled "dot" it is an address.
    else ok = KNOWN_MAIL_DOMAIN.test(domain) || spelledDot || /[._+0-9]|dot|point/i.test(local);
    if (ok) out.push({ kind: 'EMAIL', start: at.index - head[0].length, end: DOMAIN_TAIL.lastIndex });
    AT_ANY.lastIndex = Math.max(AT_ANY.lastIndex, DOMAIN_TAIL.lastIndex);
  }
}

/**
 * Canadian postal code: letter-digit-letter, optional space or hyphen, digit-letter-digit.
 * No D, F, I, O, Q or U anywhere; W and Z never first.
 */
const POSTAL = /(?<![\p{L}\p{N}])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPR-TV-Z][ -]?\d[ABCEGHJ-NPR-TV-Z]\d(?![\p{L}\p{N}])/giu;

/**
 * A disguised postal code: O for 0 and l or I for 1 in the digit places, and any short separator
 * ("BlS OP5", "col 5c6", "R0M / 0G2", "B0L_5T5"). At least one real digit, so that words such as
 * "HoHoHo" are not read as codes.
 */
const POSTAL_LOOSE =
  /[ABCEGHJ-NPRSTVXYabceghj-nprstvxy][0-9OolI][ABCEGHJ-NPR-TV-Zabceghj-npr-tv-z](?:[ \t]{0,3}|[ \t]?[-._/][ \t]?)[0-9OolI][ABCEGHJ-NPR-TV-Zabceghj-npr-tv-z][0-9OolI]/g;

export function findPostalCodes(s: string, out: PiiFinding[]): void {
  POSTAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = POSTAL.exec(s)) !== null) out.push({ kind: 'POSTAL_CODE', start: m.index, end: m.index + m[0].length });
  POSTAL_LOOSE.lastIndex = 0;
  while ((m = POSTAL_LOOSE.exec(s)) !== null) {
    const end = m.index + m[0].length;
    // whole words only (checked here: a look-behind tried at every position costs more)
    if (isAlnumAt(s, m.index - 1) || isAlnumAt(s, end)) {
      POSTAL_LOOSE.lastIndex = m.index + 1;
      continue;
    }
    if (/\d/.test(m[0])) out.push({ kind: 'POSTAL_CODE', start: m.index, end });
  }
}
