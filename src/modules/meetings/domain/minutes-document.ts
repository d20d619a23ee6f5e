/**
 * The minutes as a document (issue 16): a title, facts and one table per section, every label in
 * the reader's language, every time in the table's time zone. Pure: a function of the minutes
 * (the MinutesView shape, as computed or as approved), the labels and the time zone; the PDF
 * (minutes-pdf.ts) only lays it out. A new section (items discussed, actions agreed) is one more
 * entry of SECTIONS.
 */

export interface MinutesInput {
  meeting: { scheduledFor: string; kind: string; status: string; closedAt: string | null };
  status: 'DRAFT' | 'APPROVED';
  approvedAt: string | null;
  approvedBy: string | null;
  /** when the meeting the minutes were approved at was scheduled */
  approvedAtMeetingScheduledFor: string | null;
  attendance: { agencyId: string; name: string; sector: string }[];
  decisions: { reference: string; outcome: string; againstAdvice: boolean; rationale: string | null; at: string }[];
  assignments: { reference: string; leadAgencyId: string; leadSector: string; assistingAgencyIds: string[]; at: string }[];
  mobilizations: { reference: string; services: string[]; at: string }[];
  updates: { reference: string; authorAgencyId: string; note: string; at: string }[];
  closures: { reference: string; conclusion: string; consentStatus: string; at: string }[];
}

/** A label of the `minutes` i18n file in the reader's language (`key` below `minutes.`). */
export type Translate = (key: string, args?: Record<string, string | number>) => string;

export interface DocumentSection {
  id: string;
  heading: string;
  columns: string[];
  /** relative widths of the columns */
  widths: number[];
  rows: string[][];
}

export interface MinutesDocument {
  title: string;
  facts: [string, string][];
  sections: DocumentSection[];
  /** the line at the foot of each page ({page} and {pages} filled in by the layout) */
  footer: (page: number, pages: number) => string;
  /** the text of a section without rows */
  none: string;
}

export interface DocumentContext {
  t: Translate;
  /** a date and time in the table's time zone, in the reader's language */
  when: (iso: string) => string;
  /** an agency's name (its id when the table no longer lists it) */
  agency: (id: string) => string;
  /** a reference data code's label in the reader's language (the code itself when unknown) */
  code: (list: 'sectors' | 'services' | 'conclusions' | 'consentStatuses', code: string) => string;
}

type SectionBuilder = (m: MinutesInput, c: DocumentContext) => DocumentSection;

const section = (id: string, c: DocumentContext, columns: string[], widths: number[], rows: string[][]): DocumentSection => ({
  id,
  heading: c.t(`sections.${id}`),
  columns: columns.map((k) => c.t(`columns.${k}`)),
  widths,
  rows,
});

/** The sections, in the order of the document. */
export const SECTIONS: SectionBuilder[] = [
  (m, c) =>
    section(
      'attendance',
      c,
      ['agency', 'sector'],
      [2, 1],
      m.attendance.map((a) => [a.name || c.agency(a.agencyId), c.code('sectors', a.sector)]),
    ),
  (m, c) =>
    section(
      'decisions',
      c,
      ['reference', 'outcome', 'advice', 'rationale', 'at'],
      [1.2, 1.4, 1, 2.6, 1.2],
      m.decisions.map((d) => [d.reference, c.t(`outcomes.${d.outcome}`), c.t(d.againstAdvice ? 'againstAdvice' : 'withAdvice'), d.rationale ?? c.t('noneShort'), c.when(d.at)]),
    ),
  (m, c) =>
    section(
      'assignments',
      c,
      ['reference', 'lead', 'assisting', 'at'],
      [1.2, 2, 2, 1.2],
      m.assignments.map((a) => [
        a.reference,
        `${c.agency(a.leadAgencyId)} (${c.code('sectors', a.leadSector)})`,
        a.assistingAgencyIds.map(c.agency).join(', ') || c.t('noneShort'),
        c.when(a.at),
      ]),
    ),
  (m, c) =>
    section(
      'mobilizations',
      c,
      ['reference', 'services', 'at'],
      [1.2, 3, 1.2],
      m.mobilizations.map((x) => [x.reference, x.services.map((s) => c.code('services', s)).join(', ') || c.t('noneShort'), c.when(x.at)]),
    ),
  (m, c) =>
    section(
      'updates',
      c,
      ['reference', 'by', 'note', 'at'],
      [1.2, 1.4, 3, 1.2],
      m.updates.map((u) => [u.reference, c.agency(u.authorAgencyId), u.note, c.when(u.at)]),
    ),
  (m, c) =>
    section(
      'closures',
      c,
      ['reference', 'conclusion', 'consent', 'at'],
      [1.2, 2, 2, 1.2],
      m.closures.map((x) => [x.reference, c.code('conclusions', x.conclusion), c.code('consentStatuses', x.consentStatus), c.when(x.at)]),
    ),
];

/** The document of the minutes: title, facts (kind, meeting state, approval, time zone), the sections. */
export function minutesDocument(m: MinutesInput, c: DocumentContext, timeZone: string): MinutesDocument {
  const status =
    m.status === 'APPROVED' && m.approvedAt && m.approvedAtMeetingScheduledFor
      ? c.t('APPROVED', { date: c.when(m.approvedAt), name: m.approvedBy ?? '', meetingDate: c.when(m.approvedAtMeetingScheduledFor) })
      : c.t('DRAFT');
  return {
    title: c.t('title', { date: c.when(m.meeting.scheduledFor) }),
    facts: [
      [c.t('kind'), c.t(`kinds.${m.meeting.kind}`)],
      [c.t('meeting'), m.meeting.closedAt ? c.t('closedAt', { date: c.when(m.meeting.closedAt) }) : c.t('stillOpen')],
      [c.t('status'), status],
      ['', c.t('timeZone', { zone: timeZone })],
    ],
    sections: SECTIONS.map((s) => s(m, c)),
    footer: (page, pages) => c.t('footer', { page, pages }),
    none: c.t('none'),
  };
}

/** A date and time in a time zone, in English or French (Intl: the platform's time zone data). */
export function formatWhen(lang: 'en' | 'fr', timeZone: string): (iso: string) => string {
  const f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { timeZone, dateStyle: 'long', timeStyle: 'short' });
  return (iso) => f.format(new Date(iso));
}
