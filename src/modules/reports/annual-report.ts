import { DISPARITY_OUTCOMES, type DisparityCell, type DisproportionalityCell } from './equity-figures';
import type { Indicators, Statistic } from './indicators';
import type { Breakdown, Guarded } from './publication';
import type { Cell } from './suppression';

/**
 * The annual public report (docs/evaluation.md, section 8) as a document model: sections of
 * paragraphs and figures, each figure a list of rows holding exactly the figures the indicators
 * publish for the year (and for its quarters), never a count of their own. Pure: the PDF and the
 * CSV writers lay out this model, so both show the same figures in the same order. No framework.
 */

/**
 * What the report covers: a table, or a region (its member tables of the year together, section 7).
 * `id` is the table's (or the region's) id, `name` what the cover shows.
 */
export interface ReportScope {
  kind: 'table' | 'region';
  id: string;
  name: string;
}

/** How a figure is shown (section 8, item 13, after Statistics Canada's conventions). */
export type FigureStatus = 'published' | 'withheld' | 'not applicable' | 'not available';
export type FigureUnit = 'count' | 'percent' | 'hours' | 'index';

/** The symbol a figure without a value shows in its place. */
export const SYMBOLS: Record<Exclude<FigureStatus, 'published'>, string> = { withheld: 'x', 'not available': '..', 'not applicable': '...' };

export interface FigureRow {
  code: string;
  label: string;
  /** the published figure (a percentage from 0 to 100 for `percent`), null when not published */
  value: number | null;
  unit: FigureUnit;
  status: FigureStatus;
  /** the period the row describes (`2025`, `2025-Q3`) */
  period: string;
  note: string;
  /** a total row: shown in the data table, not drawn as a bar */
  total?: boolean;
  /** the indicator of this row when not the figure's own (key figures, trends of several indicators) */
  indicator?: string;
  /** changed since the previous version of the report (`r`) */
  revised?: boolean;
}

export interface Figure {
  /** the indicator codes it shows (`I1`, `I6a`) */
  indicator: string;
  title: string;
  /** drawn as a bar chart, then its data table; else the data table alone */
  chart: boolean;
  rows: FigureRow[];
  /** the scope its figures describe when not the report's (a member table in a region's report) */
  scope?: string;
}

export interface ReportSection {
  key: string;
  heading: string;
  paragraphs: string[];
  figures: Figure[];
}

export interface AnnualReport {
  lang: 'en' | 'fr';
  title: string;
  subtitle: string;
  /** the cover's facts: label, value */
  cover: [string, string][];
  sections: ReportSection[];
  /** the symbols and what they mean, for the Symbols section */
  symbols: [string, string][];
  /** the page footer's text for page `page` of `pages` */
  footer(page: number, pages: number): string;
  /** `Page 1 of 17` alone (the bilingual cover's footer) */
  pageOf(page: number, pages: number): string;
  /** the text alternative of a chart, built from its published figures */
  chartText(figure: Figure): string;
  /** column headers of the data tables and of the symbols' table */
  columns: { item: string; value: string; symbol: string; meaning: string };
  /** the cover's closing note: the languages and what the figures are */
  coverNote: string;
  /** the CSV's header, in the language */
  csvHeader: string[];
  /** what the CSV's scope column says */
  scopeCell: string;
  /** what the CSV's note column adds to a revised figure */
  revisedNote: string;
}

/** The strings of one language (src/i18n/<lang>/annual.json): a string, or a list of paragraphs. */
export interface AnnualTexts {
  t: (key: string, args?: Record<string, string | number>) => string;
  lines: (key: string, args?: Record<string, string | number>) => string[];
}

