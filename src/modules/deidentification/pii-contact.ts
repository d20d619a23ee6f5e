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

/** "k.osei [at] outlook [dot] com", "k.osei (at) outlook.com", "kosei at gmail dot com". */
const OBFUSCATED =
  /(?<![\w.+-])([A-Za-z0-9._+-]{1,64})[ \t]{0,2}(?:[[(]at[\])]|\bat\b|\barobase\b)[ \t]{0,2}([A-Za-z0-9-]{1,63})[ \t]{0,2}(?:\.|[[(]dot[\])]|\bdot\b|\bpoint\b)[ \t]{0,2}(com|ca|net|org|fr|me|io|info|qc\.ca|on\.ca)\b/gi;
const KNOWN_MAIL_DOMAIN = /^(gmail|hotmail|outlook|yahoo|live|icloud|me|msn|videotron|sympatico|rogers|bell|cogeco|shaw|telus|protonmail|proton|aol|mail)$/i;

const OBFUSCATION_HINT = /[[(]at[\])]|\b(?:at|arobase)\b/i;

function findObfuscatedEmails(s: string, out: PiiFinding[]): void {
  if (!OBFUSCATION_HINT.test(s)) return;
  OBFUSCATED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OBFUSCATED.exec(s)) !== null) {
    const bracketed = /[[(]at[\])]/i.test(m[0]);
    // Plain " at ... dot com" needs a known mail provider, or "meet at city dot ca" would count.
    if (bracketed || KNOWN_MAIL_DOMAIN.test(m[2])) out.push({ kind: 'EMAIL', start: m.index, end: m.index + m[0].length });
  }
}

/**
 * Canadian postal code: letter-digit-letter, optional space or hyphen, digit-letter-digit.
 * No D, F, I, O, Q or U anywhere; W and Z never first.
 */
const POSTAL = /(?<![\p{L}\p{N}])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPR-TV-Z][ -]?\d[ABCEGHJ-NPR-TV-Z]\d(?![\p{L}\p{N}])/giu;

export function findPostalCodes(s: string, out: PiiFinding[]): void {
  POSTAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = POSTAL.exec(s)) !== null) out.push({ kind: 'POSTAL_CODE', start: m.index, end: m.index + m[0].length });
}
