// The de-identification check's speed, with the detector's own timing helpers, in a fresh Node
// process: the server scans in a process of its own, not in one holding the seeder's heap, whose
// garbage collection would stretch a 100 kB scan.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { disguisedMarkdown, evaluateDisguised, parseCases } from '../src/modules/deidentification/pii-evaluation';
import { measureAdversarial, measureKindSpeed, measureScanSpeed } from '../src/modules/deidentification/pii-speed';
import { Corpus, loadCorpus } from './data';

export interface PiiFigures {
  corpus: string;
  texts: number;
  meanMs: number;
  narrativeLength: number;
  scans: number;
  adversarialInputs: number;
  adversarialLength: number;
  /** slowest warm run over every adversarial input, and which input */
  worstMs: number;
  worstInput: string;
  /** slowest first (cold) run */
  worstColdMs: number;
  /** test/corpus/pii-disguised.json: per-kind recall (disguised, plain), false refusals, scan times (Markdown) */
  disguised?: string;
}

function measureDisguised(root: string): string | undefined {
  try {
    const cases = parseCases(JSON.parse(readFileSync(join(root, 'test/corpus/pii-disguised.json'), 'utf8')));
    const parts = ['tune', 'holdout'].map((split) => evaluateDisguised(cases, split));
    return disguisedMarkdown(parts, measureKindSpeed(cases, 2000, 10));
  } catch {
    return undefined;
  }
}

export function measurePii(corpus: Corpus, root?: string): PiiFigures {
  const speed = measureScanSpeed(corpus.all, 2000, 20);
  const adversarial = measureAdversarial(100_000, 3);
  const worst = adversarial.reduce((a, b) => (b.ms > a.ms ? b : a));
  return {
    corpus: corpus.source,
    texts: corpus.all.length,
    meanMs: speed.meanMs,
    narrativeLength: speed.narrativeLength,
    scans: speed.iterations * speed.narratives,
    adversarialInputs: adversarial.length,
    adversarialLength: 100_000,
    worstMs: worst.ms,
    worstInput: worst.name,
    worstColdMs: Math.max(...adversarial.map((a) => a.coldMs)),
    disguised: root ? measureDisguised(root) : undefined,
  };
}

/** `measurePii` over the repository's corpus, run by a child process. */
export function measurePiiInChild(root: string): PiiFigures {
  const out = execFileSync(process.execPath, [__filename, '--child', root], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as PiiFigures;
}

if (require.main === module && process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(measurePii(loadCorpus(process.argv[3]), process.argv[3])));
}
