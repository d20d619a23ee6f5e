// The compiled server as a child process: start, wait until ready, sample its memory, stop.
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerLogSummary {
  warnings: number;
  errors: number;
  /** messages (never request data) of the first warnings and errors */
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

/** Spawns `node <distDir>/src/main.js` with the given environment (added to a minimal one). */
export function spawnServer(distDir: string, env: Record<string, string>): ServerHandle {
  const child: ChildProcess = spawn(process.execPath, [join(distDir, 'src', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: ServerLogSummary = { warnings: 0, errors: 0, samples: [] };
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
    if (logs.samples.length < 20) logs.samples.push(`stderr: ${chunk.toString('utf8').trim().slice(0, 300)}`);
  });
  function readLogLine(line: string): void {
    let entry: { level?: number; msg?: string; startMs?: number; context?: string; err?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    if (entry.msg === 'server listening' && typeof entry.startMs === 'number') startMs = entry.startMs;
    if ((entry.level ?? 0) >= PINO_WARN) {
      if ((entry.level ?? 0) > PINO_WARN) logs.errors += 1;
      else logs.warnings += 1;
      if (logs.samples.length < 20) logs.samples.push(`${entry.level! > PINO_WARN ? 'error' : 'warn'}: ${entry.context ? `[${entry.context}] ` : ''}${entry.msg ?? ''}${entry.err ? ` ${JSON.stringify(entry.err).slice(0, 200)}` : ''}`);
    }
  }
  return {
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    startMs: () => startMs,
    logs: () => logs,
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
export async function measureStartup(distDir: string, baseEnv: Record<string, string>): Promise<StartupFigures> {
  const dataDir = tempDataDir('st-bench-start-');
  try {
    const once = async () => {
      const env = { ...baseEnv, DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'info' };
      delete (env as Record<string, string | undefined>).DATABASE_URL;
      delete (env as Record<string, string | undefined>).DATABASE_APP_URL;
      const t0 = performance.now();
      const server = spawnServer(distDir, env);
      try {
        await waitReady(server);
        return { startMs: server.startMs(), readyMs: performance.now() - t0 };
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
