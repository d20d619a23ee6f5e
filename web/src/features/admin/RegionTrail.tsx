import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { KeysetPager } from '../../components/KeysetPager';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledSelect } from '../../components/LabelledSelect';
import { formatDateTime, formatNumber } from '../../i18n';
import { VerifyOutcome } from '../audit/VerifyOutcome';
import { useTables, useUsers } from './api';

type Entry = Schemas['AuditEntryView'];

/** What a region's chain records (R12): its changes, its reads, and the reviews of its trail. */
export const REGION_ACTIONS = [
  'region.create',
  'region.members',
  'region.role.grant',
  'region.role.revoke',
  'report.region',
  'report.annual',
  'report.annual.generate',
  'equity.benchmark',
  'audit.search',
  'audit.verify',
] as const;

const PAGE = 20;
/** The details an entry of the region's chain may carry that say something to a reader (ids are named, never shown). */
const SHOWN = ['period', 'through', 'year', 'version', 'format', 'question', 'source', 'code', 'returned', 'checked'] as const;

/**
 * A region's own audit trail (docs/evaluation.md, R12), for administrators: who read the region's
 * figures and reports, who changed its members and analysts, newest first, and the verification of
 * its hash chain. Every search and verification is itself recorded on the chain.
 */
export function RegionTrail({ regionId, regionName }: { regionId: string; regionName: string }) {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const tables = useTables();
  const users = useUsers();
  const page = useQuery({
    queryKey: ['region-audit', regionId, action, cursor ?? null],
    // Every search is itself audited: no background refetch.
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/regions/{regionId}/audit', { params: { path: { regionId }, query: { limit: PAGE, cursor, ...(action ? { action } : {}) } } })),
  });
  const verify = useMutation({ mutationFn: () => unwrap(api.GET('/api/v1/regions/{regionId}/audit/verify', { params: { path: { regionId } } })) });
  const tableName = new Map((tables.data ?? []).map((x) => [x.id, x.name]));
  const userName = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  const label = (a: string) => t(`admin.regions.trail.actions.${a.replace(/\./g, '_')}`, { defaultValue: a });

  function detail(e: Entry): string {
    const d = e.details as Record<string, unknown>;
    const parts: string[] = [];
    if (Array.isArray(d.tableIds))
      parts.push(t('admin.regions.trail.tables', { names: d.tableIds.map((id) => tableName.get(String(id)) ?? String(id).slice(0, 8)).join(', ') || '—' }));
    if (typeof d.userId === 'string') parts.push(t('admin.regions.trail.user', { name: userName.get(d.userId) ?? d.userId.slice(0, 8) }));
    if (d.filter && typeof d.filter === 'object') {
      const f = d.filter as Record<string, string>;
      if (f.action) parts.push(t('admin.regions.trail.detail.filter', { action: label(f.action) }));
    }
    if (typeof d.route === 'string') parts.push(t(`admin.regions.trail.routes.${d.route}`, { defaultValue: d.route }));
    if (typeof d.valid === 'boolean') parts.push(t(d.valid ? 'admin.regions.trail.detail.intact' : 'admin.regions.trail.detail.broken'));
    for (const k of SHOWN) {
      const v = d[k];
      if (v === undefined || v === null || typeof v === 'object') continue;
      parts.push(`${t(`admin.regions.trail.detail.${k}`)} ${typeof v === 'number' ? formatNumber(v) : String(v)}`);
    }
    return parts.join(' · ') || '—';
  }

  const items = page.data?.items ?? [];
  const pageNumber = cursors.length + 1;
  return (
    <section aria-labelledby="region-trail" data-testid="region-trail">
      <h3 id="region-trail">{t('admin.regions.trail.title')}</h3>
      <p className="st-hint">{t('admin.regions.trail.intro', { name: regionName })}</p>
      <div className="st-actions">
        <button type="button" className="st-button st-button--secondary" onClick={() => verify.mutate()} disabled={verify.isPending} data-testid="region-verify">
          {t('admin.regions.trail.verify')}
        </button>
      </div>
      <ErrorSummary error={verify.error} />
      <div role="status" data-testid="region-verify-result">
        {verify.isPending && t('app.loading')}
        {verify.data && <VerifyOutcome result={verify.data} />}
      </div>
      <LabelledSelect
        id="region-trail-action"
        label={t('admin.regions.trail.action')}
        value={action}
        onChange={(v) => (setAction(v), setCursors([]))}
        placeholder={t('audit.filter.any')}
        options={REGION_ACTIONS.map((a) => ({ value: a, label: label(a) }))}
      />
      <ErrorSummary error={page.error} />
      <p role="status" data-testid="region-trail-status">
        {page.isFetching ? t('app.loading') : t('audit.explorer.pageStatus', { page: formatNumber(pageNumber), n: formatNumber(items.length) })}
      </p>
      {items.length > 0 && (
        <DataTable<Entry>
          caption={t('admin.regions.trail.caption', { name: regionName, page: formatNumber(pageNumber) })}
          testId="region-trail-entries"
          rows={items}
          rowKey={(e) => e.seq}
          rowProps={(e) => ({ 'data-action': e.action })}
          columns={[
            { key: 'seq', header: t('audit.field.seq'), cell: (e) => e.seq },
            { key: 'at', header: t('audit.field.at'), cell: (e) => formatDateTime(e.at) },
            { key: 'action', header: t('audit.field.action'), cell: (e) => label(e.action) },
            {
              key: 'outcome',
              header: t('audit.field.outcome'),
              cell: (e) => <span className={`st-badge st-badge--${e.outcome === 'DENIED' ? 'denied' : 'success'}`}>{t(`audit.outcome.${e.outcome}`)}</span>,
            },
            { key: 'actor', header: t('audit.field.actor'), cell: (e) => (e.actorId ? (e.actorDisplayName ?? e.actorId.slice(0, 8)) : t('audit.entry.system')) },
            { key: 'detail', header: t('admin.regions.trail.details'), cell: detail },
          ]}
        />
      )}
      <KeysetPager
        label={t('admin.regions.trail.pages')}
        cursors={cursors}
        nextCursor={page.data?.nextCursor}
        busy={page.isFetching}
        onChange={setCursors}
        testIdPrefix="region-trail"
      />
    </section>
  );
}