export interface AnnualReportInput {
  scope: ReportScope;
  year: number;
  timeZone: string;
  asOf: Date;
  version: number;
  /** the year's published indicators, labels in the report's language */
  indicators: Indicators;
  /** the 8 quarters ending with the year's fourth, oldest first, each its published indicators */
  quarters: { code: string; indicators: Indicators }[];
  /** how long an identity is kept by default, in days (I14's note); a region's: the shortest of its member tables' */
  identityRetentionDays: number;
  /** a region's report: each member table's key figures of the year (section 8, item 11), by name */
  members?: MemberFigures[];
  /** the year's breakdowns of every referral the summary publishes from the same unit, labels in the report's language (absent from versions stored before) */
  recorded?: RecordedFigures;
  /** the year's equity figures (absent from versions stored before them) */
  equity?: AnnualEquity;
}

/**
 * The year's equity figures (I17, I18) as the report keeps them, in one language: the published
 * figures of `GET …/reports/equity?period=YYYY` (the response shares, each question's answers per
 * category, the index against the benchmark in force with its source), or, before the year's last
 * quarter is frozen, when it will be.
 */
export interface AnnualEquity {
  frozen: boolean;
  /** ISO instant the year's last quarter freezes */
  availableFrom: string;
  population: number | null;
  askedShare: Guarded<number>;
  questions: AnnualEquityQuestion[];
}

export interface AnnualEquityQuestion {
  code: string;
  label: string;
  answeredShare: Guarded<number>;
  preferNotToAnswerShare: Guarded<number>;
  lowResponse: boolean;
  distribution: Breakdown;
  disproportionality?: DisproportionalityCell[];
  /** the disparity index of each category (6.7, last item): the year's `disparity` of the equity route (absent from versions stored before it) */
  disparity?: DisparityCell[];
  benchmark?: { title: string; publisher: string; year: number; geography: string; population: string } | null;
}

/** Gender as recorded at intake and consent status at closure, over every referral of the year: the summary's published cells. */
export interface RecordedFigures {
  total: number | null;
  byGender: Cell[];
  byConsentStatus: Cell[];
}

/** The figures of section 8's key figures (item 3), which a region's report gives for each member table too (item 11). */
export type KeyFigures = Pick<
  Indicators,
  'referrals' | 'acceptanceRate' | 'mobilizedWithin48HoursOfDecision' | 'riskLoweredShare' | 'policeLeadShare' | 'policeOriginShare' | 'minorsShare'
>;

/** One member table of a region's year, with its key figures as the table's own routes publish them (R1). */
export interface MemberFigures {
  tableId: string;
  name: string;
  indicators: KeyFigures;
}

/** The key figures of some indicators, nothing else (what a stored region report keeps of each member table). */
export function keyFiguresOf(i: KeyFigures): KeyFigures {
  return {
    referrals: i.referrals,
    acceptanceRate: i.acceptanceRate,
    mobilizedWithin48HoursOfDecision: i.mobilizedWithin48HoursOfDecision,
    riskLoweredShare: i.riskLoweredShare,
    policeLeadShare: i.policeLeadShare,
    policeOriginShare: i.policeOriginShare,
    minorsShare: i.minorsShare,
  };
}

/**
 * What a stored version of the report holds (annual_reports.figures): the published figures it is
 * laid out from, in both languages, and when they were taken. Never an unpublished count.
 */
export interface StoredFigures {
  scope: ReportScope;
  /** the scope's name in each language when it has two (a region); a table has one name */
  scopeNames?: { en: string; fr: string };
  year: number;
  timeZone: string;
  /** ISO instant the data describe (the generation time) */
  asOf: string;
  identityRetentionDays: number;
  indicators: { en: Indicators; fr: Indicators };
  quarters: { code: string; indicators: Indicators }[];
  /** a region's report: its member tables of the year and their key figures (section 8, item 11) */
  members?: MemberFigures[];
  /** gender and consent status of the year's referrals, in both languages */
  recorded?: { en: RecordedFigures; fr: RecordedFigures };
  /** the year's equity figures in both languages */
  equity?: { en: AnnualEquity; fr: AnnualEquity };
}

