// BENCHMARKS.md and bench/results/latest.json: the figures, their ratios to the floors, and the targets.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchConfig } from './config';
import type { FloorResult } from './floors';
import type { LoadResult } from './load';
import { fmt } from './log';
import type { Machine } from './machine';
import type { PiiFigures } from './pii';
import { GAPS } from './gaps';
import type { ProfileSummary, ProfileWindow } from './profile';
import type { StartupFigures, ServerLogSummary } from './server';
import type { ChainsCheck, VerifyResult } from './verify';

export type FloorName = 'bare' | 'live' | 'db' | 'dbRead' | 'dbIntake';

export interface MeasuredRoute extends LoadResult {
  route: string;
  /** the floor the ratio is taken against */
  floor?: FloorName;
  peakRssMb: number;
  /** the machine's 1-minute load average at the end of the run */
  loadAverage: number;
  /** when the server ran under --cpu-prof (BENCH_PROFILE=1): the stretch of its profile this run covers */
  profileWindow?: ProfileWindow;
  /** a streamed export: rows read, rows per second, and the server's RSS growth over its level just before */
  rowsStreamed?: number;
  rowsPerSecond?: number;
  rssGrowthMb?: number;
  /** the machine's CPU busy share during the run (all cores, every process) */
  cpuBusyPercent?: number;
  /** every audit chain verified right after the run */
  chainsAfter?: ChainsCheck;
}

/** One agenda as the load run read it: items per section, and what the answer says of the rest. */
export interface AgendaProbe {
  items: Record<string, number>;
  totals?: Record<string, number>;
  truncated?: Record<string, boolean>;
  limit?: number;
}

export interface BenchResults {
  date: string;
  command: string;
  /** seconds since `npm run bench` began (build included) when wallIncludesBuild, else of the bench process */
  wallSeconds: number;
  wallIncludesBuild: boolean;
  database: 'DATABASE_URL' | 'embedded';
  machine: Machine;
  config: Omit<BenchConfig, 'databaseUrl'>;
  dataset: {
    tables: number;
    situations: number;
    byStatus: Record<string, number>;
    bigTableSituations: number;
    auditEntriesSeeded: number;
    bigChainEntries: number;
    identities: number;
    seedSeconds: Record<string, number>;
  };
  startup: StartupFigures;
  floors: { bare: MeasuredRoute; live: MeasuredRoute; db: MeasuredRoute; dbRead: FloorResult; dbIntake: FloorResult };
  agenda?: AgendaProbe;
  /** the server's own query code run without HTTP, authentication or audit append */
  diagnostics: FloorResult[];
  routes: MeasuredRoute[];
  verify: { inProcess: VerifyResult; http?: VerifyResult };
  pii: PiiFigures;
  rss: { hwmMb: number; sampledPeakMb: number };
  server: ServerLogSummary;
  /** BENCH_PROFILE=1: the server's top frames during each load run */
  profiles?: { route: string; summary: ProfileSummary }[];
  /** whose profile: the measured server (BENCH_PROFILE=1) or a profiled replica after the measured runs */
  profiledBy?: 'the measured server' | 'a profiled replica';
  targets: Target[];
}

