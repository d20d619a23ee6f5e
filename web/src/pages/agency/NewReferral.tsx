import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useTaxonomy } from '../../api/queries';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePiiCheck } from '../../components/PiiText';
import { usePageTitle } from '../../components/usePageTitle';
import { loadDraft, removeDraft, useCheckedDraft } from '../../drafts';
import { EMPTY_REFERRAL, ReferralFields, ReferralProblems, useReferralSubmit, type ReferralDraft } from './ReferralForm';

/** The draft kept in localStorage until sent: codes, and the narrative once the check found it clean (useCheckedDraft). */
type Draft = ReferralDraft;
const EMPTY: Draft = EMPTY_REFERRAL;
const DRAFT = 'referral';

export default function NewReferral() {
  const { t } = useTranslation();
  usePageTitle(t('nav.newReferral'));
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const taxonomy = useTaxonomy();
  const [draft, setDraft] = useState<Draft>(() => ({ ...EMPTY, ...(loadDraft<Draft>(DRAFT) ?? {}) }));
  const check = usePiiCheck(session.tableId, draft.narrative);
  // The narrative is kept in the draft only once the check found exactly that text clean.
  useCheckedDraft(DRAFT, draft, check);

  // nothing typed is lost on an error: the form keeps its state (and the draft)
  const { error, missing, busy, submit, reset } = useReferralSubmit(draft, async (body) => {
    const created = await unwrap(api.POST('/api/v1/tables/{tableId}/situations', { params: { path: { tableId: session.tableId! } }, body }));
    removeDraft(DRAFT);
    await queryClient.invalidateQueries({ queryKey: ['situations'] });
    navigate(`/situations/${created.id}`, { state: { submitted: true } });
  });

  if (taxonomy.isPending) return <p role="status">{t('app.loading')}</p>;
  return (
    <>
      <h1>{t('nav.newReferral')}</h1>
      <p className="ontario-lead-statement">{t('referral.intro')}</p>
      <ErrorSummary error={taxonomy.error} />
      <ReferralProblems error={error} missing={missing} />
      <form onSubmit={submit} noValidate data-testid="referral-form">
        <ReferralFields draft={draft} setDraft={setDraft} error={error} missing={missing} check={check} />
        <p className="st-hint">{t('referral.draftNote')}</p>
        <button type="submit" className="st-button st-button--primary" disabled={busy}>
          {t('referral.submit')}
        </button>
        <button
          type="button"
          className="st-button st-button--secondary"
          onClick={() => {
            removeDraft(DRAFT);
            setDraft(EMPTY);
            reset();
          }}
        >
          {t('referral.clear')}
        </button>
      </form>
    </>
  );
}
