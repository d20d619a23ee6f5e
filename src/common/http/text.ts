import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** Trims a string field before validation, so whitespace-only text fails its length rule. */
export const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/**
 * A note that says something: at least two words of two or more letters, eight letters in all,
 * four of them different. Refuses "xxx", "...", "aaaa aaaa", "12345678" (not a statement of why).
 */
export function isMeaningfulNote(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  const letters = text.match(/\p{L}/gu) ?? [];
  return words.length >= 2 && letters.length >= 8 && new Set(letters.map((l) => l.toLowerCase())).size >= 4;
}

export const MeaningfulNote = () =>
  ValidateBy({
    name: 'meaningfulNote',
    validator: { validate: (value) => isMeaningfulNote(value), defaultMessage: () => '$property must be a short note of at least two words' },
  });
