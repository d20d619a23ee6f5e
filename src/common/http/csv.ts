import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import type { Language } from './language';

/**
 * The one CSV writer of the server (every CSV route uses it; src/architecture.spec.ts keeps other
 * code from calling csv-stringify). Every cell, the header's too, goes through neutraliseCell, so
 * a spreadsheet never runs a cell as a formula (OWASP "CSV Injection"; api.md).
 */
export type CsvCell = string | number | bigint | boolean | Date | null | undefined;

/** What a spreadsheet reads as the start of a formula (ASCII and the full-width forms some of them fold). */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Control characters a spreadsheet may drop before reading a formula. */
const CONTROL_START = /^[\t\r\n]/;
/** Leading white space (Unicode) some spreadsheets skip before a formula. */
const LEADING_SPACE = /^[\s\u00A0\u2000-\u200B\u2028\u2029\u202F\u205F\u3000\uFEFF]+/;

/**
 * A cell beginning with `=`, `+`, `-`, `@`, a tab, a carriage return (or a line feed), or with one
 * of `= + - @` after leading white space, is prefixed with a single quote; anything else is left
 * as it is. Negative numbers are text here too: api.md asks for every cell beginning with `-`.
 */
export function neutraliseCell(text: string): string {
  if (text === '') return text;
  if (FORMULA_START.test(text) || CONTROL_START.test(text)) return `'${text}`;
  const rest = text.replace(LEADING_SPACE, '');
  return rest !== text && FORMULA_START.test(rest) ? `'${text}` : text;
}

/**
 * How a CSV is written for a language's spreadsheets (api.md, "CSV"). Every file starts with a
 * UTF-8 byte order mark, so Excel reads it as UTF-8 (without it, Excel in French Canada shows
 * "crÃ©ation"). English: comma delimiter, decimal point. French: semicolon delimiter and decimal
 * comma, as Excel expects under a French (Canada or France) locale.
 */
export interface CsvFormat {
  delimiter: ',' | ';';
  decimal: '.' | ',';
}
export const csvFormat = (lang: Language): CsvFormat => (lang === 'fr' ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' });

/** The text of a value as the CSV shows it: dates as ISO 8601, empty for null and undefined, numbers with the format's decimal mark. */
export function cellText(value: CsvCell, format: CsvFormat = csvFormat('en')): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && format.decimal === ',') return String(value).replace('.', ',');
  return String(value);
}

/** Rows are written this many at a time (one string each). */
const ROWS_PER_CHUNK = 100;

/**
 * A CSV stream (RFC 4180, `\n` records, a UTF-8 byte order mark first) of a header and rows, in the
 * language's format (csvFormat: comma in English, semicolon and decimal comma in French). Cells
 * holding a comma (but a decimal one), a semicolon or a tab are quoted as well as those csv-stringify quotes (the
 * delimiter, quote, line breaks), so a spreadsheet splitting on another delimiter cannot start a
 * new, unneutralised cell inside one.
 */
export function csvStream(header: readonly string[], rows: AsyncIterable<readonly CsvCell[]> | Iterable<readonly CsvCell[]>, lang: Language = 'en'): Readable {
  async function* batches(): AsyncGenerator<(readonly CsvCell[])[]> {
    let batch: (readonly CsvCell[])[] = [];
    for await (const row of rows) {
      batch.push(row);
      if (batch.length === ROWS_PER_CHUNK) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
  return csvBatchStream(header, batches(), lang);
}

/**
 * csvStream for rows that come in batches (a keyset page of a large export): each batch is written
 * as one string by csv-stringify's synchronous API, with the same options, so the stream does per
 * batch the work it would otherwise do per row (issue 18: the audit export of a million entries).
 */
export function csvBatchStream(header: readonly string[], batches: AsyncIterable<readonly (readonly CsvCell[])[]>, lang: Language = 'en'): Readable {
  const format = csvFormat(lang);
  const safe = (value: unknown): string => neutraliseCell(cellText(value as CsvCell, format));
  const options = {
    columns: header.map((h, i) => ({ key: String(i), header: neutraliseCell(h) })),
    delimiter: format.delimiter,
    // (a decimal comma needs no quotes: what follows it is digits, never a formula)
    quoted_match: /[;\t]|,(?!\d+$)/,
    escape_formulas: true,
    cast: { string: safe, number: safe, bigint: safe, boolean: safe, date: safe, object: (v: unknown) => safe(JSON.stringify(v)) },
  };
  async function* text(): AsyncGenerator<string> {
    // with no record, the synchronous API writes the byte order mark and the header only
    yield stringify([], { ...options, bom: true, header: true });
    // written ROWS_PER_CHUNK at a time: short-lived strings, not a batch's megabyte (the young generation collects them cheaply)
    for await (const batch of batches)
      for (let i = 0; i < batch.length; i += ROWS_PER_CHUNK) yield stringify(batch.slice(i, i + ROWS_PER_CHUNK) as CsvCell[][], { ...options, header: false });
  }
  return Readable.from(text(), { objectMode: false });
}
