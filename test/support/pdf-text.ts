import { inflateSync } from 'node:zlib';

/**
 * The text a PDF shows, read from its content streams (inflated when FlateDecode): the strings of
 * every TJ/Tj operator, hex (as pdfkit writes them) or literal, decoded as WinAnsi (Latin-1 for
 * the letters French uses), one text object a line. Enough to check headings and cells.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const stream = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = stream.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const block of content.split(/\bET\b/)) {
      const parts: string[] = [];
      for (const op of block.matchAll(/(\[(?:[^\]]*)\]\s*TJ|<[0-9a-fA-F]*>\s*Tj|\((?:\\.|[^)])*\)\s*Tj)/g)) {
        for (const s of op[0].matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^)])*)\)/g)) {
          parts.push(s[1] !== undefined ? Buffer.from(s[1], 'hex').toString('latin1') : s[2].replace(/\\(.)/g, '$1'));
        }
      }
      if (parts.length) out.push(parts.join(''));
    }
    stream.lastIndex = end + 'endstream'.length;
  }
  return out.join('\n');
}
