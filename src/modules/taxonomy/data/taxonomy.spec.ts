import { TAXONOMY_V1 } from './taxonomy.v1';
import { TAXONOMY_V2 } from './taxonomy.v2';
import { TAXONOMY_V3 } from './taxonomy.v3';
import { TAXONOMY_V4 } from './taxonomy.v4';
import { TAXONOMY_V5 } from './taxonomy.v5';
import { TAXONOMY } from '../taxonomy.constants';
import { TAXONOMY_2026_4 } from '../../../../migrations/data/taxonomy-2026.4';
import { TAXONOMY_2026_5 } from '../../../../migrations/data/taxonomy-2026.5';
import { SYSTEM_BARRIER_CODES, SYSTEM_BARRIER_CONTEXTS } from '../../situations/domain/system-barriers';
import { LIST_LABEL_MAX } from './taxonomy.types';
import type { CodedItem, Label, TaxonomyData } from './taxonomy.types';

/** The version in force (2026.5); 2026.1 to 2026.4 are kept as they were. */
const T: TaxonomyData = TAXONOMY_V5;

type ListName = Exclude<keyof TaxonomyData, 'version'>;
const LIST_NAMES: ListName[] = [
  'sectors',
  'riskCategories',
  'riskFactors',
  'protectiveFactorCategories',
  'protectiveFactors',
  'ageBands',
  'situationTypes',
  'genders',
  'conclusions',
  'consentStatuses',
  'legalAuthorities',
  'studyFlags',
  'services',
  'accessPurposes',
  'systemBarriers',
  'systemBarrierContexts',
];

const CODE_RE = /^[A-Z0-9_+-]+$/;
/** Every list except the age bands: upper snake case only. */
const UPPER_SNAKE_RE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

const codes = (items: { code: string }[]): string[] => items.map((i) => i.code);
const duplicates = (values: string[]): string[] => values.filter((v, i) => values.indexOf(v) !== i);
const allLabels = (): { where: string; label: Label }[] =>
  LIST_NAMES.flatMap((name) => (T[name] as CodedItem[]).map((item) => ({ where: `${name}.${item.code}`, label: item.label })));

const SECTORS = [
  'POLICE',
  'EDUCATION',
  'HEALTH',
  'MENTAL_HEALTH_ADDICTIONS',
  'CHILD_FAMILY_SERVICES',
  'HOUSING',
  'INCOME_SOCIAL_SERVICES',
  'JUSTICE',
  'VICTIM_SERVICES',
  'EMS_FIRE',
  'MUNICIPAL_SERVICES',
  'DEVELOPMENTAL_SERVICES',
  'INDIGENOUS_SERVICES',
  'COMMUNITY_YOUTH_SERVICES',
  'SENIORS_SERVICES',
  'OTHER',
];

const RISK_CATEGORIES = [
  'ALCOHOL',
  'ANTISOCIAL_BEHAVIOUR',
  'BASIC_NEEDS',
  'COGNITIVE_FUNCTIONING',
  'CRIME_VICTIMIZATION',
  'CRIMINAL_INVOLVEMENT',
  'DRUGS',
  'ELDER_ABUSE',
  'EMOTIONAL_VIOLENCE',
  'GAMBLING',
  'GANGS',
  'HOUSING',
  'MENTAL_HEALTH',
  'MISSING_SCHOOL',
  'MISSING_RUNAWAY',
  'NEGATIVE_PEERS',
  'PARENTING',
  'PHYSICAL_HEALTH',
  'PHYSICAL_VIOLENCE',
  'POVERTY',
  'SELF_HARM',
  'SEXUAL_VIOLENCE',
  'SOCIAL_ENVIRONMENT',
  'SUICIDE',
  'SUPERVISION',
  'THREAT_PUBLIC_HEALTH_SAFETY',
  'UNEMPLOYMENT',
  'OTHER',
];

