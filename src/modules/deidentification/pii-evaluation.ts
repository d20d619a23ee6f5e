// Measures the detector against labelled narratives: does each text with personal information
// get refused (recall), does each clean text get through (false refusals), and how precise is
// each kind. A case "detects" when the kinds found include every expected kind.
import { scanText } from './pii-detector';
import { PII_KINDS, type KnownValue, type PiiKind } from './pii-types';

export interface EvaluationCase {
  lang?: string;
  pii: PiiKind[];
  text: string;
  /** Identity-vault values for later free text (scanned with them as `knownValues`). */
  known?: KnownValue[];
  /** Disguised corpus: 'tune' or 'holdout'. */
  split?: string;
  /** Disguised corpus: how the value was disguised ('clean' for clean texts). */
  disguise?: string;
  /** Disguised corpus: the same text with the value written plainly. */
  plain?: string;
}

export interface KindMetrics {
  kind: PiiKind;
  /** Cases expected to hold the kind. */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP) over cases; null when the kind was never reported. */
  precision: number | null;
  /** TP / (TP + FN) over cases; null when no case holds the kind. */
  recall: number | null;
}

export interface CaseOutcome {
  index: number;
  lang?: string;
  expected: PiiKind[];
  found: PiiKind[];
  /** Expected kinds not found. */
  missed: PiiKind[];
  /** Kinds found but not expected. */
  extra: PiiKind[];
}