export interface Target {
  /** names the target for its gap note (bench/gaps.ts) */
  key?: string;
  /** the load run it is about (its profile, answer size, CPU) */
  route?: string;
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

const ms = (n: number | undefined) => (n === undefined ? 'n/a' : `${fmt(n, n < 10 ? 2 : 1)} ms`);
const lat = (x: { ok: number }, n: number) => (x.ok > 0 ? ms(n) : 'no 2xx');
const pct = (x: number) => `${fmt(x * 100, 0)} %`;
const times = (x: number) => `${fmt(x, 2)}×`;

/** A route's rate as a share of a floor's: `goal` of it at least (the floor's unit: req/s or tx/s). */
function shareTarget(key: string, x: MeasuredRoute, name: string, goal: number, floor: number, unit: string): Target {
  return { key, route: x.name, name, target: `≥ ${pct(goal)}`, measured: `${fmt(x.rps)} vs ${fmt(floor)} ${unit} = ${pct(x.rps / floor)}`, met: x.rps >= goal * floor };
}

/** A route's p99 at its connections: `goalMs` at most, with answers. */
function p99Target(key: string, x: MeasuredRoute, label: string, goalMs: number): Target {
  return { key, route: x.name, name: `${label} p99 at ${x.connections} connections`, target: `≤ ${goalMs} ms`, measured: ms(x.p99), met: x.ok > 0 && x.p99 <= goalMs };
}

function floorRate(r: BenchResults, floor: FloorName): number {
  const f = r.floors[floor];
  return 'tps' in f ? f.tps : f.rps;
}

export function evaluateTargets(r: Omit<BenchResults, 'targets'>): Target[] {
  const route = (name: string) => r.routes.find((x) => x.name === name);
  const targets: Target[] = [];
  const full = r as BenchResults;
  const read = route('read');
  const chain = r.floors.dbRead.tps;
  const dbFloor = r.floors.db.rps;
  targets.push({
    key: 'framework',
    route: 'live',
    name: 'Framework floor (GET /health/live through the whole stack) vs a bare Nest + Fastify no-op app',
    target: '≥ 75 %',
    measured: `${fmt(r.floors.live.rps)} vs ${fmt(r.floors.bare.rps)} req/s = ${pct(r.floors.live.rps / r.floors.bare.rps)}`,
    met: r.floors.live.rps >= 0.75 * r.floors.bare.rps,
  });
  if (read) {
    targets.push({
      key: 'read-chain',
      route: 'read',
      name: 'Audited reads on one table vs a one-append-per-transaction chain',
      target: '≥ 3× the database floor of the read transaction',
      measured: `${fmt(read.rps)} vs ${fmt(chain)} tx/s = ${times(read.rps / chain)}`,
      met: read.ok > 0 && read.rps >= 3 * chain,
    });
    targets.push(shareTarget('read-ratio', read, 'Audited reads vs the framework+database floor', 0.5, dbFloor, 'req/s'));
    targets.push(p99Target('read-p99', read, 'Audited read', 30));
  }
  const intake = route('intake');
  if (intake) {
    const floor = floorRate(full, 'dbIntake');
    targets.push(shareTarget('intake-floor', intake, 'Intake vs the database floor of the same transaction', 0.8, floor, 'tx/s'));
    targets.push(shareTarget('intake-ratio', intake, 'Intake vs the framework+database floor', 0.25, dbFloor, 'req/s'));
    targets.push(p99Target('intake-p99', intake, 'Intake', 50));
  }
  const list = route('list');
  if (list) {
    targets.push(shareTarget('list', list, 'List page (50 items) vs the framework+database floor', 0.5, dbFloor, 'req/s'));
    targets.push(p99Target('list', list, 'List page', 50));
  }
  const agenda = route('agenda');
  if (agenda) {
    const a = r.agenda;
    const items = a ? Object.values(a.items).reduce((x, y) => x + y, 0) : 0;
    const says = !!a?.totals && !!a.truncated;
    targets.push({
      key: 'agenda',
      route: 'agenda',
      name: `Agenda of the big table's meeting (${fmt(r.dataset.bigTableSituations)} situations; ${a ? `${fmt(items)} items${a.totals ? ` of ${fmt(Object.values(a.totals).reduce((x, y) => x + y, 0))}` : ''}` : 'not probed'}): p99 at ${agenda.connections} connections`,
      target: '≤ 50 ms',
      measured: ms(agenda.p99),
      met: agenda.ok > 0 && agenda.p99 <= 50,
    });
    targets.push({
      name: 'The agenda never truncates silently (bounded per section, and says so)',
      target: 'totals and truncated per section in the answer',
      measured: a
        ? says
          ? `limit ${a.limit ?? '?'} per section; ${Object.entries(a.totals!)
              .map(([k, n]) => `${k} ${fmt(a.items[k] ?? 0)} of ${fmt(n)}${a.truncated![k] ? ' (truncated)' : ''}`)
              .join(', ')}`
          : 'no totals/truncated in the answer'
        : 'not probed',
      met: says,
    });
  }
  for (const name of ['me', 'taxonomy', 'situations-first', 'notifications']) {
    const x = route(name);
    if (x) targets.push(p99Target(`first-${name}`, x, `Web interface first screen, ${x.route.replace(/^first screen: /, '')}:`, 50));
  }
  const csv = route('csv');
  if (csv) {
    targets.push({
      key: 'csv',
      route: 'csv',
      name: `Audit CSV export of ${fmt(csv.rowsStreamed ?? 0)} entries: rows per second`,
      target: '≥ 50,000 rows/s',
      measured: `${fmt(csv.rowsPerSecond ?? 0)} rows/s (${fmt(csv.seconds, 1)} s${csv.ok ? '' : `, HTTP ${Object.keys(csv.statusCodes).join(',')}`})`,
      met: csv.ok > 0 && (csv.rowsPerSecond ?? 0) >= 50_000,
    });
    targets.push({
      name: 'Audit CSV export: server RSS growth while it streams',
      target: '≤ 50 MB',
      measured: `${fmt(csv.rssGrowthMb ?? 0)} MB`,
      met: csv.ok > 0 && (csv.rssGrowthMb ?? Infinity) <= 50,
    });
  }
  // A page's own latency (1 connection); at 50 connections a p99 of 20 ms would take over 2,500 req/s (Little's law).
  for (const [name, label] of [
    ['audit-by-situation', 'situation'],
    ['audit-by-actor', 'actor'],
  ] as const) {
    const single = route(`${name}-1`);
    const loaded = route(name);
    if (single) {
      targets.push({
        key: 'audit-page',
        route: `${name}-1`,
        name: `Audit page filtered by ${label}, ${fmt(r.dataset.bigChainEntries)} entries in the chain: p99 at 1 connection`,
        target: '≤ 20 ms',
        measured: `${ms(single.p99)}${loaded ? ` (at ${loaded.connections} connections: ${ms(loaded.p99)})` : ''}`,
        met: single.ok > 0 && single.p99 <= 20,
      });
    }
  }
  const v = r.verify.inProcess;
  targets.push({
    key: 'verify',
    name: `Full verification of ${fmt(v.checked)} entries (AuditVerifier)`,
    target: '≤ 5 s',
    measured: `${fmt(v.seconds, 2)} s${v.valid ? '' : ' (chain INVALID)'}`,
    met: v.valid && v.seconds <= 5,
  });
  const province = route('province');
  if (province)
    targets.push({
      key: 'province',
      route: 'province',
      name: `Summary over ${fmt(r.dataset.situations)} situations (province report, 1 connection): p99`,
      target: '≤ 200 ms',
      measured: `${ms(province.p99)} (p50 ${ms(province.p50)}; first read of the counts ${ms(province.firstMs ?? 0)})`,
      met: province.p99 <= 200 && province.ok > 0,
    });
  for (const [key, what, goal] of [
    ['province-indicators', `Evaluation indicators over ${fmt(r.dataset.situations)} situations (province, 1 connection): p99`, 200],
    ['province-indicators-changed', `Evaluation indicators over ${fmt(r.dataset.situations)} situations, a situation changed before each read (province, 1 connection): p99`, 200],
    ['province-trend', 'Trend of the indicators over 8 quarters (province, 1 connection): p99', 300],
  ] as const) {
    const x = route(key);
    if (x)
      targets.push({
        key,
        route: key,
        name: what,
        target: `≤ ${goal} ms`,
        measured: `${ms(x.p99)} (p50 ${ms(x.p50)}; first read of the counts ${ms(x.firstMs ?? 0)})`,
        met: x.p99 <= goal && x.ok > 0 && !x.non2xx,
      });
  }
  targets.push({ key: 'pii-mean', name: 'PII scan, mean per 2,000-character narrative', target: '≤ 1 ms', measured: ms(r.pii.meanMs), met: r.pii.meanMs <= 1 });
  targets.push({
    key: 'pii-worst',
    name: `PII scan, slowest of ${r.pii.adversarialInputs} adversarial 100 kB inputs (warm)`,
    target: '≤ 50 ms',
    measured: `${ms(r.pii.worstMs)} ("${r.pii.worstInput}"; cold worst ${ms(r.pii.worstColdMs)})`,
    met: r.pii.worstMs <= 50,
  });
  const underLoad = Math.max(r.floors.live.peakRssMb, r.floors.db.peakRssMb, ...r.routes.map((x) => x.peakRssMb));
  targets.push({
    key: 'rss',
    name: 'Server peak RSS under the whole bench (VmHWM, seeding included)',
    target: '≤ 200 MB',
    measured: `${fmt(r.rss.hwmMb)} MB (highest VmRSS sampled during the load runs ${fmt(underLoad)} MB)`,
    met: r.rss.hwmMb <= 200,
  });
  const start = r.startup.startMs ?? r.startup.readyMs;
  targets.push({
    key: 'start',
    name: 'Start on an initialised embedded database (startMs of the second start)',
    target: '≤ 3 s',
    measured: `${fmt(start)} ms (ready after ${fmt(r.startup.readyMs)} ms from spawn)`,
    met: start <= 3000,
  });
  const checked = r.routes.filter((x) => x.chainsAfter);
  if (checked.length) {
    const bad = checked.filter((x) => !x.chainsAfter!.valid);
    const last = checked[checked.length - 1].chainsAfter!;
    targets.push({
      key: 'chains-after',
      name: 'Every audit chain verifies after every load run (AuditVerifier.verifyAll)',
      target: 'valid after each run',
      measured: bad.length
        ? `INVALID after ${bad.map((x) => `${x.name}: ${x.chainsAfter!.invalid}`).join('; ')}`
        : `valid after all ${checked.length} runs (the last: ${fmt(last.chains)} chains, ${fmt(last.checked)} entries in ${fmt(last.seconds, 1)} s)`,
      met: bad.length === 0,
    });
  }
  const one = route('replicas-1');
  const two = route('replicas-2');
  const busy = (x: MeasuredRoute) => (x.cpuBusyPercent === undefined ? '' : `, machine CPU ${fmt(x.cpuBusyPercent)} % busy`);
  targets.push({
    key: 'replicas',
    route: 'replicas-2',
    name: 'Two-server setup: audited reads through two replicas vs one on the same database',
    target: '≥ 1.6×',
    measured:
      one && two
        ? `${fmt(two.rps)} vs ${fmt(one.rps)} req/s = ${times(two.rps / one.rps)} (one replica${busy(one)}; two${busy(two)})`
        : 'not measured (BENCH_ONLY without replicas)',
    met: !!one && !!two && two.ok > 0 && two.rps >= 1.6 * one.rps,
  });
  return targets;
}

function routeRow(r: BenchResults, x: MeasuredRoute): string {
  if (x.rowsStreamed !== undefined) {
    return `| ${x.route} | 1 | ${fmt(x.rowsPerSecond ?? 0)} rows/s | first byte ${ms(x.p50)} | whole ${fmt(x.seconds, 1)} s | — | — | ${x.ok ? '0' : `HTTP ${Object.keys(x.statusCodes).join(',')}`} | ${fmt(x.peakRssMb)} (+${fmt(x.rssGrowthMb ?? 0)}) | ${fmt(x.loadAverage, 1)} |`;
  }
  const ratio = x.floor ? `${fmt(x.rps / floorRate(r, x.floor), 2)} of ${FLOOR_LABEL[x.floor]}` : '—';
  const codes =
    x.non2xx || x.errors || x.timeouts ? `${fmt(x.non2xx)} ${codesText(x)}${x.errors ? `, ${fmt(x.errors)} errors` : ''}${x.timeouts ? `, ${fmt(x.timeouts)} timeouts` : ''}` : '0';
  return `| ${x.route} | ${x.connections} | ${fmt(x.rps)} | ${lat(x, x.p50)} | ${lat(x, x.p99)} | ${ratio} | ${kb(x.bytesPerAnswer)} | ${codes} | ${fmt(x.peakRssMb)} | ${fmt(x.loadAverage, 1)} |`;
}

/** An answer's size in kB (headers included), as the load generator received it. */
const kb = (bytes: number | undefined): string => (bytes ? fmt(bytes / 1024, bytes < 10_240 ? 1 : 0) : '—');

function codesText(x: MeasuredRoute): string {
  const other = Object.entries(x.statusCodes).filter(([code]) => !code.startsWith('2'));
  return other.length ? `(${other.map(([c, n]) => `${c}: ${fmt(n)}`).join(', ')})` : '';
}

const FLOOR_LABEL: Record<FloorName, string> = {
  bare: 'bare Nest + Fastify floor',
  live: 'framework floor',
  db: 'framework+DB floor',
  dbRead: 'DB floor (read tx)',
  dbIntake: 'DB floor (intake tx)',
};

function floorRow(f: FloorResult): string {
  return `| ${f.name} | ${f.clients} | ${fmt(f.tps)} tx/s | ${ms(f.p50)} | ${ms(f.p99)} | — | — | ${f.errors ? `${fmt(f.errors)} failed tx` : '0'} | — | — |`;
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const d = r.dataset;
  const read = r.routes.find((x) => x.name === 'read');
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts). Every figure below comes from one run; rerun the command to refresh it.',
    'Load: autocannon over loopback (127.0.0.1), load generator, server and PostgreSQL on the same machine.',
    '',
    '## Machine and run',
    '',
    `- Date: ${r.date}`,
    `- Command: \`${r.command}\`: ${fmt(r.wallSeconds)} s wall time${r.wallIncludesBuild ? ', build included' : ' (bench process only; the build is not included)'}`,
    `- 1-minute load average: ${m.loadAverage.start} at the start, ${m.loadAverage.beforeLoads ?? 'n/a'} before the load runs, ${m.loadAverage.end ?? 'n/a'} at the end (${m.cores} cores; anything else running on the machine lowers the figures)`,
    `- CPU: ${m.cpu}, ${m.cores} cores; memory ${fmt(m.memoryGb, 1)} GB; ${m.os}`,
    `- Node ${m.node}; PostgreSQL ${m.postgres} (${r.database === 'embedded' ? 'embedded, fresh DATA_DIR' : 'DATABASE_URL server, fresh database st_bench_*'})`,
    `- Server: \`node dist/src/main.js\`, NODE_ENV=production, LOG_LEVEL=warn, RATE_LIMIT_ENABLED=false, DB_POOL_SIZE=${r.config.dbPoolSize}`,
    `- Load runs: ${r.config.duration} s each after a ${r.config.warmup} s warm-up; ${r.config.connections} connections (intake ${r.config.intakeConnections}). Reports: one request at a time, one warm-up request, then up to 10 within ${r.config.reportDuration} s (at least 2)`,
    '',
    '## Data set',
    '',
    `- ${fmt(d.tables)} situation tables, ${fmt(d.situations)} situations (${Object.entries(d.byStatus)
      .map(([s, n]) => `${s} ${fmt(n)}`)
      .join(', ')}); ${fmt(d.bigTableSituations)} at the big table`,
    `- ${fmt(d.auditEntriesSeeded)} audit entries bulk-inserted as valid hash chains: the big table's chain filled to ${fmt(r.config.auditEntries)} entries (${fmt(d.bigChainEntries)} by the time the audit pages were measured), each other table's chain ${fmt(r.config.otherChainEntries)} more`,
    `- ${fmt(d.identities)} identity vault rows written through PUT /situations/:id/identity`,
    `- Seeding: ${Object.entries(d.seedSeconds)
      .map(([k, s]) => `${k} ${fmt(s, 1)} s`)
      .join(', ')}`,
    '',
    '## Figures',
    '',
    "Requests/s count 2xx answers only. Ratios are requests/s over the floor named. Answer kB: bytes received per answer, headers included (every byte is written through the loopback TCP stack on the server's cores: `writev` in the profiles). Server peak RSS: the highest VmRSS sampled during that run.",
    'Load avg: the machine’s 1-minute load average at the end of that run, this benchmark’s own processes included: compare it across runs to spot other work on the machine.',
    '',
    '| Route | Conn. | Req/s | p50 | p99 | Ratio to floor | Answer kB | Non-2xx | Server peak RSS MB | Load avg |',
    '|---|---:|---:|---:|---:|---|---:|---|---:|---:|',
    routeRow(r, r.floors.bare),
    routeRow(r, r.floors.live),
    routeRow(r, r.floors.db),
    floorRow(r.floors.dbRead),
    floorRow(r.floors.dbIntake),
    ...r.routes.map((x) => routeRow(r, x)),
    '',
    ...(r.diagnostics.length
      ? [
          'Diagnostics: the server’s own query code alone, in the bench process (no HTTP, authentication or audit append), at the same concurrency:',
          '',
          '| Query | Conc. | Queries/s | p50 | p99 | Errors |',
          '|---|---:|---:|---:|---:|---|',
          ...r.diagnostics.map(
            (d) => `| ${d.name} | ${d.clients} | ${fmt(d.tps)} | ${ms(d.p50)} | ${ms(d.p99)} | ${d.errors ? `${fmt(d.errors)} (${d.errorSamples.join('; ')})` : '0'} |`,
          ),
          '',
        ]
      : []),
    read ? `Audited read vs the one-append-per-transaction chain (the read transaction's database floor on one chain): ${times(read.rps / r.floors.dbRead.tps)}.` : '',
    '',
    ...notes(r),
    ...profileNotes(r),
    '### Audit chain verification',
    '',
    '| How | Entries checked | Valid | Time | Entries/s |',
    '|---|---:|---|---:|---:|',
    ...[r.verify.inProcess, r.verify.http]
      .filter((v): v is VerifyResult => !!v)
      .map(
        (v) =>
          `| ${v.how}${v.status && v.status !== 200 ? ` (HTTP ${v.status})` : ''} | ${fmt(v.checked)} | ${v.valid ? 'yes' : 'NO'} | ${fmt(v.seconds, 2)} s | ${fmt(v.entriesPerSecond)} |`,
      ),
    ...(r.verify.http ? [] : ['', `GET /audit/verify was skipped: it would have taken the command past BENCH_TIME_LIMIT (${r.config.timeLimit} s after it began).`]),
    '',
    '### De-identification check (scanText in a fresh Node process)',
    '',
    `- Mean ${ms(r.pii.meanMs)} per ${fmt(r.pii.narrativeLength)}-character narrative (${fmt(r.pii.scans)} scans of narratives built from ${fmt(r.pii.texts)} texts of ${r.pii.corpus})`,
    `- ${r.pii.adversarialInputs} adversarial ${fmt(r.pii.adversarialLength)}-character inputs: slowest warm run ${ms(r.pii.worstMs)} ("${r.pii.worstInput}"), slowest cold run ${ms(r.pii.worstColdMs)}`,
    '',
    ...(r.pii.disguised
      ? [
          '### De-identification under disguise (test/corpus/pii-disguised.json)',
          '',
          "Recall on disguised text (tuning part, then the held-out part not looked at while tuning), on the same texts written plainly, false refusals on clean look-alikes, and the scan time of 2,000-character narratives built from each kind's disguised texts (targets: disguised ≥ 0.90 overall and ≥ 0.80 per kind, plain ≥ 0.97, false refusals ≤ 0.03, mean ≤ 1 ms).",
          '',
          r.pii.disguised,
          '',
        ]
      : []),
    '### Start and memory',
    '',
    `- First start on an empty DATA_DIR (creates the embedded cluster): startMs ${r.startup.firstStartMs ?? 'n/a'}, ready after ${fmt(r.startup.firstReadyMs)} ms from spawn`,
    `- Second start on the same DATA_DIR: startMs ${r.startup.startMs ?? 'n/a'}, /health/ready answered ${fmt(r.startup.readyMs)} ms after spawn`,
    `- Server memory: VmHWM ${fmt(r.rss.hwmMb)} MB at the end of the run; highest sampled VmRSS ${fmt(r.rss.sampledPeakMb)} MB`,
    '',
    '## Targets',
    '',
    '| Target | Goal | Measured | Met |',
    '|---|---|---|---|',
    ...r.targets.map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${t.met ? 'met' : '**not met**'} |`),
    '',
    ...gapNotes(r),
    '## Server problems seen during the run',
    '',
    ...serverProblems(r),
    '',
    '## How to run',
    '',
    '`npm run bench` builds, starts the compiled server, seeds, measures and writes this file and bench/results/latest.json.',
    'With `DATABASE_URL` (an owner URL) it creates a database `st_bench_*` and a role `st_bench_app_*` on that server and drops both at the end;',
    'without it the server starts its embedded PostgreSQL under a fresh temporary DATA_DIR. Sizes and durations: BENCH_TABLES, BENCH_SITUATIONS,',
    'BENCH_AUDIT_ENTRIES, BENCH_OTHER_CHAIN_ENTRIES, BENCH_BIG_TABLE_SHARE, BENCH_IDENTITIES, BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS,',
    'BENCH_INTAKE_CONNECTIONS, BENCH_REPORT_DURATION, BENCH_DB_POOL_SIZE, BENCH_TIME_LIMIT (see bench/config.ts).',
    '',
  ];
  return lines.join('\n');
}

/** Facts that follow from the figures and help read them. */
function notes(r: BenchResults): string[] {
  const out: string[] = [];
  const read = r.routes.find((x) => x.name === 'read');
  const intake = r.routes.find((x) => x.name === 'intake');
  const needed = (connections: number, p99Ms: number) => fmt(connections / (p99Ms / 1000));
  if (read) {
    out.push(
      `- With ${read.connections} connections always busy, a p99 of 30 ms needs at least ${needed(read.connections, 30)} answers/s (Little's law); the framework+DB floor itself reached ${fmt(r.floors.db.rps)} req/s with a p99 of ${ms(r.floors.db.p99)} here.`,
    );
  }
  if (intake)
    out.push(
      `- Likewise intake at ${intake.connections} connections with a p99 of 50 ms needs at least ${needed(intake.connections, 50)} intakes/s; its database floor reached ${fmt(r.floors.dbIntake.tps)} tx/s.`,
    );
  out.push(
    `- The one-append-per-transaction chain (database floor of the read transaction) reached ${fmt(r.floors.dbRead.tps)} tx/s at ${r.floors.dbRead.clients} clients on one chain (security.md reports about 800-1,300/s for one chain on a machine of this kind).`,
  );
  return out.length ? [...out, ''] : [];
}

