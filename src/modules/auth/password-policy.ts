import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

/**
 * Password rules (security.md, "Sign-in"; NIST SP 800-63B 5.1.1.2): 12 to 128 characters, and not
 * guessable: zxcvbn-ts estimates the guesses an attacker needs, with its lists of breached
 * passwords, English and French words, names, keyboard walks, sequences, repeats, dates and l33t
 * substitutions, plus the context words of the user (e-mail, name, agency, tables) and of this
 * application. A score of 3 (about 10^8 guesses or more) is required, and the user's own words may
 * not cover 40 % or more of the password (zxcvbn alone lets "KawarthaTremblay77" pass for Jean
 * Tremblay of the Kawartha table: it ranks each word by its position among the user inputs).
 *
 * Cost: the estimator looks at the first 64 characters (a longer password is as strong as its
 * first 64) with at most 10 l33t substitutions: under 0.2 s for adversarial 128-character inputs,
 * 10-30 ms for ordinary ones (measured on the 2-core build machine); without these caps a
 * 128-character input took 2 s.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const PASSWORD_MIN_SCORE = 3;
/** How much of a password the estimator looks at (code points): a longer password is as strong as its head. */
export const PASSWORD_ESTIMATED_LENGTH = 64;

/** Words anyone would try first against this application. */
const APP_WORDS = [
  'situation',
  'situations',
  'table',
  'tables',
  'situationtable',
  'hub',
  'risk',
  'acute',
  'elevated',
  'intervention',
  'community',
  'coordination',
  'coordinator',
  'agency',
  'police',
  'privacy',
  'analyst',
  'admin',
  'administrator',
  'password',
  'passphrase',
  'motdepasse',
  'concertation',
  'risque',
  'cellule',
  'welcome',
  'bienvenue',
  'changeme',
];

const TOO_EASY = 'is too easy to guess (a common password, a word, a name, a pattern or your own details)';

let factory: ZxcvbnFactory | undefined;
let release: NodeJS.Timeout | undefined;

/**
 * How long the estimator is kept after its last use. Its ranked dictionaries are about 16 MB of
 * heap (measured: 18 MB with the word lists loaded, 34 MB once built), for a check that runs only
 * when a password is set: they are let go after this idle time and rebuilt (a few hundred
 * milliseconds) by the next check.
 */
export const ESTIMATOR_IDLE_MS = 120_000;

/** The estimator, built on first use (its dictionaries take a few hundred milliseconds to load) and let go when idle. */
function estimator(): ZxcvbnFactory {
  if (release) release.refresh();
  else {
    release = setTimeout(() => {
      factory = undefined;
      release = undefined;
    }, ESTIMATOR_IDLE_MS);
    release.unref();
  }
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    maxLength: PASSWORD_ESTIMATED_LENGTH * 2,
    l33tMaxSubstitutions: 10,
  });
  return factory;
}

/**
 * The user's own words as zxcvbn "user inputs": each value whole, and its parts (e-mail local part
 * and domain labels, words of names), lower-cased, with and without accents, three characters or more.
 */
export function contextWords(values: readonly (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    const lower = value.normalize('NFKC').toLowerCase().trim();
    const plain = lower
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFC');
    for (const form of new Set([lower, plain])) {
      if (form.length >= 3) words.add(form);
      for (const part of form.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
    }
  }
  return [...words];
}

/** Null when the password is acceptable, else the problem (for a 400 naming the field). */
export function passwordProblem(password: unknown, context: readonly (string | null | undefined)[] = []): string | null {
  if (typeof password !== 'string') return 'must be a string';
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  const words = contextWords(context);
  if (estimator().check(estimatedHead(password), [...words, ...APP_WORDS]).score < PASSWORD_MIN_SCORE) return TOO_EASY;
  if (personalShare(password, words) >= 0.4) return TOO_EASY;
  return null;
}

/**
 * The part of a password the estimator judges: its first PASSWORD_ESTIMATED_LENGTH code points (a
 * surrogate pair is never split). What follows cannot make a weak head acceptable, and the
 * estimator's cost is bounded by the head's length whatever the input (the cost itself is measured by
 * `npm run bench:password`, not by a timed test).
 */
export function estimatedHead(password: string): string {
  return [...password].slice(0, PASSWORD_ESTIMATED_LENGTH).join('');
}

/** The share of the password's characters covered by the user's own words (case and accents ignored). */
export function personalShare(password: string, words: readonly string[]): number {
  const plain = [
    ...password
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFC'),
  ];
  const text = plain.join('');
  const covered = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    if (word.length < 3) continue;
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) covered.fill(true, at, at + word.length);
  }
  return text.length === 0 ? 0 : covered.filter(Boolean).length / text.length;
}

/** Loads the dictionaries now (at start) rather than on the first password. */
export function warmPasswordPolicy(): void {
  estimator();
}
