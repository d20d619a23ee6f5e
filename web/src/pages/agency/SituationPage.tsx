import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import type { operations } from '../../api/schema';
import { codeIn, involvementOf, labelOf, useSituation, useTableAgencies, useTaxonomy, type Situation, type Taxonomy } from '../../api/queries';
import { useSession } from '../../auth/session';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { instantToSend, localNow } from '../../datetime';
import { formatDateTime, formatNumber, locale } from '../../i18n';
import { SituationTimeline, timelineKey } from '../../features/timeline/SituationTimeline';
import { ReopenSituation } from '../../features/coordination/ReopenSituation';
import { InformationNeeded } from './EditReferral';
import { LeadAnswerForm, LeadAnswerStatus } from './LeadAnswer';
import { required, value } from '../../features/coordination/ThresholdAdvice';
import { Clock } from './MySituations';

/** A situation: the de-identified record and its timeline, and what my agency may do with it. */
export default function SituationPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const session = useSession();
  const situation = useSituation(id);
  const taxonomy = useTaxonomy();
  const agencies = useTableAgencies(session.tableId);
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

  return (
    <>
      <p>
        <Link to="/situations">{t('situation.back')}</Link>
      </p>
      <h1>{t('situation.title', { reference: s.reference })}</h1>
      {submitted && <ThresholdAdvice situation={s} />}
      {navState?.edited && (
        <p className="st-alert st-alert--success" role="status" data-testid="edit-done">
          {navState.resubmitted ? t('editReferral.resubmitted', { reference: s.reference }) : t('editReferral.saved', { reference: s.reference })}
        </p>
      )}
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
      {isRep && mine.includes('LEAD') && s.status === 'ASSIGNED' && s.leadAnswer === 'PENDING' && <LeadAnswerForm situation={s} taxonomy={tx} />}
      <SituationTimeline situationId={s.id} />
      {isRep && mine.includes('ORIGINATING') && (s.status === 'SUBMITTED' || s.status === 'DEFERRED') && <Withdraw situation={s} />}
      {session.hasRole('COORDINATOR') && <ReopenSituation key={s.id} situation={s} />}
      {isRep && leadOrAssisting && s.status === 'ASSIGNED' && <Mobilize situation={s} taxonomy={tx} />}
      {isRep && leadOrAssisting && (s.status === 'ASSIGNED' || s.status === 'MOBILIZED') && <StatusUpdate situation={s} />}
      {isRep && mine.length > 0 && ['ACCEPTED', 'ASSIGNED', 'MOBILIZED', 'SUBMITTED', 'CLOSED'].includes(s.status) && <Identity situation={s} taxonomy={tx} />}
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

function Mobilize({ situation, taxonomy }: { situation: Situation; taxonomy?: Taxonomy }) {
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
      const body = { mobilizedAt, services: services as Schemas['MobilizationDto']['services'] };
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

type IdentityView = Schemas['IdentityView'];
/** The purposes the identity route accepts (GET /taxonomy lists them with plain string codes). */
type PurposeCode = operations['IdentityController_read']['parameters']['query']['purposeCode'];
const PURPOSE_CODES = Object.keys({
  HOME_VISIT: true,
  SAFETY_PLANNING: true,
  SERVICE_CONNECTION: true,
  CONTACT_ATTEMPT: true,
  INTERVENTION_PLANNING: true,
  LEGAL_OBLIGATION: true,
  OTHER: true,
} satisfies Record<PurposeCode, true>) as PurposeCode[];

/**
 * Identity, for my agency when it has standing: asked for with a purpose (code + note), shown on
 * demand and hidden again. Held in this component's state only: never in the query cache, the
 * URL or storage; the request and the answer are no-store; gone when hidden or when leaving.
 */
function Identity({ situation, taxonomy }: { situation: Situation; taxonomy?: Taxonomy }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'closed' | 'why' | 'shown'>('closed');
  const [purposeCode, setPurposeCode] = useState<PurposeCode | ''>('');
  const [purpose, setPurpose] = useState('');
  const [identity, setIdentity] = useState<IdentityView | null>(null);
  const [recorded, setRecorded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => setIdentity(null), []);

  async function read(e: FormEvent) {
    e.preventDefault();
    if (!purposeCode) return;
    setBusy(true);
    setError(null);
    try {
      const res = await unwrap(
        api.GET('/api/v1/situations/{id}/identity', { params: { path: { id: situation.id }, query: { purposeCode, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) } } }),
      );
      setIdentity(res);
      setRecorded(true);
      setStep('shown');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  function hide() {
    setIdentity(null);
    setPurpose('');
    setPurposeCode('');
    setStep('closed');
  }
  return (
    <section aria-labelledby="identity-title" className="st-section st-identity">
      <h2 id="identity-title">{t('identity.title')}</h2>
      <p>{t('identity.explain')}</p>
      {step === 'closed' && (
        <button type="button" className="st-button st-button--secondary" onClick={() => setStep('why')} data-testid="identity-start">
          {t('identity.start')}
        </button>
      )}
      {step === 'why' && (
        <form onSubmit={read} noValidate data-testid="identity-why">
          <ErrorSummary
            error={error}
            fieldLabels={{ purpose: t('identity.note'), purposeCode: t('identity.purpose') }}
            fieldIds={{ purpose: 'i-note', purposeCode: 'i-purpose' }}
          />
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="i-purpose">
              {t('identity.purpose')}
            </label>
            <select className="ontario-input st-select" id="i-purpose" value={purposeCode} onChange={(e) => setPurposeCode(codeIn(PURPOSE_CODES, e.target.value) ?? '')} required>
              <option value="">{t('referral.choose')}</option>
              {taxonomy?.accessPurposes.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="i-note">
              {t('identity.note')} {purposeCode !== 'OTHER' && <span className="ontario-label__flag">{t('referral.optional')}</span>}
            </label>
            <p className="st-hint" id="i-note-hint">
              {t('identity.noteHint')}
            </p>
            <input
              className="ontario-input"
              id="i-note"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
              autoComplete="off"
              aria-describedby="i-note-hint i-note-error"
            />
            <FieldError id="i-note-error" error={error} field="purpose" />
          </div>
          <button type="submit" className="st-button st-button--primary" disabled={busy || !purposeCode}>
            {t('identity.read')}
          </button>
          <button type="button" className="st-button st-button--secondary" onClick={hide}>
            {t('identity.cancel')}
          </button>
        </form>
      )}
      {step === 'shown' && identity && (
        <div className="st-identity__card" data-testid="identity-card">
          <dl className="st-summary">
            <dt>{t('identity.name')}</dt>
            <dd>
              {identity.givenName} {identity.familyName}
            </dd>
            {identity.dateOfBirth && (
              <>
                <dt>{t('identity.dob')}</dt>
                <dd>{identity.dateOfBirth}</dd>
              </>
            )}
            {identity.address && (
              <>
                <dt>{t('identity.address')}</dt>
                <dd>{identity.address}</dd>
              </>
            )}
            {identity.phone && (
              <>
                <dt>{t('identity.phone')}</dt>
                <dd>{identity.phone}</dd>
              </>
            )}
            <dt>{t('identity.authority')}</dt>
            <dd>{labelOf(taxonomy?.legalAuthorities, identity.legalAuthority)}</dd>
          </dl>
          <button type="button" className="st-button st-button--primary" onClick={hide} data-testid="identity-hide">
            {t('identity.hide')}
          </button>
        </div>
      )}
      {recorded && (
        <p role="status" data-testid="identity-accesses">
          {t('identity.recordedNote')} <Link to="/identity-reads">{t('identity.myReads')}</Link>
        </p>
      )}
    </section>
  );
}
