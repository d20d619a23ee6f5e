import '../../styles/privacy-admin.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { FormGroup } from '../../components/FormGroup';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatNumber } from '../../i18n';

type Grant = Schemas['AccessReviewGrantView'];

const STATUS_BADGE: Record<Grant['status'], string> = { CERTIFIED: 'st-badge--success', NEW: 'st-badge--info', UNCERTIFIED: 'st-badge--denied' };

/**
 * The privacy officer's "Members and access review" (issue 17): every role grant of the table with
 * its holder, agency, who granted it and when, its review status (certified, new, uncertified) and
 * the holder's confidentiality undertaking; certify a grant (optional note) or ask the
 * administrators to remove it (a reason). Each look is audited, so no background refetch.
 */
export default function AccessReviewPage() {
  const { t } = useTranslation();
  const session = useSession();
  const tableId = session.tableId;
  const queryClient = useQueryClient();
  usePageTitle(t('accessReview.title'));
  const review = useQuery({
    queryKey: ['access-review', tableId],
    enabled: !!tableId,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/access-review', { params: { path: { tableId: tableId! } } })),
  });
  const [selected, setSelected] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const key = (g: Grant) => `${g.userId}:${g.role}`;
  const grant = review.data?.grants.find((g) => key(g) === selected) ?? null;
  const role = (r: Grant['role']) => t(`admin.role.${r}`);
  const data = review.data;
  return (
    <>
      <h1>{t('accessReview.title')}</h1>
      <p>{t('accessReview.intro')}</p>
      <ErrorSummary error={review.error} />
      {review.isLoading && <p role="status">{t('app.loading')}</p>}
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
      {data && (
        <>
          <dl className="st-dl" data-testid="access-review-summary">
            <dt>{t('accessReview.period')}</dt>
            <dd>{t('accessReview.periodValue', { days: data.periodDays, grace: data.graceDays })}</dd>
            <dt>{t('accessReview.agreement')}</dt>
            <dd data-testid="access-review-agreement">
              {data.agreement
                ? t('accessReview.agreementValue', { version: data.agreement.version, date: formatDate(data.agreement.publishedAt), name: data.agreement.publishedByName })
                : t('accessReview.noAgreement')}
            </dd>
            <dt>{t('accessReview.counts')}</dt>
            <dd>
              {t('accessReview.countsValue', {
                certified: formatNumber(data.counts.certified),
                fresh: formatNumber(data.counts.new),
                uncertified: formatNumber(data.counts.uncertified),
              })}
            </dd>
          </dl>
          <DataTable<Grant>
            caption={t('accessReview.grants')}
            captionVisible
            testId="access-review-grants"
            rows={data.grants}
            rowKey={key}
            rowProps={(g) => ({ 'data-testid': 'access-review-grant', 'data-user': g.userId, 'data-role': g.role, 'data-status': g.status })}
            columns={[
              {
                key: 'user',
                header: t('admin.roles.user'),
                cell: (g) => (
                  <>
                    {g.displayName}
                    {!g.active && <span className="st-badge st-badge--denied">{t('admin.users.inactive')}</span>}
                  </>
                ),
              },
              { key: 'agency', header: t('admin.agency'), cell: (g) => g.agencyName ?? '—' },
              { key: 'role', header: t('admin.roles.role'), cell: (g) => role(g.role) },
              {
                key: 'granted',
                header: t('admin.tables.grantedAt'),
                cell: (g) => (g.grantedByName ? t('admin.tables.grantedBy', { date: formatDate(g.grantedAt), name: g.grantedByName }) : formatDate(g.grantedAt)),
              },
              {
                key: 'status',
                header: t('accessReview.status'),
                cell: (g) => (
                  <>
                    <span className={`st-badge ${STATUS_BADGE[g.status]}`}>{t(`accessReview.statusLabel.${g.status}`)}</span>{' '}
                    {g.lastCertifiedAt
                      ? t('accessReview.lastCertified', { date: formatDate(g.lastCertifiedAt), name: g.lastCertifiedByName ?? '—', due: formatDate(g.dueAt) })
                      : t('accessReview.due', { date: formatDate(g.dueAt) })}
                    {g.openRemovalRequestId && <span className="st-badge st-badge--info">{t('accessReview.removalRequested')}</span>}
                  </>
                ),
              },
              { key: 'undertaking', header: t('accessReview.undertaking'), cell: (g) => t(`accessReview.undertakingLabel.${g.undertaking}`, { version: g.acceptedVersion ?? '' }) },
              {
                key: 'actions',
                header: t('admin.actions'),
                hiddenHeader: true,
                cell: (g) =>
                  g.userId === session.user?.id ? (
                    t('accessReview.own')
                  ) : (
                    <button
                      type="button"
                      className="st-button st-button--tertiary st-button--small"
                      aria-expanded={selected === key(g)}
                      aria-controls="access-review-panel"
                      onClick={() => {
                        setDone(null);
                        setSelected(selected === key(g) ? null : key(g));
                      }}
                      aria-label={t('accessReview.reviewLabel', { user: g.displayName, role: role(g.role) })}
                      data-testid="access-review-open"
                    >
                      {t('accessReview.review')}
                    </button>
                  ),
              },
            ]}
          />
        </>
      )}
      <div id="access-review-panel">
        {grant && tableId && (
          <ReviewPanel
            key={selected}
            tableId={tableId}
            grant={grant}
            onDone={async (message) => {
              setSelected(null);
              setDone(message);
              await queryClient.invalidateQueries({ queryKey: ['access-review', tableId] });
            }}
          />
        )}
      </div>
    </>
  );
}

