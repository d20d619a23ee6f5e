import { typographyProblems } from '../../../test/support/french';
import { EQUITY_2026_1 as FROZEN_1 } from '../../../migrations/data/equity-2026.1';
import { EQUITY_2026_2 as FROZEN_2 } from '../../../migrations/data/equity-2026.2';
import { cellsOf, EquityAnswers, EquityInput, equityPlaintext, equityProblems, PLAINTEXT_BYTES, reportingCategories, reportingCategory, stagesOf, tallyChanges } from './equity';
import { EQUITY_REFERENCE, EQUITY_VERSIONS, noticeText } from './equity-reference';
import { localMonth } from './equity.service';
import { TAXONOMY } from '../taxonomy/taxonomy.constants';

const asked = (answers: EquityInput['answers'], more: Partial<EquityInput> = {}): EquityInput => ({
  asked: 'ASKED',
  notAskedReason: null,
  answeredBy: 'SELF',
  noticeGiven: true,
  answers,
  ...more,
});
const fields = (i: EquityInput) => equityProblems(i).map((p) => p.field);

describe('equity reference data (docs/evaluation.md, 6.2 and 6.3)', () => {
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
  it('is, in every version still readable, the frozen copy its migration seeds, exactly; 2026.2 is in force', () => {
    expect(EQUITY_REFERENCE.version).toBe('2026.2');
    expect([...EQUITY_VERSIONS.keys()]).toEqual(['2026.1', '2026.2']);
    expect(plain(FROZEN_1)).toEqual(plain(EQUITY_VERSIONS.get('2026.1')));
    expect(plain(FROZEN_2)).toEqual(plain(EQUITY_REFERENCE));
  });

  it('2026.2 changes the French of one ethnic origin and nothing else (codes, notice, every other label)', () => {
    const [before, now] = [plain(FROZEN_1), plain(FROZEN_2)];
    const option = (r: typeof before) =>
      r.questions.find((q: { code: string }) => q.code === 'ETHNIC_ORIGIN').options.find((o: { code: string }) => o.code === 'LATIN_CENTRAL_SOUTH_AMERICAN');
    expect(option(before).label.fr).toBe('Origines latino, centrale et sud-américaines');
    expect(option(now).label).toEqual({ en: 'Latin, Central and South American origins', fr: 'Origines latino-américaines, centraméricaines et sud-américaines' });
    option(before).label.fr = option(now).label.fr;
    expect({ ...now, version: '2026.1' }).toEqual(before);
  });

  it('seals the largest valid answers of every version at the one plaintext length, and refuses longer ones', () => {
    for (const ref of EQUITY_VERSIONS.values()) {
      // every question answered with as much as it accepts: all the options that combine, or its longest one
      const largest: EquityAnswers = Object.fromEntries(
        ref.questions.map((q) => {
          const combined = q.options.map((o) => o.code).filter((c) => !q.alone.includes(c));
          const longest = [...q.options.map((o) => o.code)].sort((a, b) => b.length - a.length)[0];
          return [q.code, q.multiple && combined.join().length > longest.length ? combined : [longest]];
        }),
      );
      expect(equityProblems(asked(largest), ref)).toEqual([]);
      const plaintext = equityPlaintext(largest);
      expect(Buffer.byteLength(plaintext)).toBe(PLAINTEXT_BYTES);
      // about 420 bytes today: the padding leaves room for longer codes in a later version
      expect(JSON.stringify(largest).length).toBeGreaterThan(300);
      expect(Buffer.byteLength(equityPlaintext({}))).toBe(PLAINTEXT_BYTES);
    }
    expect(() => equityPlaintext({ RELIGION: ['X'.repeat(PLAINTEXT_BYTES)] })).toThrow(/longer than the sealed plaintext/);
  });

  it('offers PREFER_NOT_TO_ANSWER on every question, unique codes, and stand-alone codes that exist', () => {
    for (const q of EQUITY_REFERENCE.questions) {
      const codes = q.options.map((o) => o.code);
      expect(codes).toContain('PREFER_NOT_TO_ANSWER');
      expect(new Set(codes).size).toBe(codes.length);
      for (const a of q.alone) expect(codes).toContain(a);
    }
    expect(EQUITY_REFERENCE.questions.map((q) => q.code)).toEqual(['INDIGENOUS_IDENTITY', 'RACE', 'RELIGION', 'ETHNIC_ORIGIN', 'GENDER_IDENTITY']);
  });

  it("gender identity uses the taxonomy's gender codes (WOMAN, MAN, NON_BINARY, TWO_SPIRIT, OTHER) and their French", () => {
    const q = EQUITY_REFERENCE.questions.find((x) => x.code === 'GENDER_IDENTITY')!;
    for (const code of ['WOMAN', 'MAN', 'NON_BINARY', 'TWO_SPIRIT', 'OTHER']) {
      expect(TAXONOMY.genders.map((g) => g.code)).toContain(code);
      expect(q.options.find((o) => o.code === code)).toBeDefined();
    }
    expect(q.options.find((o) => o.code === 'TWO_SPIRIT')!.label.fr).toBe(TAXONOMY.genders.find((g) => g.code === 'TWO_SPIRIT')!.label.fr);
  });

  it('follows French typography in every French label and the notice (src/french.spec.ts rules)', () => {
    const texts = [
      ...EQUITY_REFERENCE.questions.flatMap((q) => [q.label.fr, ...q.options.map((o) => o.label.fr)]),
      ...EQUITY_REFERENCE.notAskedReasons.map((o) => o.label.fr),
      ...EQUITY_REFERENCE.answeredBy.map((o) => o.label.fr),
      EQUITY_REFERENCE.notice.title.fr,
      EQUITY_REFERENCE.notice.text.fr,
      EQUITY_REFERENCE.retention.fr,
    ];
    expect(texts.flatMap((t) => typographyProblems(t).map((p) => `${t}: ${p}`))).toEqual([]);
  });

  it("fills the notice with the table's retention and contact, in both languages", () => {
    const fill = { retentionDays: 90, contactTitle: 'Privacy officer', contactEmail: 'privacy@example.test' };
    expect(noticeText(EQUITY_REFERENCE, 'en', fill)).toContain('deleted, 90 days after the situation is closed. They are');
    expect(noticeText(EQUITY_REFERENCE, 'en', fill)).toMatch(/Questions\? Contact Privacy officer, privacy@example\.test\.$/);
    expect(noticeText(EQUITY_REFERENCE, 'fr', fill)).toContain('identificatoires, 90\u00a0jours après la fermeture de la situation.');
    expect(noticeText(EQUITY_REFERENCE, 'fr', fill)).not.toMatch(/[{}]/);
  });

  it("puts the administrator's contact in as it is: no replacement pattern ($&) or placeholder in it is expanded", () => {
    const text = noticeText(EQUITY_REFERENCE, 'en', { retentionDays: 90, contactTitle: "Officer $& $' {contactEmail}", contactEmail: 'privacy@example.test' });
    expect(text).toMatch(/Questions\? Contact Officer \$& \$' \{contactEmail\}, privacy@example\.test\.$/);
  });
});

describe('equity rules (6.4)', () => {
  it('accepts every field empty: asked, the notice given, nothing answered', () => {
    expect(equityProblems(asked({}))).toEqual([]);
  });

  it('needs the notice given and who answered when asked; a reason and nothing else when not asked', () => {
    expect(fields(asked({}, { noticeGiven: false }))).toEqual(['noticeGiven']);
    expect(fields(asked({}, { answeredBy: null }))).toEqual(['answeredBy']);
    expect(fields(asked({}, { answeredBy: 'NEIGHBOUR' }))).toEqual(['answeredBy']);
    expect(fields(asked({}, { notAskedReason: 'OTHER' }))).toEqual(['notAskedReason']);
    const notAsked: EquityInput = { asked: 'NOT_ASKED', notAskedReason: 'NOT_REACHED', answeredBy: null, noticeGiven: false, answers: {} };
    expect(equityProblems(notAsked)).toEqual([]);
    expect(fields({ ...notAsked, notAskedReason: null })).toEqual(['notAskedReason']);
    expect(fields({ ...notAsked, answeredBy: 'SELF', answers: { RACE: ['WHITE'] } })).toEqual(['answeredBy', 'answers']);
  });

  it('refuses unknown codes, repeats, two answers to a one-answer question and stand-alone answers combined', () => {
    expect(fields(asked({ RACE: ['PURPLE'] }))).toEqual(['answers.RACE']);
    expect(fields(asked({ RACE: ['WHITE', 'WHITE'] }))).toEqual(['answers.RACE']);
    expect(fields(asked({ RELIGION: ['SIKH', 'HINDU'] }))).toEqual(['answers.RELIGION']);
    expect(fields(asked({ INDIGENOUS_IDENTITY: ['NO', 'METIS'] }))).toEqual(['answers.INDIGENOUS_IDENTITY']);
    expect(fields(asked({ RACE: ['BLACK', 'PREFER_NOT_TO_ANSWER'] }))).toEqual(['answers.RACE']);
    expect(fields(asked({ SHOE_SIZE: ['TEN'] } as never))).toEqual(['answers.SHOE_SIZE']);
    expect(fields(asked({ INDIGENOUS_IDENTITY: ['FIRST_NATIONS', 'METIS'], RACE: ['BLACK', 'WHITE'], ETHNIC_ORIGIN: ['AFRICAN', 'EUROPEAN'] }))).toEqual([]);
  });
});

describe('equity reporting categories and stages (6.2, 6.5)', () => {
  it('counts each answer in one category: the code alone, multiple, not answered, not asked', () => {
    expect(reportingCategory('INDIGENOUS_IDENTITY', 'ASKED', ['METIS'])).toBe('METIS');
    expect(reportingCategory('INDIGENOUS_IDENTITY', 'ASKED', ['FIRST_NATIONS', 'INUIT'])).toBe('MULTIPLE_INDIGENOUS');
    expect(reportingCategory('RACE', 'ASKED', ['BLACK', 'WHITE'])).toBe('MULTIPLE');
    expect(reportingCategory('RACE', 'ASKED', ['PREFER_NOT_TO_ANSWER'])).toBe('PREFER_NOT_TO_ANSWER');
    expect(reportingCategory('RACE', 'ASKED', [])).toBe('NOT_ANSWERED');
    expect(reportingCategory('RACE', 'NOT_ASKED', undefined)).toBe('NOT_ASKED');
    expect(reportingCategories('RELIGION')).not.toContain('MULTIPLE');
    expect(reportingCategories('RACE')).toEqual(expect.arrayContaining(['MULTIPLE', 'PREFER_NOT_TO_ANSWER', 'NOT_ANSWERED', 'NOT_ASKED']));
  });

  it('stages: RECORDED always, POLICE_LED by the current lead, one CLOSED_ stage by the conclusion group', () => {
    expect(stagesOf({ status: 'ASSIGNED', leadSector: 'HOUSING', conclusionGroup: null })).toEqual(['RECORDED']);
    expect(stagesOf({ status: 'MOBILIZED', leadSector: 'POLICE', conclusionGroup: null })).toEqual(['RECORDED', 'POLICE_LED']);
    expect(stagesOf({ status: 'CLOSED', leadSector: 'POLICE', conclusionGroup: 'RISK_LOWERED' })).toEqual(['RECORDED', 'POLICE_LED', 'CLOSED_RISK_LOWERED']);
    expect(stagesOf({ status: 'CLOSED', leadSector: 'HEALTH', conclusionGroup: 'STILL_AER' })).toEqual(['RECORDED', 'CLOSED_STILL_AER']);
    expect(stagesOf({ status: 'CLOSED', leadSector: null, conclusionGroup: 'OTHER' })).toEqual(['RECORDED', 'CLOSED_OTHER']);
    expect(stagesOf({ status: 'ACCEPTED', leadSector: null, conclusionGroup: null })).toEqual(['RECORDED']);
  });

  it('a correction moves counts between categories; a withdrawal takes them all back; a transition moves stages only', () => {
    const a = cellsOf('ASKED', { RACE: ['BLACK'] });
    const b = cellsOf('ASKED', { RACE: ['BLACK', 'WHITE'] });
    expect(a).toHaveLength(5);
    const fix = tallyChanges({ cells: a, stages: ['RECORDED'] }, { cells: b, stages: ['RECORDED'] });
    expect(fix).toEqual([
      { question: 'RACE', category: 'BLACK', stage: 'RECORDED', delta: -1 },
      { question: 'RACE', category: 'MULTIPLE', stage: 'RECORDED', delta: 1 },
    ]);
    const gone = tallyChanges({ cells: b, stages: ['RECORDED', 'POLICE_LED'] }, { cells: [], stages: [] });
    expect(gone).toHaveLength(10);
    expect(gone.every((c) => c.delta === -1)).toBe(true);
    const closed = tallyChanges({ cells: a, stages: ['RECORDED'] }, { cells: a, stages: ['RECORDED', 'CLOSED_OTHER'] });
    expect(closed).toHaveLength(5);
    expect(closed.every((c) => c.stage === 'CLOSED_OTHER' && c.delta === 1)).toBe(true);
  });

  it("takes the referral month in the table's time zone", () => {
    expect(localMonth(new Date('2026-03-01T03:00:00Z'), 'America/Toronto')).toBe('2026-02');
    expect(localMonth(new Date('2026-03-01T03:00:00Z'), 'UTC')).toBe('2026-03');
  });
});
