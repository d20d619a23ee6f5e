import fc from 'fast-check';
import { looksLikeFormula, parseCsv } from '../../../test/support/csv';
import { csvBatchStream, csvStream, neutraliseCell } from './csv';

async function text(header: string[], rows: unknown[][], lang: 'en' | 'fr' = 'en'): Promise<string> {
  let out = '';
  for await (const chunk of csvStream(header, rows as never, lang)) out += String(chunk);
  return out;
}

describe('neutraliseCell (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['\nx', "'\nx"],
    ['＝1+1', "'＝1+1"],
    ['  =1+1', "'  =1+1"],
    ['\u00A0@SUM(1)', "'\u00A0@SUM(1)"],
  ])('prefixes %j', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  it.each(['', 'plain text', 'a=b', 'x+1', "'already quoted", '12', '2026-07-01', 'N/A', ' leading space', '{"a":"=1"}'])('leaves %j as it is', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });

  it('never leaves a dangerous start, and changes nothing else than one leading quote', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', ' ', 'a', '1', '"', ',', ';', '＝', '\u00A0') }), (s) => {
        const out = neutraliseCell(s);
        expect(looksLikeFormula(out)).toBe(false);
        expect(out === s || out === `'${s}`).toBe(true);
      }),
    );
  });
});

describe('csvStream', () => {
  it('neutralises string, number and header cells, and a spreadsheet reads them back as text', async () => {
    const csv = await text(
      ['=cmd', 'b', 'c'],
      [
        ['=1+2', -3, '@x'],
        ['ok', 7, null],
        ['a,=b', 'x;=y', '+"q"'],
      ],
    );
    const rows = parseCsv(csv);
    expect(rows).toEqual([
      ["'=cmd", 'b', 'c'],
      ["'=1+2", "'-3", "'@x"],
      ['ok', '7', ''],
      ['a,=b', 'x;=y', `'+"q"`],
    ]);
    // a cell holding another delimiter is quoted, so it cannot become a new cell
    expect(csv).toContain('"x;=y"');
    for (const cell of rows.flat()) expect(looksLikeFormula(cell)).toBe(false);
  });

  it('neutralises whatever the rows hold (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true })), { minLength: 3, maxLength: 3 }), { maxLength: 5 }), async (rows) => {
        const parsed = parseCsv(await text(['a', 'b', 'c'], rows));
        expect(parsed).toHaveLength(rows.length + 1);
        for (const cell of parsed.flat()) expect(looksLikeFormula(cell)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('csvStream for spreadsheets of each language (issue 20)', () => {
  it('starts every file with a UTF-8 byte order mark, in both languages', async () => {
    for (const lang of ['en', 'fr'] as const) {
      const csv = await text(['Date de création'], [['é']], lang);
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    }
  });

  it('writes French with a semicolon delimiter and a decimal comma; English with a comma and a decimal point', async () => {
    const fr = await text(
      ['Statut', 'Durée'],
      [
        ['Fermée', 2.5],
        ['Logement, santé', 3],
      ],
      'fr',
    );
    expect(fr).toBe('\uFEFFStatut;Durée\nFermée;2,5\n"Logement, santé";3\n');
    expect(parseCsv(fr, ';')).toEqual([
      ['Statut', 'Durée'],
      ['Fermée', '2,5'],
      ['Logement, santé', '3'],
    ]);
    const en = await text(
      ['Status', 'Days'],
      [
        ['Closed', 2.5],
        ['a;b', 3],
      ],
      'en',
    );
    expect(en).toBe('\uFEFFStatus,Days\nClosed,2.5\n"a;b",3\n');
  });

  it('neutralises French cells as it does English ones (a negative decimal included)', async () => {
    const rows = parseCsv(
      await text(
        ['=x', 'b'],
        [
          ['=1+2', -3.5],
          ['ok;=2', '@y'],
        ],
        'fr',
      ),
      ';',
    );
    expect(rows).toEqual([
      ["'=x", 'b'],
      ["'=1+2", "'-3,5"],
      ['ok;=2', "'@y"],
    ]);
    for (const cell of rows.flat()) expect(looksLikeFormula(cell)).toBe(false);
  });

  it('writes rows one by one or in batches of any size to the same file: one byte order mark, one header, every row once in order', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => [i, `=cell ${i}`, i % 7 === 0 ? 'a, b; "c"' : 'plain']);
    const one = await text(['n', 'formula', 'text'], rows);
    const parsed = parseCsv(one);
    expect(parsed).toHaveLength(1 + rows.length);
    expect(parsed[0]).toEqual(['n', 'formula', 'text']);
    expect(parsed.slice(1).map((r) => r[0])).toEqual(rows.map((r) => String(r[0])));
    expect(one.split('\uFEFF')).toHaveLength(2);
    for (const size of [1, 499, 500, 501, 2000]) {
      async function* batches() {
        for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size) as never[];
        yield [];
      }
      let batched = '';
      for await (const chunk of csvBatchStream(['n', 'formula', 'text'], batches())) batched += String(chunk);
      expect(batched).toBe(one);
    }
  });

  it('writes the byte order mark and the header alone when there is no row', async () => {
    expect(await text(['a', 'b'], [])).toBe('\uFEFFa,b\n');
    expect(await text(['a', 'b'], [], 'fr')).toBe('\uFEFFa;b\n');
  });
});
