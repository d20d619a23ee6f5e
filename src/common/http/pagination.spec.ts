import { DomainError } from '../errors/domain-error';
import { CursorPart, decodeCursor, encodeCursor, SEQ_CURSOR, TIME_CHAIN_SEQ_CURSOR, TIME_ID_CURSOR, TIME_KEY_CURSOR } from './pagination';

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
const refused = (cursor: string, kinds: readonly CursorPart[]): DomainError | undefined => {
  try {
    decodeCursor(cursor, kinds);
    return undefined;
  } catch (e) {
    return e as DomainError;
  }
};
const ID = '0b6c8f7e-3d1a-4c2b-9e8f-7a6b5c4d3e2f';

describe('keyset cursors', () => {
  it('decodes what encodeCursor wrote, for both shapes', () => {
    const at = new Date('2026-07-01T12:34:56.789Z').toISOString();
    expect(decodeCursor(encodeCursor([at, ID]), TIME_ID_CURSOR)).toEqual([at, ID]);
    expect(decodeCursor(encodeCursor(['9223372036854775807']), SEQ_CURSOR)).toEqual(['9223372036854775807']);
    expect(decodeCursor(undefined, SEQ_CURSOR)).toBeNull();
    expect(decodeCursor('', TIME_ID_CURSOR)).toBeNull();
  });

  it('decodes sort keys and (time, chain, seq) cursors, and refuses keys of other characters', () => {
    const at = new Date('2026-07-01T12:34:56.789Z').toISOString();
    expect(decodeCursor(encodeCursor([at, 't0000000000000000042']), TIME_KEY_CURSOR)).toEqual([at, 't0000000000000000042']);
    expect(decodeCursor(encodeCursor([at, `u${ID}`]), TIME_KEY_CURSOR)).toEqual([at, `u${ID}`]);
    expect(decodeCursor(encodeCursor([at, ID, '17']), TIME_CHAIN_SEQ_CURSOR)).toEqual([at, ID, '17']);
    for (const key of ["t' OR 1=1", 'T42', '', 'x'.repeat(41), 'a b']) expect(refused(b64([at, key]), TIME_KEY_CURSOR)?.code).toBe('VALIDATION_FAILED');
    expect(refused(b64([at, 'system', '17']), TIME_CHAIN_SEQ_CURSOR)?.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['an impossible date', ['2026-13-45T00:00:00.000Z', ID]],
    ['a date before 1970', ['1969-12-31T23:59:59.999Z', ID]],
    ['an expanded year', ['+275760-09-13T00:00:00.000Z', ID]],
    ['a date without milliseconds', ['2026-01-01T00:00:00Z', ID]],
    ['a 31st of February', ['2026-02-31T00:00:00.000Z', ID]],
    ['a number for the time', [1e308, ID]],
    // eslint-disable-next-line no-loss-of-precision -- the point: an integer JSON cannot hold exactly
    ['a huge integer for the time', [99999999999999999999, ID]],
    ['a boolean and null', [true, null]],
    ['objects', [{}, []]],
    ['an upper-case uuid', ['2026-01-01T00:00:00.000Z', ID.toUpperCase()]],
    ['not a uuid', ['2026-01-01T00:00:00.000Z', 'not-a-uuid']],
    ['too short', ['2026-01-01T00:00:00.000Z']],
    ['too long', ['2026-01-01T00:00:00.000Z', ID, ID]],
  ])('refuses a time-and-id cursor with %s', (_name, key) => {
    const err = refused(b64(key), TIME_ID_CURSOR);
    expect(err).toBeInstanceOf(DomainError);
    expect(err!.details).toEqual({ fields: [{ field: 'cursor', problem: 'is not a cursor this list gave' }] });
  });

  it.each([
    ['a float', [1.5]],
    ['a number', [12]],
    ['a negative seq', ['-1']],
    ['zero', ['0']],
    ['past bigint', ['9223372036854775808']],
    ['twenty digits', ['99999999999999999999']],
    ['an exponent', ['1e308']],
    ['hex', ['0x10']],
    ['a leading zero', ['010']],
    ['null', [null]],
    ['two parts', ['1', '2']],
  ])('refuses a seq cursor with %s', (_name, key) => {
    expect(refused(b64(key), SEQ_CURSOR)).toBeInstanceOf(DomainError);
  });

  it('refuses what is not base64 JSON at all', () => {
    for (const c of ['garbage', '____', 'e30', 'bnVsbA', '-']) expect(refused(c, TIME_ID_CURSOR)).toBeInstanceOf(DomainError);
  });
});
