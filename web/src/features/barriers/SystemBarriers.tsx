import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import type { Taxonomy } from '../../api/queries';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { LabelledSelect } from '../../components/LabelledSelect';
import './barriers.css';

type BarrierBody = Schemas['SystemBarrierDto'];
type BarrierView = Schemas['SystemBarrierView'];

/** One barrier ticked in a form: its code, the service concerned ('' for none) and, for OTHER, its note. */
export interface BarrierChoice {
  code: string;
  service: string;
  note: string;
}

/**
 * The barrier a form proposes for a reason (docs/evaluation.md, section 5; the server's
 * situations/domain/system-barriers.ts `suggestedBarrier`): proposed, never inferred. The form
 * ticks it while the user has not touched the barriers; the user sends it, or unticks it.
 */
const SUGGESTED: Record<'LEAD_DECLINE' | 'ACTION_NOT_DONE', Record<string, string>> = {
  LEAD_DECLINE: { CAPACITY: 'CAPACITY' },
  ACTION_NOT_DONE: { NOT_ELIGIBLE: 'ELIGIBILITY', NO_CAPACITY: 'CAPACITY' },
};
export const suggestedBarrier = (context: 'LEAD_DECLINE' | 'ACTION_NOT_DONE', reason: string): string | null => SUGGESTED[context][reason] ?? null;

/** The body's `systemBarriers`: the service only when one is chosen, the note only for OTHER. */
export const barriersBody = (chosen: readonly BarrierChoice[]): BarrierBody[] =>
  chosen.map((c) => ({
    code: c.code as BarrierBody['code'],
    ...(c.service ? { service: c.service as BarrierBody['service'] } : {}),
    ...(c.code === 'OTHER' && c.note.trim() ? { note: c.note.trim() } : {}),
  }));

/** The labels and control ids of the barriers' fields the server may name (`systemBarriers[i].note`), for an ErrorSummary. */
export function barrierFieldLinks(chosen: readonly BarrierChoice[], idPrefix: string, noteLabel: string): { labels: Record<string, string>; ids: Record<string, string> } {
  const labels: Record<string, string> = {};
  const ids: Record<string, string> = {};
  chosen.forEach((c, i) => {
    labels[`systemBarriers[${i}].note`] = noteLabel;
    ids[`systemBarriers[${i}].note`] = `${idPrefix}-${c.code}-note`;
  });
  return { labels, ids };
}

/**
 * The optional "System barriers" of a closure, a lead's decline or an action not done: one
 * checkbox per barrier of the reference data; a ticked one offers the service concerned and, for
 * OTHER, its de-identified note. `proposed`: the barrier ticked from the reason, said so.
 */