/**
 * Each target not met: what the run shows of it (the route's answer size, the machine's CPU, the
 * top frames of its profile when the server was profiled), why (bench/gaps.ts), and what would close it.
 */
function gapNotes(r: BenchResults): string[] {
  const missed = r.targets.filter((t) => !t.met);
  if (!missed.length) return [];
  const out = ['## The remaining gaps', '', 'For each target not met: what this run shows of its route, why, and what would close it (bench/gaps.ts).', ''];
  for (const t of missed) {
    const gap = (t.key && GAPS[t.key]) || { why: 'no note yet in bench/gaps.ts', close: 'no note yet in bench/gaps.ts' };
    const x = t.route ? (t.route === 'live' ? r.floors.live : r.routes.find((y) => y.name === t.route)) : undefined;
    const profile = t.route ? r.profiles?.find((p) => p.route === x?.route) : undefined;
    const shown = [
      x && x.bytesPerAnswer ? `${kb(x.bytesPerAnswer)} kB an answer` : '',
      x?.cpuBusyPercent !== undefined ? `machine CPU ${fmt(x.cpuBusyPercent)} % busy` : '',
      profile
        ? `top frames (self time): ${profile.summary.selfTime
            .filter((f) => f.name !== '(idle)')
            .slice(0, 5)
            .map((f) => `${f.name.replace(/\|/g, '\\|')} ${fmt(f.percent, 1)} %`)
            .join('; ')}`
        : '',
    ].filter(Boolean);
    out.push(
      `### ${t.name}`,
      '',
      `- Goal ${t.target}; measured ${t.measured}.${shown.length ? ` This run: ${shown.join('; ')}.` : ''}`,
      `- Why: ${gap.why}`,
      `- What would close it: ${gap.close}`,
      '',
    );
  }
  return out;
}

