// `npm run bench` entry. Runs the benchmark (bench/main.ts) from a private copy of dist/, taken
// under the build lock the test suite uses (test/support/build.ts): other builds on this checkout
// (`nest build` empties dist/ first) must not pull files away mid-run. When dist/ is incomplete or
// older than the sources, it is rebuilt under that lock first, with the build half of the "bench"
// script. Only Node built-ins here, so this file loads even while dist/src is being rebuilt.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
/** Present once a build has finished (the i18n copy is the build script's last step). */
const BUILT = ['dist/src/main.js', 'dist/bench/main.js', 'dist/migrations/index.js', 'dist/src/i18n'];
const SOURCES = ['src', 'migrations', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json'];
const LOCK = join(tmpdir(), `st-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
const LOCK_STALE_MS = 300_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) if (entry !== 'results') newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildUsable(): boolean {
  if (!BUILT.every((p) => existsSync(join(ROOT, p)))) return false;
  const built = statSync(join(ROOT, 'dist/src/main.js')).mtimeMs;
  return Math.max(...SOURCES.map((p) => newestMtime(join(ROOT, p)))) <= built;
}

function withBuildLock<T>(work: () => T): T {
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) rmdirSync(LOCK);
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${LOCK}`);
      sleepSync(500);
    }
  }
  try {
    return work();
  } finally {
    rmdirSync(LOCK);
  }
}

/** The build half of package.json's "bench" script (what runs before `node dist/bench/run.js`). */
function buildCommand(): string {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.bench ?? '';
  const build = script.replace(/\s*&&\s*node\s+dist\/bench\/run\.js\s*$/, '');
  return build && build !== script ? build : 'npm run build --silent && tsc -p bench/tsconfig.json';
}

function snapshotDist(): string {
  return withBuildLock(() => {
    if (!buildUsable()) {
      const command = buildCommand();
      process.stdout.write(`[bench] dist/ is incomplete or older than the sources (another build?): running "${command}" under the build lock\n`);
      execSync(command, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` } });
    }
    const dir = mkdtempSync(join(tmpdir(), 'st-bench-dist-'));
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
  });
}

const snapshot = snapshotDist();
process.on('exit', () => rmSync(snapshot, { recursive: true, force: true }));
process.env.BENCH_ROOT = ROOT;
process.env.BENCH_DIST = join(snapshot, 'dist');
// eslint-disable-next-line @typescript-eslint/no-require-imports
void (require(join(snapshot, 'dist', 'bench', 'main.js')) as { run: () => Promise<void> }).run();
