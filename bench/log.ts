// Progress lines on stdout, stamped with the time since the run began.

const started = Date.now();

export function say(message: string): void {
  process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}

export function elapsedSeconds(): number {
  return (Date.now() - started) / 1000;
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-CA', { minimumFractionDigits: digits, maximumFractionDigits: digits });
