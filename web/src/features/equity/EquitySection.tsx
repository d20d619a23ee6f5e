import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import type { Situation, Taxonomy } from '../../api/queries';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { PurposeFields, type PurposeCode } from '../../components/PurposeFields';
import { formatDateTime } from '../../i18n';

type Form = Schemas['EquityFormView'];
type Question = Schemas['EquityQuestionView'];
type Answers = Record<string, string[]>;

interface Draft {
  noticeGiven: boolean;
  asked: 'ASKED' | 'NOT_ASKED' | '';
  notAskedReason: string;
  answeredBy: string;
  answers: Answers;
}
const EMPTY: Draft = { noticeGiven: false, asked: '', notAskedReason: '', answeredBy: '', answers: {} };

/** A checkbox of a select-all question: an answer that stands alone clears the others, another clears those that stand alone. */
export function toggled(q: Pick<Question, 'alone'>, chosen: string[], code: string, on: boolean): string[] {
  if (!on) return chosen.filter((c) => c !== code);
  if (q.alone.includes(code)) return [code];
  return [...chosen.filter((c) => !q.alone.includes(c)), code];
}

/**
 * The voluntary equity questions (issue 19, docs/evaluation.md 6.2-6.4), for a representative of
 * the originating or lead agency at Filter 3: the notice first (the table's contact and retention
 * filled in), its confirmation, whether the questions were asked and by whom they were answered,
 * then the questions, every one optional. The answers are read back only by the recording agency,
 * with a purpose, and never kept beyond this component's state. After closure (6.4), answers already
 * recorded may still be changed or withdrawn while the identity is live, never read back; with none
 * recorded, the section is not shown.
 */
