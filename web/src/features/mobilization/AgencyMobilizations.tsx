import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { CheckboxGrid } from '../../components/CheckboxGrid';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { instantToSend, localNow } from '../../datetime';
import { formatDateTime, locale } from '../../i18n';
import { useTableAgencies, useTaxonomy } from '../coordination/reference';

type Situation = Schemas['SituationView'];
type AgencyMobilization = Schemas['AgencyMobilizationView'];
type ServiceCode = Schemas['MobilizationDto']['services'][number];

interface Props {
  situation: Situation;
  agencyName(id: string): string;
  services: readonly { code: string; label: string }[];
  /** may the user act for this agency: a coordinator for any, a representative for its own */
  mayAct(agencyId: string): boolean;
  /** agencies whose mobilisation another form of the page records (the board's lead form while ASSIGNED) */
  recordedElsewhere?(a: AgencyMobilization): boolean;
  meetingId?: string;
  /** unique per page: ids of the forms and fields */
  idPrefix: string;
  headingLevel: 2 | 4;
  /** the situation as the server answered, and what to announce */
  onSaved(next: Situation, message: string): void;
  /** a conflict the page shows itself (the board's); false: the form shows the error */
  onRefused?(err: unknown): Promise<boolean>;
  /** the component announces its own success (the agency's page; the board announces it in its panel) */
  announce?: boolean;
}

type Open = { agencyId: string; kind: 'record' | 'services' } | null;

/**
 * Each intervening agency of the current assignment (issue 16): its role, when it mobilised and
 * the services it connected; for the agencies the user may act for, recording the mobilisation
 * (`POST /situations/:id/mobilization` with `agencyId`) and changing the services connected
 * afterwards (`PUT /situations/:id/agencies/:agencyId/services`), one form at a time, each with
 * the version read (If-Match).
 */
