/**
 * A plain RFC 4180 reader (double quotes; comma, or the semicolon of French files), to see the
 * cells a spreadsheet would. A leading UTF-8 byte order mark is dropped, as a spreadsheet does.
 */
export function parseCsv(text: string, delimiter: ',' | ';' = ','): string[][] {
  const csv = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** True when a spreadsheet would run the cell as a formula (or drop a control character before one). */
export const looksLikeFormula = (cell: string): boolean => /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]|^[\s\u200B]+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell);
