// Reads a V8 CPU profile (.cpuprofile, as `node --cpu-prof` writes it) and summarises where the
// time went: the functions with the most self time, and the share of samples under each package
// or source file (inclusive: a sample counts once for every package on its stack).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** microseconds on the monotonic clock (the one process.hrtime reads, in every process) */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stretch of the profile, in microseconds of the monotonic clock (process.hrtime.bigint() / 1000n). */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/** Now on the clock V8's profiler stamps its samples with. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

export interface ProfileShare {
  name: string;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  idlePercent: number;
  selfTime: ProfileShare[];
  byPackage: ProfileShare[];
}

/** "nm:fastify", "src:modules/audit/audit.repository.js", "node:_http_outgoing", or a V8 pseudo-frame. */
export function ownerOf(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `nm:${pkg[1]}`;
  const src = /\/dist\/(src|bench)\/(.*)$/.exec(url);
  if (src) return `${src[1]}:${src[2]}`;
  return url || `(${functionName.replace(/[()]/g, '')})`;
}

const shortUrl = (url: string) => url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '');

export function summariseProfile(file: string, top = 25, window?: ProfileWindow): ProfileSummary {
  return summariseLoaded(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top, window);
}

/** One summary per window (one per load run) of a single profile, read once. */
export function summariseWindows(file: string, windows: readonly ProfileWindow[], top = 12): ProfileSummary[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return windows.map((w) => summariseLoaded(profile, top, w));
}

function summariseLoaded(profile: CpuProfile, top: number, window?: ProfileWindow): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let idle = 0;
  for (const [id, t] of self) {
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === '(idle)') idle += t;
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = nodes.get(cur)!.callFrame;
      if (f.functionName === '(root)') continue;
      const owner = ownerOf(f.url, f.functionName);
      if (seen.has(owner)) continue;
      seen.add(owner);
      byPackage.set(owner, (byPackage.get(owner) ?? 0) + t);
    }
  }
  const share = (m: Map<string, number>): ProfileShare[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, t]) => ({ name, percent: total ? (100 * t) / total : 0 }));
  return { totalMs: total / 1000, idlePercent: total ? (100 * idle) / total : 0, selfTime: share(byFunction), byPackage: share(byPackage) };
}

export function formatProfile(s: ProfileSummary): string {
  const lines = [`CPU profile: ${Math.round(s.totalMs)} ms sampled, ${s.idlePercent.toFixed(1)} % idle`, '', 'Self time:'];
  for (const x of s.selfTime) lines.push(`${x.percent.toFixed(1).padStart(6)} %  ${x.name}`);
  lines.push('', 'Inclusive, by package or source file:');
  for (const x of s.byPackage) lines.push(`${x.percent.toFixed(1).padStart(6)} %  ${x.name}`);
  return lines.join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/profile.js FILE.cpuprofile [TOP]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatProfile(summariseProfile(file, Number(top) || 25))}\n`);
}