/** Where the server's CPU went during each load run (BENCH_PROFILE=1), from its one profile cut per run. */
function profileNotes(r: BenchResults): string[] {
  if (!r.profiles?.length) return [];
  const out = [
    '### Top frames per route (server CPU profile)',
    '',
    r.profiledBy === 'a profiled replica'
      ? 'After the measured runs, a second server on the same database and DATA_DIR, under `node --cpu-prof`, took each load again for 3 s (after a 1 s warm-up): the figures above come from the unprofiled server, the frames below from the profiled one. Self time of the top functions, and inclusive time by package or source file, during each load.'
      : "This run had the server under `node --cpu-prof` (BENCH_PROFILE=1): the figures above include the profiler's overhead. Self time of the top functions, and inclusive time by package or source file, during each load run (samples after its warm-up).",
    '',
  ];
  for (const p of r.profiles) {
    const s = p.summary;
    out.push(
      `- **${p.route}** (${fmt(s.totalMs)} ms sampled, ${fmt(s.idlePercent, 0)} % idle): self ${s.selfTime
        .filter((x) => x.name !== '(idle)')
        .slice(0, 8)
        .map((x) => `${x.name.replace(/\|/g, '\\|')} ${fmt(x.percent, 1)} %`)
        .join('; ')}; inclusive ${s.byPackage
        .filter((x) => !x.name.startsWith('node:') && !x.name.startsWith('('))
        .slice(0, 8)
        .map((x) => `${x.name} ${fmt(x.percent, 0)} %`)
        .join(', ')}`,
    );
  }
  out.push('');
  return out;
}