/** The input of one language's report from a stored version. */
export function inputOf(figures: StoredFigures, version: number, lang: 'en' | 'fr'): AnnualReportInput {
  return {
    scope: figures.scopeNames ? { ...figures.scope, name: figures.scopeNames[lang] } : figures.scope,
    year: figures.year,
    timeZone: figures.timeZone,
    asOf: new Date(figures.asOf),
    version,
    indicators: figures.indicators[lang],
    quarters: figures.quarters,
    identityRetentionDays: figures.identityRetentionDays,
    members: figures.members,
    recorded: figures.recorded?.[lang],
    equity: figures.equity?.[lang],
  };
}

/** The CSV's columns (section 8): long form, one row per figure. */
export const CSV_COLUMNS = ['section', 'indicator', 'period', 'scope', 'code', 'label', 'value', 'unit', 'status', 'note'] as const;

const pct = (share: number): number => Math.round(share * 1000) / 10;

/** A date as the report writes it: `4 December 2026` / `4 décembre 2026`, in the time zone. */
export function reportDate(d: Date, lang: 'en' | 'fr', timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(d);
}

/**
 * A figure as the PDF shows it: its symbol when not published; else grouped thousands (a comma in
 * English, a narrow no-break space in French), the language's decimal mark, `%` after a no-break
 * space in French.
 */
export function formatFigure(row: Pick<FigureRow, 'value' | 'unit' | 'status' | 'revised'>, lang: 'en' | 'fr'): string {
  const shown = formatValue(row, lang);
  return row.revised ? `${shown} r` : shown;
}

function formatValue(row: Pick<FigureRow, 'value' | 'unit' | 'status'>, lang: 'en' | 'fr'): string {
  if (row.status !== 'published' || row.value === null) return SYMBOLS[row.status === 'published' ? 'withheld' : row.status];
  const [int, dec] = (row.unit === 'percent' ? row.value.toFixed(1) : row.unit === 'index' ? row.value.toFixed(2) : String(Math.round(row.value))).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? '\u202f' : ',');
  const n = dec === undefined ? grouped : `${grouped}${lang === 'fr' ? ',' : '.'}${dec}`;
  if (row.unit === 'percent') return lang === 'fr' ? `${n}\u00a0%` : `${n}%`;
  return n;
}

