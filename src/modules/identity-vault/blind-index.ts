/**
 * The blind index of individual access requests (issue 17, "Individual access requests"): what of a
 * person is indexed, and how it is normalised before it is keyed (blind-index-keys.ts). Pure: no
 * framework, no database, no key.
 *
 * Indexed: each person of a PERSONS subject who has a date of birth, as the normalised given name,
 * the normalised family name and the date of birth (YYYY-MM-DD). A person without a date of birth,
 * a group's contact person (never a date of birth) and a place are not indexed: a name alone is
 * low-entropy and common (security.md: blind indexes only on compound values), so an access
 * request about them cannot be answered by this search.
 *
 * Normalisation, the same at write and at search: Unicode NFKD, combining marks (accents) removed,
 * a few letters NFKD leaves whole mapped (œ→oe, æ→ae, ø→o, ł→l, đ→d, ı→i, ß→ss), full case folding to
 * lower case, then everything that is not a letter or a digit removed (spaces, hyphens, apostrophes,
 * periods): "Jean-Marc", "jean marc" and "JEANMARC" are one name, "O'Neil" and "ONeil" too.
 * The given name and the family name stay separate (a `|` between them), and a search tries both
 * orders, so a name entered with its two fields swapped is found; anything else must match exactly
 * (a middle name present on one side only, a nickname, a typo: not found).
 */
import type { Subject } from './subject';

const UNFOLDED: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd', ı: 'i', ß: 'ss', ẞ: 'ss' };
const UNFOLDED_RE = /[œŒæÆøØłŁđĐıßẞ]/g;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A name as the index keys it: no accents, no case, letters and digits only (may be empty). */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(UNFOLDED_RE, (c) => UNFOLDED[c])
    .toUpperCase()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A date of birth as the index keys it (YYYY-MM-DD, a real calendar date), or null. */
export function normaliseDateOfBirth(value: string | undefined | null): string | null {
  const m = value ? DATE.exec(value.trim()) : null;
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === `${m[1]}-${m[2]}-${m[3]}` ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** The keyed text of one person: given and family name normalised, and the date of birth. */
export interface IndexedPerson {
  given: string;
  family: string;
  dateOfBirth: string;
}

/** The text an index token is the HMAC of (besides the table, bound in by the keyer). */
export const indexText = (p: IndexedPerson): string => `${p.given}|${p.family}|${p.dateOfBirth}`;

function indexed(givenName: string, familyName: string, dateOfBirth: string | undefined | null): IndexedPerson | null {
  const given = normaliseName(givenName);
  const family = normaliseName(familyName);
  const dob = normaliseDateOfBirth(dateOfBirth);
  return given && family && dob ? { given, family, dateOfBirth: dob } : null;
}

/** What a subject puts in the index: each person with names and a date of birth, once. */
export function indexedPersonsOf(s: Subject): IndexedPerson[] {
  if (s.kind !== 'PERSONS') return [];
  const out = new Map<string, IndexedPerson>();
  for (const p of s.persons) {
    const entry = indexed(p.givenName, p.familyName, p.dateOfBirth);
    if (entry) out.set(indexText(entry), entry);
  }
  return [...out.values()];
}

/**
 * What a search looks for: the person as typed, and with the two names swapped. Null when a name
 * normalises to nothing or the date is not a date (the caller answers 400).
 */
export function searchedPersons(givenName: string, familyName: string, dateOfBirth: string): IndexedPerson[] | null {
  const entry = indexed(givenName, familyName, dateOfBirth);
  if (!entry) return null;
  const swapped = { given: entry.family, family: entry.given, dateOfBirth: entry.dateOfBirth };
  return entry.given === entry.family ? [entry] : [entry, swapped];
}
