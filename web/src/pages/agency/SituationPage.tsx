import { RetentionNotices } from '../../features/coordination/RetentionNotices';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { involvementOf, labelOf, useSituation, useTableAgencies, useTaxonomy, type Situation, type Taxonomy } from '../../api/queries';
import { useSession } from '../../auth/session';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { instantToSend, localNow } from '../../datetime';
import { formatDateTime, formatNumber, locale } from '../../i18n';
import { SituationTimeline, timelineKey } from '../../features/timeline/SituationTimeline';
import { ReopenSituation } from '../../features/coordination/ReopenSituation';
import { MarkDuplicate } from '../../features/coordination/MarkDuplicate';
import { DuplicateLinks } from '../../features/coordination/DuplicateLinks';
import { AgencyWork } from '../../features/actions/AgencyWork';
import { InformationNeeded } from './EditReferral';
import { LeadAnswerForm, LeadAnswerStatus } from './LeadAnswer';
import { ChangeClosureBarriers, SystemBarriersList } from '../../features/barriers/SystemBarriers';
import { required, value } from '../../features/coordination/ThresholdAdvice';
import { Clock } from './MySituations';
import { AgencyMobilizations } from '../../features/mobilization/AgencyMobilizations';
import { SubjectSection } from '../../features/subject/SubjectSection';
import { EquitySection } from '../../features/equity/EquitySection';
import { DisclosuresSection } from '../../features/disclosures/DisclosuresSection';

