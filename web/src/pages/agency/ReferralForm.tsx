import { useEffect, useState, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useTaxonomy } from '../../api/queries';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { toggled } from '../../components/CheckboxGrid';
import { LabelledSelect } from '../../components/LabelledSelect';
import { PiiHighlights, type PiiCheck } from '../../components/PiiText';
import { suggestedSectors } from '../../sector-rules';

type Body = Schemas['CreateSituationDto'];
type Certainty = 'CONFIRMED' | 'SUSPECTED';

/** A referral being written or edited: codes and de-identified text only, no identity. */
export interface ReferralDraft {
  situationType: Body['situationType'] | '';
  ageBand: Body['ageBand'] | '';
  gender: NonNullable<Body['gender']> | '';
  riskFactors: Record<string, Certainty>;
  protectiveFactors: string[];
  /** the sectors whose involvement is needed, as ticked */
  sectorsNeeded: string[];
  /** false while the ticks follow the suggestion of the chosen risk categories; true once the user changed them */
  sectorsChosen: boolean;
  narrative: string;
  imminentHarm: boolean;
  agencyExhaustedOptions: boolean;
}
export const EMPTY_REFERRAL: ReferralDraft = {
  situationType: '',
  ageBand: '',
  gender: '',
  riskFactors: {},
  protectiveFactors: [],
  sectorsNeeded: [],
  sectorsChosen: false,
  narrative: '',
  imminentHarm: false,
  agencyExhaustedOptions: false,
};

/** Where each field is, for the lists of problems. */
const FIELD_IDS: Record<string, string> = {
  situationType: 'r-type',
  ageBand: 'r-age',
  gender: 'r-gender',
  riskFactors: 'r-risk',
  sectorsNeeded: 'r-sectors',
  narrative: 'r-narrative',
  imminentHarm: 'r-imminent',
  agencyExhaustedOptions: 'r-exhausted',
};

/** The required fields the draft leaves empty, in form order. */
export function missingOf(draft: ReferralDraft): string[] {
  const miss: string[] = [];
  if (!draft.situationType) miss.push('situationType');
  if (!draft.ageBand) miss.push('ageBand');
  if (Object.keys(draft.riskFactors).length === 0) miss.push('riskFactors');
  if ((draft.sectorsNeeded ?? []).length === 0) miss.push('sectorsNeeded');
  if (!draft.narrative.trim()) miss.push('narrative');
  if (!draft.imminentHarm) miss.push('imminentHarm');
  if (!draft.agencyExhaustedOptions) miss.push('agencyExhaustedOptions');
  return miss;
}

/** The request body of a complete draft (intake and edit take the same). */
export function bodyOf(draft: ReferralDraft): Body {
  return {
    situationType: draft.situationType as Body['situationType'],
    ageBand: draft.ageBand as Body['ageBand'],
    ...(draft.gender ? { gender: draft.gender } : {}),
    riskFactors: Object.entries(draft.riskFactors).map(([code, certainty]) => ({ code: code as Schemas['RiskFactorDto']['code'], certainty })),
    protectiveFactors: draft.protectiveFactors as Body['protectiveFactors'],
    sectorsNeeded: draft.sectorsNeeded as Body['sectorsNeeded'],
    narrative: draft.narrative,
    imminentHarm: true,
    agencyExhaustedOptions: true,
  };
}

/** The draft of an existing referral (to edit it): its codes and narrative, attestations to be given again. */
export function draftOf(s: Schemas['SituationView']): ReferralDraft {
  return {
    situationType: s.situationType as ReferralDraft['situationType'],
    ageBand: (s.ageBand ?? '') as ReferralDraft['ageBand'],
    gender: (s.gender ?? '') as ReferralDraft['gender'],
    riskFactors: Object.fromEntries((s.riskFactors ?? []).map((f) => [f.code, f.certainty])),
    protectiveFactors: [...(s.protectiveFactors ?? [])],
    // A referral from before issue 16 named none: its ticks start from the suggestion.
    sectorsNeeded: [...(s.sectorsNeeded ?? [])],
    sectorsChosen: !!s.sectorsNeeded,
    narrative: s.narrative ?? '',
    imminentHarm: false,
    agencyExhaustedOptions: false,
  };
}

function useFieldLabels(): Record<string, string> {
  const { t } = useTranslation();
  return {
    situationType: t('referral.situationType'),
    ageBand: t('referral.ageBand'),
    gender: t('referral.gender'),
    riskFactors: t('referral.riskFactors'),
    sectorsNeeded: t('referral.sectorsNeeded'),
    narrative: t('referral.narrative'),
    imminentHarm: t('referral.imminentHarm'),
    agencyExhaustedOptions: t('referral.agencyExhaustedOptions'),
  };
}

/**
 * The sending of a referral form, shared by intake and edit: the missing fields are named (and the
 * list focused) before anything is sent; then `send` with the body; an error is kept to show beside
 * what caused it, and nothing typed is lost.
 */