export function SystemBarriersFieldset({
  idPrefix,
  taxonomy,
  chosen,
  onChange,
  error,
  proposed,
}: {
  idPrefix: string;
  taxonomy?: Taxonomy;
  chosen: readonly BarrierChoice[];
  onChange: (next: BarrierChoice[]) => void;
  error?: unknown;
  proposed?: string | null;
}) {
  const { t } = useTranslation();
  const services = (taxonomy?.services ?? []).map((s) => ({ value: s.code, label: s.shortLabel }));
  const barriers = taxonomy?.systemBarriers ?? [];
  const indexOf = (code: string) => chosen.findIndex((c) => c.code === code);
  const set = (code: string, on: boolean) => {
    const rest = chosen.filter((c) => c.code !== code);
    // kept in the reference data's order, so the server's field names (systemBarriers[i]) follow the screen
    const next = on ? [...rest, { code, service: '', note: '' }] : rest;
    onChange(next.sort((a, b) => barriers.findIndex((x) => x.code === a.code) - barriers.findIndex((x) => x.code === b.code)));
  };
  const patch = (code: string, change: Partial<BarrierChoice>) => onChange(chosen.map((c) => (c.code === code ? { ...c, ...change } : c)));
  return (
    <fieldset className="ontario-fieldset st-barriers" data-testid={`${idPrefix}-barriers`} aria-describedby={`${idPrefix}-barriers-hint`}>
      <legend className="ontario-fieldset__legend">
        {t('barriers.legend')} <span className="ontario-label__flag">{t('coord.optional')}</span>
      </legend>
      <p className="st-hint" id={`${idPrefix}-barriers-hint`}>
        {t('barriers.hint')}
      </p>
      {proposed && indexOf(proposed) >= 0 && (
        <p className="st-alert st-alert--info" data-testid={`${idPrefix}-barriers-proposed`}>
          {t('barriers.proposed', { barrier: barriers.find((b) => b.code === proposed)?.label ?? proposed })}
        </p>
      )}
      <FieldError id={`${idPrefix}-barriers-error`} error={error} field="systemBarriers" />
      {barriers.map((b) => {
        const i = indexOf(b.code);
        const c = i >= 0 ? chosen[i] : null;
        const id = `${idPrefix}-${b.code}`;
        return (
          <div key={b.code} className="st-barrier">
            <div className="st-check">
              <input className="st-check__input" type="checkbox" id={id} checked={!!c} onChange={(e) => set(b.code, e.target.checked)} />
              <label className="st-check__label" htmlFor={id}>
                {b.label}
              </label>
            </div>
            {c && (
              <div className="st-barrier__details">
                <LabelledSelect
                  id={`${id}-service`}
                  label={t('barriers.service', { barrier: b.shortLabel })}
                  value={c.service}
                  onChange={(service) => patch(b.code, { service })}
                  options={services}
                  placeholder={t('barriers.noService')}
                  error={error}
                  field={`systemBarriers[${i}].service`}
                />
                {b.code === 'OTHER' && (
                  <div className="ontario-form-group">
                    <label className="ontario-label" htmlFor={`${id}-note`}>
                      {t('barriers.note')}
                      <span className="ontario-label__flag">{t('coord.required')}</span>
                    </label>
                    <p className="st-hint" id={`${id}-note-hint`}>
                      {t('barriers.noteHint')}
                    </p>
                    <FieldError id={`${id}-note-error`} error={error} field={`systemBarriers[${i}].note`} />
                    <textarea
                      className="ontario-input ontario-textarea"
                      id={`${id}-note`}
                      rows={2}
                      maxLength={500}
                      value={c.note}
                      required
                      aria-describedby={`${id}-note-hint ${id}-note-error`}
                      onChange={(e) => patch(b.code, { note: e.target.value })}
                    />
                  </div>
                )}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** The barriers recorded on a situation, for whoever reads it: what, for which service, when (context), and OTHER's note. */
export function SystemBarriersList({
  barriers,
  taxonomy,
  headingLevel = 2,
  compact = false,
}: {
  barriers?: readonly BarrierView[];
  taxonomy?: Taxonomy;
  headingLevel?: 2 | 3 | 4;
  /** inside a summary: a subheading, no section rule */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (!barriers?.length) return null;
  const Heading = `h${headingLevel}` as const;
  const label = (list: { code: string; label: string; shortLabel: string }[] | undefined, code: string) => list?.find((x) => x.code === code)?.shortLabel ?? code;
  return (
    <section aria-labelledby="system-barriers-title" className={compact ? undefined : 'st-section'} data-testid="system-barriers">
      <Heading id="system-barriers-title" className={compact ? 'st-subheading' : undefined}>
        {t('barriers.recordedTitle')}
      </Heading>
      <ul className="st-barrier-list">
        {barriers.map((b, i) => (
          <li key={i} data-testid="system-barrier" data-code={b.code}>
            <strong>{label(taxonomy?.systemBarriers, b.code)}</strong>
            {b.service && <> — {label(taxonomy?.services, b.service)}</>} <span className="st-hint">({label(taxonomy?.systemBarrierContexts, b.context)})</span>
            {b.note && <p className="st-narrative">{b.note}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A coordinator corrects the closure's barriers of a closed situation while it may still be
 * reopened (PUT /situations/:id/system-barriers; later the server answers 409 BARRIERS_FINAL, shown).
 * Rendered for coordinators: nothing unless the situation is closed.
 */
export function ChangeClosureBarriers({ situation, taxonomy }: { situation: Schemas['SituationView']; taxonomy?: Taxonomy }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const initial = (situation.systemBarriers ?? []).filter((b) => b.context === 'CLOSURE').map((b) => ({ code: b.code, service: b.service ?? '', note: b.note ?? '' }));
  const [chosen, setChosen] = useState<BarrierChoice[]>(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  if (situation.status !== 'CLOSED') return null;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(false);
    setBusy(true);
    try {
      const next = await unwrap(
        api.PUT('/api/v1/situations/{id}/system-barriers', {
          params: { path: { id: situation.id }, header: { 'If-Match': String(situation.version ?? '') } },
          body: { systemBarriers: barriersBody(chosen) },
        }),
      );
      setDone(true);
      queryClient.setQueryData(['situation', situation.id], next);
      void queryClient.invalidateQueries({ queryKey: ['situation', situation.id] });
    } catch (err) {
      setError(err); // what was ticked stays
    } finally {
      setBusy(false);
    }
  }
  const links = barrierFieldLinks(chosen, 'cb-barrier', t('barriers.note'));
  return (
    <section aria-labelledby="change-barriers-title" className="st-section" data-testid="change-barriers">
      <h2 id="change-barriers-title">{t('barriers.change.title')}</h2>
      <p>{t('barriers.change.intro')}</p>
      <ErrorSummary error={error} fieldLabels={{ systemBarriers: t('barriers.legend'), ...links.labels }} fieldIds={links.ids} />
      {done && (
        <p className="st-alert st-alert--success" role="status" data-testid="change-barriers-done">
          {t('barriers.change.done')}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <SystemBarriersFieldset idPrefix="cb-barrier" taxonomy={taxonomy} chosen={chosen} onChange={setChosen} error={error} />
        <button type="submit" className="st-button st-button--primary" disabled={busy} data-testid="change-barriers-submit">
          {t('barriers.change.submit')}
        </button>
      </form>
    </section>
  );
}
