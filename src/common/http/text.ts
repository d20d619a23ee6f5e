import { Transform } from 'class-transformer';

/** Trims a string field before validation, so whitespace-only text fails its length rule. */
export const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
