import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useSituation, useTaxonomy, type Situation } from '../../api/queries';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { usePiiCheck } from '../../components/PiiText';
import { draftOf, ReferralFields, ReferralProblems, useReferralSubmit, type ReferralDraft } from './ReferralForm';

/**
 * Edit a referral awaiting the table's decision (SUBMITTED, or DEFERRED: the answer to the table's
 * question, which puts it back among the new referrals). The same fields and checks as intake; the
 * version read is sent (If-Match), so an edit made meanwhile by someone else is not overwritten.
 * Kept in memory only: nothing of an edit is stored in the browser.
 */
export default function EditReferral() {
  const { t } = useTranslation();
  const { id } = useParams();
  const situation = useSituation(id);
  const taxonomy = useTaxonomy();
  const s = situation.data;
  usePageTitle(s ? t('editReferral.title', { reference: s.reference }) : t('app.loading'));
  if (situation.isPending || taxonomy.isPending) return <p role="status">{t('app.loading')}</p>;
  if (!s)
    return (
      <>
        <h1>{t('situation.notFound')}</h1>
        <ErrorSummary error={situation.error} />
        <Link to="/situations">{t('situation.back')}</Link>
      </>
    );
  return <EditForm key={`${s.id}:${s.version ?? ''}`} situation={s} />;
}

function EditForm({ situation: s }: { situation: Situation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ReferralDraft>(() => draftOf(s));
  const check = usePiiCheck(s.tableId, draft.narrative);
  const editable = s.status === 'SUBMITTED' || s.status === 'DEFERRED';

  // what was typed stays on an error
  const { error, missing, busy, submit } = useReferralSubmit(draft, async (body) => {
    const next = await unwrap(api.PATCH('/api/v1/situations/{id}', { params: { path: { id: s.id }, header: { 'If-Match': String(s.version ?? '') } }, body }));
    queryClient.setQueryData(['situation', s.id], next);
    await queryClient.invalidateQueries({ queryKey: ['situations'] });
    navigate(`/situations/${s.id}`, { state: { edited: true, resubmitted: s.status === 'DEFERRED' } });
  });

  return (
    <>
      <p>
        <Link to={`/situations/${s.id}`}>{t('editReferral.back', { reference: s.reference })}</Link>
      </p>
      <h1>{t('editReferral.title', { reference: s.reference })}</h1>
      {s.status === 'DEFERRED' && <InformationNeeded situation={s} />}
      {!editable ? (
        <p className="st-alert st-alert--warning" role="status" data-testid="edit-not-allowed">
          {t('editReferral.notEditable', { status: t(`status.${s.status}`) })}
        </p>
      ) : (
        <>
          <p className="ontario-lead-statement">{s.status === 'DEFERRED' ? t('editReferral.introDeferred') : t('editReferral.intro')}</p>
          <ReferralProblems error={error} missing={missing} />
          <form onSubmit={submit} noValidate data-testid="edit-referral-form">
            <ReferralFields draft={draft} setDraft={setDraft} error={error} missing={missing} check={check} />
            <p className="st-hint">{t('editReferral.attestAgain')}</p>
            <button type="submit" className="st-button st-button--primary" disabled={busy} data-testid="send-edit">
              {s.status === 'DEFERRED' ? t('editReferral.resubmit') : t('editReferral.save')}
            </button>
            <Link className="st-button st-button--secondary" to={`/situations/${s.id}`}>
              {t('editReferral.cancel')}
            </Link>
          </form>
        </>
      )}
    </>
  );
}

/** The table's question to the originating agency, with how long it has waited. */
export function InformationNeeded({ situation: s }: { situation: Situation }) {
  const { t } = useTranslation();
  const d = s.deferral;
  if (!d) return null;
  return (
    <div className={`st-alert ${s.deferredOverdue ? 'st-alert--error' : 'st-alert--warning'}`} data-testid="information-needed">
      <h2 className="st-alert__title">{t('deferral.title')}</h2>
      <p className="st-narrative">{d.informationNeeded}</p>
      {d.ageDays !== null && <p>{t('deferral.age', { count: d.ageDays })}</p>}
      {s.deferredOverdue && <p>{t('deferral.overdue', { limit: d.limitDays })}</p>}
    </div>
  );
}
