// HTTP load with autocannon over loopback: requests/s of 2xx answers, latency percentiles, and
// every answer that was not 2xx.
import autocannon from 'autocannon';
import { percentile } from './stats';

export interface LoadSpec {
  name: string;
  /** one server, or several taken in turn by the connections (replicas) */
  baseUrl: string | readonly string[];
  connections: number;
  /** seconds */
  duration: number;
  warmup: number;
  method?: 'GET' | 'POST';
  token?: string;
  /** paths taken in turn, one per request */
  paths: readonly string[];
  /** JSON bodies taken in turn (POST) */
  bodies?: readonly unknown[];
}

export interface LoadResult {
  name: string;
  connections: number;
  seconds: number;
  /** 2xx answers per second */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** non-2xx answers and errors during the warm-up run (not in the figures) */
  warmupProblems: number;
  /** bytes received per answer, headers included */
  bytesPerAnswer: number;
  /** one request at a time: the warm-up answer's time (the first read of its counts: nothing memoised), ms */
  firstMs?: number;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const headers: Record<string, string> = { ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}) };
  if (spec.bodies) headers['content-type'] = 'application/json';
  const bodies = spec.bodies?.map((b) => JSON.stringify(b));
  let n = 0;
  const request: autocannon.Request = {
    method: spec.method ?? 'GET',
    headers,
    setupRequest: (req) => {
      const i = n++;
      return { ...req, path: spec.paths[i % spec.paths.length], ...(bodies ? { body: bodies[i % bodies.length] } : {}) };
    },
  };
  const result = await autocannon({
    url: typeof spec.baseUrl === 'string' ? spec.baseUrl : [...spec.baseUrl],
    connections: spec.connections,
    duration: spec.duration,
    timeout: 30,
    requests: [request],
    ...(spec.warmup > 0 ? { warmup: { connections: spec.connections, duration: spec.warmup } } : {}),
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  return {
    name: spec.name,
    connections: spec.connections,
    seconds: result.duration,
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    warmupProblems: result.warmup ? result.warmup.non2xx + result.warmup.errors + result.warmup.timeouts : 0,
    bytesPerAnswer: result.requests.total ? result.throughput.total / result.requests.total : 0,
  };
}

/**
 * One request at a time, for slow routes (reports): one warm-up request, then up to `maxRequests`
 * within `budgetSeconds` (at least `minRequests`). A request slower than a load run still counts.
 */
export async function runSequential(spec: {
  name: string;
  baseUrl: string;
  path: string;
  token?: string;
  maxRequests: number;
  minRequests: number;
  budgetSeconds: number;
  /** run before each request (the warm-up's too), outside its time */
  before?: () => Promise<void>;
}): Promise<LoadResult> {
  const once = async (): Promise<{ status: number; ms: number; bytes: number }> => {
    await spec.before?.();
    const t0 = performance.now();
    try {
      const res = await fetch(`${spec.baseUrl}${spec.path}`, {
        headers: spec.token ? { authorization: `Bearer ${spec.token}` } : {},
        signal: AbortSignal.timeout(60_000),
      });
      const bytes = (await res.arrayBuffer()).byteLength;
      return { status: res.status, ms: performance.now() - t0, bytes };
    } catch {
      return { status: 0, ms: performance.now() - t0, bytes: 0 };
    }
  };
  const warm = await once();
  const samples: { status: number; ms: number; bytes: number }[] = [];
  const t0 = performance.now();
  while (samples.length < spec.maxRequests && (samples.length < spec.minRequests || performance.now() - t0 < spec.budgetSeconds * 1000)) samples.push(await once());
  const seconds = (performance.now() - t0) / 1000;
  const ok = samples.filter((s) => s.status >= 200 && s.status < 300);
  const sorted = ok.map((s) => s.ms).sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const s of samples) statusCodes[String(s.status)] = (statusCodes[String(s.status)] ?? 0) + 1;
  return {
    name: spec.name,
    connections: 1,
    seconds,
    rps: ok.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
    ok: ok.length,
    non2xx: samples.filter((s) => s.status !== 0 && (s.status < 200 || s.status >= 300)).length,
    errors: samples.filter((s) => s.status === 0).length,
    timeouts: 0,
    statusCodes,
    warmupProblems: warm.status >= 200 && warm.status < 300 ? 0 : 1,
    bytesPerAnswer: ok.length ? ok.reduce((sum, x) => sum + x.bytes, 0) / ok.length : 0,
    firstMs: warm.ms,
  };
}
