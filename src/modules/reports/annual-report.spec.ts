import { writeFileSync } from 'node:fs';
import { CountPublisher } from './disclosure';
import type { DisparityCell } from './equity-figures';
import { emptyFacts, IndicatorFacts, Indicators } from './indicators';
import { publishInUnits } from './unit-publisher';
import {
  AnnualEquity,
  annualReport,
  AnnualReport,
  annualReportRows,
  AnnualReportInput,
  annualTexts,
  formatFigure,
  FigureRow,
  inputOf,
  keyFiguresOf,
  markRevised,
  StoredFigures,
} from './annual-report';
import { annualReportCsv } from './annual-report-csv';
import { annualReportPdf } from './annual-report-pdf';
import { pdfText } from '../../../test/support/pdf-text';
import en from '../../i18n/en/annual.json';
import fr from '../../i18n/fr/annual.json';
import { TEST_VOCABULARY, withSummaryCounts } from '../../../test/support/report-facts';

const VOCABULARY = TEST_VOCABULARY;
const NO_QUANTILES = {
  hoursToDecision: { n: 0, median: null, p90: null },
  hoursToAssignment: { n: 0, median: null, p90: null },
  hoursToMobilization: { n: 0, median: null, p90: null },
};

/** A month of 40 referrals: 30 assigned, 8 rejected, and 2 submitted in January only (a small cell of the year); 38 decided, 30 accepted. */
function month(january: boolean): IndicatorFacts {
  const f = emptyFacts();
  f.total = 40;
  f.status = new Map([
    ['SUBMITTED', january ? 2 : 0],
    ['ASSIGNED', january ? 30 : 32],
    ['REJECTED', 8],
  ]);
  f.situationType = new Map([
    ['PERSON', 28],
    ['FAMILY', 12],
  ]);
  f.originatingSector = new Map([
    ['POLICE', 22],
    ['HEALTH', 18],
  ]);
  f.decided = 38;
  f.accepted = 30;
  f.hoursToDecision = { n: 38, median: null, p90: null };
  return withSummaryCounts(f);
}

