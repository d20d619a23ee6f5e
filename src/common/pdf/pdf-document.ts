import PDFDocument from 'pdfkit';

/** WinAnsi beyond Latin-1: dashes, curly quotes, bullet, ellipsis, euro, the French oe ligature. */
const WIN_ANSI_EXTRA = new Set([0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026, 0x20ac, 0x0152, 0x0153]);

/**
 * The standard PDF fonts (Helvetica) write WinAnsi only: French typography's narrow no-break space
 * (U+202F) becomes the no-break space it has, and a character it lacks becomes a question mark,
 * never a wrong glyph.
 */
export function winAnsi(text: string): string {
  return Array.from(text.replace(/[\u202f\u2009]/g, '\u00a0'), (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0xff || WIN_ANSI_EXTRA.has(code) ? ch : '?';
  }).join('');
}

/**
 * A letter-size PDF with equal margins and buffered pages (for page numbers), the house's documents
 * (minutes, annual reports): the document to draw on, and its bytes once `doc.end()` is called.
 */
export function letterPdf(margin: number, options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'LETTER', margins: { top: margin, bottom: margin, left: margin, right: margin }, bufferPages: true, pdfVersion: '1.7', ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}
