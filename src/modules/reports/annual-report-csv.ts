import { Readable } from 'node:stream';
import { csvStream } from '../../common/http/csv';
import { AnnualReport, annualReportRows } from './annual-report';

/**
 * The annual report as a CSV of its language (docs/evaluation.md, section 8): long form, one row
 * per figure (section, indicator, period, scope, code, label, value, unit, status, note), through
 * the server's one CSV writer: a byte order mark, `;` and the decimal comma in French, every cell
 * neutralised. Percentages are written from 0 to 100; a figure not published has no value and says
 * why in `status` (`withheld`, `not available`, `not applicable`).
 */
export function annualReportCsv(report: AnnualReport): Readable {
  return csvStream(report.csvHeader, annualReportRows(report), report.lang);
}
