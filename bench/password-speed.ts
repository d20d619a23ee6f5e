// Cost of the password policy (zxcvbn-ts with its dictionaries) on ordinary and adversarial inputs:
// a 128-character input must cost about what its first 64 characters do, since only the head is
// judged (password-policy.ts, estimatedHead). Timings depend on the machine and its load, so they
// are a benchmark, not a test. Run: npm run bench:password [-- --strict]
import { cpus, loadavg } from 'node:os';
import { passwordProblem, warmPasswordPolicy } from '../src/modules/auth/password-policy';

const USER = ['jean.tremblay@sante-nord.example.org', 'Jean Tremblay', 'Santé Nord'];
const INPUTS = ['a1'.repeat(64), 'P@ssw0rd'.repeat(16), '0123456789'.repeat(12) + 'abcdefgh', 'aA1!'.repeat(32), '4@$!1|0#3+7%'.repeat(10) + '4@$!1|0#'];
/** A 128-character input may cost at most this multiple of its 64-character head, plus 20 ms. */
const RATIO_TARGET = 1.5;

/** Fastest of a few runs, in milliseconds (the minimum is the least disturbed by other work). */
function fastest(password: string, runs = 5): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const started = process.hrtime.bigint();
    passwordProblem(password, USER);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

function main(): void {
  const strict = process.argv.includes('--strict');
  let started = process.hrtime.bigint();
  warmPasswordPolicy();
  console.log(`load average (1 min) at start: ${loadavg()[0].toFixed(2)} on ${cpus().length} cores`);
  console.log(`dictionaries loaded in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
  started = process.hrtime.bigint();
  passwordProblem('Kawartha-Lakes-2026!', USER);
  console.log(`an ordinary password: ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms`);
  console.log('input          64 chars ms  128 chars ms');
  let ok = true;
  for (const password of INPUTS) {
    const half = fastest(password.slice(0, 64));
    const whole = fastest(password);
    ok &&= whole <= half * RATIO_TARGET + 20;
    console.log(`${password.slice(0, 12).padEnd(14)} ${half.toFixed(1).padStart(11)} ${whole.toFixed(1).padStart(13)}`);
  }
  console.log(`target: 128 characters <= ${RATIO_TARGET} x 64 characters + 20 ms: ${ok ? 'met' : 'MISSED'}`);
  if (strict && !ok) process.exitCode = 1;
}

main();
