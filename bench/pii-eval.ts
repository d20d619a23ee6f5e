// Evaluates the de-identification check on the labelled corpus (and the shared sample when it
// sits beside the repository). Run: npx nest build && node dist/bench/pii-eval.js [--verbose] [more.json ...]
// Exits 1 when the project corpus misses its targets (recall >= 0.95, false refusals <= 0.05) or the
// disguised corpus misses its own (each part: disguised recall >= 0.90 overall and >= 0.80 per kind,
// plain-twin recall >= 0.97, false refusals on clean look-alikes <= 0.03). With --markdown it also
// prints the per-kind table of BENCHMARKS.md (with scan times).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  disguisedMarkdown,
  evaluateCorpus,
  evaluateDisguised,
  formatDisguisedReport,
  formatReport,
  parseCases,
  type DisguisedReport,
  type EvaluationReport,
} from '../src/modules/deidentification/pii-evaluation';
import { measureKindSpeed } from '../src/modules/deidentification/pii-speed';

const RECALL_TARGET = 0.95;
const FALSE_REFUSAL_TARGET = 0.05;

/** Targets on each part of the disguised corpus (src/modules/deidentification/pii-disguised.spec.ts asserts them too). */
export const DISGUISED_TARGETS = { recall: 0.9, kindRecall: 0.8, plainRecall: 0.97, falseRefusals: 0.03 };

export function disguisedTargetsMet(r: DisguisedReport): boolean {
  return (
    r.disguisedRecall >= DISGUISED_TARGETS.recall &&
    r.perKind.every((k) => k.disguisedRecall === null || k.disguisedRecall >= DISGUISED_TARGETS.kindRecall) &&
    r.plainRecall >= DISGUISED_TARGETS.plainRecall &&
    r.falseRefusalRate <= DISGUISED_TARGETS.falseRefusals
  );
}

/** The repository root: the nearest folder above this script holding package.json, else the cwd. */
function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (existsSync(resolve(dir, 'package.json')) && existsSync(resolve(dir, 'test/corpus'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

function run(title: string, path: string, verbose: boolean): EvaluationReport | null {
  if (!existsSync(path)) {
    console.log(`== ${title} ==\n(skipped: ${path} not found)\n`);
    return null;
  }
  const cases = parseCases(JSON.parse(readFileSync(path, 'utf8')));
  const report = evaluateCorpus(cases);
  console.log(formatReport(`${title} (${path})`, report));
  if (report.mistakes.length > 0) {
    console.log(`mistakes (${report.mistakes.length}):`);
    for (const m of report.mistakes) {
      const what = [m.missed.length ? `missed ${m.missed.join(',')}` : '', m.extra.length ? `extra ${m.extra.join(',')}` : ''].filter(Boolean).join('; ');
      console.log(`  #${m.index} [${m.lang ?? '?'}] ${what}${verbose ? `\n      ${cases[m.index].text}` : ''}`);
    }
  }
  console.log('');
  return report;
}

function main(): void {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const extra = args.filter((a) => !a.startsWith('--'));
  const root = repoRoot();
  const corpus = run('project corpus', resolve(root, 'test/corpus/pii-corpus.json'), verbose);
  run('shared sample', resolve(root, 'test/corpus/shared-sample.json'), verbose);
  for (const file of extra) run(file, resolve(process.cwd(), file), verbose);
  const disguisedPath = resolve(root, 'test/corpus/pii-disguised.json');
  const disguisedCases = parseCases(JSON.parse(readFileSync(disguisedPath, 'utf8')));
  const parts = ['tune', 'holdout'].map((split) => evaluateDisguised(disguisedCases, split));
  for (const r of parts) {
    console.log(formatDisguisedReport(`disguised corpus (${disguisedPath})`, r));
    const weak = r.perDisguise.filter((d) => d.detected < d.cases);
    if (weak.length > 0) console.log(`missed, by disguise: ${weak.map((d) => `${d.disguise} ${d.detected}/${d.cases}`).join(', ')}`);
    console.log(`targets: ${disguisedTargetsMet(r) ? 'met' : 'MISSED'}\n`);
  }
  if (args.includes('--markdown')) {
    const speeds = measureKindSpeed(disguisedCases, 2000, 10);
    console.log(disguisedMarkdown(parts, speeds));
  }
  if (!parts.every(disguisedTargetsMet)) process.exitCode = 1;
  if (corpus === null) {
    process.exitCode = 1;
    return;
  }
  const ok = corpus.recall >= RECALL_TARGET && corpus.falseRefusalRate <= FALSE_REFUSAL_TARGET;
  console.log(
    `targets on the project corpus: recall ${corpus.recall.toFixed(3)} (>= ${RECALL_TARGET}), false refusals ${corpus.falseRefusalRate.toFixed(3)} (<= ${FALSE_REFUSAL_TARGET}): ${ok ? 'met' : 'MISSED'}`,
  );
  if (!ok) process.exitCode = 1;
}

if (require.main === module) main();