const YEAR = 2025;
const publisher = () => new CountPublisher(Buffer.alloc(32, 7), 'table-1');
const months = Array.from({ length: 24 }, (_, i) => ({ month: `${YEAR - 1 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, facts: month(i % 12 === 0) }));
const quarterCodes = [YEAR - 1, YEAR].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));

/** The year's and its 8 quarters' indicators as the indicator service publishes them (one unit per year). */
function published(): { year: Indicators; quarters: { code: string; indicators: Indicators }[] } {
  const periods = [String(YEAR), ...quarterCodes].map((code) => ({ code, quantiles: NO_QUANTILES }));
  const [year, ...quarters] = publishInUnits(months, periods, publisher(), VOCABULARY);
  return { year, quarters: quarters.map((indicators, i) => ({ code: quarterCodes[i], indicators })) };
}

/** The report of a table's year, with what a test gives besides (its equity figures). */
const build = (lang: 'en' | 'fr', more: Partial<AnnualReportInput> = {}): AnnualReport => {
  const p = published();
  return annualReport(
    {
      scope: { kind: 'table', id: 'table-1', name: 'Peel Situation Table' },
      year: YEAR,
      timeZone: 'America/Toronto',
      asOf: new Date('2026-03-15T12:00:00Z'),
      version: 1,
      indicators: p.year,
      quarters: p.quarters,
      identityRetentionDays: 365,
      ...more,
    },
    lang,
    annualTexts(lang === 'fr' ? fr : en),
  );
};

const rowsOf = (r: AnnualReport, sectionKey: string, titleKey: keyof typeof en.figures): FigureRow[] => {
  const title = annualTexts(r.lang === 'fr' ? fr : en).t(`figures.${titleKey}`, { year: YEAR });
  const f = r.sections.find((s) => s.key === sectionKey)!.figures.find((x) => x.title === title);
  if (!f) throw new Error(`no figure ${titleKey} in ${sectionKey}`);
  return f.rows;
};

describe('the annual report document (docs/evaluation.md, section 8)', () => {
  const p = published();

  it("shows exactly the year's published figures: referrals, statuses, rates and quarters", () => {
    const r = build('en');
    const key = rowsOf(r, 'key', 'key');
    expect(key.find((x) => x.code === 'I1')!.value).toBe(p.year.referrals.population);
    expect(p.year.referrals.population).not.toBeNull();
    expect(key.find((x) => x.code === 'I2')!.value).toBe(Math.round(p.year.acceptanceRate.value! * 1000) / 10);
    const statuses = rowsOf(r, 'referrals', 'byStatus');
    expect(statuses.filter((x) => !x.total).map((x) => [x.code, x.value])).toEqual(p.year.referrals.cells.map((c) => [c.code, c.count]));
    expect(statuses.find((x) => x.total)!.value).toBe(p.year.referrals.population);
    const quarters = rowsOf(r, 'referrals', 'byQuarter');
    expect(quarters.map((x) => x.code)).toEqual([`${YEAR}-Q1`, `${YEAR}-Q2`, `${YEAR}-Q3`, `${YEAR}-Q4`]);
    expect(quarters.map((x) => x.value)).toEqual(p.quarters.slice(4).map((q) => q.indicators.referrals.population));
    expect(rowsOf(r, 'timeliness', 'trendReferrals')).toHaveLength(8);
  });

  it("lays out a region's report: its names in each language, each member table's key figures under its own name, the region's words", () => {
    const member = (n: number) => ({ tableId: `table-${n}`, name: `Member table ${n}`, indicators: keyFiguresOf(published().year) });
    const stored: StoredFigures = {
      scope: { kind: 'region', id: 'region-1', name: 'Peel Region' },
      scopeNames: { en: 'Peel Region', fr: 'Région de Peel' },
      year: YEAR,
      timeZone: 'America/Toronto',
      asOf: '2026-03-15T12:00:00.000Z',
      identityRetentionDays: 90,
      indicators: { en: p.year, fr: p.year },
      quarters: p.quarters,
      members: [member(1), member(2)],
    };
    // what a stored region report keeps of a member table: the key figures only
    expect(Object.keys(stored.members![0].indicators).sort()).toEqual(
      ['acceptanceRate', 'minorsShare', 'mobilizedWithin48HoursOfDecision', 'policeLeadShare', 'policeOriginShare', 'referrals', 'riskLoweredShare'].sort(),
    );
    for (const lang of ['en', 'fr'] as const) {
      const r = annualReport(inputOf(stored, 1, lang), lang, annualTexts(lang === 'fr' ? fr : en));
      expect(r.subtitle).toBe(lang === 'fr' ? 'Région\u00a0: Région de Peel' : 'Region: Peel Region');
      expect(r.sections.map((x) => x.key)).toEqual([
        'about',
        'key',
        'referrals',
        'timeliness',
        'situations',
        'sectors',
        'outcomes',
        'gaps',
        'equity',
        'members',
        'method',
        'symbols',
      ]);
      const members = r.sections.find((x) => x.key === 'members')!;
      expect(members.figures.map((f) => f.scope)).toEqual(['Member table 1', 'Member table 2']);
      expect(members.figures[0].rows.map((x) => [x.code, x.value])).toEqual(r.sections.find((x) => x.key === 'key')!.figures[0].rows.map((x) => [x.code, x.value]));
      expect(r.sections[0].paragraphs[0]).toContain('2');
      expect(r.sections.find((x) => x.key === 'method')!.paragraphs[0]).toContain(lang === 'fr' ? 'fuseau horaire de la région' : "the region's time zone");
      // the CSV names the member table in the scope column of its rows, the region in the others
      const rows = annualReportRows(r);
      expect(rows.filter((row) => row[3] === 'Member table 2')).toHaveLength(7);
      expect(rows.filter((row) => row[3] === (lang === 'fr' ? 'Région de Peel' : 'Peel Region')).length).toBe(rows.length - 14);
    }
    // a table's report has no members section
    expect(build('en').sections.some((x) => x.key === 'members')).toBe(false);
  });

  it('shows a withheld count as x, with no value, in the PDF table and the CSV', () => {
    const r = build('en');
    const submitted = rowsOf(r, 'referrals', 'byStatus').find((x) => x.code === 'SUBMITTED')!;
    expect(p.year.referrals.cells.find((c) => c.code === 'SUBMITTED')).toMatchObject({ count: null, suppressed: true });
    expect(submitted).toMatchObject({ value: null, status: 'withheld' });
    expect(formatFigure(submitted, 'en')).toBe('x');
    const csv = annualReportRows(r).find((row) => row[4] === 'SUBMITTED')!;
    expect(csv.slice(6, 9)).toEqual([null, 'count', 'withheld']);
  });

  it("lays out the year's equity figures (I17, I18) as published, the index with its interval and reading, or the day they will be", () => {
    const withheld = { value: null, n: null, suppressed: true };
    const equity = (frozen: boolean): AnnualEquity => ({
      frozen,
      availableFrom: '2026-04-01T04:00:00.000Z',
      population: frozen ? 45 : null,
      askedShare: frozen ? { value: 0.889, n: 45, suppressed: false } : withheld,
      questions: frozen
        ? [
            {
              code: 'RACE',
              label: 'Race',
              answeredShare: { value: 0.4, n: 40, suppressed: false },
              preferNotToAnswerShare: withheld,
              lowResponse: true,
              distribution: {
                population: 35,
                suppressed: false,
                cells: [
                  { code: 'BLACK', label: 'Black', count: 10, suppressed: false, share: 0.286 },
                  { code: 'WHITE', label: 'White', count: 25, suppressed: false, share: 0.714 },
                ],
              },
              disproportionality: [
                { code: 'BLACK', label: 'Black', share: 0.286, benchmark: 0.1, index: 2.86, low: 1.64, high: 4.47, flag: 'OVER', unavailable: null },
                { code: 'WHITE', label: 'White', share: null, benchmark: 0.9, index: null, low: null, high: null, flag: null, unavailable: 'TOO_FEW' },
                { code: 'ANOTHER', label: 'Another', share: null, benchmark: null, index: null, low: null, high: null, flag: null, unavailable: 'NO_BENCHMARK' },
              ],
              benchmark: { title: 'Census of Population 2021', publisher: 'Statistics Canada', year: 2021, geography: 'Invented division', population: 'Total population' },
            },
          ]
        : [],
    });
    const input = (lang: 'en' | 'fr', frozen: boolean) => build(lang, { equity: equity(frozen) });
    const later = input('en', false).sections.find((s) => s.key === 'equity')!;
    expect(later.paragraphs[0]).toContain('on April 1, 2026');
    expect(later.figures.flatMap((f) => f.rows.map((r) => [r.status, r.note]))).toEqual([
      ['not available', "published once the year's last quarter is frozen, on April 1, 2026"],
      ['not available', "published once the year's last quarter is frozen, on April 1, 2026"],
    ]);
    for (const lang of ['en', 'fr'] as const) {
      const section = input(lang, true).sections.find((s) => s.key === 'equity')!;
      expect(section.paragraphs.some((x) => x.includes('Census of Population 2021, Statistics Canada, 2021, Invented division, Total population'))).toBe(true);
      const [response, distribution, index] = section.figures;
      expect(response.rows.map((r) => [r.code, r.value, r.status])).toEqual([
        ['POPULATION', 45, 'published'],
        ['ASKED', 88.9, 'published'],
        ['RACE/ANSWERED', 40, 'published'],
        ['RACE/PREFER_NOT_TO_ANSWER', null, 'withheld'],
      ]);
      expect(response.rows[2].note).toBe(lang === 'fr' ? 'moins de la moitié des personnes interrogées ont répondu' : 'fewer than half of those asked answered');
      expect(distribution.chart).toBe(true);
      expect(distribution.rows.map((r) => [r.code, r.value])).toEqual([
        ['TOTAL', 35],
        ['BLACK', 10],
        ['WHITE', 25],
      ]);
      // only the categories the benchmark gives; an index with its interval and reading, or why none
      expect(index.indicator).toBe('I18');
      expect(index.rows.map((r) => [r.code, r.unit, r.status, formatFigure(r, lang), r.note])).toEqual(
        lang === 'fr'
          ? [
              ['BLACK', 'index', 'published', '2,86', 'intervalle de 95\u00a0% de 1,64 à 4,47\u202f; surreprésentation'],
              ['WHITE', 'index', 'not available', '..', 'trop peu de réponses pour calculer un indice'],
            ]
          : [
              ['BLACK', 'index', 'published', '2.86', '95% interval 1.64 to 4.47; over-represented'],
              ['WHITE', 'index', 'not available', '..', 'too few answers for an index'],
            ],
      );
    }
  });

  it("gives each group's disparity index (6.7, last item) with both rates, its interval and reading; one row when no group has the counts; nothing in a version stored before it", () => {
    const cell = (outcome: DisparityCell['outcome'], code: string, label: string, x: Partial<DisparityCell>): DisparityCell => ({
      outcome,
      code,
      label,
      rate: null,
      restRate: null,
      ratio: null,
      low: null,
      high: null,
      flag: null,
      unavailable: 'TOO_FEW',
      ...x,
    });
    const question = (disparity?: DisparityCell[]): AnnualEquity['questions'][number] => ({
      code: 'INDIGENOUS_IDENTITY',
      label: 'Indigenous identity',
      answeredShare: { value: 0.9, n: 120, suppressed: false },
      preferNotToAnswerShare: { value: 0.1, n: 120, suppressed: false },
      lowResponse: false,
      distribution: { population: 110, suppressed: false, cells: [] },
      disproportionality: [],
      benchmark: null,
      ...(disparity ? { disparity } : {}),
    });
    const report = (lang: 'en' | 'fr', disparity?: DisparityCell[]) =>
      build(lang, {
        equity: {
          frozen: true,
          availableFrom: '2026-04-01T04:00:00.000Z',
          population: 130,
          askedShare: { value: 1, n: 130, suppressed: false },
          questions: [question(disparity)],
        },
      }).sections.find((s) => s.key === 'equity')!;
    const cells = [
      cell('POLICE_LED', 'FIRST_NATIONS', 'First Nations', { rate: 0.45, restRate: 0.25, ratio: 1.8, low: 1.21, high: 2.68, flag: 'OVER', unavailable: null }),
      cell('POLICE_LED', 'METIS', 'Métis', { rate: 0.3, restRate: 0.29, ratio: 1.03, low: 0.6, high: 1.77, unavailable: null }),
      cell('POLICE_LED', 'INUIT', 'Inuit', { unavailable: 'WITHHELD' }),
      cell('CLOSED_RISK_LOWERED', 'FIRST_NATIONS', 'First Nations', {}),
      cell('CLOSED_RISK_LOWERED', 'METIS', 'Métis', { unavailable: 'WITHHELD' }),
      cell('CLOSED_RISK_LOWERED', 'INUIT', 'Inuit', {}),
    ];
    for (const lang of ['en', 'fr'] as const) {
      const section = report(lang, cells);
      const figures = section.figures.filter((f) => f.title.includes(lang === 'fr' ? 'indice de disparité' : 'disparity index'));
      expect(figures.map((f) => [f.indicator, f.chart, f.title])).toEqual(
        lang === 'fr'
          ? [
              ['I18', false, `Indigenous identity\u00a0: indice de disparité, intervention dirigée par la police (parmi les personnes ayant répondu), ${YEAR}`],
              ['I18', false, `Indigenous identity\u00a0: indice de disparité, risque réduit (parmi les situations fermées), ${YEAR}`],
            ]
          : [
              ['I18', false, `Indigenous identity: disparity index, led by police (of those who answered), ${YEAR}`],
              ['I18', false, `Indigenous identity: disparity index, risk lowered (of those closed), ${YEAR}`],
            ],
      );
      const [police, lowered] = figures;
      expect(police.rows.map((r) => [r.code, r.unit, r.status, formatFigure(r, lang), r.note])).toEqual(
        lang === 'fr'
          ? [
              [
                'POLICE_LED/FIRST_NATIONS',
                'index',
                'published',
                '1,80',
                'taux de 45,0\u00a0% dans le groupe, de 25,0\u00a0% chez les autres\u202f; intervalle de 95\u00a0% de 1,21 à 2,68\u202f; plus élevé que chez les autres',
              ],
              [
                'POLICE_LED/METIS',
                'index',
                'published',
                '1,03',
                'taux de 30,0\u00a0% dans le groupe, de 29,0\u00a0% chez les autres\u202f; intervalle de 95\u00a0% de 0,60 à 1,77',
              ],
              ['POLICE_LED/INUIT', 'index', 'withheld', 'x', 'un nombre est supprimé'],
            ]
          : [
              [
                'POLICE_LED/FIRST_NATIONS',
                'index',
                'published',
                '1.80',
                'rate 45.0% in the group, 25.0% among the others; 95% interval 1.21 to 2.68; higher than among the others',
              ],
              ['POLICE_LED/METIS', 'index', 'published', '1.03', 'rate 30.0% in the group, 29.0% among the others; 95% interval 0.60 to 1.77'],
              ['POLICE_LED/INUIT', 'index', 'withheld', 'x', 'a count is withheld'],
            ],
      );
      // no group of the outcome has the four counts: one row saying so, not a wall of symbols
      expect(lowered.rows.map((r) => [r.code, r.status, formatFigure(r, lang)])).toEqual([['CLOSED_RISK_LOWERED/ALL', 'not available', '..']]);
      expect(lowered.rows[0].note).toMatch(lang === 'fr' ? /au moins 10 personnes avec le résultat et 10 sans/ : /at least 10 people with the outcome and 10 without/);
      expect(section.paragraphs.some((x) => x.includes(lang === 'fr' ? "L'indice de disparité compare" : 'The disparity index compares'))).toBe(true);
      // a version stored before the index: neither its figures nor its method
      const before = report(lang);
      expect(before.figures.some((f) => f.title.includes(lang === 'fr' ? 'indice de disparité' : 'disparity index'))).toBe(false);
      expect(before.paragraphs.some((x) => x.includes(lang === 'fr' ? "L'indice de disparité" : 'The disparity index'))).toBe(false);
    }
  });

  it('says what is not built rather than inventing it: equity not collected yet, gender not available', () => {
    const r = build('en');
    expect(rowsOf(r, 'equity', 'equityIdentity')).toEqual([expect.objectContaining({ value: null, status: 'not available', note: 'not collected yet' })]);
    expect(formatFigure(rowsOf(r, 'equity', 'equityIdentity')[0], 'en')).toBe('..');
    expect(rowsOf(r, 'situations', 'gender')[0].status).toBe('not available');
    // a median whose number of observations is published but holds no median (none recorded): `..`, not `x`
    expect(p.year.hoursReferralToDecision.n).not.toBeNull();
    expect(rowsOf(r, 'referrals', 'hoursToDecision').map((x) => [x.code, x.status, formatFigure(x, 'en')])).toEqual([
      ['MEDIAN', 'not available', '..'],
      ['P90', 'not available', '..'],
    ]);
  });

  it('formats numbers the French way: decimal comma, narrow no-break space between thousands, a space before %', () => {
    expect(formatFigure({ value: 1234567, unit: 'count', status: 'published' }, 'fr')).toBe('1\u202f234\u202f567');
    expect(formatFigure({ value: 1234567, unit: 'count', status: 'published' }, 'en')).toBe('1,234,567');
    expect(formatFigure({ value: 42.5, unit: 'percent', status: 'published' }, 'fr')).toBe('42,5\u00a0%');
    expect(formatFigure({ value: 42.5, unit: 'percent', status: 'published' }, 'en')).toBe('42.5%');
    expect(formatFigure({ value: null, unit: 'count', status: 'not applicable' }, 'fr')).toBe('...');
  });

  it('keeps the same figures, in the same order, in both languages', () => {
    const values = (r: AnnualReport) => annualReportRows(r).map((row) => [row[1], row[2], row[4], row[6], row[8]]);
    expect(values(build('fr'))).toEqual(values(build('en')));
    expect(build('fr').sections.map((s) => s.key)).toEqual(build('en').sections.map((s) => s.key));
  });

  it('writes the French CSV with a byte order mark, semicolons and decimal commas, and neutralises cells', async () => {
    const read = async (r: AnnualReport) => {
      let s = '';
      for await (const chunk of annualReportCsv(r)) s += String(chunk);
      return s;
    };
    const text = await read(build('fr'));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\n')[0]).toBe('\ufeffsection;indicateur;période;portée;code;libellé;valeur;unité;statut;note');
    const rate = build('fr')
      .sections.find((s) => s.key === 'key')!
      .figures[0].rows.find((x) => x.code === 'I2')!;
    expect(String(rate.value)).toMatch(/\./);
    expect(text).toContain(`;${String(rate.value).replace('.', ',')};percent;published;`);
    const withFormula = { ...build('en'), scopeCell: '=HYPERLINK("x")' };
    expect(await read(withFormula)).toContain(`'=HYPERLINK`);
  });

  it('lays out a tagged PDF: cover in both languages, English then French, charts with their data', async () => {
    const pdf = await annualReportPdf([build('en'), build('fr')], new Date('2026-03-15T12:00:00Z'));
    if (process.env.ANNUAL_REPORT_PDF) writeFileSync(process.env.ANNUAL_REPORT_PDF, pdf);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (en-CA)');
    expect(raw).toContain('/Lang (fr-CA)');
    const text = pdfText(pdf);
    const english = text.indexOf('Referrals and decisions');
    const french = text.indexOf("Demandes d'intervention et décisions");
    expect(english).toBeGreaterThan(0);
    expect(french).toBeGreaterThan(english);
    expect(text.indexOf('Rapport annuel 2025')).toBeLessThan(english);
    expect(text).toContain('Disclosure control. Counts under 5 are withheld.');
    // the symbols and what each means, in both languages
    for (const [symbol, meaning] of [
      ['..', 'not available (for example, below a minimum count)'],
      ['...', 'not applicable'],
      ['...', "n'ayant pas lieu de figurer"],
    ])
      expect(text).toContain(`${symbol}\n${meaning}`);
  });

  it('marks r the figures a new version changed, and only those', () => {
    const previous = build('en');
    const next = build('en');
    const key = next.sections.find((x) => x.key === 'key')!.figures[0];
    key.rows[0] = { ...key.rows[0], value: key.rows[0].value! + 5 };
    const marked = markRevised(next, previous);
    const rows = annualReportRows(marked);
    const revised = rows.filter((r) => String(r[9]).includes('revised'));
    expect(revised.map((r) => r[4])).toEqual(['I1']);
    expect(formatFigure(marked.sections.find((x) => x.key === 'key')!.figures[0].rows[0], 'fr')).toMatch(/ r$/);
    expect(annualReportRows(markRevised(build('fr'), build('fr'))).filter((r) => String(r[9]).includes('révisé'))).toEqual([]);
  });
});
