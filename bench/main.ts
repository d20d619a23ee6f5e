// The benchmark itself, started by bench/run.ts from a snapshot of dist/: starts the compiled
// server on a real PostgreSQL, seeds a large data set, drives load over loopback, and writes
// BENCHMARKS.md and bench/results/latest.json.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { BENCH_AUDIT_SIGNING_KEY } from './audit-keys';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { encodeCursor } from '../src/common/http/pagination';
import { scanText } from '../src/modules/deidentification/pii-detector';
import { ApiClient } from './api';
import { BenchConfig, loadBenchConfig } from './config';
import { intakeBodies, loadCorpus, seededRng } from './data';
import { BenchDatabase, createExternalDatabase, embeddedDatabase, postgresVersion } from './database';
import { FloorResult, intakeTransaction, readTransaction, runFloor } from './floors';
import { LoadSpec, runLoad, runSequential } from './load';
import { COMMAND, commandSeconds, elapsedSeconds, fmt, say } from './log';
import { auditPageQueryAlone, indicatorsCountedAlone } from './diagnostics';
import { describeMachine, oneMinuteLoad } from './machine';
import { measurePiiInChild } from './pii';
import { formatProfile, monotonicUs, ProfileSummary, ProfileWindow, summariseProfile, summariseWindows } from './profile';
import { AgendaProbe, BenchResults, evaluateTargets, FloorName, MeasuredRoute, writeResults } from './report';
import { adminCredentials, Fixture, seed, SeedResult } from './seed';
import { freePort, measureStartup, removeDir, RssSampler, ServerHandle, serverNodeArgs, spawnServer, StartupFigures, stopLeftoverPostgres, tempDataDir, waitReady } from './server';
import { VerifyResult, verifyAllInProcess, verifyInProcess, verifyOverHttp } from './verify';

/** The repository (BENCHMARKS.md, the corpus) and the compiled tree the server runs from. */
const ROOT = process.env.BENCH_ROOT ?? resolve(__dirname, '..', '..');
const DIST = process.env.BENCH_DIST ?? resolve(__dirname, '..');
const IDENTITY_PURPOSE = 'care coordination follow-up';

/** Clean-up steps, run last-in first-out, on success, failure and interruption alike. */
class Cleanup {
  private readonly steps: { name: string; run: () => Promise<void> | void }[] = [];
  private done = false;

  add(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  async run(): Promise<void> {
    if (this.done) return;
    this.done = true;
    for (const step of this.steps.reverse()) {
      try {
        await step.run();
      } catch (err) {
        say(`clean-up step "${step.name}" failed: ${(err as Error).message}`);
      }
    }
  }
}

function serverBaseEnv(cfg: BenchConfig): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    IDENTITY_MASTER_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: BENCH_AUDIT_SIGNING_KEY,
    RATE_LIMIT_ENABLED: 'false',
    DB_POOL_SIZE: String(cfg.dbPoolSize),
  };
}

