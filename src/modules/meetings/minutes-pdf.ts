import { letterPdf, winAnsi } from '../../common/pdf/pdf-document';
import type { MinutesDocument } from './domain/minutes-document';

const MARGIN = 50;
const PAD = 3;

/** Lays the minutes out as a PDF (letter size, tables with repeated headers, page numbers): its bytes. */
export function minutesPdf(d: MinutesDocument, lang: 'en' | 'fr'): Promise<Buffer> {
  const { doc, bytes: done } = letterPdf(MARGIN, { lang: lang === 'fr' ? 'fr-CA' : 'en-CA', info: { Title: winAnsi(d.title), Creator: 'Situation Table' } });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 20;
  doc.font('Helvetica-Bold').fontSize(16).text(winAnsi(d.title), { width });
  doc.moveDown(0.5);
  doc.fontSize(10);
  for (const [label, value] of d.facts) {
    // French typography: a no-break space before the colon
    if (label) doc.font('Helvetica-Bold').text(`${winAnsi(label)}${lang === 'fr' ? '\u00a0:' : ':'} `, { continued: true });
    doc.font('Helvetica').text(winAnsi(value), { width });
  }

  for (const s of d.sections) {
    doc.moveDown(1);
    if (doc.y > bottom() - 60) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(`${winAnsi(s.heading)} (${s.rows.length})`, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    doc.fontSize(9);
    if (s.rows.length === 0) {
      doc.font('Helvetica').text(winAnsi(d.none), MARGIN, doc.y, { width });
      continue;
    }
    const total = s.widths.reduce((a, b) => a + b, 0);
    const cols = s.widths.map((w) => (w / total) * width);
    const row = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      const texts = cells.map(winAnsi);
      const height = Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: cols[i] - 2 * PAD }))) + 2 * PAD;
      if (doc.y + height > bottom()) {
        doc.addPage();
        if (!bold) row(s.columns, true);
      }
      const top = doc.y;
      let x = MARGIN;
      texts.forEach((t, i) => {
        doc.text(t, x + PAD, top + PAD, { width: cols[i] - 2 * PAD });
        x += cols[i];
      });
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + width, top + height)
        .lineWidth(bold ? 1 : 0.5)
        .stroke('#555555');
      doc.x = MARGIN;
      doc.y = top + height;
    };
    row(s.columns, true);
    for (const r of s.rows) row(r, false);
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // below the bottom margin: without lifting it, pdfkit would start a new page for the footer
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(winAnsi(d.footer(i + 1, range.count)), MARGIN, doc.page.height - MARGIN, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