/** Builds the report of one language from the published indicators. */
export function annualReport(input: AnnualReportInput, lang: 'en' | 'fr', tx: AnnualTexts): AnnualReport {
  const { t } = tx;
  const year = String(input.year);
  const i = input.indicators;
  const row = (code: string, label: string, value: number | null, unit: FigureUnit, status: FigureStatus, period = year, note = ''): FigureRow => ({
    code,
    label,
    value: status === 'published' ? value : null,
    unit,
    status,
    period,
    note,
  });
  const countRow = (code: string, label: string, count: number | null, period = year): FigureRow =>
    row(code, label, count, 'count', count === null ? 'withheld' : 'published', period);
  const rateRow = (code: string, label: string, r: Guarded<number>, period = year, note = ''): FigureRow =>
    row(code, label, r.value === null ? null : pct(r.value), 'percent', r.suppressed || r.value === null ? 'withheld' : 'published', period, note);
  // a median or percentile: withheld (`x`) when its number of observations is; not available (`..`) when that number is published but too small for it
  const statRow = (code: string, label: string, s: Statistic, key: 'median' | 'p90', period = year): FigureRow => {
    const v = s.value?.[key] ?? null;
    const status: FigureStatus = v !== null ? 'published' : s.n === null ? 'withheld' : 'not available';
    return row(code, label, v, 'hours', status, period);
  };
  // the summary's cells of every referral (a total, then each code): withheld whole when the total is
  const recordedRows = (cells: Cell[] | undefined): FigureRow[] =>
    !input.recorded || input.recorded.total === null || !cells
      ? [{ ...row('TOTAL', t('total'), null, 'count', 'withheld'), total: true }]
      : [{ ...countRow('TOTAL', t('total'), input.recorded.total), total: true }, ...cells.map((c) => countRow(c.code, c.label, c.count))];
  const breakdownRows = (b: Breakdown): FigureRow[] =>
    b.suppressed
      ? [{ ...row('TOTAL', t('total'), null, 'count', 'withheld'), total: true }]
      : [{ ...countRow('TOTAL', t('total'), b.population), total: true }, ...b.cells.map((c) => countRow(c.code, c.label, c.count))];
  const figure = (indicator: string, titleKey: string, rows: FigureRow[], chart = true, titleArgs?: Record<string, string | number>): Figure => ({
    indicator,
    title: t(`figures.${titleKey}`, { year, ...titleArgs }),
    chart,
    // a figure of several indicators names each row's own
    rows: indicator.includes(' ') ? rows.map((r) => (r.indicator || !/^I\d+[ab]?$/.test(r.code) ? r : { ...r, indicator: r.code })) : rows,
  });
  const notAvailable = (indicator: string, titleKey: string, noteKey: string): Figure =>
    figure(indicator, titleKey, [row('ALL', t(`figures.${titleKey}`), null, 'count', 'not available', year, t(`notes.${noteKey}`))], false);
  const thisYear = input.quarters.filter((q) => q.code.startsWith(`${year}-`));
  const stats = (code: string, titleKey: string, s: Statistic): Figure =>
    figure(code, titleKey, [statRow('MEDIAN', t('median'), s, 'median'), statRow('P90', t('p90'), s, 'p90')], false);
  // section 8 item 3, and item 11 for each member table of a region
  const keyFigures = (k: KeyFigures, titleKey: string, titleArgs?: Record<string, string | number>): Figure =>
    figure(
      'I1 I2 I6a I7 I8 I9 I10',
      titleKey,
      [
        countRow('I1', t('figures.referralsKey'), k.referrals.population),
        rateRow('I2', t('figures.acceptanceRate'), k.acceptanceRate),
        rateRow('I6a', t('figures.within48Decision'), k.mobilizedWithin48HoursOfDecision),
        rateRow('I7', t('figures.riskLowered'), k.riskLoweredShare),
        rateRow('I8', t('figures.policeLead'), k.policeLeadShare),
        rateRow('I9', t('figures.policeOrigin'), k.policeOriginShare),
        rateRow('I10', t('figures.minors'), k.minorsShare),
      ],
      false,
      titleArgs,
    );
  const region = input.scope.kind === 'region';
  // section 8 item 10: I17 and I18 with the benchmark's source, or when the year's figures will be published
  const equitySection = (): ReportSection => {
    const e = input.equity;
    const base = { key: 'equity', heading: t('sections.equity') };
    if (!e)
      return { ...base, paragraphs: [t('text.equity')], figures: [notAvailable('I17', 'equityIdentity', 'notCollected'), notAvailable('I18', 'equityBenchmark', 'notCollected')] };
    const date = reportDate(new Date(e.availableFrom), lang, input.timeZone);
    if (!e.frozen) {
      const later = (indicator: string, titleKey: string) =>
        figure(indicator, titleKey, [row('ALL', t(`figures.${titleKey}`), null, 'count', 'not available', year, t('notes.equityNotFrozen', { date }))], false);
      return { ...base, paragraphs: [t('text.equityNotFrozen', { date })], figures: [later('I17', 'equityIdentity'), later('I18', 'equityBenchmark')] };
    }
    const decimal = (x: number | null) => formatFigure({ value: x, unit: 'index', status: 'published' }, lang);
    const indexRow = (d: DisproportionalityCell): FigureRow => {
      if (d.index === null) return row(d.code, d.label, null, 'index', d.unavailable === 'WITHHELD' ? 'withheld' : 'not available', year, t(`notes.index.${d.unavailable}`));
      const reading = [t('notes.indexInterval', { low: decimal(d.low), high: decimal(d.high) }), ...(d.flag ? [t(`notes.flag.${d.flag}`)] : [])].join(
        lang === 'fr' ? '\u202f; ' : '; ',
      );
      return row(d.code, d.label, d.index, 'index', 'published', year, reading);
    };
    const sources = [...new Set(e.questions.flatMap((q) => (q.benchmark ? [t('text.equityBenchmark', { question: q.label, ...q.benchmark })] : [])))];
    const percent = (share: number) => formatFigure({ value: pct(share), unit: 'percent', status: 'published' }, lang);
    const disparityRow = (d: DisparityCell): FigureRow => {
      if (d.ratio === null || d.rate === null || d.restRate === null)
        return row(
          `${d.outcome}/${d.code}`,
          d.label,
          null,
          'index',
          d.unavailable === 'WITHHELD' ? 'withheld' : 'not available',
          year,
          t(`notes.index.${d.unavailable ?? 'TOO_FEW'}`),
        );
      const reading = [
        t('notes.disparityRates', { rate: percent(d.rate), rest: percent(d.restRate) }),
        t('notes.indexInterval', { low: decimal(d.low), high: decimal(d.high) }),
        ...(d.flag ? [t(`notes.disparityFlag.${d.flag}`)] : []),
      ].join(lang === 'fr' ? '\u202f; ' : '; ');
      return row(`${d.outcome}/${d.code}`, d.label, d.ratio, 'index', 'published', year, reading);
    };
    // 6.7, last item: per question and outcome, each category's index (code OUTCOME/CATEGORY, apart from I18's own rows in
    // the CSV); one row when no category has the counts an index needs
    const disparityFigures = e.questions.flatMap((q) =>
      q.disparity
        ? DISPARITY_OUTCOMES.map((outcome) => {
            const cells = q.disparity!.filter((d) => d.outcome === outcome);
            const rows = cells.some((d) => d.ratio !== null)
              ? cells.map(disparityRow)
              : [row(`${outcome}/ALL`, q.label, null, 'index', 'not available', year, t('notes.disparityNone'))];
            return figure('I18', `disparity.${outcome}`, rows, false, { question: q.label });
          })
        : [],
    );
    return {
      ...base,
      paragraphs: [t('text.equityFrozen', { date }), ...sources, ...(disparityFigures.length ? [t('text.equityDisparity')] : [])],
      figures: [
        figure(
          'I17',
          'equityResponse',
          [
            countRow('POPULATION', t('figures.equityPopulation'), e.population),
            rateRow('ASKED', t('figures.equityAsked'), e.askedShare),
            ...e.questions.flatMap((q) => [
              rateRow(`${q.code}/ANSWERED`, t('figures.equityAnswered', { question: q.label }), q.answeredShare, year, q.lowResponse ? t('notes.lowResponse') : ''),
              rateRow(`${q.code}/PREFER_NOT_TO_ANSWER`, t('figures.equityPreferNot', { question: q.label }), q.preferNotToAnswerShare),
            ]),
          ],
          false,
        ),
        ...e.questions.map((q) => figure('I17', 'equityDistribution', breakdownRows(q.distribution), true, { question: q.label })),
        ...e.questions
          .filter((q) => q.disproportionality)
          .map((q) =>
            q.benchmark
              ? figure('I18', 'equityIndex', q.disproportionality!.filter((d) => d.benchmark !== null).map(indexRow), false, { question: q.label })
              : figure('I18', 'equityIndex', [row('ALL', q.label, null, 'index', 'not available', year, t('notes.noBenchmark'))], false, { question: q.label }),
          ),
        ...disparityFigures,
      ],
    };
  };

  const sections: ReportSection[] = [
    {
      key: 'about',
      heading: t(region ? 'sections.aboutRegion' : 'sections.about'),
      paragraphs: [...(region ? [t('text.aboutRegion', { count: input.members?.length ?? 0 })] : []), ...tx.lines('about')],
      figures: [],
    },
    { key: 'key', heading: t('sections.key'), paragraphs: [], figures: [keyFigures(i, 'key')] },
    {
      key: 'referrals',
      heading: t('sections.referrals'),
      paragraphs: [t('text.referrals', { year })],
      figures: [
        figure(
          'I1',
          'byQuarter',
          thisYear.map((q) => countRow(q.code, q.code, q.indicators.referrals.population, q.code)),
        ),
        figure('I1', 'byStatus', breakdownRows(i.referrals)),
        figure('I2', 'acceptanceRate', [rateRow('I2', t('figures.acceptanceRate'), i.acceptanceRate)], false),
        figure('I11', 'bySituationType', breakdownRows(i.situationTypes)),
        stats('I3', 'hoursToDecision', i.hoursReferralToDecision),
      ],
    },
    {
      key: 'timeliness',
      heading: t('sections.timeliness'),
      paragraphs: [t('text.timeliness', { year })],
      figures: [
        stats('I4', 'hoursToAssignment', i.hoursDecisionToAssignment),
        stats('I5', 'hoursToMobilization', i.hoursAssignmentToMobilization),
        figure(
          'I6a I6b',
          'within48Decision',
          [
            rateRow('I6a', t('figures.within48Decision'), i.mobilizedWithin48HoursOfDecision),
            rateRow('I6b', t('figures.within48Assignment'), i.mobilizedWithin48HoursOfAssignment),
          ],
          false,
        ),
        figure(
          'I1',
          'trendReferrals',
          input.quarters.map((q) => countRow(q.code, q.code, q.indicators.referrals.population, q.code)),
        ),
        figure(
          'I6a',
          'trendWithin48',
          input.quarters.map((q) => rateRow(q.code, q.code, q.indicators.mobilizedWithin48HoursOfDecision, q.code)),
        ),
        figure(
          'I3 I4 I5',
          'trendMedians',
          input.quarters.flatMap((q) => [
            { ...statRow(`I3/${q.code}`, t('figures.trendDecision', { quarter: q.code }), q.indicators.hoursReferralToDecision, 'median', q.code), indicator: 'I3' },
            { ...statRow(`I4/${q.code}`, t('figures.trendAssignment', { quarter: q.code }), q.indicators.hoursDecisionToAssignment, 'median', q.code), indicator: 'I4' },
            { ...statRow(`I5/${q.code}`, t('figures.trendMobilization', { quarter: q.code }), q.indicators.hoursAssignmentToMobilization, 'median', q.code), indicator: 'I5' },
          ]),
          false,
        ),
      ],
    },
    {
      key: 'situations',
      heading: t('sections.situations'),
      paragraphs: [t('text.situations')],
      figures: [
        figure('I10', 'ageBands', breakdownRows(i.ageBands)),
        figure('I10', 'minors', [rateRow('I10', t('figures.minors'), i.minorsShare)], false),
        input.recorded ? figure('', 'gender', recordedRows(input.recorded.byGender)) : notAvailable('', 'gender', 'notUnderUnit'),
        figure('I12', 'riskCategories', breakdownRows(i.riskCategories)),
        figure(
          'I12',
          'riskPairs',
          i.riskCategoryPairs.suppressed
            ? breakdownRows(i.riskCategoryPairs)
            : i.riskCategoryPairs.cells.map((c) => ({ ...countRow(c.code, c.label, c.count), note: t('notes.pairsPublished') })),
          false,
        ),
      ],
    },
    {
      key: 'sectors',
      heading: t('sections.sectors'),
      paragraphs: [t('text.sectors')],
      figures: [
        figure('I9', 'originatingSectors', breakdownRows(i.originatingSectors)),
        figure('I9', 'policeOrigin', [rateRow('I9', t('figures.policeOrigin'), i.policeOriginShare)], false),
        figure('I8', 'leadSectors', breakdownRows(i.leadSectors)),
        figure(
          'I8',
          'policeLead',
          [rateRow('I8', t('figures.policeLead'), i.policeLeadShare), rateRow('I8-INVOLVEMENT', t('figures.policeInvolvement'), i.policeInvolvementShare)],
          false,
        ),
      ],
    },
    {
      key: 'outcomes',
      heading: t('sections.outcomes'),
      paragraphs: [t('text.outcomes', { year })],
      figures: [
        figure('I13', 'services', breakdownRows(i.services)),
        figure('I13', 'withService', [rateRow('I13', t('figures.withService'), i.withServiceShare)], false),
        figure('I7', 'conclusionGroups', breakdownRows(i.conclusionGroups)),
        figure('I7', 'conclusions', breakdownRows(i.conclusions), false),
        figure('I7', 'riskLowered', [rateRow('I7', t('figures.riskLowered'), i.riskLoweredShare)], false),
        input.recorded ? figure('', 'consent', recordedRows(input.recorded.byConsentStatus)) : notAvailable('', 'consent', 'notUnderUnit'),
        figure(
          'I14',
          'repeat',
          [rateRow('I14', t('figures.repeat'), i.repeatReferralShare, year, t(region ? 'notes.repeatRegion' : 'notes.repeat', { days: input.identityRetentionDays }))],
          false,
        ),
      ],
    },
    {
      key: 'gaps',
      heading: t('sections.gaps'),
      paragraphs: [t('text.gaps')],
      figures: [
        figure('I16', 'systemGaps', breakdownRows(i.systemGaps)),
        figure('I16', 'withBarrier', [rateRow('I16', t('figures.withBarrier'), i.withBarrierShare)], false),
        figure('I16', 'systemGapsByContext', breakdownRows(i.systemGapsByContext), false),
        figure('I15', 'leadDecline', [rateRow('I15', t('figures.leadDecline'), i.leadDeclineRate)], false),
        figure('I15', 'declineReasons', breakdownRows(i.leadDeclineReasons)),
        figure('I15', 'declineSectors', breakdownRows(i.leadDeclineSectors), false),
        // versions stored before these figures existed say so
        i.systemGapsByService ? figure('I16', 'systemGapsByService', breakdownRows(i.systemGapsByService), false) : notAvailable('I16', 'systemGapsByService', 'notUnderUnit'),
        i.actionsNotDone ? figure('I16', 'actionsNotDone', breakdownRows(i.actionsNotDone)) : notAvailable('', 'actionsNotDone', 'notUnderUnit'),
      ],
    },
    equitySection(),
    ...(region
      ? [
          {
            key: 'members',
            heading: t('sections.members'),
            paragraphs: [t('text.members', { year })],
            figures: (input.members ?? []).map((m) => ({ ...keyFigures(m.indicators, 'memberKey', { name: m.name }), scope: m.name })),
          },
        ]
      : []),
    {
      key: 'method',
      heading: t('sections.method'),
      paragraphs: tx.lines('method', { zone: input.timeZone, zoneOf: t(`zoneOf.${input.scope.kind}`), asOf: reportDate(input.asOf, lang, input.timeZone) }),
      figures: [],
    },
  ];

  const symbols: [string, string][] = [
    ['x', t('symbols.withheld')],
    ['..', t('symbols.notAvailable')],
    ['...', t('symbols.notApplicable')],
    ['r', t('symbols.revised')],
  ];
  sections.push({ key: 'symbols', heading: t('sections.symbols'), paragraphs: [], figures: [] });
  const scopeKind = t(`scopeKinds.${input.scope.kind}`);
  return {
    lang,
    title: t('title', { year }),
    subtitle: t(region ? 'subtitleRegion' : 'subtitle', { name: input.scope.name }),
    cover: [
      [t('cover.scope'), `${scopeKind}${lang === 'fr' ? '\u00a0:' : ':'} ${input.scope.name}`],
      [t('cover.year'), year],
      [t('cover.asOf'), reportDate(input.asOf, lang, input.timeZone)],
      [t('cover.version'), t('cover.versionValue', { version: input.version, date: reportDate(input.asOf, lang, input.timeZone) })],
      [t('cover.contact'), t(region ? 'cover.contactValueRegion' : 'cover.contactValue')],
    ],
    sections,
    symbols,
    pageOf: (page, pages) => t('page', { page, pages }),
    footer: (page, pages) => `${t('title', { year })} — ${input.scope.name} — ${t('page', { page, pages })}`,
    chartText: (f) =>
      t('chart', {
        title: f.title,
        items: f.rows
          .filter((r) => !r.total)
          .map((r) => `${r.label}${lang === 'fr' ? '\u00a0:' : ':'} ${formatFigure(r, lang)}`)
          .join(lang === 'fr' ? '\u202f; ' : '; '),
      }),
    columns: { item: t('columns.item'), value: t('columns.value'), symbol: t('columns.symbol'), meaning: t('columns.meaning') },
    coverNote: `${t('cover.languages')} ${tx.lines('about').slice(-1)[0] ?? ''}`.trim(),
    csvHeader: CSV_COLUMNS.map((c) => t(`csv.${c}`)),
    scopeCell: input.scope.name,
    revisedNote: t('symbols.revised'),
  };
}