describe('taxonomy v1 integrity', () => {
  it('has a version like 2026.1', () => {
    expect(T.version).toMatch(/^\d{4}\.\d+$/);
  });

  describe.each(LIST_NAMES)('list %s', (name) => {
    const list = T[name] as CodedItem[];

    it('is not empty', () => {
      expect(list.length).toBeGreaterThan(0);
    });

    it('has unique codes', () => {
      expect(duplicates(codes(list))).toEqual([]);
    });

    it('has well-formed codes', () => {
      const re = name === 'ageBands' ? CODE_RE : UPPER_SNAKE_RE;
      expect(codes(list).filter((code) => !re.test(code))).toEqual([]);
    });

    it('has non-empty English and French labels', () => {
      const bad = list.filter((i) => !i.label || i.label.en?.trim() === '' || i.label.fr?.trim() === '' || i.label.en !== i.label.en.trim() || i.label.fr !== i.label.fr.trim());
      expect(bad.map((i) => i.code)).toEqual([]);
    });

    it('has unique English and French labels', () => {
      expect(duplicates(list.map((i) => i.label.en))).toEqual([]);
      expect(duplicates(list.map((i) => i.label.fr))).toEqual([]);
    });
  });

  it('all codes match /^[A-Z0-9_+\\-]+$/', () => {
    const bad = LIST_NAMES.flatMap((name) => codes(T[name] as CodedItem[]).filter((c) => !CODE_RE.test(c)));
    expect(bad).toEqual([]);
  });

  it('French labels differ from English for at least 80 % of entries', () => {
    const labels = allLabels();
    const differing = labels.filter(({ label }) => label.fr.trim().toLowerCase() !== label.en.trim().toLowerCase());
    expect(differing.length / labels.length).toBeGreaterThanOrEqual(0.8);
  });

  describe('sectors', () => {
    it('are exactly the 16 sector codes', () => {
      expect(T.sectors).toHaveLength(16);
      expect(codes(T.sectors).sort()).toEqual([...SECTORS].sort());
    });
  });

  describe('risk categories', () => {
    const sectorCodes = new Set(codes(T.sectors));

    it('are exactly the 28 RTD categories', () => {
      expect(T.riskCategories).toHaveLength(28);
      expect(codes(T.riskCategories).sort()).toEqual([...RISK_CATEGORIES].sort());
    });

    it('each has 1 to 4 distinct sectors', () => {
      const bad = T.riskCategories.filter((c) => c.sectors.length < 1 || c.sectors.length > 4 || duplicates(c.sectors).length > 0).map((c) => `${c.code}: ${c.sectors.join(',')}`);
      expect(bad).toEqual([]);
    });

    it('reference only known sector codes', () => {
      const unknown = T.riskCategories.flatMap((c) => c.sectors.filter((s) => !sectorCodes.has(s)).map((s) => `${c.code} -> ${s}`));
      expect(unknown).toEqual([]);
    });

    it('each has at least one risk factor', () => {
      const used = new Set(T.riskFactors.map((f) => f.category));
      expect(codes(T.riskCategories).filter((c) => !used.has(c))).toEqual([]);
    });

    it('maps the documented examples', () => {
      const sectorsOf = (code: string) => T.riskCategories.find((c) => c.code === code)?.sectors;
      expect(sectorsOf('ALCOHOL')).toEqual(expect.arrayContaining(['MENTAL_HEALTH_ADDICTIONS', 'HEALTH']));
      expect(sectorsOf('CRIMINAL_INVOLVEMENT')).toEqual(expect.arrayContaining(['POLICE', 'JUSTICE']));
      expect(sectorsOf('HOUSING')).toEqual(expect.arrayContaining(['HOUSING', 'MUNICIPAL_SERVICES']));
      expect(sectorsOf('MISSING_SCHOOL')).toEqual(expect.arrayContaining(['EDUCATION']));
      expect(sectorsOf('ELDER_ABUSE')).toEqual(expect.arrayContaining(['SENIORS_SERVICES', 'POLICE']));
      expect(sectorsOf('PARENTING')).toEqual(expect.arrayContaining(['CHILD_FAMILY_SERVICES']));
      expect(sectorsOf('OTHER')).toEqual(['OTHER']);
    });
  });

  describe('risk factors', () => {
    const categoryCodes = new Set(codes(T.riskCategories));

    it('number about 100 (90 to 130)', () => {
      expect(T.riskFactors.length).toBeGreaterThanOrEqual(90);
      expect(T.riskFactors.length).toBeLessThanOrEqual(130);
    });

    it('each belongs to an existing category', () => {
      expect(T.riskFactors.filter((f) => !categoryCodes.has(f.category)).map((f) => f.code)).toEqual([]);
    });

    it('each code starts with its category code', () => {
      expect(T.riskFactors.filter((f) => !f.code.startsWith(`${f.category}_`)).map((f) => f.code)).toEqual([]);
    });

    it('do not share codes with risk categories', () => {
      expect(T.riskFactors.filter((f) => categoryCodes.has(f.code)).map((f) => f.code)).toEqual([]);
    });

    it('include the factors named in the domain description', () => {
      const en = T.riskFactors.map((f) => `${f.category}: ${f.label.en}`);
      expect(en).toEqual(
        expect.arrayContaining([
          'BASIC_NEEDS: Person unable to meet own basic needs',
          "BASIC_NEEDS: Person neglecting others' basic needs",
          'GAMBLING: Chronic gambling by person',
          'GAMBLING: Gambling causing harm to self',
          'GAMBLING: Gambling causing harm to others',
          'MISSING_SCHOOL: Truancy',
          'POVERTY: Person living in less than adequate financial situation',
          'HOUSING: Homeless/transient',
          'HOUSING: At risk of losing housing',
          'HOUSING: Unsafe housing',
          'OTHER: Other risk factor',
        ]),
      );
    });
  });

  describe('protective factors', () => {
    it('have the 7 categories', () => {
      expect(codes(T.protectiveFactorCategories).sort()).toEqual(
        ['PHYSICAL_HEALTH', 'PROSOCIAL_BEHAVIOUR', 'SOCIAL_SUPPORT_NETWORK', 'EDUCATION_EMPLOYMENT', 'FAMILY', 'HOUSING_STABILITY', 'TREATMENT_ENGAGEMENT'].sort(),
      );
    });

    it('each belongs to an existing category', () => {
      const known = new Set(codes(T.protectiveFactorCategories));
      expect(T.protectiveFactors.filter((p) => !known.has(p.category)).map((p) => p.code)).toEqual([]);
    });

    it('number 2 to 4 per category', () => {
      const bad = T.protectiveFactorCategories.map((c) => ({ code: c.code, n: T.protectiveFactors.filter((p) => p.category === c.code).length })).filter(({ n }) => n < 2 || n > 4);
      expect(bad).toEqual([]);
    });

    it('do not share codes with risk factors', () => {
      const risk = new Set(codes(T.riskFactors));
      expect(T.protectiveFactors.filter((p) => risk.has(p.code)).map((p) => p.code)).toEqual([]);
    });
  });

  describe('other lists', () => {
    it('age bands are the 10 documented bands, in order', () => {
      expect(codes(T.ageBands)).toEqual(['0-5', '6-11', '12-15', '16-17', '18-24', '25-29', '30-39', '40-59', '60+', 'UNKNOWN']);
    });

    it('situation types are PERSON, FAMILY, GROUP, LOCATION', () => {
      expect(codes(T.situationTypes)).toEqual(['PERSON', 'FAMILY', 'GROUP', 'LOCATION']);
    });

    it('conclusions are the documented ones and cover the three groups', () => {
      const byGroup = (g: string) =>
        T.conclusions
          .filter((c) => c.group === g)
          .map((c) => c.code)
          .sort();
      expect(byGroup('RISK_LOWERED')).toEqual(['CONNECTED_TO_SERVICES', 'INFORMED_OF_SERVICES', 'NO_LONGER_AER'].sort());
      expect(byGroup('STILL_AER')).toEqual(['COULD_NOT_LOCATE', 'REFUSED_SERVICES', 'STILL_AER_OTHER'].sort());
      expect(byGroup('OTHER')).toEqual(['DORMANT', 'MOVED', 'TRANSFERRED'].sort());
      expect(new Set(T.conclusions.map((c) => c.group))).toEqual(new Set(['RISK_LOWERED', 'STILL_AER', 'OTHER']));
      expect(T.conclusions).toHaveLength(9);
    });

    it('2026.4 is 2026.3 plus the conclusion DORMANT and the legal authorities rebuilt (issue 17), nothing else', () => {
      expect(TAXONOMY_V4.conclusions.slice(0, -1)).toEqual(TAXONOMY_V3.conclusions);
      expect(TAXONOMY_V4.conclusions.at(-1)?.code).toBe('DORMANT');
      expect({ ...TAXONOMY_V4, version: '2026.3', conclusions: TAXONOMY_V3.conclusions, legalAuthorities: TAXONOMY_V3.legalAuthorities }).toEqual(TAXONOMY_V3);
      // the frozen copy the migration seeds is 2026.4 exactly
      expect(JSON.parse(JSON.stringify(TAXONOMY_2026_4))).toEqual(JSON.parse(JSON.stringify(TAXONOMY_V4)));
    });

    it('consent statuses are the documented ones', () => {
      expect(codes(T.consentStatuses)).toEqual(['OBTAINED', 'REFUSED', 'NOT_SOUGHT_RISK', 'NOT_SOUGHT_UNREACHABLE', 'NOT_APPLICABLE']);
    });

    it('legal authorities include consent and an other-statute fallback', () => {
      expect(codes(T.legalAuthorities)).toEqual(expect.arrayContaining(['CONSENT', 'OTHER_STATUTE']));
    });

    it('genders include UNKNOWN and NOT_APPLICABLE', () => {
      expect(codes(T.genders)).toEqual(expect.arrayContaining(['UNKNOWN', 'NOT_APPLICABLE']));
    });

    it('access purposes (2026.2) include the documented ones and OTHER; 2026.1 is kept as it was', () => {
      expect(codes(T.accessPurposes)).toEqual(expect.arrayContaining(['HOME_VISIT', 'SAFETY_PLANNING', 'SERVICE_CONNECTION', 'LEGAL_OBLIGATION', 'OTHER']));
      expect(T.version).toBe('2026.5');
      expect(TAXONOMY_V2.version).toBe('2026.2');
      expect(TAXONOMY_V1.version).toBe('2026.1');
      expect('accessPurposes' in TAXONOMY_V1).toBe(false);
      for (const list of ['sectors', 'riskFactors', 'conclusions', 'legalAuthorities', 'services'] as const) expect(TAXONOMY_V2[list]).toBe(TAXONOMY_V1[list]);
    });

    it('services include OTHER', () => {
      expect(codes(T.services)).toContain('OTHER');
    });
  });
});