export function useReferralSubmit(draft: ReferralDraft, send: (body: Body) => Promise<void>) {
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const miss = missingOf(draft);
    setMissing(miss);
    if (miss.length) {
      document.getElementById('referral-missing')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send(bodyOf(draft));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const reset = () => {
    setError(null);
    setMissing([]);
  };
  return { error, missing, busy, submit, reset };
}

/** The server's refusal and the fields left empty, each linked to its field. */
export function ReferralProblems({ error, missing }: { error: unknown; missing: string[] }) {
  const { t } = useTranslation();
  const labels = useFieldLabels();
  const ids = FIELD_IDS;
  return (
    <>
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
    </>
  );
}

interface FieldsProps {
  draft: ReferralDraft;
  setDraft: Dispatch<SetStateAction<ReferralDraft>>;
  error: unknown;
  missing: string[];
  /** The server's de-identification check of `draft.narrative` (usePiiCheck), kept by the caller: intake stores the narrative in its draft only once this found it clean. */
  check: PiiCheck;
}

/** Reference-data items as pick-list options (code, localised label). */
const codeOptions = (items: readonly { code: string; label: string }[] | undefined) => (items ?? []).map((o) => ({ value: o.code, label: o.label }));

/**
 * The fields of a referral (Filter 1): type, age band, gender, risk factors with certainty,
 * protective factors, the narrative checked for identifying information while typing, and the two
 * attestations. Intake and edit share them; each keeps its own draft and sends it its own way.
 */
export function ReferralFields({ draft, setDraft, error, missing, check }: FieldsProps) {
  const { t } = useTranslation();
  const taxonomy = useTaxonomy();
  const labels = useFieldLabels();
  const set = <K extends keyof ReferralDraft>(k: K, v: ReferralDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const toggleRisk = (code: string, on: boolean) =>
    setDraft((d) => {
      const rf = { ...d.riskFactors };
      if (on) rf[code] = rf[code] ?? 'SUSPECTED';
      else delete rf[code];
      return { ...d, riskFactors: rf };
    });
  const serverFindings = error instanceof ApiError ? error.findings.filter((f) => f.field === 'narrative') : [];
  const findings = check.checkedText === draft.narrative ? check.findings : serverFindings.length && !check.pending ? serverFindings : check.findings;
  const highlightText = draft.narrative;
  const invalid = (f: string) => missing.includes(f) || (error instanceof ApiError && error.fieldNames().includes(f)) || undefined;
  const tx = taxonomy.data;
  // Until the user changes them, the ticks follow the chosen risk categories (a suggestion).
  const chosenCodes = Object.keys(draft.riskFactors).sort().join(',');
  useEffect(() => {
    if (!tx) return;
    setDraft((d) => {
      if (d.sectorsChosen) return d;
      const suggested = suggestedSectors(tx, Object.keys(d.riskFactors));
      return suggested.join(',') === (d.sectorsNeeded ?? []).join(',') ? d : { ...d, sectorsNeeded: suggested };
    });
  }, [tx, chosenCodes, setDraft]);
  const sectorsNeeded = draft.sectorsNeeded ?? [];
  const toggleSector = (code: string, on: boolean) => setDraft((d) => ({ ...d, sectorsChosen: true, sectorsNeeded: toggled(d.sectorsNeeded ?? [], code, on) }));
  return (
    <>
      <LabelledSelect
        id="r-type"
        label={labels.situationType}
        selectClassName="st-select"
        value={draft.situationType}
        onChange={(v) => set('situationType', v as ReferralDraft['situationType'])}
        invalid={invalid('situationType')}
        placeholder={t('referral.choose')}
        options={codeOptions(tx?.situationTypes)}
      />
      <LabelledSelect
        id="r-age"
        label={labels.ageBand}
        selectClassName="st-select"
        value={draft.ageBand}
        onChange={(v) => set('ageBand', v as ReferralDraft['ageBand'])}
        invalid={invalid('ageBand')}
        placeholder={t('referral.choose')}
        options={codeOptions(tx?.ageBands)}
      />
      <LabelledSelect
        id="r-gender"
        label={
          <>
            {labels.gender} <span className="ontario-label__flag">{t('referral.optional')}</span>
          </>
        }
        selectClassName="st-select"
        value={draft.gender}
        onChange={(v) => set('gender', v as ReferralDraft['gender'])}
        placeholder={t('referral.notSaid')}
        options={codeOptions(tx?.genders)}
      />

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

      <fieldset
        className="ontario-fieldset st-fieldset"
        id="r-sectors"
        tabIndex={-1}
        aria-describedby="r-sectors-hint r-sectors-error"
        aria-invalid={invalid('sectorsNeeded')}
        data-testid="sectors-needed"
      >
        <legend className="ontario-fieldset__legend">{labels.sectorsNeeded}</legend>
        <p className="st-hint" id="r-sectors-hint">
          {draft.sectorsChosen ? t('referral.sectorsHint', { count: sectorsNeeded.length }) : t('referral.sectorsSuggested', { count: sectorsNeeded.length })}
        </p>
        <FieldError id="r-sectors-error" error={error} field="sectorsNeeded" />
        <ul className="st-checklist">
          {tx?.sectors.map((sector) => (
            <li key={sector.code}>
              <input type="checkbox" id={`sn-${sector.code}`} checked={sectorsNeeded.includes(sector.code)} onChange={(e) => toggleSector(sector.code, e.target.checked)} />
              <label htmlFor={`sn-${sector.code}`}>{sector.label}</label>
            </li>
          ))}
        </ul>
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
    </>
  );
}