/** A situation: the de-identified record and its timeline, and what my agency may do with it. */
export default function SituationPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const session = useSession();
  const situation = useSituation(id);
  const taxonomy = useTaxonomy();
  const agencies = useTableAgencies(session.tableId);
  const refresh = useRefresh(id ?? '');
  const s = situation.data;
  usePageTitle(s ? t('situation.title', { reference: s.reference }) : t('app.loading'));
  const navState = location.state as { submitted?: boolean; edited?: boolean; resubmitted?: boolean } | null;
  const submitted = navState?.submitted;

  if (situation.isPending) return <p role="status">{t('app.loading')}</p>;
  if (!s)
    return (
      <>
        <h1>{t('situation.notFound')}</h1>
        <ErrorSummary error={situation.error} />
        <Link to="/situations">{t('situation.back')}</Link>
      </>
    );
  const tx = taxonomy.data;
  const agencyName = (aid: string | null | undefined) => agencies.data?.find((a) => a.agencyId === aid)?.name ?? '';
  const mine = involvementOf(s, session.user?.agencyId);
  const isRep = session.hasRole('AGENCY_REP');
  const leadOrAssisting = mine.includes('LEAD') || mine.includes('ASSISTING');
  // my agency's part of the current assignment (issue 16: each intervening agency mobilises)
  const ownMobilization = s.agencies?.find((a) => a.agencyId === session.user?.agencyId);

  return (
    <>
      <p>
        <Link to="/situations">{t('situation.back')}</Link>
      </p>
      <h1>{t('situation.title', { reference: s.reference })}</h1>
      <RetentionNotices situation={s} />
      {submitted && <ThresholdAdvice situation={s} />}
      {navState?.edited && (
        <p className="st-alert st-alert--success" role="status" data-testid="edit-done">
          {navState.resubmitted ? t('editReferral.resubmitted', { reference: s.reference }) : t('editReferral.saved', { reference: s.reference })}
        </p>
      )}
      <DuplicateLinks situation={s} />
      {s.status === 'DEFERRED' && <InformationNeeded situation={s} />}
      {isRep && mine.includes('ORIGINATING') && (s.status === 'SUBMITTED' || s.status === 'DEFERRED') && (
        <p>
          <Link className="st-button st-button--secondary" to={`/situations/${s.id}/edit`} data-testid="edit-referral">
            {t('editReferral.start')}
          </Link>
        </p>
      )}
      <dl className="st-summary" data-testid="situation-summary">
        <dt>{t('situations.status')}</dt>
        <dd data-testid="situation-status">{t(`status.${s.status}`)}</dd>
        <dt>{t('situations.role')}</dt>
        <dd>{mine.length ? mine.map((r) => t(`involvement.${r}`)).join(', ') : t('situation.notInvolved')}</dd>
        <dt>{t('situations.type')}</dt>
        <dd>{labelOf(tx?.situationTypes, s.situationType)}</dd>
        {s.ageBand && (
          <>
            <dt>{t('referral.ageBand')}</dt>
            <dd>{labelOf(tx?.ageBands, s.ageBand)}</dd>
          </>
        )}
        {s.gender && (
          <>
            <dt>{t('referral.gender')}</dt>
            <dd>{labelOf(tx?.genders, s.gender)}</dd>
          </>
        )}
        <dt>{t('situation.originating')}</dt>
        <dd>{agencyName(s.originatingAgencyId)}</dd>
        {s.leadAgencyId && (
          <>
            <dt>{t('situations.lead')}</dt>
            <dd>{agencyName(s.leadAgencyId)}</dd>
          </>
        )}
        {!!s.assistingAgencyIds?.length && (
          <>
            <dt>{t('situation.assisting')}</dt>
            <dd>{s.assistingAgencyIds.map(agencyName).join(', ')}</dd>
          </>
        )}
        <dt>{t('situations.clock')}</dt>
        <dd>
          <Clock situation={s} />
        </dd>
      </dl>
      {!!s.riskFactors?.length && (
        <>
          <h2>{t('referral.riskFactors')}</h2>
          <ul>
            {s.riskFactors.map((r) => (
              <li key={r.code}>
                {labelOf(tx?.riskFactors, r.code)} — {t(`certainty.${r.certainty}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {!!s.protectiveFactors?.length && (
        <>
          <h2>{t('referral.protectiveFactors')}</h2>
          <ul>
            {s.protectiveFactors.map((p) => (
              <li key={p}>{labelOf(tx?.protectiveFactors, p)}</li>
            ))}
          </ul>
        </>
      )}
      {s.narrative && (
        <>
          <h2>{t('referral.narrative')}</h2>
          <p className="st-narrative">{s.narrative}</p>
        </>
      )}
      <LeadAnswerStatus situation={s} taxonomy={tx} agencyName={agencyName} />
      <SystemBarriersList barriers={s.systemBarriers} taxonomy={tx} />
      {isRep && mine.includes('LEAD') && s.status === 'ASSIGNED' && s.leadAnswer === 'PENDING' && <LeadAnswerForm situation={s} taxonomy={tx} />}
      <SituationTimeline situationId={s.id} />
      {['ACCEPTED', 'ASSIGNED', 'MOBILIZED', 'CLOSED'].includes(s.status) && (
        <AgencyWork
          situation={s}
          taxonomy={tx}
          agencyName={agencyName}
          rights={{
            // a coordinator records for any intervening agency, a representative of one for its own
            agencies: session.hasRole('COORDINATOR')
              ? [s.leadAgencyId, ...(s.assistingAgencyIds ?? [])].filter((a): a is string => !!a)
              : isRep && leadOrAssisting && session.user?.agencyId
                ? [session.user.agencyId]
                : [],
            mayChange: (owner) => session.hasRole('COORDINATOR') || (isRep && leadOrAssisting && owner === session.user?.agencyId),
          }}
        />
      )}
      {isRep && mine.includes('ORIGINATING') && (s.status === 'SUBMITTED' || s.status === 'DEFERRED') && <Withdraw situation={s} />}
      {session.hasRole('COORDINATOR') && <ReopenSituation key={s.id} situation={s} />}
      {session.hasRole('COORDINATOR') && <ChangeClosureBarriers key={`barriers-${s.id}-${s.closedAt ?? ''}`} situation={s} taxonomy={tx} />}
      {session.hasRole('COORDINATOR') && <MarkDuplicate key={`dup-${s.id}`} situation={s} />}
      {isRep && ownMobilization && !ownMobilization.mobilizedAt && (s.status === 'ASSIGNED' || s.status === 'MOBILIZED') && (
        <Mobilize situation={s} taxonomy={tx} agencyId={ownMobilization.agencyId} />
      )}
      <AgencyMobilizations
        situation={s}
        agencyName={agencyName}
        services={tx?.services ?? []}
        mayAct={(aid) => isRep && aid === session.user?.agencyId}
        recordedElsewhere={(a) => a.agencyId === session.user?.agencyId}
        idPrefix="agency-mobilizations"
        headingLevel={2}
        announce
        onSaved={(next) => refresh(next)}
      />
      {isRep && leadOrAssisting && (s.status === 'ASSIGNED' || s.status === 'MOBILIZED') && <StatusUpdate situation={s} />}
      {isRep && mine.length > 0 && ['ACCEPTED', 'ASSIGNED', 'MOBILIZED', 'SUBMITTED', 'CLOSED'].includes(s.status) && (
        <SubjectSection situation={s} taxonomy={tx} mayWrite={(mine.includes('ORIGINATING') || mine.includes('LEAD')) && ['ASSIGNED', 'MOBILIZED'].includes(s.status)} />
      )}
      {isRep &&
        (mine.includes('ORIGINATING') || mine.includes('LEAD')) &&
        ['ASSIGNED', 'MOBILIZED', 'CLOSED'].includes(s.status) &&
        (s.situationType === 'PERSON' || s.situationType === 'FAMILY') && <EquitySection situation={s} taxonomy={tx} />}
      {isRep && mine.length > 0 && ['ASSIGNED', 'MOBILIZED', 'CLOSED'].includes(s.status) && <DisclosuresSection situation={s} taxonomy={tx} agencyId={session.user?.agencyId} />}
    </>
  );
}

function ThresholdAdvice({ situation }: { situation: Situation }) {
  const { t } = useTranslation();
  const th = situation.threshold;
  if (!th) return null;
  return (
    <div className={`st-alert ${th.meets ? 'st-alert--success' : 'st-alert--warning'}`} role="status" data-testid="threshold-advice">
      <h2 className="st-alert__title">{t('threshold.sent', { reference: situation.reference })}</h2>
      <p>{th.meets ? t('threshold.meets') : t('threshold.doesNotMeet')}</p>
      <ul>
        {th.criteria.map((c) => (
          <li key={c.name}>
            {c.met ? '✓ ' : '✗ '}
            {t('threshold.criterionLine', {
              criterion: t(`threshold.criteria.${c.name}`, { defaultValue: c.name }),
              actual: value(c.actual, t),
              required: typeof c.required === 'boolean' ? required(c, t).toLocaleLowerCase() : formatNumber(c.required),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return (data?: Situation) => {
    if (data) queryClient.setQueryData(['situation', id], data);
    void queryClient.invalidateQueries({ queryKey: ['situation', id] });
    void queryClient.invalidateQueries({ queryKey: timelineKey(id) });
    void queryClient.invalidateQueries({ queryKey: ['situations'] });
  };
}

function Withdraw({ situation }: { situation: Situation }) {
  const { t } = useTranslation();
  const refresh = useRefresh(situation.id);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function go() {
    setError(null);
    try {
      refresh(await unwrap(api.POST('/api/v1/situations/{id}/withdraw', { params: { path: { id: situation.id }, header: { 'If-Match': String(situation.version ?? '') } } })));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section aria-labelledby="withdraw-title" className="st-section">
      <h2 id="withdraw-title">{t('withdraw.title')}</h2>
      <ErrorSummary error={error} />
      {!confirming ? (
        <button type="button" className="st-button st-button--secondary" onClick={() => setConfirming(true)}>
          {t('withdraw.start')}
        </button>
      ) : (
        <div className="st-alert st-alert--warning">
          <p>{t('withdraw.confirm')}</p>
          <button type="button" className="st-button st-button--danger" onClick={() => void go()}>
            {t('withdraw.yes')}
          </button>
          <button type="button" className="st-button st-button--secondary" onClick={() => setConfirming(false)}>
            {t('withdraw.no')}
          </button>
        </div>
      )}
    </section>
  );
}

/** My agency's mobilisation (the lead's moves the situation to MOBILIZED; an assisting agency's keeps its status). */
function Mobilize({ situation, taxonomy, agencyId }: { situation: Situation; taxonomy?: Taxonomy; agencyId: string }) {
  const { t } = useTranslation();
  const refresh = useRefresh(situation.id);
  const [initialAt] = useState(localNow);
  const [at, setAt] = useState(initialAt);
  const [services, setServices] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const mobilizedAt = instantToSend(at, initialAt);
      const body = { mobilizedAt, services: services as Schemas['MobilizationDto']['services'], agencyId };
      refresh(
        await unwrap(api.POST('/api/v1/situations/{id}/mobilization', { params: { path: { id: situation.id }, header: { 'If-Match': String(situation.version ?? '') } }, body })),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="mobilize-title" className="st-section">
      <h2 id="mobilize-title">{t('mobilize.title')}</h2>
      <ErrorSummary error={error} fieldLabels={{ mobilizedAt: t('mobilize.when'), services: t('mobilize.services') }} fieldIds={{ mobilizedAt: 'm-at', services: 'm-services' }} />
      <form onSubmit={submit} noValidate>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="m-at">
            {t('mobilize.when')}
          </label>
          <input
            className="ontario-input ontario-input--20-char-width"
            id="m-at"
            type="datetime-local"
            lang={locale()}
            step={1}
            value={at}
            onChange={(e) => setAt(e.target.value)}
          />
          <FieldError id="m-at-error" error={error} field="mobilizedAt" />
        </div>
        <fieldset className="ontario-fieldset st-fieldset" id="m-services" tabIndex={-1}>
          <legend className="ontario-fieldset__legend">{t('mobilize.services')}</legend>
          <ul className="st-checklist st-columns">
            {taxonomy?.services.map((sv) => (
              <li key={sv.code}>
                <input
                  type="checkbox"
                  id={`sv-${sv.code}`}
                  checked={services.includes(sv.code)}
                  onChange={(e) => setServices(e.target.checked ? [...services, sv.code] : services.filter((c) => c !== sv.code))}
                />
                <label htmlFor={`sv-${sv.code}`}>{sv.label}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" className="st-button st-button--primary" disabled={busy}>
          {t('mobilize.submit')}
        </button>
      </form>
    </section>
  );
}

function StatusUpdate({ situation }: { situation: Situation }) {
  const { t } = useTranslation();
  const refresh = useRefresh(situation.id);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [posted, setPosted] = useState<Schemas['SituationUpdateView'][]>([]);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const u = await unwrap(api.POST('/api/v1/situations/{id}/updates', { params: { path: { id: situation.id } }, body: { note } }));
      setPosted((p) => [...p, u]);
      setNote('');
      refresh();
    } catch (err) {
      setError(err); // the note stays in the field
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="update-title" className="st-section">
      <h2 id="update-title">{t('update.title')}</h2>
      {posted.length > 0 && (
        <ul data-testid="posted-updates">
          {posted.map((u) => (
            <li key={u.id}>
              <time dateTime={u.createdAt}>{formatDateTime(u.createdAt)}</time> {u.note}
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary error={error} fieldLabels={{ note: t('update.note') }} fieldIds={{ note: 'u-note' }} />
      <form onSubmit={submit} noValidate>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="u-note">
            {t('update.note')}
          </label>
          <textarea
            className="ontario-input st-textarea"
            id="u-note"
            rows={3}
            maxLength={4000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-describedby="u-note-error"
          />
          <FieldError id="u-note-error" error={error} field="note" />
        </div>
        <button type="submit" className="st-button st-button--primary" disabled={busy || !note.trim()}>
          {t('update.submit')}
        </button>
      </form>
    </section>
  );
}