export function EquitySection({ situation, taxonomy }: { situation: Situation; taxonomy?: Taxonomy }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const key = ['equity-form', situation.id, situation.version, i18n.language];
  const form = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/situations/{id}/equity/form', { params: { path: { id: situation.id } } })),
    retry: false,
  });
  const [mode, setMode] = useState<'idle' | 'edit' | 'why' | 'shown' | 'withdraw'>('idle');
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [shown, setShown] = useState<Schemas['EquityAnswersView'] | null>(null);
  const [done, setDone] = useState<'' | 'saved' | 'withdrawn'>('');
  useEffect(() => () => setShown(null), []);

  const reason = (form.error as { details?: { reason?: string } } | null)?.details?.reason;
  const f = form.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['equity-form', situation.id] });
  const closed = situation.status === 'CLOSED';
  const heading = (
    <h2 id="equity-title">
      {t('equity.title')} <span className="ontario-label__flag">{t('referral.optional')}</span>
    </h2>
  );
  // closed: the answers just withdrawn (the form now answers 409: nothing left to change), then nothing to show
  if (closed && done === 'withdrawn')
    return (
      <section aria-labelledby="equity-title" className="st-section st-equity" data-testid="equity-section">
        {heading}
        <p className="st-alert st-alert--success" role="status" data-testid="equity-done">
          {t('equity.withdrawn')}
        </p>
      </section>
    );
  if (closed && (form.isError || (f && !f.record))) return null;

  return (
    <section aria-labelledby="equity-title" className="st-section st-equity" data-testid="equity-section">
      {heading}
      <p>{t('equity.explain')}</p>
      {form.isError && <p className="st-hint">{reason === 'SUBJECT_NOT_WRITTEN' ? t('equity.subjectFirst') : t('equity.unavailable')}</p>}
      {f && (
        <>
          <p data-testid="equity-status">
            {f.record ? t(f.record.recordedByMyAgency ? 'equity.recordedMine' : 'equity.recordedOther', { at: formatDateTime(f.record.recordedAt) }) : t('equity.none')}
          </p>
          {closed && f.record && <p data-testid="equity-after-closure">{t('equity.afterClosure')}</p>}
          {done && (
            <p className="st-alert st-alert--success" role="status" data-testid="equity-done">
              {t(done === 'saved' ? 'equity.saved' : 'equity.withdrawn')}
            </p>
          )}
          {mode === 'idle' && (
            <p className="st-equity__actions">
              <button
                type="button"
                className="st-button st-button--secondary"
                data-testid="equity-start"
                onClick={() => {
                  setDraft(EMPTY);
                  setDone('');
                  setMode('edit');
                }}
              >
                {f.record ? t('equity.askAgain') : t('equity.ask')}
              </button>
              {f.record?.recordedByMyAgency && !closed && (
                <button
                  type="button"
                  className="st-button st-button--secondary"
                  data-testid="equity-show"
                  onClick={() => {
                    setDone('');
                    setMode('why');
                  }}
                >
                  {t('equity.show')}
                </button>
              )}
              {f.record && (
                <button
                  type="button"
                  className="st-button st-button--secondary"
                  data-testid="equity-withdraw"
                  onClick={() => {
                    setDone('');
                    setMode('withdraw');
                  }}
                >
                  {t('equity.withdraw')}
                </button>
              )}
            </p>
          )}
          {mode === 'why' && (
            <ReadAnswers
              situation={situation}
              taxonomy={taxonomy}
              onRead={(v) => {
                setShown(v);
                setMode('shown');
              }}
              onCancel={() => setMode('idle')}
            />
          )}
          {mode === 'shown' && shown && (
            <ShownAnswers
              form={f}
              answers={shown}
              onChange={() => {
                setDraft({ noticeGiven: false, asked: shown.asked, notAskedReason: shown.notAskedReason ?? '', answeredBy: shown.answeredBy ?? '', answers: { ...shown.answers } });
                setShown(null);
                setMode('edit');
              }}
              onHide={() => {
                setShown(null);
                setMode('idle');
              }}
            />
          )}
          {mode === 'withdraw' && (
            <Withdraw
              situation={situation}
              onDone={(ok) => {
                setMode('idle');
                if (ok) {
                  setDone('withdrawn');
                  void refresh();
                }
              }}
            />
          )}
          {mode === 'edit' && (
            <EquityForm
              situation={situation}
              form={f}
              draft={draft}
              setDraft={setDraft}
              onDone={(ok) => {
                setMode('idle');
                setDraft(EMPTY);
                if (ok) {
                  setDone('saved');
                  void refresh();
                }
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function EquityForm({ situation, form, draft, setDraft, onDone }: { situation: Situation; form: Form; draft: Draft; setDraft: (d: Draft) => void; onDone: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const asked = draft.asked === 'ASKED';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answers = Object.fromEntries(Object.entries(draft.answers).filter(([, v]) => v.length));
      // the codes come from the form the server served (its reference version), as the DTO's
      type Body = Schemas['RecordEquityDto'];
      const body: Body = asked
        ? {
            asked: 'ASKED',
            noticeVersion: form.version,
            noticeGiven: draft.noticeGiven,
            ...(draft.answeredBy ? { answeredBy: draft.answeredBy as Body['answeredBy'] } : {}),
            answers: answers as Body['answers'],
          }
        : { asked: 'NOT_ASKED', noticeVersion: form.version, ...(draft.notAskedReason ? { notAskedReason: draft.notAskedReason as Body['notAskedReason'] } : {}) };
      await unwrap(api.PUT('/api/v1/situations/{id}/equity', { params: { path: { id: situation.id } }, body }));
      onDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fieldLabels: Record<string, string> = {
    noticeGiven: t('equity.noticeGiven'),
    asked: t('equity.askedLegend'),
    notAskedReason: t('equity.reasonLegend'),
    answeredBy: t('equity.answeredByLegend'),
  };
  const fieldIds: Record<string, string> = { noticeGiven: 'eq-notice-given', asked: 'eq-asked-ASKED', notAskedReason: 'eq-reason-0', answeredBy: 'eq-by-0' };
  for (const q of form.questions) {
    fieldLabels[`answers.${q.code}`] = q.label;
    fieldIds[`answers.${q.code}`] = `eq-${q.code}-0`;
  }

  return (
    <form onSubmit={submit} noValidate data-testid="equity-form" className="st-equity-form">
      <ErrorSummary error={error} fieldLabels={fieldLabels} fieldIds={fieldIds} />
      <div className="st-equity__notice" data-testid="equity-notice" role="note" aria-labelledby="eq-notice-title">
        <h3 id="eq-notice-title">{form.notice.title}</h3>
        <p className="st-hint">{t('equity.noticeHint')}</p>
        <p lang={form.language}>{form.notice.text}</p>
        {!form.notice.contactSet && <p className="st-alert st-alert--warning">{t('equity.contactMissing')}</p>}
      </div>
      <fieldset className="ontario-fieldset">
        <legend className="ontario-fieldset__legend">{t('equity.askedLegend')}</legend>
        {(['ASKED', 'NOT_ASKED'] as const).map((a) => (
          <div className="st-check" key={a}>
            <input className="st-check__input" type="radio" id={`eq-asked-${a}`} name="eq-asked" checked={draft.asked === a} onChange={() => set({ asked: a })} />
            <label className="st-check__label" htmlFor={`eq-asked-${a}`}>
              {t(`equity.asked.${a}`)}
            </label>
          </div>
        ))}
        <FieldError id="eq-asked-error" error={error} field="asked" />
      </fieldset>

      {draft.asked === 'NOT_ASKED' && (
        <fieldset className="ontario-fieldset">
          <legend className="ontario-fieldset__legend">{t('equity.reasonLegend')}</legend>
          {form.notAskedReasons.map((r, i) => (
            <div className="st-check" key={r.code}>
              <input
                className="st-check__input"
                type="radio"
                id={`eq-reason-${i}`}
                name="eq-reason"
                checked={draft.notAskedReason === r.code}
                onChange={() => set({ notAskedReason: r.code })}
              />
              <label className="st-check__label" htmlFor={`eq-reason-${i}`}>
                {r.label}
              </label>
            </div>
          ))}
          <FieldError id="eq-reason-error" error={error} field="notAskedReason" />
        </fieldset>
      )}

      {asked && (
        <>
          <div className="ontario-form-group">
            <div className="st-check">
              <input
                className="st-check__input"
                type="checkbox"
                id="eq-notice-given"
                checked={draft.noticeGiven}
                onChange={(e) => set({ noticeGiven: e.target.checked })}
                aria-describedby="eq-notice-given-error"
              />
              <label className="st-check__label" htmlFor="eq-notice-given">
                {t('equity.noticeGiven')}
              </label>
            </div>
            <FieldError id="eq-notice-given-error" error={error} field="noticeGiven" />
          </div>
          {draft.noticeGiven && (
            <>
              <fieldset className="ontario-fieldset">
                <legend className="ontario-fieldset__legend">{t('equity.answeredByLegend')}</legend>
                {form.answeredBy.map((b, i) => (
                  <div className="st-check" key={b.code}>
                    <input
                      className="st-check__input"
                      type="radio"
                      id={`eq-by-${i}`}
                      name="eq-by"
                      checked={draft.answeredBy === b.code}
                      onChange={() => set({ answeredBy: b.code })}
                    />
                    <label className="st-check__label" htmlFor={`eq-by-${i}`}>
                      {b.label}
                    </label>
                  </div>
                ))}
                <FieldError id="eq-by-error" error={error} field="answeredBy" />
              </fieldset>
              <p className="st-hint">{t('equity.questionsHint')}</p>
              {form.questions.map((q) => (
                <QuestionField key={q.code} q={q} chosen={draft.answers[q.code] ?? []} error={error} onChange={(v) => set({ answers: { ...draft.answers, [q.code]: v } })} />
              ))}
            </>
          )}
        </>
      )}

      <button type="submit" className="st-button st-button--primary" disabled={busy || !draft.asked} data-testid="equity-save">
        {t('equity.save')}
      </button>
      <button type="button" className="st-button st-button--secondary" onClick={() => onDone(false)}>
        {t('identity.cancel')}
      </button>
    </form>
  );
}

function QuestionField({ q, chosen, error, onChange }: { q: Question; chosen: string[]; error: unknown; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="ontario-fieldset st-equity__question" data-testid={`equity-q-${q.code}`}>
      <legend className="ontario-fieldset__legend">{q.label}</legend>
      {/* a select-all question says so in its own wording */}
      {!q.multiple && <p className="st-hint">{t('equity.selectOne')}</p>}
      {q.options.map((o, i) => {
        const id = `eq-${q.code}-${i}`;
        return (
          <div className="st-check" key={o.code}>
            <input
              className="st-check__input"
              type={q.multiple ? 'checkbox' : 'radio'}
              id={id}
              name={`eq-${q.code}`}
              checked={chosen.includes(o.code)}
              onChange={(e) => onChange(q.multiple ? toggled(q, chosen, o.code, e.target.checked) : [o.code])}
            />
            <label className="st-check__label" htmlFor={id}>
              {o.label}
            </label>
          </div>
        );
      })}
      {!q.multiple && chosen.length > 0 && (
        <button type="button" className="st-button st-button--tertiary" onClick={() => onChange([])}>
          {t('equity.clear')}
        </button>
      )}
      <FieldError id={`eq-${q.code}-error`} error={error} field={`answers.${q.code}`} />
    </fieldset>
  );
}

function ReadAnswers({
  situation,
  taxonomy,
  onRead,
  onCancel,
}: {
  situation: Situation;
  taxonomy?: Taxonomy;
  onRead: (v: Schemas['EquityAnswersView']) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [purposeCode, setPurposeCode] = useState<PurposeCode | ''>('');
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function read(e: FormEvent) {
    e.preventDefault();
    if (!purposeCode) return;
    setBusy(true);
    setError(null);
    try {
      onRead(
        await unwrap(
          api.GET('/api/v1/situations/{id}/equity', { params: { path: { id: situation.id }, query: { purposeCode, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) } } }),
        ),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={read} noValidate data-testid="equity-why">
      <PurposeFields idPrefix="eq" taxonomy={taxonomy} error={error} purposeCode={purposeCode} onPurposeCode={setPurposeCode} purpose={purpose} onPurpose={setPurpose} />
      <button type="submit" className="st-button st-button--primary" disabled={busy || !purposeCode}>
        {t('equity.show')}
      </button>
      <button type="button" className="st-button st-button--secondary" onClick={onCancel}>
        {t('identity.cancel')}
      </button>
    </form>
  );
}

function ShownAnswers({ form, answers, onChange, onHide }: { form: Form; answers: Schemas['EquityAnswersView']; onChange: () => void; onHide: () => void }) {
  const { t } = useTranslation();
  const label = (list: { code: string; label: string }[], code: string | null) => list.find((x) => x.code === code)?.label ?? code ?? '';
  const given = answers.answers as Answers;
  return (
    <div className="st-identity__card" data-testid="equity-answers">
      {answers.asked === 'NOT_ASKED' ? (
        <p>{t('equity.notAskedBecause', { reason: label(form.notAskedReasons, answers.notAskedReason) })}</p>
      ) : (
        <ul className="st-equity__answers">
          <li>
            <strong>{t('equity.answeredByLegend')}</strong> {label(form.answeredBy, answers.answeredBy)}
          </li>
          {form.questions.map((q) => (
            <li key={q.code} data-testid={`equity-a-${q.code}`}>
              <strong>{q.label}</strong>{' '}
              {given[q.code]?.length === 1 ? (
                label(q.options, given[q.code][0])
              ) : given[q.code]?.length ? (
                // one choice a line: a label may hold a comma ("Yes, Inuit"), so a joined list would not read
                <ul className="st-equity__choices">
                  {given[q.code].map((c) => (
                    <li key={c}>{label(q.options, c)}</li>
                  ))}
                </ul>
              ) : (
                t('equity.notAnswered')
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="st-hint">{t('identity.recordedNote')}</p>
      <button type="button" className="st-button st-button--secondary" onClick={onChange} data-testid="equity-change">
        {t('equity.change')}
      </button>
      <button type="button" className="st-button st-button--secondary" onClick={onHide}>
        {t('equity.hide')}
      </button>
    </div>
  );
}

function Withdraw({ situation, onDone }: { situation: Situation; onDone: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.DELETE('/api/v1/situations/{id}/equity', { params: { path: { id: situation.id } } }));
      onDone(true);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <div className="st-alert st-alert--warning" data-testid="equity-withdraw-confirm">
      <ErrorSummary error={error} />
      <p>{t('equity.withdrawConfirm')}</p>
      <button type="button" className="st-button st-button--primary" onClick={confirm} disabled={busy} data-testid="equity-withdraw-yes">
        {t('equity.withdraw')}
      </button>
      <button type="button" className="st-button st-button--secondary" onClick={() => onDone(false)}>
        {t('identity.cancel')}
      </button>
    </div>
  );
}
