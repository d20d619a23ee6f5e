/**
 * The French a person reads, checked against docs/glossary.md (issue 20): every French resource
 * (src/i18n/fr/*.json, the reference data in force, the labels of codes, the French of field
 * problems, and the web interface's French resources when they exist) uses no term the glossary
 * rejects, follows French typography, fits lists, and carries no English or raw code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { englishIn, GLOSSARY, globFiles, rejectedTerms, ROOT, stringsOf, typographyProblems } from '../test/support/french';
import { CONFLICT_REASONS } from './common/errors/domain-error';
import { hasFrenchProblem, problemInFrench } from './common/errors/problems';
import { LIST_LABEL_MAX, type Label } from './modules/taxonomy/data/taxonomy.types';
import { TAXONOMY_2026_3 } from '../migrations/data/taxonomy-2026.3';
import { TAXONOMY_V2 } from './modules/taxonomy/data/taxonomy.v2';
import { TAXONOMY_V3 } from './modules/taxonomy/data/taxonomy.v3';
import { LABELS, type LabelledCode } from './modules/taxonomy/labels';
import { TAXONOMY } from './modules/taxonomy/taxonomy.constants';

const I18N = join(__dirname, 'i18n');
const json = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const i18n = (lang: 'en' | 'fr') =>
  Object.fromEntries(
    readdirSync(join(I18N, lang))
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), json(join(I18N, lang, f))]),
  ) as Record<string, Record<string, unknown>>;

type Item = { code: string; label: Label; shortLabel?: Label };
const lists = Object.entries(TAXONOMY).filter(([k]) => k !== 'version') as [string, Item[]][];

/** Problems the server writes (class-validator's and its own), to prove each has French of its own. */
const KNOWN_PROBLEMS = [
  'unknown field',
  'must be a string',
  'must be an integer number',
  'must not be less than 1',
  'must not be greater than 200',
  'must be one of the following values: AER, NOT_AER',
  'must be longer than or equal to 1 characters',
  'must be shorter than or equal to 4000 characters',
  'must be a UUID',
  'must match /^[A-Z]+$/ regular expression',
  'must be a valid ISO 8601 date string',
  'must be an array',
  'must contain no more than 40 elements',
  'must contain at least 1 elements',
  "riskFactors's elements must be unique",
  'must be an object',
  'must be a boolean value',
  'must be equal to true',
  'must be an email',
  'must be a valid IANA time-zone',
  'value in services must be one of the following values: A, B',
  'nested property riskFactors must be either object or array',
  'must be a short note of at least two words',
  'a decision against the advice needs a rationale of at least 20 characters',
  'the barrier OTHER needs a note',
  'a note only with the barrier OTHER',
  'each barrier once per service',
  'must not include the lead agency',
  'must be agencies of this table',
  'must not be in the future',
  'must not be before the decision',
  'no such meeting at this table',
  'is not an IANA time zone name',
  'no such agency',
  'no such user',
  'is not your current password',
  'must differ from the current password',
  'must be before to',
  'is not a known time zone',
  'is not a year (2026), a quarter (2026-Q3) or a month (2026-07)',
  'must be a year from 2020 on',
  'begins in the future',
  'reports cover fixed periods only: period=2026 (a year), 2026-Q3 (a quarter) or 2026-07 (a month)',
  'must be the version read, e.g. 3',
  'must not contain NUL characters',
  'must be well-formed Unicode',
  'must be a JSON object',
  'is not a cursor this list gave',
  'must be at least 12 characters',
  'must be at most 256 characters',
  'is too easy to guess (a common password, a word, a name, a pattern or your own details)',
  'must be an IANA time zone name such as America/Toronto',
  'must be a boolean string',
];

/** Every French text a person may read, with where it comes from. */
function frenchResources(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const [ns, doc] of Object.entries(i18n('fr'))) out.push(...stringsOf(doc, `i18n/fr/${ns}`));
  for (const [name, items] of lists) {
    for (const i of items) {
      out.push({ where: `taxonomy ${TAXONOMY.version} ${name}.${i.code}`, text: i.label.fr });
      if (i.shortLabel) out.push({ where: `taxonomy ${TAXONOMY.version} ${name}.${i.code} (short)`, text: i.shortLabel.fr });
    }
  }
  for (const [name, items] of Object.entries(LABELS) as [string, readonly LabelledCode[]][]) {
    for (const i of items) {
      out.push({ where: `labels.${name}.${i.code}`, text: i.label.fr });
      if (i.description) out.push({ where: `labels.${name}.${i.code} (description)`, text: i.description.fr });
    }
  }
  for (const p of KNOWN_PROBLEMS) out.push({ where: `problem "${p}"`, text: problemInFrench(p) });
  out.push({ where: 'problem (unknown)', text: problemInFrench('something nobody wrote') });
  for (const file of extraResources()) out.push(...stringsOf(json(file), file.slice(ROOT.length + 1)));
  return out;
}

/** The web interface's French resources (docs/glossary.json "resources"), when they exist. */
const extraResources = (): string[] => [...new Set(GLOSSARY.resources.flatMap(globFiles))];