describe('taxonomy 2026.4: legal authorities with their conditions (issue 17)', () => {
  const V4 = TAXONOMY_V4;
  const SECTOR_CODES = new Set(V4.sectors.map((s) => s.code));

  it('changes only the legal authorities of 2026.3 (and adds the conclusion DORMANT)', () => {
    expect(TAXONOMY_V4.version).toBe('2026.4');
    for (const list of LIST_NAMES.filter((l) => l !== 'legalAuthorities' && l !== 'conclusions')) expect(V4[list]).toBe(TAXONOMY_V3[list]);
  });

  it('keeps every code of 2026.3 (readable for old records) and adds CYFSA 292(1)(g) and YCJA 125(6)', () => {
    const codesOf = (l: { code: string }[]) => l.map((a) => a.code);
    expect(codesOf(V4.legalAuthorities)).toEqual(expect.arrayContaining(codesOf(TAXONOMY_V3.legalAuthorities)));
    expect(codesOf(V4.legalAuthorities)).toEqual(expect.arrayContaining(['CYFSA_S292_1_G', 'YCJA_S125_6']));
  });

  it('gives every authority a statute, a section, known sectors, its requirements and a source', () => {
    for (const a of V4.legalAuthorities) {
      expect(a.statute?.en && a.statute.fr).toBeTruthy();
      expect(typeof a.section).toBe('string');
      expect((a.sectors ?? []).filter((s) => !SECTOR_CODES.has(s))).toEqual([]);
      expect(a.requires).toBeDefined();
      if (a.requires?.notice) expect(a.requires.notice.withinDays).toBeGreaterThan(0);
      expect(a.source).toMatch(/^https:\/\//);
    }
  });

  it('retires CYFSA s. 125 (a duty to report to a CAS, not an authority to disclose) and OTHER_STATUTE; FIPPA and MFIPPA require mailed notice; CONSENT requires consent', () => {
    const by = (code: string) => V4.legalAuthorities.find((a) => a.code === code)!;
    expect(V4.legalAuthorities.filter((a) => a.retired).map((a) => a.code)).toEqual(['CYFSA_S125', 'OTHER_STATUTE']);
    for (const code of ['FIPPA_S42_1_H', 'MFIPPA_S32_H']) expect(by(code).requires).toEqual({ notice: { withinDays: 7, method: 'MAIL_LAST_KNOWN_ADDRESS' }, consent: false });
    expect(by('CONSENT').requires).toEqual({ notice: null, consent: true });
    expect(by('CSPA_2019').sectors).toEqual(['POLICE']);
  });
});

describe('taxonomy 2026.5: system barriers (issue 19, evaluation section 5)', () => {
  it('is in force, and is 2026.4 plus the system barriers and their contexts, nothing else', () => {
    expect(TAXONOMY.version).toBe('2026.5');
    const { systemBarriers, systemBarrierContexts, ...rest } = TAXONOMY_V5;
    expect({ ...rest, version: '2026.4' }).toEqual(TAXONOMY_V4);
    expect(systemBarriers).toHaveLength(7);
    expect(systemBarrierContexts).toHaveLength(3);
    // the frozen copy the migration seeds is 2026.5 exactly
    expect(JSON.parse(JSON.stringify(TAXONOMY_2026_5))).toEqual(JSON.parse(JSON.stringify(TAXONOMY_V5)));
  });

  it('lists the codes of the pure rules, in the order of their bit in barrier_mask', () => {
    expect(codes(TAXONOMY_V5.systemBarriers)).toEqual([...SYSTEM_BARRIER_CODES]);
    expect(codes(TAXONOMY_V5.systemBarrierContexts)).toEqual([...SYSTEM_BARRIER_CONTEXTS]);
  });

  it('shows a list label within 50 characters in both languages, a short label only when the label is longer', () => {
    for (const item of [...TAXONOMY_V5.systemBarriers, ...TAXONOMY_V5.systemBarrierContexts]) {
      const shown = item.shortLabel ?? item.label;
      expect(shown.en.length).toBeLessThanOrEqual(LIST_LABEL_MAX);
      expect(shown.fr.length).toBeLessThanOrEqual(LIST_LABEL_MAX);
      if (item.shortLabel) expect(Math.max(item.label.en.length, item.label.fr.length)).toBeGreaterThan(LIST_LABEL_MAX);
    }
    expect(TAXONOMY_V5.systemBarriers.find((b) => b.code === 'LANGUAGE')?.label.fr).toBe('Langue (service non offert dans la langue de la personne)');
  });
});