/** The CSV's rows (CSV_COLUMNS): every figure row of every section, values as published (percentages 0-100), a revised one noted. */
export function annualReportRows(r: AnnualReport): (string | number | null)[][] {
  return r.sections.flatMap((s) =>
    s.figures.flatMap((f) =>
      f.rows.map((row) => [
        s.heading,
        row.indicator ?? f.indicator,
        row.period,
        f.scope ?? r.scopeCell,
        row.code,
        row.label,
        row.value,
        row.unit,
        row.status,
        // a revised figure says so in its note (the CSV's `r`)
        row.revised ? [row.note, r.revisedNote].filter(Boolean).join('; ') : row.note,
      ]),
    ),
  );
}

/** The texts of a language from its resource (src/i18n/<lang>/annual.json): `{name}` placeholders filled from `args`. */
export function annualTexts(resource: unknown): AnnualTexts {
  const at = (key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), resource);
  const fill = (text: string, args: Record<string, string | number> = {}) => text.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
  return {
    t: (key, args) => {
      const v = at(key);
      return typeof v === 'string' ? fill(v, args) : key;
    },
    lines: (key, args) => {
      const v = at(key);
      return Array.isArray(v) ? v.map((line) => fill(String(line), args)) : [];
    },
  };
}

/**
 * Marks `r` every figure of `report` that differs (value or status) from the same figure of the
 * previous version, or that it did not show (section 8: a correction's changed figures). Both
 * versions are of one language; a figure is the same when its section, place and code and period are.
 */
export function markRevised(report: AnnualReport, previous: AnnualReport): AnnualReport {
  const key = (section: string, figure: number, row: FigureRow) => `${section}/${figure}/${row.code}/${row.period}`;
  const before = new Map<string, FigureRow>();
  previous.sections.forEach((s) => s.figures.forEach((f, n) => f.rows.forEach((row) => before.set(key(s.key, n, row), row))));
  return {
    ...report,
    sections: report.sections.map((s) => ({
      ...s,
      figures: s.figures.map((f, n) => ({
        ...f,
        rows: f.rows.map((row) => {
          const old = before.get(key(s.key, n, row));
          return !old || old.value !== row.value || old.status !== row.status ? { ...row, revised: true } : row;
        }),
      })),
    })),
  };
}