describe('French resources (docs/glossary.md)', () => {
  const resources = frenchResources();

  it('finds the resources it checks', () => {
    expect(resources.length).toBeGreaterThan(400);
    expect(resources.some((r) => r.where.startsWith('i18n/fr/errors'))).toBe(true);
    expect(GLOSSARY.rejected.length).toBeGreaterThanOrEqual(15);
    // the globs that bring in the web interface's French resources once it is merged
    expect(GLOSSARY.resources).toContain('web/src/**/fr*.json');
    expect(globFiles('src/i18n/fr/*.json').map((p) => p.slice(ROOT.length + 1))).toEqual(
      readdirSync(join(I18N, 'fr'))
        .filter((n) => n.endsWith('.json'))
        .sort()
        .map((n) => `src/i18n/fr/${n}`),
    );
    expect(globFiles('src/**/errors.json').map((p) => p.slice(ROOT.length + 1))).toEqual(['src/i18n/en/errors.json', 'src/i18n/fr/errors.json']);
    expect(globFiles('src/**/fr*.json')).toEqual([]);
  });

  it('use no term the glossary rejects', () => {
    const found = resources.flatMap((r) => rejectedTerms(r.text).map((t) => `${r.where}: "${r.text}" uses ${t}`));
    expect(found).toEqual([]);
  });

  it('the glossary check catches what it must (and allows what it allows)', () => {
    expect(rejectedTerms('Nouvelle référence reçue')).toHaveLength(1);
    expect(rejectedTerms('Erreur (numéro de référence 42).')).toEqual([]);
    expect(rejectedTerms('Référence')).toEqual([]); // a column of the situation's reference number
    expect(rejectedTerms('Référence de la situation')).toEqual([]);
    expect(rejectedTerms('Trois références cette semaine')).toHaveLength(1);
    expect(rejectedTerms('Prend sa médication')).toHaveLength(1);
    expect(rejectedTerms('Bispirituel')).toHaveLength(1);
    expect(rejectedTerms('Personne bispirituelle')).toEqual([]);
    expect(rejectedTerms('Services mobilisés')).toEqual([]);
    expect(rejectedTerms('Situation assignée')).toHaveLength(1);
    expect(rejectedTerms('Nouvel aiguillage')).toHaveLength(1);
    expect(rejectedTerms('Aiguillages reportés\u00A0: 3.')).toHaveLength(1);
    expect(rejectedTerms("Demande d'intervention soumise")).toEqual([]);
  });

  it('follow French typography: U+00A0 before « : » and inside guillemets, U+202F before ; ! ?, the straight apostrophe only', () => {
    const found = resources.flatMap((r) => typographyProblems(r.text).map((p) => `${r.where}: "${r.text}": ${p}`));
    expect(found).toEqual([]);
    expect(typographyProblems('Conflit : x')).toHaveLength(1);
    expect(typographyProblems('Conflit\u00A0: x ; y')).toHaveLength(1);
    expect(typographyProblems('l’identité')).toHaveLength(1);
    expect(typographyProblems('« x »')).toHaveLength(1);
    expect(typographyProblems("«\u00A0x\u00A0» et l'identité\u202F; 09:30")).toEqual([]);
  });

  it('every French answer of the API is a full French sentence with no English and no raw code', () => {
    const fr = i18n('fr');
    const sentences = [
      ...Object.entries(fr.errors)
        .filter(([k]) => k !== 'CONFLICT')
        .map(([k, v]) => ({ where: `errors.${k}`, text: String(v) })),
      ...Object.entries(fr.conflicts).map(([k, v]) => ({ where: `conflicts.${k}`, text: String(v) })),
      ...KNOWN_PROBLEMS.map((p) => ({ where: `problem "${p}"`, text: problemInFrench(p) })),
    ];
    const bad = sentences.flatMap(({ where, text }) => {
      const t = text.replace(/\{\w+\}/g, 'x');
      const problems = englishIn(t);
      if (!/^[A-ZÀ-Ý]/.test(t) || !/[.!?]$/.test(t)) problems.push('not a full sentence (capital first, final punctuation)');
      return problems.map((p) => `${where}: "${text}": ${p}`);
    });
    expect(bad).toEqual([]);
    expect(englishIn('Conflit\u00A0: e-mail already in use')).not.toEqual([]);
    expect(englishIn("Cette action ne s'applique plus au statut CLOSED.")).not.toEqual([]);
  });

  it('every conflict reason has its sentence in both languages, and every problem the server writes its own French', () => {
    for (const lang of ['en', 'fr'] as const) expect(Object.keys(i18n(lang).conflicts).sort()).toEqual([...CONFLICT_REASONS, 'GENERIC'].sort());
    expect(KNOWN_PROBLEMS.filter((p) => !hasFrenchProblem(p))).toEqual([]);
    expect(Object.keys(i18n('fr').errors).sort()).toEqual(Object.keys(i18n('en').errors).sort());
  });

  it('every problem text written in src/ has French of its own (a new one needs a rule in problems.ts)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, name.name);
        if (name.isDirectory()) walk(full);
        else if (name.name.endsWith('.ts') && !name.name.endsWith('.spec.ts')) files.push(full);
      }
    };
    walk(__dirname);
    const written = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // problem: '…', problem: `…${N}…`, and the problem constants of the password policy and the reports
      for (const m of text.matchAll(/problem: (['`])((?:(?!\1).)+)\1/g)) written.add(m[2].replace(/\$\{[^}]+\}/g, '12'));
      for (const m of text.matchAll(/return (['`])((?:must|is|begins)[^'`]*)\1/g)) written.add(m[2].replace(/\$\{[^}]+\}/g, '12'));
      for (const m of text.matchAll(/const (?:TOO_EASY|PERIOD_PROBLEM) = '([^']+)'/g)) written.add(m[1]);
    }
    expect(written.size).toBeGreaterThanOrEqual(25);
    expect([...written].filter((p) => !hasFrenchProblem(p))).toEqual([]);
  });

  it(`labels for lists fit ${LIST_LABEL_MAX} characters in French (and English); longer ones have a short label`, () => {
    const long: string[] = [];
    for (const [name, items] of lists) {
      for (const i of items) {
        const shown = i.shortLabel ?? i.label;
        for (const lang of ['fr', 'en'] as const) if ([...shown[lang]].length > LIST_LABEL_MAX) long.push(`${name}.${i.code} ${lang} (${shown[lang].length}): ${shown[lang]}`);
        if (i.shortLabel && i.shortLabel.fr === i.label.fr) long.push(`${name}.${i.code}: a short label equal to the label`);
      }
    }
    for (const [name, items] of Object.entries(LABELS) as [string, readonly LabelledCode[]][]) {
      for (const i of items)
        for (const lang of ['fr', 'en'] as const) if ([...i.label[lang]].length > LIST_LABEL_MAX) long.push(`labels.${name}.${i.code} ${lang}: ${i.label[lang]}`);
    }
    expect(long).toEqual([]);
    // the legal authorities keep their full citation as the label, for detail views
    const cspa = TAXONOMY.legalAuthorities.find((a) => a.code === 'CSPA_2019')!;
    expect(cspa.label.fr.length).toBeGreaterThan(100);
    expect(cspa.shortLabel!.fr.length).toBeLessThanOrEqual(LIST_LABEL_MAX);
  });

  it('labels cover every code a person reads, and the statuses have one source (not repeated in the reports resource)', () => {
    const codes = (name: keyof typeof LABELS) => (LABELS[name] as readonly LabelledCode[]).map((i) => i.code);
    expect(codes('statuses')).toEqual(['SUBMITTED', 'DEFERRED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'MOBILIZED', 'CLOSED', 'DUPLICATE', 'NOT_APPLICABLE']);
    expect(codes('roles')).toEqual(['ADMIN', 'COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST']);
    expect(codes('certainty')).toEqual(['CONFIRMED', 'SUSPECTED']);
    expect(codes('thresholdCriteria')).toEqual(['IMMINENT_HARM', 'AGENCY_EXHAUSTED_OPTIONS', 'RISK_FACTORS', 'CATEGORIES', 'SECTORS', 'CONFIRMED_FACTORS']);
    expect(codes('notificationKinds')).toEqual(
      expect.arrayContaining(['SITUATION_ASSIGNED', 'MOBILIZATION_OVERDUE', 'MOBILIZATION_WARNING', 'DEFERRAL_OVERDUE', 'PASSWORD_SET_BY_ADMINISTRATOR']),
    );
    expect(codes('decisionOutcomes')).toEqual(['AER', 'NOT_AER', 'DEFERRED']);
    // reports, CSV and error messages label statuses from LABELS.statuses (TaxonomyService.statusLabel)
    for (const lang of ['en', 'fr'] as const) expect(Object.keys(i18n(lang).reports)).not.toContain('status');
    expect(Object.fromEntries(LABELS.statuses.map((s) => [s.code, s.label.fr]))).toEqual({
      SUBMITTED: 'Soumise',
      DEFERRED: 'Reportée',
      ACCEPTED: 'Acceptée',
      REJECTED: 'Rejetée',
      WITHDRAWN: 'Retirée',
      ASSIGNED: 'Attribuée',
      MOBILIZED: 'Intervention en cours',
      CLOSED: 'Fermée',
      DUPLICATE: 'Doublon',
      NOT_APPLICABLE: 'Sans objet',
    });
  });

  it('taxonomy 2026.3 changes labels only: same codes, lists and order as 2026.2', () => {
    expect(TAXONOMY_V3.version).toBe('2026.3');
    // the frozen copy the migration seeds is 2026.3 exactly
    expect(JSON.parse(JSON.stringify(TAXONOMY_2026_3))).toEqual(JSON.parse(JSON.stringify(TAXONOMY_V3)));
    for (const [name, items] of Object.entries(TAXONOMY_V3).filter(([k]) => k !== 'version') as [string, Item[]][]) {
      expect(items.map((i) => i.code)).toEqual((TAXONOMY_V2[name as keyof typeof TAXONOMY_V2] as Item[]).map((i) => i.code));
    }
  });
});
