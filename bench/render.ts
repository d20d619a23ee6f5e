// Writes BENCHMARKS.md again from the figures of the last run (bench/results/latest.json), with the
// targets evaluated and the gap notes (bench/gaps.ts) as they are now: for a change of wording, not
// of figures. `npm run bench:render` (on the machine that ran the bench: latest.json is not committed).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BenchResults, evaluateTargets, writeResults } from './report';

const ROOT = process.env.BENCH_ROOT ?? resolve(__dirname, '..', '..');
const last = JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'latest.json'), 'utf8')) as BenchResults;
const written = writeResults(ROOT, { ...last, targets: evaluateTargets(last) });
process.stdout.write(`wrote ${written.markdown} from the run of ${last.date}\n`);
