// The de-identification check's speed, in process, with the detector's own timing helpers.
import { measureAdversarial, measureScanSpeed } from '../src/modules/deidentification/pii-speed';
import type { Corpus } from './data';

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
}

export function measurePii(corpus: Corpus): PiiFigures {
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
  };
}