export function AgencyMobilizations({ situation: s, agencyName, services, mayAct, recordedElsewhere, meetingId, idPrefix, headingLevel, onSaved, onRefused, announce }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const agencies = s.agencies ?? [];
  if (agencies.length === 0) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  const active = s.status === 'ASSIGNED' || s.status === 'MOBILIZED';
  const label = (code: string) => services.find((x) => x.code === code)?.label ?? code;
  const canRecord = (a: AgencyMobilization) => active && !a.mobilizedAt && mayAct(a.agencyId) && !recordedElsewhere?.(a);
  const canChange = (a: AgencyMobilization) => active && !!a.mobilizedAt && mayAct(a.agencyId);
  const anyAction = agencies.some((a) => canRecord(a) || canChange(a));
  const current = open ? agencies.find((a) => a.agencyId === open.agencyId) : undefined;

  function saved(next: Situation, message: string) {
    setOpen(null);
    onSaved(next, message);
    if (announce) {
      setDone(message);
      setTimeout(() => doneRef.current?.focus(), 0);
    }
  }

  return (
    <section aria-labelledby={`${idPrefix}-title`} className="st-section" data-testid="agency-mobilizations">
      <Heading id={`${idPrefix}-title`}>{t('agencyMobilization.title')}</Heading>
      {announce && done && (
        <p className="st-alert st-alert--success" role="status" tabIndex={-1} ref={doneRef} data-testid="agency-mobilization-done">
          {done}
        </p>
      )}
      <table className="st-table">
        <thead>
          <tr>
            <th scope="col">{t('agencyMobilization.agency')}</th>
            <th scope="col">{t('agencyMobilization.role')}</th>
            <th scope="col">{t('agencyMobilization.mobilizedAt')}</th>
            <th scope="col">{t('agencyMobilization.services')}</th>
            {anyAction && <th scope="col">{t('agencyMobilization.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {agencies.map((a) => {
            const name = agencyName(a.agencyId);
            const expanded = open?.agencyId === a.agencyId;
            return (
              <tr key={a.agencyId} data-agency-id={a.agencyId} data-testid="agency-mobilization-row">
                <th scope="row">{name}</th>
                <td>{t(`agencyMobilization.roles.${a.role}`)}</td>
                <td>{a.mobilizedAt ? <time dateTime={a.mobilizedAt}>{formatDateTime(a.mobilizedAt)}</time> : t('agencyMobilization.notYet')}</td>
                <td>{a.services.length ? a.services.map(label).join(', ') : '—'}</td>
                {anyAction && (
                  <td>
                    {(canRecord(a) || canChange(a)) && (
                      <button
                        type="button"
                        className="st-button st-button--secondary"
                        aria-expanded={expanded}
                        aria-controls={expanded ? `${idPrefix}-form` : undefined}
                        data-testid={canRecord(a) ? 'agency-record' : 'agency-change-services'}
                        onClick={() => setOpen(expanded ? null : { agencyId: a.agencyId, kind: canRecord(a) ? 'record' : 'services' })}
                      >
                        {canRecord(a) ? t('agencyMobilization.recordFor', { agency: name }) : t('agencyMobilization.changeFor', { agency: name })}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {open && current && (
        <AgencyForm
          key={`${open.agencyId}-${open.kind}`}
          kind={open.kind}
          situation={s}
          agency={current}
          agencyLabel={agencyName(current.agencyId)}
          services={services}
          meetingId={meetingId}
          id={`${idPrefix}-form`}
          headingLevel={headingLevel === 2 ? 3 : 5}
          onSaved={saved}
          onRefused={onRefused}
          onCancel={() => setOpen(null)}
        />
      )}
    </section>
  );
}

function AgencyForm({
  kind,
  situation: s,
  agency,
  agencyLabel,
  services,
  meetingId,
  id,
  headingLevel,
  onSaved,
  onRefused,
  onCancel,
}: {
  kind: 'record' | 'services';
  situation: Situation;
  agency: AgencyMobilization;
  agencyLabel: string;
  services: readonly { code: string; label: string }[];
  meetingId?: string;
  id: string;
  headingLevel: 3 | 5;
  onSaved(next: Situation, message: string): void;
  onRefused?(err: unknown): Promise<boolean>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [initialAt] = useState(localNow);
  const [at, setAt] = useState(initialAt);
  const [chosen, setChosen] = useState<string[]>(kind === 'services' ? agency.services : []);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const Heading = headingLevel === 3 ? 'h3' : 'h5';
  const names = (codes: readonly string[]) => codes.map((c) => services.find((x) => x.code === c)?.label ?? c).join(', ');
  const header = { 'If-Match': String(s.version ?? '') };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setMissing(chosen.length === 0);
    if (chosen.length === 0) return;
    setBusy(true);
    try {
      const codes = chosen as ServiceCode[];
      if (kind === 'record') {
        const next = await unwrap(
          api.POST('/api/v1/situations/{id}/mobilization', {
            params: { path: { id: s.id }, header },
            body: { mobilizedAt: instantToSend(at, initialAt), services: codes, agencyId: agency.agencyId, ...(meetingId ? { meetingId } : {}) },
          }),
        );
        onSaved(next, t('agencyMobilization.recorded', { agency: agencyLabel, services: names(codes) }));
      } else {
        const next = await unwrap(
          api.PUT('/api/v1/situations/{id}/agencies/{agencyId}/services', { params: { path: { id: s.id, agencyId: agency.agencyId }, header }, body: { services: codes } }),
        );
        onSaved(next, t('agencyMobilization.servicesSaved', { agency: agencyLabel, services: names(codes) }));
      }
    } catch (err) {
      if (!(await onRefused?.(err))) setError(err);
    } finally {
      setBusy(false);
    }
  }

  const title = kind === 'record' ? t('agencyMobilization.recordTitle', { agency: agencyLabel }) : t('agencyMobilization.servicesTitle', { agency: agencyLabel });
  return (
    <form id={id} onSubmit={(e) => void submit(e)} noValidate className="st-board-form" aria-labelledby={`${id}-title`} data-testid={`agency-form-${kind}`}>
      <Heading id={`${id}-title`}>{title}</Heading>
      <ErrorSummary
        error={error}
        fieldLabels={{ mobilizedAt: t('agencyMobilization.when'), services: t('agencyMobilization.servicesConnected'), agencyId: t('agencyMobilization.agency') }}
        fieldIds={{ mobilizedAt: `${id}-at`, services: `${id}-services` }}
      />
      {kind === 'record' && (
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor={`${id}-at`}>
            {t('agencyMobilization.when')}
          </label>
          <p className="st-hint" id={`${id}-at-hint`}>
            {t('agencyMobilization.whenHint')}
          </p>
          <FieldError id={`${id}-at-error`} error={error} field="mobilizedAt" />
          <input
            className="ontario-input ontario-input--20-char-width"
            id={`${id}-at`}
            type="datetime-local"
            lang={locale()}
            step={1}
            value={at}
            aria-describedby={`${id}-at-hint ${id}-at-error`}
            onChange={(e) => setAt(e.target.value)}
          />
        </div>
      )}
      <fieldset className="ontario-fieldset" id={`${id}-services`} tabIndex={-1} aria-describedby={missing ? `${id}-services-missing` : undefined}>
        <legend className="ontario-fieldset__legend">{t('agencyMobilization.servicesConnected')}</legend>
        {missing && (
          <p className="st-field-error" id={`${id}-services-missing`} role="alert">
            {t('agencyMobilization.chooseServices')}
          </p>
        )}
        <FieldError id={`${id}-services-error`} error={error} field="services" />
        <CheckboxGrid idPrefix={`${id}-sv`} options={services.map((sv) => ({ value: sv.code, label: sv.label }))} chosen={chosen} onChange={setChosen} />
      </fieldset>
      <button type="submit" className="st-button st-button--primary" disabled={busy} data-testid="agency-form-submit">
        {kind === 'record' ? t('agencyMobilization.record') : t('agencyMobilization.saveServices')}
      </button>
      <button type="button" className="st-button st-button--tertiary" onClick={onCancel}>
        {t('agencyMobilization.cancel')}
      </button>
    </form>
  );
}

/**
 * The board's panel: every intervening agency's mobilisation and services; the coordinator records
 * any agency's and changes any agency's services (the lead's first mobilisation keeps its own form
 * above while ASSIGNED). Without `editable` (a closed meeting) the table only.
 */
export function BoardAgencyMobilizations({
  situation,
  tableId,
  meetingId,
  editable,
  recorded,
  refused,
}: {
  situation: Situation;
  tableId: string | null;
  meetingId: string;
  editable: boolean;
  recorded(next: Situation, message: string): Promise<void>;
  refused(err: unknown): Promise<boolean>;
}) {
  const agencies = useTableAgencies(tableId);
  const taxonomy = useTaxonomy();
  return (
    <AgencyMobilizations
      situation={situation}
      agencyName={(id) => agencies.data?.find((a) => a.agencyId === id)?.name ?? id}
      services={taxonomy.data?.services ?? []}
      mayAct={() => editable}
      recordedElsewhere={(a) => a.role === 'LEAD' && situation.status === 'ASSIGNED'}
      meetingId={meetingId}
      idPrefix={`p-${situation.id}-agencies`}
      headingLevel={4}
      onSaved={(next, message) => void recorded(next, message)}
      onRefused={refused}
    />
  );
}
