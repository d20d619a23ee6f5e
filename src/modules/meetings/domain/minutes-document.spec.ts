import { DocumentContext, formatWhen, MinutesInput, minutesDocument } from './minutes-document';

const input: MinutesInput = {
  meeting: { scheduledFor: '2026-11-30T03:00:00.000Z', kind: 'REGULAR', status: 'CLOSED', closedAt: '2026-11-30T04:00:00.000Z' },
  status: 'APPROVED',
  approvedAt: '2026-12-07T15:00:00.000Z',
  approvedBy: 'Casey Invented',
  approvedAtMeetingScheduledFor: '2026-12-07T14:00:00.000Z',
  attendance: [{ agencyId: 'a-1', name: 'Invented Health Agency', sector: 'HEALTH' }],
  decisions: [{ reference: 'TBL-2026-0001', outcome: 'NOT_AER', againstAdvice: true, rationale: 'A single agency can respond to this.', at: '2026-11-30T03:10:00.000Z' }],
  assignments: [{ reference: 'TBL-2026-0002', leadAgencyId: 'a-1', leadSector: 'HEALTH', assistingAgencyIds: ['a-9'], at: '2026-11-30T03:20:00.000Z' }],
  mobilizations: [],
  updates: [],
  closures: [],
};
const ctx = (lang: 'en' | 'fr'): DocumentContext => ({
  t: (key, args) => `${lang}:${key}${args ? JSON.stringify(args) : ''}`,
  when: formatWhen(lang, 'America/Toronto'),
  agency: (id) => (id === 'a-1' ? 'Invented Health Agency' : id),
  code: (list, code) => `${list}:${code}`,
});

describe('the minutes document', () => {
  it('has a section per part of the minutes, decisions with their rationale, times in the table time zone', () => {
    const d = minutesDocument(input, ctx('en'), 'America/Toronto');
    expect(d.sections.map((s) => s.id)).toEqual(['attendance', 'decisions', 'assignments', 'mobilizations', 'updates', 'closures']);
    const decisions = d.sections[1];
    expect(decisions.columns).toContain('en:columns.rationale');
    expect(decisions.rows[0]).toEqual([
      'TBL-2026-0001',
      'en:outcomes.NOT_AER',
      'en:againstAdvice',
      'A single agency can respond to this.',
      expect.stringContaining('November 29, 2026'),
    ]);
    expect(d.sections[0].rows).toEqual([['Invented Health Agency', 'sectors:HEALTH']]);
    expect(d.sections[2].rows[0][1]).toBe('Invented Health Agency (sectors:HEALTH)');
    expect(d.sections[2].rows[0][2]).toBe('a-9');
    // 03:00 UTC is the evening before in Toronto
    expect(d.title).toContain('November 29, 2026');
    expect(d.facts.find(([k]) => k === 'en:status')?.[1]).toMatch(/^en:APPROVED\{"date":"December 7, 2026.*","name":"Casey Invented"/);
    expect(d.sections.every((s) => s.widths.length === s.columns.length)).toBe(true);
  });
  it('says DRAFT while not approved, and writes French dates in French', () => {
    const d = minutesDocument({ ...input, status: 'DRAFT', approvedAt: null, approvedBy: null, approvedAtMeetingScheduledFor: null }, ctx('fr'), 'America/Toronto');
    expect(d.facts.find(([k]) => k === 'fr:status')?.[1]).toBe('fr:DRAFT');
    expect(d.title).toContain('29 novembre 2026');
  });
});