/** Certify the grant (an optional de-identified note), or ask for its removal (a reason). */
function ReviewPanel({ tableId, grant, onDone }: { tableId: string; grant: Grant; onDone: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const role = t(`admin.role.${grant.role}`);
  const certify = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tables/{tableId}/access-review/certifications', {
          params: { path: { tableId } },
          body: { userId: grant.userId, role: grant.role, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: (c) => onDone(t('accessReview.certified', { user: grant.displayName, role, due: formatDate(c.dueAt) })),
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tables/{tableId}/access-review/removal-requests', {
          params: { path: { tableId } },
          body: { userId: grant.userId, role: grant.role, reason: reason.trim() },
        }),
      ),
    onSuccess: () => onDone(t('accessReview.removalSent', { user: grant.displayName, role })),
  });
  function submitCertify(e: FormEvent) {
    e.preventDefault();
    certify.mutate();
  }
  function submitRemoval(e: FormEvent) {
    e.preventDefault();
    remove.mutate();
  }
  return (
    <section aria-labelledby="access-review-panel-title" className="st-panel" data-testid="access-review-panel">
      <h2 id="access-review-panel-title">{t('accessReview.panelTitle', { user: grant.displayName, role })}</h2>
      <form onSubmit={submitCertify} noValidate data-testid="access-review-certify-form">
        <ErrorSummary error={certify.error} fieldLabels={{ note: t('accessReview.note') }} fieldIds={{ note: 'ar-note' }} />
        <FormGroup id="ar-note" label={t('accessReview.note')} hint={t('accessReview.noteHint')} error={certify.error} field="note">
          <textarea
            className="ontario-input st-textarea"
            id="ar-note"
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-describedby="ar-note-hint ar-note-error"
          />
        </FormGroup>
        <button type="submit" className="st-button st-button--primary" disabled={certify.isPending} data-testid="access-review-certify">
          {t('accessReview.certify')}
        </button>
      </form>
      {grant.openRemovalRequestId ? (
        <p>{t('accessReview.removalPending')}</p>
      ) : (
        <form onSubmit={submitRemoval} noValidate data-testid="access-review-removal-form">
          <ErrorSummary error={remove.error} fieldLabels={{ reason: t('accessReview.reason') }} fieldIds={{ reason: 'ar-reason' }} />
          <FormGroup id="ar-reason" label={t('accessReview.reason')} hint={t('accessReview.reasonHint')} error={remove.error} field="reason">
            <textarea
              className="ontario-input st-textarea"
              id="ar-reason"
              rows={2}
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-describedby="ar-reason-hint ar-reason-error"
            />
          </FormGroup>
          <button type="submit" className="st-button st-button--secondary" disabled={remove.isPending || reason.trim().length < 10} data-testid="access-review-request-removal">
            {t('accessReview.requestRemoval')}
          </button>
        </form>
      )}
    </section>
  );
}