async function chainLength(url: string, chainId: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const rows = await c.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_chain_heads WHERE chain_id = $1', [chainId]);
    return Number(rows.rows[0]?.seq ?? 0);
  } finally {
    await c.end();
  }
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = seededRng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The HTTP loads, each as autocannon runs it; `floor` names the figure its ratio is taken against. */
function loadPlan(
  cfg: BenchConfig,
  f: Fixture,
  s: SeedResult,
  bodies: object[],
): (Omit<LoadSpec, 'baseUrl' | 'duration' | 'warmup'> & { route: string; floor?: FloorName; duration?: number })[] {
  const big = f.tables[0];
  const bigIds = shuffled(s.situations.idsByTable[0], 1);
  const users = [f.coordinator, f.privacy, f.analyst, ...f.reps];
  const createdAt = new Map(s.situations.idsByTable[0].map((id, i) => [id, s.situations.bigCreatedAt[i]]));
  const r = seededRng(2);
  const statuses = ['', 'SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'MOBILIZED', 'CLOSED'];
  const listPaths = Array.from({ length: 2000 }, (_, i) => {
    if (i % 2 === 0) {
      const status = statuses[Math.floor(r() * statuses.length)];
      return `/api/v1/tables/${big.id}/situations?limit=50${status ? `&status=${status}` : ''}`;
    }
    const id = bigIds[Math.floor(r() * bigIds.length)];
    return `/api/v1/tables/${big.id}/situations?limit=50&cursor=${encodeCursor([createdAt.get(id)!.toISOString(), id])}`;
  });
  const c = cfg.connections;
  return [
    { name: 'read', route: 'audited read: GET /situations/:id', floor: 'db', connections: c, token: f.coordinator.token, paths: bigIds.map((id) => `/api/v1/situations/${id}`) },
    {
      name: 'intake',
      route: 'intake: POST /tables/:tableId/situations',
      floor: 'dbIntake',
      connections: cfg.intakeConnections,
      method: 'POST',
      token: f.reps[0].token,
      paths: [`/api/v1/tables/${big.id}/situations`],
      bodies,
    },
    { name: 'list', route: 'list page: GET /tables/:tableId/situations', floor: 'db', connections: c, token: f.coordinator.token, paths: listPaths },
    // A realistic meeting: at most 99 items (33 a section) out of the big table's thousands of open
    // situations, then the default bound (100 a section, up to 300 items) for reference.
    {
      name: 'agenda',
      route: 'agenda: GET /meetings/:id/agenda?limit=33 (a realistic meeting, ≤ 99 items)',
      floor: 'db',
      connections: c,
      token: f.coordinator.token,
      paths: [`/api/v1/meetings/${f.meetingId}/agenda?limit=33`],
    },
    {
      name: 'agenda-default',
      route: 'agenda: GET /meetings/:id/agenda (default bound, 100 a section)',
      floor: 'db',
      connections: c,
      token: f.coordinator.token,
      paths: [`/api/v1/meetings/${f.meetingId}/agenda`],
    },
    {
      name: 'identity',
      route: 'identity read: GET /situations/:id/identity',
      floor: 'db',
      connections: c,
      token: f.reps[0].token,
      paths: s.identitySituationIds.map((id) => `/api/v1/situations/${id}/identity?purposeCode=SERVICE_CONNECTION&purpose=${encodeURIComponent(IDENTITY_PURPOSE)}`),
    },
    {
      name: 'audit-by-situation',
      route: 'audit page: GET /tables/:tableId/audit?situationId=',
      floor: 'db',
      connections: c,
      token: f.privacy.token,
      paths: bigIds.slice(0, 5000).map((id) => `/api/v1/tables/${big.id}/audit?situationId=${id}`),
    },
    {
      name: 'audit-by-actor',
      route: 'audit page: GET /tables/:tableId/audit?actorId=',
      floor: 'db',
      connections: c,
      token: f.privacy.token,
      paths: users.map((u) => `/api/v1/tables/${big.id}/audit?actorId=${u.id}`),
    },
    // The page's own latency, without queueing behind 49 other requests.
    {
      name: 'audit-by-situation-1',
      route: 'audit page, 1 connection: ?situationId=',
      connections: 1,
      duration: Math.min(cfg.duration, 4),
      token: f.privacy.token,
      paths: shuffled(bigIds, 4)
        .slice(0, 5000)
        .map((id) => `/api/v1/tables/${big.id}/audit?situationId=${id}`),
    },
    {
      name: 'audit-by-actor-1',
      route: 'audit page, 1 connection: ?actorId=',
      connections: 1,
      duration: Math.min(cfg.duration, 4),
      token: f.privacy.token,
      paths: users.map((u) => `/api/v1/tables/${big.id}/audit?actorId=${u.id}`),
    },
    // The web interface's first screen after sign-in (a coordinator's).
    { name: 'me', route: 'first screen: GET /auth/me', floor: 'db', connections: c, token: f.coordinator.token, paths: ['/api/v1/auth/me'] },
    { name: 'taxonomy', route: 'first screen: GET /taxonomy', floor: 'db', connections: c, token: f.coordinator.token, paths: ['/api/v1/taxonomy'] },
    {
      name: 'situations-first',
      route: 'first screen: GET /tables/:tableId/situations (first page, no filter)',
      floor: 'db',
      connections: c,
      token: f.coordinator.token,
      paths: [`/api/v1/tables/${big.id}/situations`],
    },
    { name: 'notifications', route: 'first screen: GET /notifications', floor: 'db', connections: c, token: f.coordinator.token, paths: ['/api/v1/notifications'] },
    {
      name: 'login',
      route: 'login: POST /auth/login',
      floor: 'db',
      connections: c,
      method: 'POST',
      paths: ['/api/v1/auth/login'],
      bodies: users.map((u) => ({ email: u.email, password: f.password })),
    },
  ];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a phase or load runs: all of them, unless BENCH_ONLY names some. */
const wanted = (cfg: BenchConfig, name: string): boolean => !cfg.only || cfg.only.has(name);

/** Where `node --cpu-prof` writes the server's profile (BENCH_PROFILE=1), emptied first. */
function profileDir(): string {
  const dir = join(ROOT, 'bench', 'results', 'profile');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.cpuprofile')) rmSync(join(dir, f), { force: true });
  return dir;
}

/**
 * Summarises the newest profile the stopped server wrote, prints it and keeps it beside the profile,
 * with one summary per load run (its stretch of the profile) in summary.txt; returns those.
 */
function reportProfile(dir: string, runs: readonly { route: string; profileWindow?: ProfileWindow }[]): { route: string; summary: ProfileSummary }[] {
  const newest = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) {
    say('no CPU profile was written');
    return [];
  }
  const windowed = runs.filter((r) => r.profileWindow);
  const summaries = summariseWindows(
    newest,
    windowed.map((r) => r.profileWindow!),
    15,
  );
  const perRoute = windowed.map((r, i) => ({ route: r.route, summary: summaries[i] }));
  const text = [formatProfile(summariseProfile(newest)), ...perRoute.map((p) => `\n## ${p.route}\n${formatProfile(p.summary)}`)].join('\n');
  writeFileSync(join(dir, 'summary.txt'), `${text}\n`);
  say(`server CPU profile ${newest}: summary, whole run and per load run, in ${join(dir, 'summary.txt')}`);
  return perRoute;
}

/**
 * Waits until the server is idle again (three quick answers from /health/db in a row): autocannon
 * stops with requests in flight, and their work must not spill into the next measurement.
 */
async function settle(baseUrl: string, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let calm = 0;
  while (calm < 3 && performance.now() < deadline) {
    const t0 = performance.now();
    try {
      await fetch(`${baseUrl}/health/db`, { signal: AbortSignal.timeout(5000) });
      calm = performance.now() - t0 < 20 ? calm + 1 : 0;
    } catch {
      calm = 0;
    }
    await sleep(100);
  }
}

/**
 * The summaries, timed one request at a time (a single slow answer must still be measured). Reports
 * cover fixed periods: without `period`, the current calendar year, so early in a year they read
 * fewer of the seeded situations.
 */
function reportPlan(f: Fixture, s: SeedResult): { name: string; route: string; path: string; token: string; changeBefore?: boolean }[] {
  const big = f.tables[0];
  return [
    {
      name: 'province',
      route: `province report: GET /reports/province (the current calendar year of ${fmt(s.situations.total)} situations seeded over 12 months)`,
      path: '/api/v1/reports/province',
      token: f.admin.token,
    },
    {
      name: 'province-indicators',
      route: `province indicators: GET /reports/province/indicators (the current calendar year of ${fmt(s.situations.total)} situations, its 12 months, 4 quarters and the year published as one disclosure unit)`,
      path: '/api/v1/reports/province/indicators',
      token: f.admin.token,
    },
    {
      name: 'province-indicators-changed',
      route: `province indicators, a situation changed before each read (one of the ${fmt(s.situations.total)} at random, by another connection: its table's month is counted again)`,
      path: '/api/v1/reports/province/indicators',
      token: f.admin.token,
      changeBefore: true,
    },
    {
      name: 'province-trend',
      route: 'province trend: GET /reports/province/trend (the 8 quarters through the last that has ended: up to 3 disclosure units of 17 periods)',
      path: '/api/v1/reports/province/trend',
      token: f.admin.token,
    },
    {
      name: 'table-summary',
      route: `table summary: GET /tables/:tableId/reports/summary (the current calendar year of ${fmt(s.situations.idsByTable[0].length)} situations)`,
      path: `/api/v1/tables/${big.id}/reports/summary`,
      token: f.analyst.token,
    },
  ];
}

function describe(x: { rps: number; p50: number; p99: number; non2xx: number; bytesPerAnswer?: number }): string {
  return `${fmt(x.rps)} req/s, p50 ${fmt(x.p50, 1)} ms, p99 ${fmt(x.p99, 1)} ms${x.bytesPerAnswer ? `, ${fmt(x.bytesPerAnswer / 1024, 1)} kB an answer` : ''}${x.non2xx ? `, ${fmt(x.non2xx)} non-2xx` : ''}`;
}

function describeFloor(f: FloorResult): string {
  return `${fmt(f.tps)} tx/s, p50 ${fmt(f.p50, 1)} ms, p99 ${fmt(f.p99, 1)} ms${f.errors ? `, ${fmt(f.errors)} failed` : ''}`;
}

/** What every phase needs once the server is up and the data is in. */
interface Context {
  cfg: BenchConfig;
  server: ServerHandle;
  db: BenchDatabase;
  api: ApiClient;
  rss: RssSampler;
  seeded: SeedResult;
  bodies: object[];
  /** what a replica is started with: the same DATA_DIR (secrets, audit signing key), environment and Node flags */
  replica: { dataDir: string; env: Record<string, string>; nodeArgs: readonly string[] };
}

type RouteSpec = Omit<LoadSpec, 'baseUrl' | 'duration' | 'warmup'> & { route: string; floor?: FloorName; duration?: number };

/** One autocannon run after the server has settled, with the server's memory peak during it. */
async function measure(ctx: Context, spec: RouteSpec): Promise<MeasuredRoute> {
  await settle(ctx.server.baseUrl);
  say(`load: ${spec.route}, ${spec.connections} connections`);
  ctx.rss.resetWindow();
  const fromUs = monotonicUs() + ctx.cfg.warmup * 1_000_000;
  const result = await runLoad({ ...spec, baseUrl: ctx.server.baseUrl, duration: spec.duration ?? ctx.cfg.duration, warmup: ctx.cfg.warmup });
  const measured: MeasuredRoute = {
    ...result,
    route: spec.route,
    floor: spec.floor,
    peakRssMb: ctx.rss.windowPeakMb(),
    loadAverage: oneMinuteLoad(),
    ...(ctx.cfg.profile ? { profileWindow: { fromUs, toUs: monotonicUs() } } : {}),
  };
  say(`  ${describe(measured)}; server RSS peak ${fmt(measured.peakRssMb)} MB`);
  return measured;
}

/**
 * The bare Nest + Fastify floor: a no-op app (bench/bare-app.ts) on the server's Node flags, GET
 * /health/live, while the server is idle. The framework floor is compared with it.
 */
async function measureBareFloor(ctx: Context): Promise<MeasuredRoute> {
  await settle(ctx.server.baseUrl);
  const port = await freePort();
  const bare = spawnServer(DIST, { NODE_ENV: 'production', PORT: String(port) }, serverNodeArgs(ROOT), join('bench', 'bare-app.js'));
  try {
    await waitReady(bare, 30_000);
    say(`load: bare Nest + Fastify no-op app, ${ctx.cfg.connections} connections`);
    const sampler = new RssSampler(bare.pid);
    sampler.start();
    const result = await runLoad({
      name: 'bare',
      baseUrl: bare.baseUrl,
      connections: ctx.cfg.connections,
      paths: ['/health/live'],
      duration: ctx.cfg.duration,
      warmup: ctx.cfg.warmup,
    });
    const measured: MeasuredRoute = {
      ...result,
      route: 'bare floor: Nest + Fastify no-op app, GET /health/live',
      peakRssMb: sampler.stop().sampledPeakMb,
      loadAverage: oneMinuteLoad(),
    };
    say(`  ${describe(measured)}`);
    return measured;
  } finally {
    await bare.stop();
  }
}

/** The bare framework floor, the framework floor, the framework+database floor, and the two database floors. */
async function measureFloors(ctx: Context): Promise<BenchResults['floors']> {
  const { cfg, seeded, db } = ctx;
  const f = seeded.fixture;
  const big = f.tables[0];
  const bare = await measureBareFloor(ctx);
  const live = await measure(ctx, { name: 'live', route: 'framework floor: GET /health/live', floor: 'bare', connections: cfg.connections, paths: ['/health/live'] });
  const dbFloor = await measure(ctx, { name: 'db', route: 'framework+DB floor: GET /health/db', floor: 'live', connections: cfg.connections, paths: ['/health/db'] });

  await settle(ctx.server.baseUrl);
  say(`database floor: read transaction through pg, ${cfg.connections} clients on one chain`);
  const reader = { userId: f.coordinator.id, agencyId: f.coordinator.agencyId };
  const dbRead = await runFloor(
    'DB floor: read tx (BEGIN; SELECT; audit append; COMMIT)',
    db.appUrl(),
    cfg.connections,
    cfg.duration,
    readTransaction(big.id, seeded.situations.idsByTable[0], reader),
    cfg.warmup,
  );
  say(`  ${describeFloor(dbRead)}`);

  await settle(ctx.server.baseUrl);
  say(`database floor: intake transaction through pg, ${cfg.intakeConnections} clients`);
  const submitter = { userId: f.reps[0].id, agencyId: f.reps[0].agencyId, sector: f.agencies[0].sector };
  const dbIntake = await runFloor(
    'DB floor: intake tx (counter, situation, transition, audit append)',
    db.appUrl(),
    cfg.intakeConnections,
    cfg.duration,
    intakeTransaction(big, ctx.bodies as Record<string, unknown>[], submitter),
    cfg.warmup,
  );
  say(`  ${describeFloor(dbIntake)}`);
  return { bare, live, db: dbFloor, dbRead, dbIntake };
}

/**
 * Every audit chain verified right after a load run (after the server has settled, so the group
 * commit has written what the run queued): the load must leave the chains whole.
 */
async function checkChains(ctx: Context, measured: MeasuredRoute): Promise<MeasuredRoute> {
  if (!ctx.cfg.verifyEachRun) return measured;
  await settle(ctx.server.baseUrl);
  const chains = await verifyAllInProcess(ctx.db.appUrl());
  say(
    `  audit chains after it: ${chains.valid ? 'valid' : `INVALID: ${chains.invalid}`}, ${fmt(chains.chains)} chains, ${fmt(chains.checked)} entries in ${fmt(chains.seconds, 1)} s`,
  );
  return { ...measured, chainsAfter: chains };
}

/** The machine's CPU time, busy and all, from /proc/stat (Linux), in clock ticks. */
function cpuTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** A second server on the same database and DATA_DIR (as replicas behind a load balancer run), ready. */
async function startReplica(ctx: Context, extraNodeArgs: readonly string[] = []): Promise<ServerHandle> {
  const port = await freePort();
  const { dataDir, env, nodeArgs } = ctx.replica;
  const replica = spawnServer(DIST, { ...env, DATABASE_URL: ctx.db.ownerUrl(), DATABASE_APP_URL: ctx.db.appUrl(), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }, [
    ...nodeArgs,
    ...extraNodeArgs,
  ]);
  try {
    await waitReady(replica, 60_000);
  } catch (err) {
    await replica.stop();
    throw err;
  }
  return replica;
}

/**
 * Where each load spends the server's CPU, without slowing the measured figures: after the measured
 * runs, a replica on the same database under `node --cpu-prof` takes each load again for a few
 * seconds; its profile is cut into one window per load (samples after the warm-up).
 */
async function profilePass(ctx: Context, specs: readonly RouteSpec[]): Promise<{ route: string; summary: ProfileSummary }[]> {
  const dir = profileDir();
  const replica = await startReplica(ctx, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const windows: { route: string; profileWindow: ProfileWindow }[] = [];
  try {
    for (const spec of specs) {
      await settle(replica.baseUrl);
      say(`profile: ${spec.route}, ${spec.connections} connections, 3 s on the profiled replica`);
      const fromUs = monotonicUs() + 1_000_000;
      await runLoad({ ...spec, baseUrl: replica.baseUrl, duration: 3, warmup: 1 });
      windows.push({ route: spec.route, profileWindow: { fromUs, toUs: monotonicUs() } });
    }
  } finally {
    await replica.stop();
  }
  // its loads wrote too (intakes, reads): the chains must still verify, or the run fails
  const chains = await verifyAllInProcess(ctx.db.appUrl());
  say(`  audit chains after the profile pass: ${chains.valid ? 'valid' : `INVALID: ${chains.invalid}`}, ${fmt(chains.chains)} chains`);
  if (!chains.valid) throw new Error(`an audit chain does not verify after the profile pass: ${chains.invalid}`);
  return reportProfile(dir, windows);
}

/**
 * The two-server setup: the audited read at the same number of connections through the one server,
 * then shared between it and a second replica on the same database and DATA_DIR (as two replicas
 * behind a load balancer run), back to back; with the machine's CPU busy share during each run.
 */
async function measureReplicas(ctx: Context, read: RouteSpec): Promise<MeasuredRoute[]> {
  const second = await startReplica(ctx);
  try {
    const runs: MeasuredRoute[] = [];
    for (const [name, urls, label] of [
      ['replicas-1', [ctx.server.baseUrl], 'one replica'],
      ['replicas-2', [ctx.server.baseUrl, second.baseUrl], 'two replicas'],
    ] as const) {
      await settle(ctx.server.baseUrl);
      say(`load: audited read through ${label}, ${read.connections} connections`);
      ctx.rss.resetWindow();
      const before = cpuTicks();
      const result = await runLoad({ ...read, name, baseUrl: urls, duration: ctx.cfg.duration, warmup: ctx.cfg.warmup });
      const after = cpuTicks();
      const measured: MeasuredRoute = {
        ...result,
        route: `two-server setup: GET /situations/:id through ${label} on the same database`,
        peakRssMb: ctx.rss.windowPeakMb(),
        loadAverage: oneMinuteLoad(),
        ...(before && after && after.total > before.total ? { cpuBusyPercent: (100 * (after.busy - before.busy)) / (after.total - before.total) } : {}),
      };
      say(`  ${describe(measured)}; machine CPU ${measured.cpuBusyPercent === undefined ? 'n/a' : `${fmt(measured.cpuBusyPercent)} % busy`}`);
      runs.push(measured);
    }
    return runs;
  } finally {
    await second.stop();
  }
}

/** The routes under load (login last: its password hashing is the heaviest), then the summaries. */
async function measureRoutes(ctx: Context): Promise<{ routes: MeasuredRoute[]; auditChainAtPages: number; agenda?: AgendaProbe }> {
  const big = ctx.seeded.fixture.tables[0];
  const plan = loadPlan(ctx.cfg, ctx.seeded.fixture, ctx.seeded, ctx.bodies);
  const routes: MeasuredRoute[] = [];
  let auditChainAtPages = 0;
  let agenda: AgendaProbe | undefined;
  for (const spec of plan.filter((x) => x.name !== 'login' && wanted(ctx.cfg, x.name))) {
    if (spec.name === 'audit-by-situation') auditChainAtPages = await chainLength(ctx.db.ownerUrl(), big.id);
    routes.push(await checkChains(ctx, await measure(ctx, spec)));
    if (spec.name === 'agenda') agenda = await probeAgenda(ctx, spec.paths[0], spec.token!);
  }
  routes.push(...(await measureReports(ctx)));
  if (wanted(ctx.cfg, 'csv')) routes.push(await measureCsvExport(ctx));
  if (wanted(ctx.cfg, 'replicas'))
    for (const run of await measureReplicas(
      ctx,
      plan.find((x) => x.name === 'read')!,
    ))
      routes.push(await checkChains(ctx, run));
  if (wanted(ctx.cfg, 'login'))
    routes.push(
      await checkChains(
        ctx,
        await measure(
          ctx,
          plan.find((x) => x.name === 'login')!,
        ),
      ),
    );
  return { routes, auditChainAtPages, agenda };
}

/** The agenda the load run read, once: items per section and what it says of the rest. */
async function probeAgenda(ctx: Context, path: string, token: string): Promise<AgendaProbe> {
  const res = await fetch(`${ctx.server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as Record<string, unknown>;
  const sections = ['updates', 'newSituations', 'overdue'];
  const probe: AgendaProbe = {
    items: Object.fromEntries(sections.map((k) => [k, Array.isArray(body[k]) ? (body[k] as unknown[]).length : 0])),
    totals: body.totals as Record<string, number> | undefined,
    truncated: body.truncated as Record<string, boolean> | undefined,
    limit: typeof body.limit === 'number' ? body.limit : undefined,
  };
  say(`  agenda: ${sections.map((k) => `${k} ${probe.items[k]}${probe.totals ? ` of ${probe.totals[k]}` : ''}`).join(', ')}`);
  return probe;
}

async function measureReports(ctx: Context): Promise<MeasuredRoute[]> {
  const out: MeasuredRoute[] = [];
  const writer = new Client({ connectionString: ctx.db.ownerUrl() });
  await writer.connect();
  const ids = ctx.seeded.situations.idsByTable.flat();
  // a no-op update of a random situation: the triggers log it as any change is (ReportChanges), outside the timed request
  const change = async () => {
    await writer.query('UPDATE situations SET updated_at = updated_at WHERE id = $1', [ids[Math.floor(Math.random() * ids.length)]]);
  };
  try {
    for (const report of reportPlan(ctx.seeded.fixture, ctx.seeded).filter((x) => wanted(ctx.cfg, x.name)))
      out.push(await measureReport(ctx, report, report.changeBefore ? change : undefined));
  } finally {
    await writer.end();
  }
  return out;
}

async function measureReport(ctx: Context, report: ReturnType<typeof reportPlan>[number], before?: () => Promise<void>): Promise<MeasuredRoute> {
  await settle(ctx.server.baseUrl);
  say(`report: ${report.route}, one request at a time`);
  ctx.rss.resetWindow();
  const result = await runSequential({ ...report, baseUrl: ctx.server.baseUrl, maxRequests: 10, minRequests: 2, budgetSeconds: ctx.cfg.reportDuration, before });
  const measured: MeasuredRoute = { ...result, route: report.route, peakRssMb: ctx.rss.windowPeakMb(), loadAverage: oneMinuteLoad() };
  say(
    `  ${fmt(measured.ok)} answers: p50 ${fmt(measured.p50, 1)} ms, slowest ${fmt(measured.max, 1)} ms; the first (warm-up, not counted) ${fmt(result.firstMs ?? 0, 1)} ms${measured.non2xx ? `, ${fmt(measured.non2xx)} non-2xx` : ''}`,
  );
  return measured;
}

/**
 * The big chain's whole audit trail as CSV (GET /tables/:tableId/audit/export.csv, no filter), read
 * as a stream by one client: rows per second, and how much the server's RSS grew over its level
 * just before (the export must stream, not buffer).
 */
async function measureCsvExport(ctx: Context): Promise<MeasuredRoute> {
  const f = ctx.seeded.fixture;
  await settle(ctx.server.baseUrl);
  say('audit CSV export of the big chain, one client');
  ctx.rss.resetWindow();
  const before = ctx.rss.windowPeakMb();
  ctx.rss.resetWindow();
  const t0 = performance.now();
  const res = await fetch(`${ctx.server.baseUrl}/api/v1/tables/${f.tables[0].id}/audit/export.csv`, {
    headers: { authorization: `Bearer ${f.privacy.token}` },
    signal: AbortSignal.timeout(600_000),
  });
  let lines = 0;
  let firstByteMs = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (!firstByteMs) firstByteMs = performance.now() - t0;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = Math.max(0, lines - 1);
  const peak = ctx.rss.windowPeakMb();
  const ok = res.status === 200;
  const measured: MeasuredRoute = {
    name: 'csv',
    route: 'audit CSV export: GET /tables/:tableId/audit/export.csv (the big chain, no filter)',
    connections: 1,
    seconds,
    rps: ok ? 1 / seconds : 0,
    p50: firstByteMs,
    p99: seconds * 1000,
    max: seconds * 1000,
    ok: ok ? 1 : 0,
    non2xx: ok ? 0 : 1,
    errors: 0,
    timeouts: 0,
    statusCodes: { [String(res.status)]: 1 },
    warmupProblems: 0,
    bytesPerAnswer: 0,
    peakRssMb: peak,
    loadAverage: oneMinuteLoad(),
    rowsStreamed: rows,
    rowsPerSecond: rows / seconds,
    rssGrowthMb: Math.max(0, peak - before),
  };
  say(`  HTTP ${res.status}: ${fmt(rows)} rows in ${fmt(seconds, 2)} s = ${fmt(rows / seconds)} rows/s; server RSS ${fmt(before)} → peak ${fmt(peak)} MB`);
  return measured;
}

/** The audit page queries alone, and the indicators' read keeping no month, through the server's own repository code in this process. */
async function measureDiagnostics(ctx: Context): Promise<FloorResult[]> {
  const { cfg, seeded } = ctx;
  const f = seeded.fixture;
  const big = f.tables[0];
  await settle(ctx.server.baseUrl);
  say(`diagnostic: the audit page queries alone (AuditQueryRepository.page in this process), ${cfg.connections} at a time`);
  const seconds = Math.min(cfg.duration, 5);
  const bySituation = shuffled(seeded.situations.idsByTable[0], 3)
    .slice(0, 5000)
    .map((situationId) => ({ chainId: big.id, situationId }));
  const byActor = [f.coordinator, f.privacy, f.analyst, ...f.reps].map((u) => ({ chainId: big.id, actorId: u.id }));
  const out = [
    await auditPageQueryAlone('audit page query alone, by situation', ctx.db.appUrl(), bySituation, cfg.connections, seconds, cfg.warmup),
    await auditPageQueryAlone('audit page query alone, by actor', ctx.db.appUrl(), byActor, cfg.connections, seconds, cfg.warmup),
    await indicatorsCountedAlone(
      'province indicators read alone, every month counted (a repository that keeps none: the first read after a start, or after every month changed)',
      ctx.db.appUrl(),
      seconds,
      cfg.warmup,
    ),
  ];
  for (const d of out) say(`  ${d.name}: ${describeFloor(d)}`);
  return out;
}

/**
 * GET /audit/verify once. It takes about as long as the in-process verification, so it is skipped
 * when it would run the command past BENCH_TIME_LIMIT (BENCHMARKS.md then says so).
 */
async function verifyOnceOverHttp(ctx: Context, inProcessSeconds: number): Promise<VerifyResult | undefined> {
  if (commandSeconds() + inProcessSeconds * 1.3 > ctx.cfg.timeLimit) {
    say(`skipping the HTTP verification: it would take the run past BENCH_TIME_LIMIT=${ctx.cfg.timeLimit} s`);
    return undefined;
  }
  await settle(ctx.server.baseUrl);
  say('verifying the big chain once over HTTP');
  const f = ctx.seeded.fixture;
  const http = await verifyOverHttp(ctx.api, f.tables[0].id, f.privacy.token);
  say(`  HTTP ${http.status}: ${http.valid ? 'valid' : 'INVALID'}, ${fmt(http.checked)} entries in ${fmt(http.seconds, 2)} s`);
  return http;
}

/** The server on a fresh database (external or embedded), ready, with its clean-up registered. */
async function startBenchServer(cfg: BenchConfig, cleanup: Cleanup, baseEnv: Record<string, string>, admin: { email: string; password: string }, nodeArgs: readonly string[]) {
  const dataDir = tempDataDir('st-bench-data-');
  cleanup.add('remove the DATA_DIR', () => removeDir(dataDir));
  const db: BenchDatabase = cfg.databaseUrl ? await createExternalDatabase(cfg.databaseUrl) : embeddedDatabase();
  if (process.env.BENCH_KEEP_DB === '1' && db.kind === 'external') cleanup.add('keep the bench database', () => say(`kept the database (BENCH_KEEP_DB=1): ${db.ownerUrl()}`));
  else cleanup.add('drop the bench database', () => db.drop());
  const port = await freePort();
  say(`starting the server on 127.0.0.1:${port} (${db.kind} PostgreSQL)`);
  const server = spawnServer(
    DIST,
    {
      ...baseEnv,
      ...db.serverEnv,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
    },
    nodeArgs,
  );
  cleanup.add('stop the server', async () => {
    await server.stop();
    if (db.kind === 'embedded') await stopLeftoverPostgres(dataDir);
  });
  await waitReady(server, 120_000);
  db.afterServerStart(dataDir);
  return { db, server, dataDir };
}

async function main(): Promise<void> {
  const cfg = loadBenchConfig();
  const loadAtStart = oneMinuteLoad();
  const cleanup = new Cleanup();
  const interrupt = (signal: string) => {
    say(`${signal}: cleaning up`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => interrupt('SIGINT'));
  process.once('SIGTERM', () => interrupt('SIGTERM'));

  try {
    say(
      `configuration: ${fmt(cfg.tables)} tables, ${fmt(cfg.situations)} situations, ${fmt(cfg.auditEntries)} audit entries in the big chain, ${cfg.duration} s per load, database ${cfg.databaseUrl ? 'DATABASE_URL' : 'embedded'}`,
    );
    const corpus = loadCorpus(ROOT);
    if (scanText(IDENTITY_PURPOSE).length > 0) throw new Error('the identity read purpose trips the de-identification check');
    const baseEnv = serverBaseEnv(cfg);

    if (cfg.only) say(`focused run (BENCH_ONLY): ${[...cfg.only].join(', ')}; BENCHMARKS.md is not written`);
    let startup: StartupFigures = { firstReadyMs: 0, readyMs: 0 };
    if (wanted(cfg, 'startup')) {
      say('start time: starting the compiled server twice on a fresh embedded DATA_DIR');
      startup = await measureStartup(DIST, baseEnv, serverNodeArgs(ROOT));
      say(`start time: first ${startup.firstStartMs ?? '?'} ms (cluster creation), second ${startup.startMs ?? '?'} ms; ready ${fmt(startup.readyMs)} ms after spawn`);
    }

    const admin = adminCredentials();
    const profiles = cfg.profile ? profileDir() : undefined;
    const nodeArgs = [...serverNodeArgs(ROOT), ...(profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [])];
    say(`server: node ${[...nodeArgs, 'dist/src/main.js'].join(' ')}`);
    const { db, server, dataDir } = await startBenchServer(cfg, cleanup, baseEnv, admin, nodeArgs);
    const rss = new RssSampler(server.pid);
    rss.start();
    const machine = describeMachine(await postgresVersion(db.ownerUrl()), loadAtStart);
    say(`server ready (pid ${server.pid}); ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgres}`);

    const api = new ApiClient(server.baseUrl);
    const seeded = await seed(cfg, api, db.ownerUrl(), admin, corpus);
    const ctx: Context = {
      cfg,
      server,
      db,
      api,
      rss,
      seeded,
      bodies: intakeBodies(seededRng(7), corpus.clean, 64),
      replica: { dataDir, env: baseEnv, nodeArgs: serverNodeArgs(ROOT) },
    };
    const big = seeded.fixture.tables[0];

    let inProcess: VerifyResult | undefined;
    if (wanted(cfg, 'verify')) {
      say(`verifying the big chain in process (${fmt(await chainLength(db.ownerUrl(), big.id))} entries)`);
      inProcess = await verifyInProcess(db.appUrl(), big.id);
      say(
        `verification: ${inProcess.valid ? 'valid' : `INVALID at ${inProcess.firstInvalidSeq} (${inProcess.reason})`}, ${fmt(inProcess.checked)} entries in ${fmt(inProcess.seconds, 2)} s`,
      );
    }

    let pii: ReturnType<typeof measurePiiInChild> | undefined;
    if (wanted(cfg, 'pii')) {
      say('PII scan speed (in a fresh process)');
      pii = measurePiiInChild(ROOT);
      say(`PII: mean ${fmt(pii.meanMs, 3)} ms per 2,000 characters; slowest 100 kB input ${fmt(pii.worstMs, 1)} ms ("${pii.worstInput}")`);
    }

    machine.loadAverage.beforeLoads = oneMinuteLoad();
    const floors = wanted(cfg, 'floors') ? await measureFloors(ctx) : undefined;
    const { routes, auditChainAtPages, agenda } = await measureRoutes(ctx);
    const passProfiles =
      !cfg.profile && cfg.profilePass && wanted(cfg, 'profile')
        ? await profilePass(ctx, [
            { name: 'live', route: 'framework floor: GET /health/live', connections: cfg.connections, paths: ['/health/live'] },
            { name: 'db', route: 'framework+DB floor: GET /health/db', connections: cfg.connections, paths: ['/health/db'] },
            ...loadPlan(cfg, ctx.seeded.fixture, ctx.seeded, ctx.bodies).filter((x) => x.connections > 1 && wanted(cfg, x.name)),
          ])
        : undefined;
    const diagnostics = wanted(cfg, 'diagnostics') ? await measureDiagnostics(ctx) : [];
    const http = inProcess ? await verifyOnceOverHttp(ctx, inProcess.seconds) : undefined;

    await settle(server.baseUrl);
    const mem = rss.stop();
    machine.loadAverage.end = oneMinuteLoad();
    await server.stop();
    say(`server stopped; peak RSS ${fmt(mem.hwmMb)} MB (VmHWM)`);
    const perRoute = profiles ? reportProfile(profiles, [...(floors ? [floors.live, floors.db] : []), ...routes]) : passProfiles;
    if (cfg.only || !floors || !inProcess || !pii) return;

    const { databaseUrl: _url, ...config } = cfg;
    const partial: Omit<BenchResults, 'targets'> = {
      date: new Date().toISOString(),
      command: cfg.databaseUrl ? 'DATABASE_URL=… npm run bench' : 'npm run bench',
      wallSeconds: commandSeconds(),
      wallIncludesBuild: COMMAND.includesBuild,
      database: cfg.databaseUrl ? 'DATABASE_URL' : 'embedded',
      machine,
      config,
      dataset: {
        tables: seeded.fixture.tables.length,
        situations: seeded.situations.total,
        byStatus: seeded.situations.byStatus,
        bigTableSituations: seeded.situations.idsByTable[0].length,
        auditEntriesSeeded: seeded.auditEntries.total,
        bigChainEntries: auditChainAtPages,
        identities: seeded.identitySituationIds.length,
        seedSeconds: seeded.seconds,
      },
      startup,
      floors,
      agenda,
      diagnostics,
      routes,
      verify: { inProcess, http },
      pii,
      rss: mem,
      server: server.logs(),
      ...(perRoute?.length ? { profiles: perRoute, profiledBy: profiles ? 'the measured server' : 'a profiled replica' } : {}),
    };
    const results: BenchResults = { ...partial, targets: evaluateTargets(partial) };
    const written = writeResults(ROOT, results);
    say(`wrote ${written.markdown} and ${written.json}`);
    for (const t of results.targets) say(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${t.measured} (goal ${t.target})`);
  } finally {
    await cleanup.run();
  }
  say(`done in ${fmt(elapsedSeconds())} s${COMMAND.includesBuild ? ` (${fmt(commandSeconds())} s since npm run bench began, build included)` : ''}`);
}

export const run = () =>
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );

if (require.main === module) void run();