function serverProblems(r: BenchResults): string[] {
  const all = [r.floors.bare, r.floors.live, r.floors.db, ...r.routes];
  const non2xx = all.filter((x) => x.non2xx || x.errors || x.timeouts);
  const warmup = all.filter((x) => x.warmupProblems);
  const floorErrors = [r.floors.dbRead, r.floors.dbIntake].filter((f) => f.errors);
  const out: string[] = [];
  out.push(
    non2xx.length
      ? `- Non-2xx answers or socket errors under load: ${non2xx.map((x) => `${x.route}: ${fmt(x.non2xx)} ${codesText(x)}${x.errors ? ` ${x.errors} errors` : ''}${x.timeouts ? ` ${x.timeouts} timeouts` : ''}`).join('; ')}`
      : '- No non-2xx answers, socket errors or timeouts under load.',
  );
  if (warmup.length) out.push(`- During the warm-up runs (not in the figures): ${warmup.map((x) => `${x.route}: ${fmt(x.warmupProblems)}`).join('; ')}`);
  for (const f of floorErrors) out.push(`- ${f.name}: ${fmt(f.errors)} failed transactions (${f.errorSamples.join('; ')})`);
  out.push(`- Server log: ${fmt(r.server.warnings)} warnings, ${fmt(r.server.errors)} errors${r.server.samples.length ? ':' : '.'}`);
  for (const s of r.server.samples.slice(0, 10)) out.push(`  - ${s.replace(/\|/g, '\\|')}`);
  return out;
}

export function writeResults(root: string, r: BenchResults): { markdown: string; json: string } {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const markdown = join(root, 'BENCHMARKS.md');
  const json = join(dir, 'latest.json');
  writeFileSync(markdown, renderMarkdown(r));
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  return { markdown, json };
}
