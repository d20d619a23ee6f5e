import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';

/** The repository root (test/support/..). */
export const ROOT = resolve(__dirname, '..', '..');
export const MAIN_JS = join(ROOT, 'dist', 'src', 'main.js');
export const CLI_JS = join(ROOT, 'dist', 'src', 'cli.js');

// What `npm run build` compiles or reads (tsconfig.build.json, nest-cli.json).
const SOURCE_DIRS = ['src', 'migrations', 'bench'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows as a newer directory
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/src/main.js is missing or older than any file the build reads. */
export function buildIsStale(): boolean {
  if (!existsSync(MAIN_JS) || !existsSync(CLI_JS)) return true;
  const built = statSync(MAIN_JS).mtimeMs;
  const sources = Math.max(...SOURCE_DIRS.map((d) => newestMtime(join(ROOT, d))), ...SOURCE_FILES.map((f) => newestMtime(join(ROOT, f))));
  return sources > built;
}

/**
 * Runs `npm run build` when the compiled server is missing or stale. `nest build` empties dist/
 * first, so concurrent Jest workers take a directory lock (mkdir is atomic) and re-check after it.
 */
export function ensureBuilt(timeoutMs = 300_000): void {
  if (!buildIsStale()) return;
  const lock = join(tmpdir(), `st-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than the timeout is a leftover of a killed run.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > timeoutMs) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!buildIsStale()) return;
    execSync('npm run build --silent', { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, encoding: 'utf8' });
  } catch (err) {
    // tsc emits despite type errors: mark the output stale so the next caller builds again.
    if (existsSync(MAIN_JS)) utimesSync(MAIN_JS, 0, 0);
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm run build failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  } finally {
    rmdirSync(lock);
  }
}