export interface EvaluationReport {
  cases: number;
  piiCases: number;
  cleanCases: number;
  /** PII cases whose found kinds include every expected kind. */
  detected: number;
  /** detected / piiCases */
  recall: number;
  /** PII cases with at least one finding (the request would be refused). */
  refusedPiiCases: number;
  /** refusedPiiCases / piiCases */
  refusalRecall: number;
  /** Clean cases with any finding. */
  falseRefusals: number;
  /** falseRefusals / cleanCases */
  falseRefusalRate: number;
  perKind: KindMetrics[];
  /** Cases where the kinds found differ from the kinds expected. */
  mistakes: CaseOutcome[];
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function evaluateCorpus(cases: readonly EvaluationCase[]): EvaluationReport {
  const counts = new Map<PiiKind, { tp: number; fp: number; fn: number; support: number }>();
  for (const k of PII_KINDS) counts.set(k, { tp: 0, fp: 0, fn: 0, support: 0 });
  let piiCases = 0;
  let detected = 0;
  let refusedPii = 0;
  let falseRefusals = 0;
  const mistakes: CaseOutcome[] = [];
  cases.forEach((c, index) => {
    const expected = [...new Set(c.pii)];
    const found = [...new Set(scanText(c.text, c.known ? { knownValues: c.known } : {}).map((f) => f.kind))];
    const missed = expected.filter((k) => !found.includes(k));
    const extra = found.filter((k) => !expected.includes(k));
    for (const k of PII_KINDS) {
      const e = expected.includes(k);
      const f = found.includes(k);
      const m = counts.get(k)!;
      if (e) m.support++;
      if (e && f) m.tp++;
      else if (f) m.fp++;
      else if (e) m.fn++;
    }
    if (expected.length > 0) {
      piiCases++;
      if (missed.length === 0) detected++;
      if (found.length > 0) refusedPii++;
    } else if (found.length > 0) {
      falseRefusals++;
    }
    if (missed.length > 0 || extra.length > 0) mistakes.push({ index, lang: c.lang, expected, found, missed, extra });
  });
  const cleanCases = cases.length - piiCases;
  return {
    cases: cases.length,
    piiCases,
    cleanCases,
    detected,
    recall: ratio(detected, piiCases),
    refusedPiiCases: refusedPii,
    refusalRecall: ratio(refusedPii, piiCases),
    falseRefusals,
    falseRefusalRate: ratio(falseRefusals, cleanCases),
    perKind: PII_KINDS.map((kind) => {
      const m = counts.get(kind)!;
      return {
        kind,
        support: m.support,
        truePositives: m.tp,
        falsePositives: m.fp,
        falseNegatives: m.fn,
        precision: m.tp + m.fp === 0 ? null : m.tp / (m.tp + m.fp),
        recall: m.support === 0 ? null : m.tp / m.support,
      };
    }),
    mistakes,
  };
}

/** Reads cases from the JSON shape of the corpus files ({ cases: [...] } or a bare array). */
export function parseCases(json: unknown): EvaluationCase[] {
  const list = Array.isArray(json) ? json : (json as { cases?: unknown })?.cases;
  if (!Array.isArray(list)) throw new Error('expected an array of cases or { "cases": [...] }');
  return list.map((c, i) => {
    const item = c as Partial<EvaluationCase>;
    if (typeof item.text !== 'string' || !Array.isArray(item.pii)) throw new Error(`case ${i}: needs "text" and "pii"`);
    for (const k of item.pii) if (!PII_KINDS.includes(k)) throw new Error(`case ${i}: unknown kind ${String(k)}`);
    const out: EvaluationCase = { lang: item.lang, pii: item.pii, text: item.text };
    if (Array.isArray(item.known)) out.known = item.known;
    if (typeof item.split === 'string') out.split = item.split;
    if (typeof item.disguise === 'string') out.disguise = item.disguise;
    if (typeof item.plain === 'string' && item.plain.length > 0) out.plain = item.plain;
    return out;
  });
}

function fmt(x: number | null): string {
  return x === null ? '  -  ' : x.toFixed(3);
}

/** A plain-text table of a report (for the benchmark scripts; no personal data in it). */
export function formatReport(title: string, r: EvaluationReport): string {
  const lines: string[] = [];
  lines.push(`== ${title} ==`);
  lines.push(`cases ${r.cases}: ${r.piiCases} with PII, ${r.cleanCases} clean`);
  lines.push(`recall (all expected kinds found): ${r.detected}/${r.piiCases} = ${fmt(r.recall)}`);
  lines.push(`refused PII texts (any finding):   ${r.refusedPiiCases}/${r.piiCases} = ${fmt(r.refusalRecall)}`);
  lines.push(`false refusals on clean texts:     ${r.falseRefusals}/${r.cleanCases} = ${fmt(r.falseRefusalRate)}`);
  lines.push('kind          support   TP   FP   FN  precision  recall');
  for (const k of r.perKind) {
    lines.push(
      `${k.kind.padEnd(12)} ${String(k.support).padStart(8)} ${String(k.truePositives).padStart(4)} ${String(k.falsePositives).padStart(4)} ${String(k.falseNegatives).padStart(4)}  ${fmt(k.precision).padStart(9)}  ${fmt(k.recall).padStart(6)}`,
    );
  }
  return lines.join('\n');
}

export interface DisguisedKindMetrics {
  kind: PiiKind;
  /** Disguised cases holding the kind, and how many of them the detector found the kind in. */
  disguised: number;
  disguisedFound: number;
  disguisedRecall: number | null;
  /** The same cases written plainly (their twins). */
  plainFound: number;
  plainRecall: number | null;
}

export interface DisguisedReport {
  split: string;
  disguisedCases: number;
  disguisedDetected: number;
  /** Cases whose disguised text yields every expected kind. */
  disguisedRecall: number;
  plainDetected: number;
  plainRecall: number;
  cleanCases: number;
  falseRefusals: number;
  falseRefusalRate: number;
  perKind: DisguisedKindMetrics[];
  /** Recall per disguise (how the value was hidden). */
  perDisguise: { disguise: string; cases: number; detected: number }[];
  mistakes: CaseOutcome[];
}

/** Recall on disguised texts and on their plain twins, and false refusals on clean look-alikes. */
export function evaluateDisguised(cases: readonly EvaluationCase[], split = 'all'): DisguisedReport {
  const chosen = split === 'all' ? cases : cases.filter((c) => c.split === split);
  const report = evaluateCorpus(chosen);
  const plainCases = chosen.filter((c) => c.pii.length > 0).map((c) => ({ ...c, text: c.plain ?? c.text }));
  const plain = evaluateCorpus(plainCases);
  const byDisguise = new Map<string, { cases: number; detected: number }>();
  const missedAt = new Set(report.mistakes.filter((m) => m.missed.length > 0).map((m) => m.index));
  chosen.forEach((c, i) => {
    if (c.pii.length === 0) return;
    const key = `${c.pii.join('+')}/${c.disguise ?? '?'}`;
    const d = byDisguise.get(key) ?? { cases: 0, detected: 0 };
    d.cases++;
    if (!missedAt.has(i)) d.detected++;
    byDisguise.set(key, d);
  });
  const rate = (a: number, b: number): number | null => (b === 0 ? null : a / b);
  return {
    split,
    disguisedCases: report.piiCases,
    disguisedDetected: report.detected,
    disguisedRecall: report.recall,
    plainDetected: plain.detected,
    plainRecall: plain.recall,
    cleanCases: report.cleanCases,
    falseRefusals: report.falseRefusals,
    falseRefusalRate: report.falseRefusalRate,
    perKind: PII_KINDS.map((kind) => {
      const d = report.perKind.find((k) => k.kind === kind)!;
      const p = plain.perKind.find((k) => k.kind === kind)!;
      return {
        kind,
        disguised: d.support,
        disguisedFound: d.truePositives,
        disguisedRecall: rate(d.truePositives, d.support),
        plainFound: p.truePositives,
        plainRecall: rate(p.truePositives, p.support),
      };
    }),
    perDisguise: [...byDisguise.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([disguise, d]) => ({ disguise, ...d })),
    mistakes: report.mistakes,
  };
}

/** A plain-text table of a disguised-corpus report (no texts in it). */
export function formatDisguisedReport(title: string, r: DisguisedReport): string {
  const lines: string[] = [];
  lines.push(`== ${title} (${r.split}) ==`);
  lines.push(`disguised recall: ${r.disguisedDetected}/${r.disguisedCases} = ${fmt(r.disguisedRecall)}`);
  lines.push(`plain-twin recall: ${r.plainDetected}/${r.disguisedCases} = ${fmt(r.plainRecall)}`);
  lines.push(`false refusals on clean look-alikes: ${r.falseRefusals}/${r.cleanCases} = ${fmt(r.falseRefusalRate)}`);
  lines.push('kind          cases  disguised  plain');
  for (const k of r.perKind) {
    lines.push(`${k.kind.padEnd(12)} ${String(k.disguised).padStart(6)}  ${fmt(k.disguisedRecall).padStart(9)}  ${fmt(k.plainRecall).padStart(5)}`);
  }
  return lines.join('\n');
}

/**
 * A Markdown table per kind: recall on disguised text (tuning and held-out parts), recall on the
 * plain twins, false refusals on the clean look-alikes, and scan time (for BENCHMARKS.md).
 */
export function disguisedMarkdown(reports: readonly DisguisedReport[], speeds: readonly { kind: string; meanMs: number; meanCpuMs: number; worstMs: number }[]): string {
  const pct = (x: number | null): string => (x === null ? '-' : x.toFixed(3));
  const lines: string[] = [];
  const head = reports.map((r) => `disguised recall (${r.split})`).join(' | ');
  const plainHead = reports.map((r) => `plain recall (${r.split})`).join(' | ');
  lines.push(`| kind | cases | ${head} | ${plainHead} | mean scan / 2,000 chars | worst scan |`);
  lines.push(`|---|---:|${reports.map(() => '---:|').join('')}${reports.map(() => '---:|').join('')}---:|---:|`);
  for (const kind of PII_KINDS) {
    const cases = reports.map((r) => r.perKind.find((k) => k.kind === kind)!.disguised).join(' + ');
    const d = reports.map((r) => pct(r.perKind.find((k) => k.kind === kind)!.disguisedRecall)).join(' | ');
    const p = reports.map((r) => pct(r.perKind.find((k) => k.kind === kind)!.plainRecall)).join(' | ');
    const sp = speeds.find((x) => x.kind === kind);
    lines.push(`| ${kind} | ${cases} | ${d} | ${p} | ${sp ? `${sp.meanMs.toFixed(3)} ms (CPU ${sp.meanCpuMs.toFixed(3)})` : '-'} | ${sp ? `${sp.worstMs.toFixed(2)} ms` : '-'} |`);
  }
  const all = (f: (r: DisguisedReport) => string): string => reports.map(f).join(' | ');
  lines.push(`| **all** | ${reports.map((r) => r.disguisedCases).join(' + ')} | ${all((r) => `**${pct(r.disguisedRecall)}**`)} | ${all((r) => `**${pct(r.plainRecall)}**`)} | | |`);
  const clean = speeds.find((x) => x.kind === 'clean');
  lines.push('');
  lines.push(
    `False refusals on clean look-alikes: ${reports.map((r) => `${r.falseRefusals}/${r.cleanCases} = ${pct(r.falseRefusalRate)} (${r.split})`).join(', ')}` +
      (clean ? `; their scan: ${clean.meanMs.toFixed(3)} ms mean per 2,000 characters, ${clean.worstMs.toFixed(2)} ms worst.` : '.'),
  );
  return lines.join('\n');
}
