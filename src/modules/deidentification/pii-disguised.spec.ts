// The detector against personal information disguised the way an adversary would write it
// (test/corpus/pii-disguised.json, built by bench/pii-disguised-corpus.ts before the detector was
// tuned; its held-out part was not looked at while tuning). A regression on any target fails here.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateCorpus, evaluateDisguised, parseCases } from './pii-evaluation';
import { measureKindSpeed, measureScanSpeed } from './pii-speed';
import { PII_KINDS } from './pii-types';

const REPO_ROOT = resolve(__dirname, '../../..');
const cases = parseCases(JSON.parse(readFileSync(resolve(REPO_ROOT, 'test/corpus/pii-disguised.json'), 'utf8')));
const project = parseCases(JSON.parse(readFileSync(resolve(REPO_ROOT, 'test/corpus/pii-corpus.json'), 'utf8')));

const TARGETS = { recall: 0.9, kindRecall: 0.8, plainRecall: 0.97, falseRefusals: 0.03 };

describe('disguised corpus: shape', () => {
  const disguised = cases.filter((c) => c.pii.length > 0);
  const clean = cases.filter((c) => c.pii.length === 0);

  it('holds at least 200 disguised cases covering all 8 kinds in both parts, each with its plain twin', () => {
    expect(disguised.length).toBeGreaterThanOrEqual(200);
    for (const split of ['tune', 'holdout']) {
      const kinds = new Set(disguised.filter((c) => c.split === split).flatMap((c) => c.pii));
      expect([...kinds].sort()).toEqual([...PII_KINDS].sort());
    }
    for (const c of disguised) {
      expect(c.plain).toBeDefined();
      expect(c.plain).not.toEqual(c.text);
    }
  });

  it('has a held-out part of at least a third, clean look-alikes in both parts, and French cases', () => {
    expect(disguised.filter((c) => c.split === 'holdout').length).toBeGreaterThanOrEqual(disguised.length / 3);
    expect(clean.filter((c) => c.split === 'tune').length).toBeGreaterThanOrEqual(30);
    expect(clean.filter((c) => c.split === 'holdout').length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.lang === 'fr').length / cases.length).toBeGreaterThan(0.2);
  });

  it('covers the disguises the issue names, with later text checked against vault values', () => {
    const disguises = new Set(disguised.map((c) => c.disguise));
    for (const d of [
      'confusable',
      'math',
      'fullwidth',
      'other-digits',
      'letters-for-digits',
      'separators',
      'words',
      'spelled',
      'lowercase',
      'split',
      'at-dot',
      'arobase',
      'spaced-symbols',
      'lookalike-at',
      'known-street-without-number',
      'hand-written',
    ]) {
      expect(disguises).toContain(d);
    }
    expect(cases.filter((c) => c.known && c.known.length > 0).length).toBeGreaterThanOrEqual(20);
  });

  it('uses invented phone numbers only (555-01xx)', () => {
    const phones = disguised.filter((c) => c.pii.includes('PHONE')).map((c) => (c.plain ?? '').replace(/\D/g, ''));
    expect(phones.length).toBeGreaterThan(0);
    for (const digits of phones) expect(digits).toMatch(/55501\d\d/);
  });
});

describe.each(['tune', 'holdout'])('disguised corpus targets: %s part', (split) => {
  const report = evaluateDisguised(cases, split);

  it(`finds every expected kind in >= ${TARGETS.recall} of the disguised texts`, () => {
    expect(report.disguisedRecall).toBeGreaterThanOrEqual(TARGETS.recall);
  });

  it.each(PII_KINDS.map((k) => [k]))(`finds %s in >= ${TARGETS.kindRecall} of its disguised texts`, (kind) => {
    const k = report.perKind.find((x) => x.kind === kind)!;
    expect(k.disguised).toBeGreaterThan(0);
    expect(k.disguisedRecall).toBeGreaterThanOrEqual(TARGETS.kindRecall);
  });

  it(`finds every expected kind in >= ${TARGETS.plainRecall} of the same texts written plainly, for every kind`, () => {
    expect(report.plainRecall).toBeGreaterThanOrEqual(TARGETS.plainRecall);
    for (const k of report.perKind) expect(k.plainRecall).toBeGreaterThanOrEqual(TARGETS.plainRecall);
  });

  it(`refuses <= ${TARGETS.falseRefusals} of the clean look-alikes`, () => {
    expect(report.cleanCases).toBeGreaterThan(0);
    expect(report.falseRefusalRate).toBeLessThanOrEqual(TARGETS.falseRefusals);
  });
});

describe('plain recall on the project corpus', () => {
  it(`finds each kind in >= ${TARGETS.plainRecall} of the narratives that hold it`, () => {
    const report = evaluateCorpus(project);
    for (const k of report.perKind) expect(k.recall).toBeGreaterThanOrEqual(TARGETS.plainRecall);
  });
});

describe('scan time on disguised text (the 1 ms target is measured by bench/pii-eval.ts --markdown)', () => {
  it('scans disguised 2,000-character narratives of every kind at most a few times slower than plain ones (CPU, same process)', () => {
    measureKindSpeed(cases, 2000, 1); // warm-up: JIT
    const plain = measureScanSpeed(
      project.map((c) => c.text),
      2000,
      3,
    );
    const speeds = measureKindSpeed(cases, 2000, 3);
    expect(speeds.map((s) => s.kind)).toEqual([...PII_KINDS, 'clean']);
    // A ratio, not a limit: other processes slow both alike. Disguised narratives are dense with
    // disguises (every line holds one), so they cost about twice a plain one.
    for (const s of speeds) {
      expect(s.scans).toBeGreaterThan(0);
      expect(s.meanCpuMs).toBeLessThan(Math.max(6 * plain.meanCpuMs, 2));
    }
  });
});
