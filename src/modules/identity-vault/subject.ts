/**
 * The subject of a situation (issue 16): what Filter 3 needs for the situation type, kept in the
 * identity vault. One or more persons (a family: each with a role, exactly one PRIMARY), a place
 * (an address and a description, no person) or a group (a description, a contact person optional).
 *
 * How a subject is sealed: as separate vault fields, so that every part is encrypted under the
 * situation's data key, bound to the row and covered by the row MAC (purge and rotation need no
 * change). A PERSONS subject keeps its PRIMARY person in the five fields a one-person identity has
 * always used (`givenName`, `familyName`, `dateOfBirth`, `address`, `phone`: rows written before
 * subjects existed read as a PERSONS subject of one PRIMARY person) and the other persons in the
 * `persons` field (JSON, with their roles); a PLACE lives in the `place` field, a GROUP in `group`.
 *
 * Pure: no framework, no database.
 */
import type { PiiKind } from '../deidentification/pii-types';

export const SUBJECT_KINDS = ['PERSONS', 'PLACE', 'GROUP'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** A person's role in the situation (labels: GET /taxonomy `labels.subjectRoles`). */
export const SUBJECT_ROLES = ['PRIMARY', 'PARENT', 'GUARDIAN', 'CHILD', 'SIBLING', 'PARTNER', 'OTHER_HOUSEHOLD', 'OTHER'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

export const MAX_PERSONS = 12;

/** The five fields of a person (and of the one-person identity of `PUT /situations/:id/identity`). */
export const PERSON_FIELDS = ['givenName', 'familyName', 'dateOfBirth', 'address', 'phone'] as const;
/** Every field a vault row may hold: a person's five, then the parts of a subject. */
export const SEALED_FIELDS = [...PERSON_FIELDS, 'persons', 'place', 'group'] as const;
export type SealedField = (typeof SEALED_FIELDS)[number];
export type SealedValues = Partial<Record<SealedField, string>>;

export interface SubjectPerson {
  role: SubjectRole;
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  address?: string;
  phone?: string;
}

export interface SubjectContact {
  givenName: string;
  familyName: string;
  phone?: string;
}

export type Subject =
  { kind: 'PERSONS'; persons: SubjectPerson[] } | { kind: 'PLACE'; address: string; description: string } | { kind: 'GROUP'; description: string; contact?: SubjectContact };

/**
 * The kind of subject each situation type of Filter 1 (taxonomy `situationTypes`) calls for: a
 * person or a family is persons, a group a group, a location a place. The type is fixed once the
 * table has decided (a referral is edited only while SUBMITTED or DEFERRED; identity is written
 * from ASSIGNED on), so the mapping holds for the subject's whole life. Unknown types: no rule.
 */
export function kindForSituationType(situationType: string): SubjectKind | null {
  switch (situationType) {
    case 'PERSON':
    case 'FAMILY':
      return 'PERSONS';
    case 'GROUP':
      return 'GROUP';
    case 'LOCATION':
      return 'PLACE';
    default:
      return null;
  }
}

/** What the body-level checks of a subject find (400s): a problem per field, in English (French in problems.ts). */
export function subjectProblems(s: Subject): { field: string; problem: string }[] {
  if (s.kind !== 'PERSONS') return [];
  const primaries = s.persons.filter((p) => p.role === 'PRIMARY').length;
  return primaries === 1 ? [] : [{ field: 'persons', problem: 'must hold exactly one PRIMARY person' }];
}

const clean = (v: string | undefined | null): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function personOf(p: SubjectPerson): SubjectPerson {
  const out: SubjectPerson = { role: p.role, givenName: p.givenName.trim(), familyName: p.familyName.trim() };
  for (const f of ['dateOfBirth', 'address', 'phone'] as const) {
    const v = clean(p[f]);
    if (v) out[f] = v;
  }
  return out;
}

/** The vault fields a subject is sealed as (values trimmed, empty optional values left out). */
export function sealedValuesOf(s: Subject): SealedValues {
  switch (s.kind) {
    case 'PERSONS': {
      const persons = s.persons.map(personOf);
      const primary = persons.find((p) => p.role === 'PRIMARY') ?? persons[0];
      const values: SealedValues = {};
      for (const f of PERSON_FIELDS) if (primary[f]) values[f] = primary[f];
      const others = persons.filter((p) => p !== primary);
      if (others.length) values.persons = JSON.stringify(others);
      return values;
    }
    case 'PLACE':
      return { place: JSON.stringify({ address: s.address.trim(), description: s.description.trim() }) };
    case 'GROUP': {
      const contact = s.contact
        ? { givenName: s.contact.givenName.trim(), familyName: s.contact.familyName.trim(), ...(clean(s.contact.phone) ? { phone: clean(s.contact.phone) } : {}) }
        : undefined;
      return { group: JSON.stringify({ description: s.description.trim(), ...(contact ? { contact } : {}) }) };
    }
  }
}

/** Thrown when opened values do not make one subject (a row holding parts of two kinds, bad JSON). */
export class SubjectFormatError extends Error {
  override readonly name = 'SubjectFormatError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SubjectFormatError('a subject part is not JSON');
  }
}

function storedPerson(v: unknown): SubjectPerson {
  if (!isObject(v) || !SUBJECT_ROLES.includes(v.role as SubjectRole) || v.role === 'PRIMARY' || !str(v.givenName) || !str(v.familyName)) {
    throw new SubjectFormatError('a stored person is malformed');
  }
  const p: SubjectPerson = { role: v.role as SubjectRole, givenName: v.givenName as string, familyName: v.familyName as string };
  for (const f of ['dateOfBirth', 'address', 'phone'] as const) if (str(v[f])) p[f] = v[f] as string;
  return p;
}

/** The subject an opened row holds (a row of before subjects: one PRIMARY person). */
export function subjectOf(values: SealedValues): Subject {
  const personal = PERSON_FIELDS.some((f) => values[f] !== undefined) || values.persons !== undefined;
  const parts = [personal, values.place !== undefined, values.group !== undefined].filter(Boolean).length;
  if (parts !== 1) throw new SubjectFormatError('a row holds no subject or parts of two kinds');
  if (values.place !== undefined) {
    const p = parse(values.place);
    if (!isObject(p) || !str(p.address) || !str(p.description)) throw new SubjectFormatError('a stored place is malformed');
    return { kind: 'PLACE', address: p.address as string, description: p.description as string };
  }
  if (values.group !== undefined) {
    const g = parse(values.group);
    if (!isObject(g) || !str(g.description)) throw new SubjectFormatError('a stored group is malformed');
    let contact: SubjectContact | undefined;
    if (g.contact !== undefined) {
      const c = g.contact;
      if (!isObject(c) || !str(c.givenName) || !str(c.familyName)) throw new SubjectFormatError('a stored contact is malformed');
      contact = { givenName: c.givenName as string, familyName: c.familyName as string, ...(str(c.phone) ? { phone: c.phone as string } : {}) };
    }
    return { kind: 'GROUP', description: g.description as string, ...(contact ? { contact } : {}) };
  }
  const primary: SubjectPerson = { role: 'PRIMARY', givenName: values.givenName ?? '', familyName: values.familyName ?? '' };
  for (const f of ['dateOfBirth', 'address', 'phone'] as const) if (values[f]) primary[f] = values[f];
  const others = values.persons === undefined ? [] : parse(values.persons);
  if (!Array.isArray(others)) throw new SubjectFormatError('stored persons are not a list');
  return { kind: 'PERSONS', persons: [primary, ...others.map(storedPerson)] };
}

/** The PRIMARY person of a PERSONS subject; null for a place or a group. */
export function primaryPerson(s: Subject): SubjectPerson | null {
  return s.kind === 'PERSONS' ? (s.persons.find((p) => p.role === 'PRIMARY') ?? null) : null;
}

/**
 * What later free text is checked against (status updates, lead answer notes, closure notes,
 * reopening rationales, read purposes): every person's names, date of birth, address and phone;
 * the place's address; the group contact's names and phone. Descriptions (of a place, of a group)
 * are not: they are ordinary words ("the vacant lot behind the arena") that a de-identified update
 * must be free to use, and matching them would refuse sound notes; the generic detector still
 * looks for addresses, names and numbers in every text.
 */
export function knownValuesOf(s: Subject): { kind: PiiKind; value: string }[] {
  const out: { kind: PiiKind; value: string }[] = [];
  const add = (kind: PiiKind, value: string | undefined) => {
    if (value && value.trim()) out.push({ kind, value });
  };
  const person = (p: { givenName: string; familyName: string; dateOfBirth?: string; address?: string; phone?: string }) => {
    add('NAME', p.givenName);
    add('NAME', p.familyName);
    add('DOB', p.dateOfBirth);
    add('ADDRESS', p.address);
    add('PHONE', p.phone);
  };
  switch (s.kind) {
    case 'PERSONS':
      s.persons.forEach(person);
      break;
    case 'PLACE':
      add('ADDRESS', s.address);
      break;
    case 'GROUP':
      if (s.contact) person(s.contact);
      break;
  }
  return out;
}

/** What the audit trail may say of a subject: its kind and how many persons, never a value. */
export function subjectSummary(s: Subject): { subjectKind: SubjectKind; persons: number } {
  return { subjectKind: s.kind, persons: s.kind === 'PERSONS' ? s.persons.length : s.kind === 'GROUP' && s.contact ? 1 : 0 };
}
