// Progress lines on stdout, stamped with the time since the bench process began; and the wall
// time of the whole `npm run bench` command (its build included) when it can be read from /proc.
import { readFileSync } from 'node:fs';

const started = performance.timeOrigin;

/**
 * When this process runs under `npm run build --silent && node dist/bench/run.js`, the start time
 * of that shell (Linux: /proc/<ppid>/stat field 22, in clock ticks after boot); else our own.
 */
function commandStart(): { at: number; includesBuild: boolean } {
  try {
    const cmdline = readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8');
    if (!cmdline.includes('npm run build')) return { at: started, includesBuild: false };
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    const at = (bootSeconds + startTicks / 100) * 1000;
    return Number.isFinite(at) && at <= started ? { at, includesBuild: true } : { at: started, includesBuild: false };
  } catch {
    return { at: started, includesBuild: false };
  }
}

export const COMMAND = commandStart();

export function say(message: string): void {
  process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}

/** Seconds since the bench process began. */
export function elapsedSeconds(): number {
  return (Date.now() - started) / 1000;
}

/** Seconds since the command began (the build included when COMMAND.includesBuild). */
export function commandSeconds(): number {
  return (Date.now() - COMMAND.at) / 1000;
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-CA', { minimumFractionDigits: digits, maximumFractionDigits: digits });
