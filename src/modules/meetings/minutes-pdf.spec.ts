import { pdfText } from '../../../test/support/pdf-text';
import { winAnsi } from '../../common/pdf/pdf-document';
import { minutesPdf } from './minutes-pdf';
import { MinutesDocument } from './domain/minutes-document';

describe('the minutes PDF', () => {
  const doc = (rows: number): MinutesDocument => ({
    title: 'Procès-verbal de la rencontre du 29 novembre 2026',
    facts: [['Statut', 'Projet\u00a0: pas encore approuvé']],
    sections: [
      {
        id: 'decisions',
        heading: 'Décisions',
        columns: ['Numéro de dossier', 'Justification'],
        widths: [1, 3],
        rows: Array.from({ length: rows }, (_, i) => [`TBL-2026-${i}`, 'Une seule organisation peut répondre.']),
      },
      { id: 'closures', heading: 'Fermetures', columns: ['Numéro de dossier'], widths: [1], rows: [] },
    ],
    footer: (page, pages) => `Page ${page} de ${pages}`,
    none: 'Aucun.',
  });
  it('is a PDF whose text holds the headings, the cells and page numbers, on as many pages as it needs', async () => {
    const pdf = await minutesPdf(doc(120), 'fr');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Procès-verbal de la rencontre du 29 novembre 2026');
    expect(text).toContain('Décisions (120)');
    expect(text).toContain('TBL-2026-119');
    expect(text).toContain('Fermetures (0)');
    expect(text).toContain('Aucun.');
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Page ${pages} de ${pages}`);
  });
  it('writes what the standard fonts cannot as their nearest (narrow no-break space) or a question mark', () => {
    expect(winAnsi('Attention\u202f!')).toBe('Attention\u00a0!');
    expect(winAnsi('« Oui » – é')).toBe('« Oui » – é');
    expect(winAnsi('日本')).toBe('??');
  });
});
