import { Injectable } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { Readable } from 'node:stream';
import { Actor } from '../../common/authz/principal';
import { Clock } from '../../common/clock/clock';
import { csvStream } from '../../common/http/csv';
import { DomainError } from '../../common/errors/domain-error';
import type { Language } from '../../common/http/language';
import { AuditService } from '../audit/audit.service';
import { isStub } from '../situations/domain/situation-state';
import { categoriesOf } from '../taxonomy/taxonomy.catalogue';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { ReportRangeQuery } from './report.dto';
import { Dimension, ReportRepository, RtdRow, Scope } from './report.repository';
import { Cell, guarded, suppressCells } from './suppression';

const YEAR = 365 * 86_400_000;
const LIST_OF: Partial<Record<Dimension, Parameters<TaxonomyService['label']>[0]>> = {
  situation_type: 'situationTypes', age_band: 'ageBands', gender: 'genders', originating_sector: 'sectors', lead_sector: 'sectors',
  conclusion: 'conclusions', consent_status: 'consentStatuses',
};
const RTD_COLUMNS = [
  'discussionId', 'status', 'dateCreated', 'dateDecided', 'dateClosed', 'situationType', 'ageBand', 'gender', 'originatingSector', 'riskFactors',
  'riskCategories', 'studyFlags', 'protectiveFactors', 'leadSector', 'assistingSectors', 'services', 'conclusion', 'consentStatus', 'daysOpen',
] as const;

/**
 * De-identified statistics (domain.md, "Privacy rules"): no free text, no identity, every count
 * from 1 to 4 withheld with a complementary cell where a total would reveal it.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
    private readonly i18n: I18nService,
    private readonly clock: Clock,
  ) {}

  range(q: ReportRangeQuery): { from: Date; to: Date } {
    const to = q.to ? new Date(q.to) : this.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - YEAR);
    if (from >= to) throw DomainError.validation([{ field: 'from', problem: 'must be before to' }]);
    return { from, to };
  }

  async summary(tableId: string | null, actor: Actor, q: ReportRangeQuery, lang: Language) {
    const { from, to } = this.range(q);
    const scope: Scope = { tableId, from, to };
    const [c, t] = await Promise.all([this.repo.counts(scope), this.repo.timings(scope)]);
    const totalShown = guarded(c.total, c.total);
    const dimension = (d: Dimension): Cell[] =>
      totalShown.suppressed
        ? []
        : suppressCells([...c.counts[d]].map(([code, count]) => ({ code, label: this.labelOf(d, code, lang), count })).sort((a, b) => a.code.localeCompare(b.code)), true);
    const label = (code: string) => this.taxonomy.label('riskCategories', code, lang);
    const hours = t.hoursToMobilization;
    const days = t.daysOpen;
    const report = {
      tableId,
      from: from.toISOString(),
      to: to.toISOString(),
      language: lang,
      minimumCell: 5,
      total: totalShown.value,
      byStatus: dimension('status'),
      bySituationType: dimension('situation_type'),
      byAgeBand: dimension('age_band'),
      byGender: dimension('gender'),
      byOriginatingSector: dimension('originating_sector'),
      byLeadSector: dimension('lead_sector'),
      byConclusion: dimension('conclusion'),
      byConsentStatus: dimension('consent_status'),
      byRiskCategory: totalShown.suppressed ? [] : suppressCells([...c.categories].map(([code, count]) => ({ code, label: label(code), count })).sort((a, b) => a.code.localeCompare(b.code)), false),
      riskCategoryPairs: totalShown.suppressed
        ? []
        : suppressCells(
            [...c.pairs].map(([code, count]) => ({ code, label: code.split('+').map(label).join(' + '), count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
            false,
          ).slice(0, 50),
      acceptanceRate: guarded(c.decided, c.decided ? round(c.accepted / c.decided) : null),
      riskLoweredShare: guarded(c.closed, c.closed ? round(c.lowered / c.closed) : null),
      hoursToMobilization: { ...guarded(hours.n, { median: hours.median, p90: hours.p90 }) },
      daysOpen: { ...guarded(days.n, { median: days.median }) },
    };
    await this.audit.recordAlone(actor, { action: tableId ? 'report.summary' : 'report.province', tableId, details: { from: report.from, to: report.to } });
    return report;
  }

  /** One de-identified row per discussion in the RTD's shape; rejected and withdrawn keep only their stub. */
  async rtdExport(tableId: string, actor: Actor, q: ReportRangeQuery, lang: Language): Promise<Readable> {
    const { from, to } = this.range(q);
    await this.audit.recordAlone(actor, { action: 'report.rtd-export', tableId, details: { from: from.toISOString(), to: to.toISOString() } });
    const header = RTD_COLUMNS.map((c) => this.i18n.translate(`reports.rtd.${c}`, { lang }) as string);
    const na = this.i18n.translate('reports.rtd.notApplicable', { lang }) as string;
    const repo = this.repo;
    const now = this.clock.now();
    async function* rows(): AsyncGenerator<string[]> {
      let after: [Date, string] | null = null;
      for (;;) {
        const batch = await repo.rtdBatch({ tableId, from, to }, after, 1000);
        for (const r of batch) yield rtdRow(r, na, now);
        if (batch.length < 1000) return;
        after = [batch[batch.length - 1].createdAt, batch[batch.length - 1].id];
      }
    }
    return csvStream(header, rows());
  }

  private labelOf(d: Dimension, code: string, lang: Language): string {
    if (d === 'status' || code === 'NOT_APPLICABLE') return this.i18n.translate(`reports.status.${code}`, { lang }) as string;
    const list = LIST_OF[d];
    return list ? this.taxonomy.label(list, code, lang) : code;
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');
const list = (xs: string[] | null | undefined, na: string) => (xs && xs.length ? xs.join(';') : na);

function rtdRow(r: RtdRow, na: string, now: Date): string[] {
  if (isStub(r.status as never)) {
    return [r.reference, r.status, day(r.createdAt), day(r.decidedAt) || na, na, r.situationType, na, na, r.originatingSector, na, na, na, na, na, na, na, na, na, na];
  }
  const codes = (r.riskFactors ?? []).map((f) => f.code);
  const end = r.closedAt ?? now;
  return [
    r.reference, r.status, day(r.createdAt), day(r.decidedAt) || na, day(r.closedAt) || na, r.situationType, r.ageBand ?? na, r.gender ?? na,
    r.originatingSector, list(codes, na), list(categoriesOf(codes), na), list(r.studyFlags, na), list(r.protectiveFactors, na), r.leadSector ?? na,
    list(r.assistingSectors, na), list(r.services, na), r.conclusion ?? na, r.consentStatus ?? na,
    String(Math.floor((end.getTime() - r.createdAt.getTime()) / 86_400_000)),
  ];
}
