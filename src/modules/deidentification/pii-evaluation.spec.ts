import { evaluateCorpus, formatReport, parseCases, type EvaluationCase } from './pii-evaluation';
import { adversarialInputs, buildNarratives } from './pii-speed';

describe('evaluateCorpus', () => {
  const cases: EvaluationCase[] = [
    { lang: 'en', pii: ['PHONE'], text: 'Call the aunt at 416-555-0199 tonight.' }, // detected
    { lang: 'en', pii: ['EMAIL'], text: 'Call the aunt at 416-555-0199 tonight.' }, // EMAIL missed, PHONE extra
    { lang: 'en', pii: ['NAME', 'PHONE'], text: 'Mrs. Delgado asked us to call 416-555-0199.' }, // detected
    { lang: 'en', pii: [], text: 'Mrs. Delgado stopped answering the door.' }, // false refusal
    { lang: 'fr', pii: [], text: 'Homme de 40-59 ans, itinérant depuis mars.' }, // clean, accepted
    { lang: 'fr', pii: [], text: 'Femme de 30-39 ans, aucun revenu depuis avril.' }, // clean, accepted
  ];
  const report = evaluateCorpus(cases);

  it('counts PII cases, clean cases, recall and false refusals', () => {
    expect(report.cases).toBe(6);
    expect(report.piiCases).toBe(3);
    expect(report.cleanCases).toBe(3);
    expect(report.detected).toBe(2);
    expect(report.recall).toBeCloseTo(2 / 3);
    expect(report.refusedPiiCases).toBe(3);
    expect(report.refusalRecall).toBe(1);
    expect(report.falseRefusals).toBe(1);
    expect(report.falseRefusalRate).toBeCloseTo(1 / 3);
  });

  it('computes per-kind precision and recall over cases', () => {
    const byKind = Object.fromEntries(report.perKind.map((k) => [k.kind, k]));
    expect(byKind.PHONE).toMatchObject({ support: 2, truePositives: 2, falsePositives: 1, falseNegatives: 0 });
    expect(byKind.PHONE.precision).toBeCloseTo(2 / 3);
    expect(byKind.PHONE.recall).toBe(1);
    expect(byKind.NAME).toMatchObject({ support: 1, truePositives: 1, falsePositives: 1, precision: 0.5, recall: 1 });
    expect(byKind.EMAIL).toMatchObject({ support: 1, truePositives: 0, falseNegatives: 1, precision: null, recall: 0 });
    expect(byKind.SIN).toMatchObject({ support: 0, precision: null, recall: null });
  });

  it('lists the mistakes with what was missed and what was extra', () => {
    expect(report.mistakes).toEqual([
      { index: 1, lang: 'en', expected: ['EMAIL'], found: ['PHONE'], missed: ['EMAIL'], extra: ['PHONE'] },
      { index: 3, lang: 'en', expected: [], found: ['NAME'], missed: [], extra: ['NAME'] },
    ]);
  });

  it('formats a table without the texts', () => {
    const table = formatReport('sample', report);
    expect(table).toContain('== sample ==');
    expect(table).toContain('false refusals on clean texts:     1/3 = 0.333');
    expect(table).toMatch(/^PHONE +2 +2 +1 +0 +0\.667 +1\.000$/m);
    expect(table).not.toContain('Delgado');
  });

  it('handles an empty list', () => {
    const empty = evaluateCorpus([]);
    expect(empty).toMatchObject({ cases: 0, recall: 0, falseRefusalRate: 0, mistakes: [] });
  });
});

describe('parseCases', () => {
  it('reads { cases: [...] } and a bare array', () => {
    const one = { lang: 'en', pii: ['SIN'], text: 'x' };
    expect(parseCases({ about: 'a', cases: [one] })).toEqual([one]);
    expect(parseCases([one])).toEqual([one]);
  });

  it('rejects malformed input and unknown kinds', () => {
    expect(() => parseCases({ nope: [] })).toThrow('expected an array');
    expect(() => parseCases([{ pii: [] }])).toThrow('case 0: needs "text" and "pii"');
    expect(() => parseCases([{ pii: ['PASSPORT'], text: 'x' }])).toThrow('case 0: unknown kind PASSPORT');
  });
});

describe('speed helpers (structure only; timings are printed by bench/pii-speed.ts)', () => {
  it('builds narratives of the requested length from short texts', () => {
    const narratives = buildNarratives(['one short text.', 'another one.'], 2000, 5);
    expect(narratives).toHaveLength(5);
    for (const n of narratives) expect(n).toHaveLength(2000);
    expect(buildNarratives([], 2000, 5)).toEqual([]);
  });

  it('builds adversarial inputs of the requested size with distinct names', () => {
    const inputs = adversarialInputs(1000);
    expect(inputs.length).toBeGreaterThanOrEqual(25);
    expect(new Set(inputs.map((i) => i.name)).size).toBe(inputs.length);
    for (const i of inputs) expect(i.text).toHaveLength(1000);
  });
});
