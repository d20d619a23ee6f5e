// Settings of a benchmark run, from the environment (every one has a default).

export interface BenchConfig {
  /** situation tables; the first one is the "big table" whose chain holds the big audit trail */
  tables: number;
  situations: number;
  /** entries of the big table's audit chain (the verification and filtered-page figures) */
  auditEntries: number;
  /** entries added to each of the other tables' chains */
  otherChainEntries: number;
  /** share of the situations that sit at the big table */
  bigTableShare: number;
  /** identity vault rows written through the API at the big table */
  identities: number;
  /** seconds per measured load run, after a warm-up run */
  duration: number;
  warmup: number;
  connections: number;
  intakeConnections: number;
  /** seconds of measured report requests, one at a time (at least 2, at most 10) */
  reportDuration: number;
  dbPoolSize: number;
  /** seconds since `npm run bench` began (build included) past which the HTTP verification is skipped */
  timeLimit: number;
  databaseUrl?: string;
  /**
   * BENCH_ONLY: a focused run of the named loads only (e.g. "read,floors"): no start-time,
   * verification or PII phases, and BENCHMARKS.md is left as it is.
   */
  only?: ReadonlySet<string>;
  /** BENCH_PROFILE=1: the server runs under `node --cpu-prof`; its profile is summarised at the end. */
  profile: boolean;
  /**
   * After the measured runs, a replica under `node --cpu-prof` takes each load again for 3 s, for
   * the top frames per route (on by default; BENCH_PROFILE_PASS=0 skips it; BENCH_PROFILE=1
   * profiles the measured server instead)
   */
  profilePass: boolean;
  /** BENCH_VERIFY_EACH_RUN=0 skips verifying every audit chain after each load run (on by default) */
  verifyEachRun: boolean;
}

function num(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name} must be a number from ${min} to ${max}`);
  return value;
}

export function loadBenchConfig(): BenchConfig {
  return {
    tables: num('BENCH_TABLES', 20, 1, 500),
    situations: num('BENCH_SITUATIONS', 100_000, 100, 5_000_000),
    auditEntries: num('BENCH_AUDIT_ENTRIES', 1_000_000, 1_000, 20_000_000),
    otherChainEntries: num('BENCH_OTHER_CHAIN_ENTRIES', 1_000, 0, 1_000_000),
    bigTableShare: num('BENCH_BIG_TABLE_SHARE', 0.25, 0.01, 1),
    identities: num('BENCH_IDENTITIES', 200, 1, 10_000),
    duration: num('BENCH_DURATION', 8, 1, 600),
    warmup: num('BENCH_WARMUP', 1, 0, 60),
    connections: num('BENCH_CONNECTIONS', 50, 1, 1000),
    intakeConnections: num('BENCH_INTAKE_CONNECTIONS', 32, 1, 1000),
    reportDuration: num('BENCH_REPORT_DURATION', 6, 1, 600),
    dbPoolSize: num('BENCH_DB_POOL_SIZE', 10, 2, 200),
    timeLimit: num('BENCH_TIME_LIMIT', 560, 60, 36_000),
    databaseUrl: process.env.DATABASE_URL || undefined,
    only: process.env.BENCH_ONLY
      ? new Set(
          process.env.BENCH_ONLY.split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        )
      : undefined,
    profile: process.env.BENCH_PROFILE === '1',
    verifyEachRun: process.env.BENCH_VERIFY_EACH_RUN !== '0',
    profilePass: process.env.BENCH_PROFILE_PASS !== '0',
  };
}
