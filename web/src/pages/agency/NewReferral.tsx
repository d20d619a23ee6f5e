import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useTaxonomy } from '../../api/queries';
import { useSession } from '../../auth/session';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { PiiHighlights, usePiiCheck } from '../../components/PiiText';
import { usePageTitle } from '../../components/usePageTitle';
import { loadDraft, removeDraft, useCheckedDraft } from '../../drafts';

type Body = Schemas['CreateSituationDto'];
type Certainty = 'CONFIRMED' | 'SUSPECTED';

/** The draft kept in localStorage until sent: codes, and the narrative once the check found it clean (useCheckedDraft). */
interface Draft {
  situationType: Body['situationType'] | '';
  ageBand: Body['ageBand'] | '';
  gender: NonNullable<Body['gender']> | '';
  riskFactors: Record<string, Certainty>;
  protectiveFactors: string[];
  narrative: string;
  imminentHarm: boolean;
  agencyExhaustedOptions: boolean;
}
const EMPTY: Draft = { situationType: '', ageBand: '', gender: '', riskFactors: {}, protectiveFactors: [], narrative: '', imminentHarm: false, agencyExhaustedOptions: false };
const DRAFT = 'referral';

export default function NewReferral() {
  const { t } = useTranslation();
  usePageTitle(t('nav.newReferral'));
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const taxonomy = useTaxonomy();
  const [draft, setDraft] = useState<Draft>(() => ({ ...EMPTY, ...(loadDraft<Draft>(DRAFT) ?? {}) }));
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const check = usePiiCheck(session.tableId, draft.narrative);

  // The narrative is kept in the draft only once the check found exactly that text clean.
  useCheckedDraft(DRAFT, draft, check);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const toggleRisk = (code: string, on: boolean) =>
    setDraft((d) => {
      const rf = { ...d.riskFactors };
      if (on) rf[code] = rf[code] ?? 'SUSPECTED';
      else delete rf[code];
      return { ...d, riskFactors: rf };
    });

  const serverFindings = error instanceof ApiError ? error.findings.filter((f) => f.field === 'narrative') : [];
  const findings = check.checkedText === draft.narrative ? check.findings : serverFindings.length && !check.pending ? serverFindings : check.findings;
  const highlightText = check.checkedText === draft.narrative ? draft.narrative : draft.narrative;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const miss: string[] = [];
    if (!draft.situationType) miss.push('situationType');
    if (!draft.ageBand) miss.push('ageBand');
    if (Object.keys(draft.riskFactors).length === 0) miss.push('riskFactors');
    if (!draft.narrative.trim()) miss.push('narrative');
    if (!draft.imminentHarm) miss.push('imminentHarm');
    if (!draft.agencyExhaustedOptions) miss.push('agencyExhaustedOptions');
    setMissing(miss);
    if (miss.length) {
      document.getElementById('referral-missing')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Body = {
        situationType: draft.situationType as Body['situationType'],
        ageBand: draft.ageBand as Body['ageBand'],
        ...(draft.gender ? { gender: draft.gender } : {}),
        riskFactors: Object.entries(draft.riskFactors).map(([code, certainty]) => ({ code: code as Schemas['RiskFactorDto']['code'], certainty })),
        protectiveFactors: draft.protectiveFactors as Body['protectiveFactors'],
        narrative: draft.narrative,
        imminentHarm: true,
        agencyExhaustedOptions: true,
      };
      const created = await unwrap(api.POST('/api/v1/tables/{tableId}/situations', { params: { path: { tableId: session.tableId! } }, body }));
      removeDraft(DRAFT);
      await queryClient.invalidateQueries({ queryKey: ['situations'] });
      navigate(`/situations/${created.id}`, { state: { submitted: true } });
    } catch (err) {
      setError(err); // nothing typed is lost: the form keeps its state (and the draft)
    } finally {
      setBusy(false);
    }
  }

  const tx = taxonomy.data;
  const labels: Record<string, string> = {
    situationType: t('referral.situationType'),
    ageBand: t('referral.ageBand'),
    gender: t('referral.gender'),
    riskFactors: t('referral.riskFactors'),
    narrative: t('referral.narrative'),
    imminentHarm: t('referral.imminentHarm'),
    agencyExhaustedOptions: t('referral.agencyExhaustedOptions'),
  };
  const ids: Record<string, string> = {
    situationType: 'r-type',
    ageBand: 'r-age',
    gender: 'r-gender',
    riskFactors: 'r-risk',
    narrative: 'r-narrative',
    imminentHarm: 'r-imminent',
    agencyExhaustedOptions: 'r-exhausted',
  };
  const invalid = (f: string) => missing.includes(f) || (error instanceof ApiError && error.fieldNames().includes(f)) || undefined;

  if (taxonomy.isPending) return <p role="status">{t('app.loading')}</p>;
  return (
    <>
      <h1>{t('nav.newReferral')}</h1>
      <p className="ontario-lead-statement">{t('referral.intro')}</p>
      <ErrorSummary error={taxonomy.error} />
      <ErrorSummary error={error} fieldLabels={labels} fieldIds={ids} />
      {missing.length > 0 && (
        <div className="st-alert st-alert--error" id="referral-missing" tabIndex={-1} role="alert">
          <h2 className="st-alert__title">{t('referral.missing')}</h2>
          <ul>
            {missing.map((m) => (
              <li key={m}>
                <a href={`#${ids[m]}`}>{labels[m]}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={submit} noValidate data-testid="referral-form">
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="r-type">
            {labels.situationType}
          </label>
          <select
            className="ontario-input st-select"
            id="r-type"
            value={draft.situationType}
            onChange={(e) => set('situationType', e.target.value as Draft['situationType'])}
            aria-invalid={invalid('situationType')}
          >
            <option value="">{t('referral.choose')}</option>
            {tx?.situationTypes.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="r-age">
            {labels.ageBand}
          </label>
          <select
            className="ontario-input st-select"
            id="r-age"
            value={draft.ageBand}
            onChange={(e) => set('ageBand', e.target.value as Draft['ageBand'])}
            aria-invalid={invalid('ageBand')}
          >
            <option value="">{t('referral.choose')}</option>
            {tx?.ageBands.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="r-gender">
            {labels.gender} <span className="ontario-label__flag">{t('referral.optional')}</span>
          </label>
          <select className="ontario-input st-select" id="r-gender" value={draft.gender} onChange={(e) => set('gender', e.target.value as Draft['gender'])}>
            <option value="">{t('referral.notSaid')}</option>
            {tx?.genders.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </div>

        <fieldset className="ontario-fieldset st-fieldset" id="r-risk" tabIndex={-1} aria-describedby="r-risk-hint">
          <legend className="ontario-fieldset__legend">{labels.riskFactors}</legend>
          <p className="st-hint" id="r-risk-hint">
            {t('referral.riskHint', { count: Object.keys(draft.riskFactors).length })}
          </p>
          {tx?.riskCategories.map((cat) => {
            const factors = tx.riskFactors.filter((f) => f.category === cat.code);
            const chosen = factors.filter((f) => draft.riskFactors[f.code]).length;
            return (
              <details key={cat.code} className="st-details" open={chosen > 0 || undefined}>
                <summary>
                  {cat.label}
                  {chosen > 0 && <span className="st-badge">{t('referral.chosen', { count: chosen })}</span>}
                </summary>
                <ul className="st-checklist">
                  {factors.map((f) => {
                    const on = !!draft.riskFactors[f.code];
                    return (
                      <li key={f.code}>
                        <input type="checkbox" id={`rf-${f.code}`} checked={on} onChange={(e) => toggleRisk(f.code, e.target.checked)} />
                        <label htmlFor={`rf-${f.code}`}>{f.label}</label>
                        {on && (
                          <span className="st-certainty" role="radiogroup" aria-label={t('referral.certaintyOf', { factor: f.label })}>
                            {(['CONFIRMED', 'SUSPECTED'] as const).map((c) => (
                              <span key={c}>
                                <input
                                  type="radio"
                                  name={`cert-${f.code}`}
                                  id={`cert-${f.code}-${c}`}
                                  checked={draft.riskFactors[f.code] === c}
                                  onChange={() => setDraft((d) => ({ ...d, riskFactors: { ...d.riskFactors, [f.code]: c } }))}
                                />
                                <label htmlFor={`cert-${f.code}-${c}`}>{t(`certainty.${c}`)}</label>
                              </span>
                            ))}
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </details>
            );
          })}
        </fieldset>

        <fieldset className="ontario-fieldset st-fieldset">
          <legend className="ontario-fieldset__legend">
            {t('referral.protectiveFactors')} <span className="ontario-label__flag">{t('referral.optional')}</span>
          </legend>
          {tx?.protectiveFactorCategories.map((cat) => {
            const factors = tx.protectiveFactors.filter((f) => f.category === cat.code);
            const chosen = factors.filter((f) => draft.protectiveFactors.includes(f.code)).length;
            return (
              <details key={cat.code} className="st-details" open={chosen > 0 || undefined}>
                <summary>
                  {cat.label}
                  {chosen > 0 && <span className="st-badge">{t('referral.chosen', { count: chosen })}</span>}
                </summary>
                <ul className="st-checklist">
                  {factors.map((f) => (
                    <li key={f.code}>
                      <input
                        type="checkbox"
                        id={`pf-${f.code}`}
                        checked={draft.protectiveFactors.includes(f.code)}
                        onChange={(e) => set('protectiveFactors', e.target.checked ? [...draft.protectiveFactors, f.code] : draft.protectiveFactors.filter((c) => c !== f.code))}
                      />
                      <label htmlFor={`pf-${f.code}`}>{f.label}</label>
                    </li>
                  ))}
                </ul>
              </details>
            );
          })}
        </fieldset>

        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="r-narrative">
            {labels.narrative}
          </label>
          <p className="st-hint" id="r-narrative-hint">
            {t('referral.narrativeHint')}
          </p>
          <textarea
            className="ontario-input st-textarea"
            id="r-narrative"
            rows={6}
            maxLength={4000}
            value={draft.narrative}
            onChange={(e) => set('narrative', e.target.value)}
            aria-invalid={invalid('narrative') || findings.length > 0 || undefined}
            aria-describedby="r-narrative-hint r-narrative-check r-narrative-error r-narrative-pii"
          />
          <p className="st-hint" id="r-narrative-check" aria-live="polite" data-testid="pii-status">
            {draft.narrative.trim() === ''
              ? ''
              : check.pending
                ? t('referral.checking')
                : findings.length
                  ? t('referral.piiFound', { count: findings.length })
                  : t('referral.piiNone')}
          </p>
          <FieldError id="r-narrative-error" error={error} field="narrative" />
          <PiiHighlights id="r-narrative-pii" text={highlightText} findings={findings} />
        </div>

        <fieldset className="ontario-fieldset st-fieldset">
          <legend className="ontario-fieldset__legend">{t('referral.attestations')}</legend>
          <div className="st-check">
            <input type="checkbox" id="r-imminent" checked={draft.imminentHarm} onChange={(e) => set('imminentHarm', e.target.checked)} aria-invalid={invalid('imminentHarm')} />
            <label htmlFor="r-imminent">{labels.imminentHarm}</label>
          </div>
          <div className="st-check">
            <input
              type="checkbox"
              id="r-exhausted"
              checked={draft.agencyExhaustedOptions}
              onChange={(e) => set('agencyExhaustedOptions', e.target.checked)}
              aria-invalid={invalid('agencyExhaustedOptions')}
            />
            <label htmlFor="r-exhausted">{labels.agencyExhaustedOptions}</label>
          </div>
        </fieldset>
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
            setError(null);
            setMissing([]);
          }}
        >
          {t('referral.clear')}
        </button>
      </form>
    </>
  );
}
