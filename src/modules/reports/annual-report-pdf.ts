import { letterPdf, winAnsi } from '../../common/pdf/pdf-document';
import { AnnualReport, Figure, FigureRow, formatFigure } from './annual-report';

/**
 * Lays the annual report out as a tagged PDF (docs/evaluation.md, section 8): a bilingual cover,
 * then the report in English, then in French, same order; every chart a Figure with a text
 * alternative built from its published figures, followed by its data table (a Table of TH/TD
 * cells) with the same figures. Each language's part carries its language; page numbers, rules and
 * bars' decoration are artifacts. Letter size, the standard Helvetica (WinAnsi, as the minutes).
 */

const MARGIN = 56;
const PAD = 3;
const BAR_ROW = 15;
const ACCENT = '#1f4e79';
const BAR = '#2e75b6';
const MUTED = '#555555';

type Doc = PDFKit.PDFDocument;
type Struct = ReturnType<Doc['struct']>;

/** The bytes of the report: `reports` in order (English, then French), `asOf` as the creation date (the same data give the same file). */
export function annualReportPdf(reports: AnnualReport[], asOf: Date): Promise<Buffer> {
  const [first] = reports;
  const { doc, bytes: done } = letterPdf(MARGIN, {
    tagged: true,
    displayTitle: true,
    lang: first.lang === 'fr' ? 'fr-CA' : 'en-CA',
    info: { Title: winAnsi(reports.map((r) => `${r.title} — ${r.subtitle}`).join(' / ')), Creator: 'Situation Table', CreationDate: asOf, ModDate: asOf },
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 16;
  const root = doc.struct('Document');
  doc.addStructure(root);
  /** a tagged block: `type` under `parent`, drawn by `draw` */
  const tag = (parent: Struct, type: string, draw: () => void, options: Record<string, string> = {}) => parent.add(doc.struct(type, options, draw));
  /** decoration readers skip (rules, bars' frames, page numbers) */
  const artifact = (draw: () => void) => {
    doc.markContent('Artifact');
    draw();
    doc.endMarkedContent();
  };
  const para = (parent: Struct, text: string, size = 10) =>
    tag(parent, 'P', () => {
      doc.font('Helvetica').fontSize(size).fillColor('black').text(winAnsi(text), MARGIN, doc.y, { width, align: 'left' });
    });

  cover(doc, root, reports, width, tag, artifact);

  /** the first page of each language's part: a page's footer speaks its part's language */
  const starts: number[] = [];
  for (const r of reports) {
    doc.addPage();
    starts.push(doc.bufferedPageRange().count - 1);
    const sect = doc.struct('Sect', { lang: r.lang === 'fr' ? 'fr-CA' : 'en-CA' });
    root.add(sect);
    tag(sect, 'H1', () => {
      doc.font('Helvetica-Bold').fontSize(20).fillColor(ACCENT).text(winAnsi(r.title), MARGIN, doc.y, { width });
      doc.font('Helvetica').fontSize(12).fillColor(MUTED).text(winAnsi(r.subtitle), MARGIN, doc.y, { width });
    });
    doc.moveDown(0.5);
    for (const s of r.sections) {
      if (doc.y > bottom() - 90) doc.addPage();
      doc.moveDown(0.8);
      tag(sect, 'H2', () => {
        doc.font('Helvetica-Bold').fontSize(14).fillColor(ACCENT).text(winAnsi(s.heading), MARGIN, doc.y, { width });
      });
      doc.moveDown(0.3);
      for (const p of s.paragraphs) {
        para(sect, p);
        doc.moveDown(0.4);
      }
      for (const f of s.figures) figure(doc, sect, r, f, width, bottom, tag, artifact);
      if (s.key === 'symbols') table(doc, sect, [r.columns.symbol, r.columns.meaning], r.symbols, width, bottom, tag, artifact, [0.15, 0.85]);
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // below the bottom margin: without lifting it, pdfkit would start a new page for the footer
    doc.page.margins.bottom = 0;
    // the cover's footer in every language (a page number each), the parts' in their own
    const text = i < starts[0] ? reports.map((r) => r.pageOf(i + 1, range.count)).join(' / ') : reports[starts.filter((p) => p <= i).length - 1].footer(i + 1, range.count);
    artifact(() =>
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(MUTED)
        .text(winAnsi(text), MARGIN, doc.page.height - MARGIN + 16, { width, align: 'center', lineBreak: false }),
    );
  }
  doc.end();
  return done;
}

function cover(
  doc: Doc,
  root: Struct,
  reports: AnnualReport[],
  width: number,
  tag: (parent: Struct, type: string, draw: () => void, options?: Record<string, string>) => void,
  artifact: (draw: () => void) => void,
): void {
  const band = 230;
  artifact(() => {
    doc.rect(0, 0, doc.page.width, band).fill(ACCENT);
    doc.rect(0, band, doc.page.width, 6).fill(BAR);
  });
  const sect = doc.struct('Sect');
  root.add(sect);
  const column = (width - 30) / 2;
  reports.forEach((r, n) => {
    const part = doc.struct('Sect', { lang: r.lang === 'fr' ? 'fr-CA' : 'en-CA' });
    sect.add(part);
    // the titles in the band, one under the other; the facts in two columns, English on the left
    tag(part, 'H1', () => {
      doc
        .font('Helvetica-Bold')
        .fontSize(n === 0 ? 30 : 22)
        .fillColor(n === 0 ? 'white' : '#d6e4f0')
        .text(winAnsi(r.title), MARGIN, n === 0 ? 70 : 112, { width });
    });
    tag(part, 'P', () => {
      doc
        .font('Helvetica')
        .fontSize(n === 0 ? 14 : 12)
        .fillColor(n === 0 ? 'white' : '#d6e4f0')
        .text(winAnsi(r.subtitle), MARGIN, n === 0 ? 160 : 182, { width });
    });
    const x = MARGIN + n * (column + 30);
    doc.y = band + 50;
    tag(part, 'P', () => {
      doc
        .font('Helvetica-Bold')
        .fontSize(9)
        .fillColor(ACCENT)
        .text(winAnsi(r.lang === 'fr' ? 'FRANÇAIS' : 'ENGLISH'), x, doc.y, { width: column, characterSpacing: 1 });
    });
    doc.moveDown(0.6);
    for (const [label, value] of r.cover) {
      tag(part, 'P', () => {
        doc.font('Helvetica-Bold').fontSize(10).fillColor(MUTED).text(winAnsi(label), x, doc.y, { width: column });
        doc.font('Helvetica').fontSize(11).fillColor('black').text(winAnsi(value), x, doc.y, { width: column });
      });
      doc.moveDown(0.7);
    }
    doc.y = doc.page.height - MARGIN - 110;
    tag(part, 'P', () => {
      doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(winAnsi(r.coverNote), x, doc.y, { width: column });
    });
  });
  artifact(() => {
    doc
      .moveTo(MARGIN + column + 15, band + 50)
      .lineTo(MARGIN + column + 15, doc.page.height - MARGIN - 40)
      .lineWidth(0.5)
      .stroke('#bbbbbb');
  });
}

function figure(
  doc: Doc,
  sect: Struct,
  r: AnnualReport,
  f: Figure,
  width: number,
  bottom: () => number,
  tag: (parent: Struct, type: string, draw: () => void, options?: Record<string, string>) => void,
  artifact: (draw: () => void) => void,
): void {
  const drawn = f.chart ? f.rows.filter((row) => !row.total) : [];
  const chartHeight = drawn.length * BAR_ROW + 8;
  const tableHeight = (f.rows.length + 1) * 16;
  if (doc.y + 30 + Math.min(chartHeight + tableHeight, 300) > bottom()) doc.addPage();
  doc.moveDown(0.6);
  tag(sect, 'H3', () => {
    doc.font('Helvetica-Bold').fontSize(11).fillColor('black').text(winAnsi(f.title), MARGIN, doc.y, { width });
  });
  doc.moveDown(0.3);
  if (drawn.length > 0) {
    if (doc.y + chartHeight > bottom()) doc.addPage();
    tag(sect, 'Figure', () => bars(doc, drawn, r.lang, width), { alt: winAnsi(r.chartText(f)) });
    doc.moveDown(0.4);
  }
  const hasNote = f.rows.some((row) => row.note);
  const header = hasNote ? [r.columns.item, r.columns.value, noteHeader(r)] : [r.columns.item, r.columns.value];
  const rows = f.rows.map((row) => [row.total ? `${row.label}` : row.label, formatFigure(row, r.lang), ...(hasNote ? [row.note] : [])]);
  table(doc, sect, header, rows, width, bottom, tag, artifact, hasNote ? [0.5, 0.15, 0.35] : [0.75, 0.25], [false, true, false]);
}

const noteHeader = (r: AnnualReport): string => r.csvHeader[9].charAt(0).toUpperCase() + r.csvHeader[9].slice(1);

/**
 * A horizontal bar chart of published figures: a withheld or unavailable figure shows its symbol
 * where its bar would be. Drawn inside its Figure element (whose text alternative reads it), so
 * nothing in it is an artifact: an Artifact would close the Figure's marked content.
 */
function bars(doc: Doc, rows: FigureRow[], lang: 'en' | 'fr', width: number): void {
  const labelWidth = width * 0.38;
  const barSpace = width * 0.48;
  const max = Math.max(1, ...rows.map((r) => (r.status === 'published' && r.value !== null ? r.value : 0)));
  const scaleMax = rows.every((r) => r.unit === 'percent') ? Math.max(max, 100) : max;
  const top = doc.y;
  rows.forEach((r, i) => {
    const y = top + i * BAR_ROW;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('black')
      .text(winAnsi(r.label), MARGIN, y + 3, { width: labelWidth - 6, height: BAR_ROW - 2, ellipsis: true, lineBreak: false });
    const w = r.status === 'published' && r.value !== null ? (r.value / scaleMax) * barSpace : 0;
    if (w > 0) doc.rect(MARGIN + labelWidth, y + 2, Math.max(1, w), BAR_ROW - 4).fill(BAR);
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('black')
      .text(winAnsi(formatFigure(r, lang)), MARGIN + labelWidth + w + 4, y + 3, { width: width - labelWidth - w - 4, lineBreak: false });
  });
  doc
    .moveTo(MARGIN + labelWidth, top)
    .lineTo(MARGIN + labelWidth, top + rows.length * BAR_ROW)
    .lineWidth(0.5)
    .stroke(MUTED);
  doc.x = MARGIN;
  doc.y = top + rows.length * BAR_ROW + 4;
}

/** A data table: a header row of TH, then TD rows (the header repeated on a new page). */
function table(
  doc: Doc,
  sect: Struct,
  header: string[],
  rows: string[][],
  width: number,
  bottom: () => number,
  tag: (parent: Struct, type: string, draw: () => void, options?: Record<string, string>) => void,
  artifact: (draw: () => void) => void,
  fractions: number[],
  rightAligned: boolean[] = [],
): void {
  const t = doc.struct('Table');
  sect.add(t);
  const cols = fractions.map((f) => f * width);
  const line = (cells: string[], head: boolean) => {
    doc.font(head ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const texts = cells.map(winAnsi);
    const height = Math.max(...texts.map((text, i) => doc.heightOfString(text, { width: cols[i] - 2 * PAD }))) + 2 * PAD;
    if (doc.y + height > bottom()) {
      doc.addPage();
      if (!head) line(header, true);
    }
    const top = doc.y;
    const tr = doc.struct('TR');
    t.add(tr);
    let x = MARGIN;
    texts.forEach((text, i) => {
      const cx = x;
      tag(tr, head ? 'TH' : 'TD', () => {
        doc
          .fillColor('black')
          .font(head ? 'Helvetica-Bold' : 'Helvetica')
          .text(text, cx + PAD, top + PAD, { width: cols[i] - 2 * PAD, align: rightAligned[i] ? 'right' : 'left' });
      });
      x += cols[i];
    });
    tr.end();
    artifact(() => {
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + width, top + height)
        .lineWidth(head ? 1 : 0.4)
        .stroke(head ? ACCENT : '#999999');
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };
  line(header, true);
  for (const r of rows) line(r, false);
  t.end();
  doc.moveDown(0.3);
}
