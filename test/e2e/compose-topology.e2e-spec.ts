import { execFile, ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { parse } from 'yaml';
import { ensureBuilt, ROOT } from '../support/build';
import { cleanEnv, freePort, pgCtl, runCli, ServerProcess, sleep, startServer, stopServer, waitReady } from '../support/server-process';

/**
 * Issue #14, item 3: the compose picture, run without a container engine (none runs on this kind
 * of machine). The files themselves are exercised: docker/docker-compose.yml's services and their
 * environments (interpolated as compose does), docker/postgres-init/ (run against a fresh
 * PostgreSQL 18, the compose major version), the migrate job with the owner's credentials, two
 * replicas with the application role's only, and nginx with docker/nginx.conf in front. Only the
 * host names and ports are rewritten (db, app-1, app-2 → 127.0.0.1 and free ports) and each named
 * volume becomes a temp directory shared by the services that mount it.
 */

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  image?: string;
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

const DOCKER = join(ROOT, 'docker');
const run = promisify(execFile);
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
/** PostgreSQL's tools refuse root: as root they run as 'postgres', as the embedded package does. */
const pgTool = (tool: string, args: string[]) =>
  asRoot ? run('runuser', ['-u', 'postgres', '--', join(pgCtl(), '..', tool), ...args], { timeout: 90_000 }) : run(join(pgCtl(), '..', tool), args, { timeout: 90_000 });

/** A fresh cluster of the embedded package's PostgreSQL (18, the compose image's major version), password auth over TCP. */
async function startCluster(dir: string, password: string): Promise<{ port: number; stop(): Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '..', 'pwfile'), password);
  if (asRoot) await run('chown', ['-R', 'postgres', join(dir, '..')]);
  await pgTool('initdb', ['-D', dir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${join(dir, '..', 'pwfile')}`, '-E', 'UTF8']);
  const port = await freePort();
  await pgTool('pg_ctl', ['-D', dir, '-w', '-l', join(dir, '..', 'pg.log'), '-o', `-p ${port} -h 127.0.0.1 -k ${join(dir, '..')}`, 'start']);
  return { port, stop: async () => void (await pgTool('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']).catch(() => undefined)) };
}

/** `${NAME}`, `${NAME:-default}` and `${NAME:?message}`, as compose interpolates them. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z0-9_]+)(?::([?-])([^}]*))?\}/g, (_m, name: string, op: string | undefined, arg: string | undefined) => {
    const v = vars[name];
    if (op === '?' && !v) throw new Error(`compose requires ${name} (${arg ?? ''})`);
    if (op === '-' && !v) return arg ?? '';
    return v ?? '';
  });
}

function findExecutable(name: string, candidates: string[]): string {
  for (const c of candidates) if (existsSync(c)) return c;
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, name))) return join(dir, name);
  const pgBin = '/usr/lib/postgresql';
  if (name === 'psql' && existsSync(pgBin))
    for (const v of readdirSync(pgBin).sort().reverse()) if (existsSync(join(pgBin, v, 'bin', 'psql'))) return join(pgBin, v, 'bin', 'psql');
  throw new Error(`${name} is needed by the compose-topology suite: install it (Debian: apt-get install -y ${name === 'psql' ? 'postgresql-client' : name}); .ci/run does`);
}

describe('the compose picture: migrate job, two replicas, nginx in front', () => {
  const compose = parse(readFileSync(join(DOCKER, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
  const vars: Record<string, string> = {
    POSTGRES_PASSWORD: randomBytes(18).toString('hex'),
    APP_DB_PASSWORD: randomBytes(18).toString('hex'),
    JWT_SECRET: randomBytes(48).toString('base64'),
    IDENTITY_MASTER_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: Buffer.from(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).toString('base64'),
    METRICS_TOKEN: randomBytes(24).toString('hex'),
    BOOTSTRAP_ADMIN_EMAIL: 'compose-admin@example.test',
    BOOTSTRAP_ADMIN_PASSWORD: `${randomBytes(15).toString('base64url')}-Q7`,
    LOG_LEVEL: 'info',
  };
  const work = mkdtempSync(join(tmpdir(), 'st-compose-'));
  const volumes = new Map<string, string>();
  let db: { port: number; stop(): Promise<void> } | undefined;
  const suPassword = randomBytes(12).toString('hex');
  const dbUrl = (database: string) => `postgres://postgres:${suPassword}@127.0.0.1:${db!.port}/${database}`;
  const ports: Record<string, number> = {};
  const replicas: Record<string, ServerProcess> = {};
  let nginx: ChildProcess | undefined;
  let nginxOutput = '';
  let proxyPort = 0;
  let adminToken = '';

  /** A service's environment as compose gives it, with the hosts and mounts of this machine. */
  function serviceEnv(name: string): Record<string, string> {
    const service = compose.services[name];
    const mounts: Array<[string, string]> = [];
    for (const v of service.volumes ?? []) {
      const [source, target] = v.split(':');
      if (!(source in (compose.volumes ?? {}))) continue;
      if (!volumes.has(source)) {
        const dir = join(work, `volume-${source}`);
        mkdirSync(dir, { recursive: true });
        volumes.set(source, dir);
      }
      mounts.push([target, volumes.get(source)!]);
    }
    const env: Record<string, string> = {};
    for (const [k, raw] of Object.entries(service.environment ?? {})) {
      let value = interpolate(String(raw), vars).replace('@db:5432/', `@127.0.0.1:${db?.port}/`);
      for (const [target, dir] of mounts) if (value === target) value = dir;
      env[k] = value;
    }
    return env;
  }

  const viaProxy = async (method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`http://127.0.0.1:${proxyPort}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      json = { text };
    }
    return { status: res.status, json };
  };
  const requestLines = (name: string): number => replicas[name].logs().filter((l) => l.msg === 'request').length;

  beforeAll(async () => {
    const nginxBin = findExecutable('nginx', ['/usr/sbin/nginx']);
    const psql = findExecutable('psql', []);
    ensureBuilt();
    chmodSync(work, 0o755);

    // db: PostgreSQL 18 (the compose image's major version), initialised as the image does:
    // POSTGRES_USER is the superuser and owns POSTGRES_DB; then docker-entrypoint-initdb.d runs.
    const dbEnv = serviceEnv('db');
    db = await startCluster(join(work, 'db', 'pg'), suPassword);
    const su = new Client({ connectionString: dbUrl('postgres') });
    await su.connect();
    await su.query(`CREATE ROLE ${dbEnv.POSTGRES_USER} SUPERUSER LOGIN PASSWORD '${dbEnv.POSTGRES_PASSWORD}'`);
    await su.query(`CREATE DATABASE ${dbEnv.POSTGRES_DB} OWNER ${dbEnv.POSTGRES_USER}`);
    await su.end();
    const initDir = join(DOCKER, 'postgres-init');
    for (const script of readdirSync(initDir).sort()) {
      await run('sh', [join(initDir, script)], {
        env: { ...process.env, ...dbEnv, PATH: `${join(psql, '..')}:${process.env.PATH ?? ''}`, PGHOST: '127.0.0.1', PGPORT: String(db.port), PGPASSWORD: dbEnv.POSTGRES_PASSWORD },
      });
    }

    // migrate: the one-shot job, owner's credentials.
    const migrate = compose.services.migrate;
    expect(migrate.command?.slice(0, 2)).toEqual(['node', 'dist/src/cli.js']);
    const migrated = await runCli(migrate.command!.slice(2), cleanEnv({ ...serviceEnv('migrate'), DATA_DIR: join(work, 'migrate-data') }));
    if (migrated.code !== 0) throw new Error(`migrate job failed:\n${migrated.stdout}\n${migrated.stderr}`);

    // app-1, app-2: the application role's credentials only.
    for (const name of ['app-1', 'app-2']) {
      ports[name] = await freePort();
      const env = cleanEnv({ ...serviceEnv(name), PORT: String(ports[name]), DATA_DIR: join(work, `${name}-data`) });
      replicas[name] = startServer(env, ports[name]);
    }
    await Promise.all(Object.values(replicas).map((r) => waitReady(r)));

    // proxy: docker/nginx.conf, with the replicas' and its own addresses on this machine.
    proxyPort = await freePort();
    const nginxDir = join(work, 'nginx');
    mkdirSync(join(nginxDir, 'logs'), { recursive: true });
    chmodSync(nginxDir, 0o777);
    const conf = readFileSync(join(DOCKER, 'nginx.conf'), 'utf8')
      .replace(/server app-1:3000/g, `server 127.0.0.1:${ports['app-1']}`)
      .replace(/server app-2:3000/g, `server 127.0.0.1:${ports['app-2']}`)
      .replace(/listen 80;/, `listen 127.0.0.1:${proxyPort};`)
      .replace(
        /http \{/,
        `http {\n  access_log off;\n  client_body_temp_path ${nginxDir}/body;\n  proxy_temp_path ${nginxDir}/proxy;\n  fastcgi_temp_path ${nginxDir}/fastcgi;\n  uwsgi_temp_path ${nginxDir}/uwsgi;\n  scgi_temp_path ${nginxDir}/scgi;`,
      );
    expect(conf).not.toMatch(/app-[12]:3000|listen 80;/);
    writeFileSync(join(nginxDir, 'nginx.conf'), `daemon off;\npid ${nginxDir}/nginx.pid;\nerror_log ${nginxDir}/logs/error.log warn;\n${conf}`);
    nginx = spawn(nginxBin, ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stdout!.on('data', (c: Buffer) => (nginxOutput += c.toString()));
    nginx.stderr!.on('data', (c: Buffer) => (nginxOutput += c.toString()));
    const started = Date.now();
    for (;;) {
      try {
        if ((await viaProxy('GET', '/health/live')).status === 200) break;
      } catch {
        // not listening yet
      }
      if (nginx.exitCode !== null || Date.now() - started > 20_000) throw new Error(`nginx did not start:\n${nginxOutput}`);
      await sleep(100);
    }
  }, 240_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await Promise.all(Object.values(replicas).map((r) => stopServer(r)));
    await db?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("gives the replicas the application role only, never the owner's credentials", async () => {
    for (const name of ['app-1', 'app-2']) {
      const env = compose.services[name].environment ?? {};
      expect({ name, owner: 'DATABASE_URL' in env, app: String(env.DATABASE_APP_URL ?? '') }).toEqual({ name, owner: false, app: expect.stringContaining('situation_app:') });
    }
    const su = new Client({ connectionString: dbUrl('situation_table') });
    await su.connect();
    try {
      const role = await su.query(`SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = 'situation_app'`);
      const owned = await su.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tableowner = 'situation_app'`);
      const tables = await su.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      expect({ role: role.rows[0], owned: owned.rows[0].n, migrated: tables.rows[0].n > 20 }).toEqual({
        role: { rolsuper: false, rolcreatedb: false, rolcreaterole: false },
        owned: 0,
        migrated: true,
      });
    } finally {
      await su.end();
    }
  });

  it('serves the API through nginx, spreading requests over both replicas', async () => {
    const before = { a: requestLines('app-1'), b: requestLines('app-2') };
    const login = await viaProxy('POST', '/api/v1/auth/login', { email: vars.BOOTSTRAP_ADMIN_EMAIL, password: vars.BOOTSTRAP_ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    adminToken = String(login.json.accessToken);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await viaProxy('GET', '/api/v1/auth/me', undefined, adminToken)).status);
    expect(statuses).toEqual(Array(20).fill(200));
    await sleep(200); // the access log line is written when the response has been sent
    const served = { a: requestLines('app-1') - before.a, b: requestLines('app-2') - before.b };
    expect({ both: served.a > 0 && served.b > 0, total: served.a + served.b }).toEqual({ both: true, total: 21 });
  });

  it('answers a weak bootstrap password with one clear line, not a stack trace', async () => {
    const port = await freePort();
    const server = startServer(cleanEnv({ ...serviceEnv('app-2'), BOOTSTRAP_ADMIN_PASSWORD: 'situation1234', PORT: String(port), DATA_DIR: join(work, 'weak-data') }), port);
    const { code } = await server.exited;
    const output = server.output();
    expect({ code, stack: /\n\s+at /.test(output), secret: output.includes('situation1234') }).toEqual({ code: 1, stack: false, secret: false });
    expect(output).toMatch(/^startup failed: ConfigurationError: BOOTSTRAP_ADMIN_PASSWORD is refused: .+$/m);
  });

  it('keeps /metrics off the proxy (each replica answers it with its token)', async () => {
    expect((await viaProxy('GET', '/metrics')).status).toBe(404);
    const direct = await fetch(`http://127.0.0.1:${ports['app-1']}/metrics`, { headers: { authorization: `Bearer ${vars.METRICS_TOKEN}` } });
    expect({ status: direct.status, text: (await direct.text()).includes('http_requests_total') }).toEqual({ status: 200, text: true });
  });

  it("refuses a body over the proxy's limit before it reaches a replica", async () => {
    const res = await viaProxy('POST', '/api/v1/auth/login', JSON.stringify({ email: 'x@example.test', password: 'p'.repeat(200 * 1024) }));
    expect(res.status).toBe(413);
  });

  it('keeps answering, reads and writes, when one replica dies', async () => {
    replicas['app-1'].child.kill('SIGKILL');
    await replicas['app-1'].exited;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await viaProxy('GET', '/api/v1/auth/me', undefined, adminToken)).status);
    const created = await viaProxy('POST', '/api/v1/agencies', { name: 'Compose Housing Agency', sector: 'HOUSING' }, adminToken);
    expect({ statuses, created: created.status }).toEqual({ statuses: Array(10).fill(200), created: 201 });
  });
});
