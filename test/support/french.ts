/**
 * Checks of French text, shared by the resource test (src/i18n.spec.ts) and the suites that
 * read French answers (test/e2e/fuzz.e2e-spec.ts): the glossary's rejected terms (docs/glossary.json),
 * French typography (OQLF), and English or raw codes leaking into a French sentence.
 * Pure: no framework import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

interface Rejected {
  term: string;
  pattern: string;
  instead: string;
  source: string;
  allow?: string[];
  whole?: boolean;
}
interface Glossary {
  resources: string[];
  rejected: Rejected[];
}

export const GLOSSARY = JSON.parse(readFileSync(join(ROOT, 'docs', 'glossary.json'), 'utf8')) as Glossary;

/** The rejected terms a French text uses, each with what to write instead. */
export function rejectedTerms(text: string): string[] {
  const out: string[] = [];
  for (const r of GLOSSARY.rejected) {
    let t = text;
    for (const a of r.allow ?? []) t = t.replace(new RegExp(a, 'giu'), ' ');
    const re = r.whole ? new RegExp(r.pattern, 'iu') : new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${r.pattern})(?![\\p{L}\\p{N}_])`, 'iu');
    if (re.test(r.whole ? t.trim() : t)) out.push(`${r.term} → ${r.instead}`);
  }
  return out;
}

/**
 * French typography (OQLF, Banque de dépannage linguistique, « Espacement avant et après les
 * signes de ponctuation »): U+00A0 before a colon and inside guillemets, U+202F before ; ! ?, one
 * apostrophe style (the straight ' of the seeds: never U+2019), no straight double quotes.
 */
export function typographyProblems(text: string): string[] {
  const out: string[] = [];
  if (/\u2019/.test(text)) out.push("typographic apostrophe ’ (this project writes the straight apostrophe ')");
  if (/(?<!\u00A0):(?=\s|$)/u.test(text)) out.push('colon without U+00A0 before it');
  if (/(?<!\u202F)[;!?](?=\s|$|[)»])/u.test(text)) out.push('; ! or ? without U+202F before it');
  if (/«(?!\u00A0)/u.test(text) || /(?<!\u00A0)»/u.test(text)) out.push('guillemets without U+00A0 inside');
  if (/"/.test(text)) out.push('straight double quotes (use « guillemets »)');
  if (/ {2,}/.test(text)) out.push('double space');
  return out;
}

/** English words that never belong in a French sentence (a small stop-list). */
const ENGLISH = [
  'the',
  'is',
  'are',
  'must',
  'not',
  'already',
  'invalid',
  'should',
  'cannot',
  'this',
  'that',
  'with',
  'your',
  'you',
  'please',
  'retry',
  'found',
  'expected',
  'request',
  'error',
  'field',
  'value',
  'values',
  'unknown',
  'allowed',
  'required',
  'missing',
  'forbidden',
  'unauthorized',
  'bad',
  'conflict',
  'closed',
  'meeting',
  'user',
  'agency',
  'duplicate',
  'characters',
  'string',
  'number',
  'array',
  'object',
  'of',
  'and',
  'or',
  'to',
  'in',
  'at',
  'be',
  'no',
  'such',
  'has',
  'have',
  'been',
  'too',
  'many',
  'slow',
  'down',
  'gone',
  'purged',
];
const ENGLISH_RE = new RegExp(`(?<![\\p{L}\\p{N}_'-])(?:${ENGLISH.join('|')})(?![\\p{L}\\p{N}_'-])`, 'giu');
const ENGLISH_PHRASES = /Bad Request|Not Found|Forbidden|Unauthorized|Too Many Requests|Internal Server Error|Service Unavailable|Payload Too Large|Unsupported Media Type/;
/** A raw code: two or more upper-case words joined by underscores (SUBMITTED_AT, NOT_FOUND). */
const RAW_CODE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/;
/** A raw status code on its own (CLOSED, ASSIGNED…). */
const RAW_STATUS = /\b(?:SUBMITTED|ACCEPTED|REJECTED|WITHDRAWN|ASSIGNED|MOBILIZED|CLOSED|DUPLICATE)\b/;

/**
 * English in a French text, or a raw code. Technical names a French text may quote are removed
 * first: identifiers quoted in guillemets (the API's field names), JSON, UUID, ISO 8601, IANA, Content-Type, application/json, true/false, NUL, Unicode,
 * query parameter names (period=…), quarter codes (2026-Q3) and time zone names.
 */
export function englishIn(text: string): string[] {
  const t = text
    .replace(/«\u00A0[^»]*\u00A0»/g, ' ') // quoted identifiers (field names of the API)
    .replace(/Content-Type|application\/json|America\/Toronto|\bperiod=\S+|\b\d{4}-Q\d\b|\(to\)|«\u00A0(?:true|false)\u00A0»|\((?:true ou false)\)|\b(?:true|false)\b(?=\.)/g, ' ')
    .replace(/\b(?:JSON|UUID|ISO|IANA|NUL|Unicode)\b/g, ' ');
  const out: string[] = [];
  const words = [...t.matchAll(ENGLISH_RE)].map((m) => m[0].toLowerCase());
  // "a", "de", "la"… are French too; only words of the stop-list count, and two distinct hits, or any hit of a long word.
  const strong = words.filter((w) => w.length > 3 || ['the', 'is', 'are', 'not', 'you'].includes(w));
  if (strong.length) out.push(`English word(s): ${[...new Set(strong)].join(', ')}`);
  if (ENGLISH_PHRASES.test(text)) out.push(`English phrase: ${text.match(ENGLISH_PHRASES)![0]}`);
  if (RAW_CODE.test(t)) out.push(`raw code: ${t.match(RAW_CODE)![0]}`);
  if (RAW_STATUS.test(t)) out.push(`raw status: ${t.match(RAW_STATUS)![0]}`);
  return out;
}

/** Files matching a glob relative to ROOT (`*` within a segment, `**` across segments). */
export function globFiles(pattern: string): string[] {
  const re = new RegExp(
    '^' +
      pattern
        .split('/')
        .map((seg) => (seg === '**' ? '(?:.*/)?' : seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '/'))
        .join('')
        .replace(/\/$/, '') +
      '$',
  );
  const base = join(ROOT, pattern.split('/')[0]);
  if (!existsSync(base)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (re.test(relative(ROOT, full).split('\\').join('/'))) out.push(full);
    }
  };
  walk(base);
  return out.sort();
}

/** Every string of a JSON document with its path. */
export function stringsOf(value: unknown, path = ''): { where: string; text: string }[] {
  if (typeof value === 'string') return [{ where: path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsOf(v, path ? `${path}.${k}` : k));
  return [];
}
