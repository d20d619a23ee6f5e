import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGrid } from '../../components/CheckboxGrid';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { live } from '../../api/queries';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { StaleNotice } from '../../components/StaleNotice';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatNumber } from '../../i18n';
import { useLabels, useTableAgencies } from '../coordination/reference';
import '../coordination/coordination.css';
import { layoutAgenda, SECTIONS, withStatus, type AgendaLayout, type AgendaRow, type Section } from './agenda-layout';
import { BoardDrafts } from './drafts';
import { SituationPanel } from './SituationPanel';
import { AgendaItems, AttendanceByPerson, attendanceRecordedHere } from './AgendaItems';
import { PublishAgenda } from './PublishAgenda';

type AgendaItem = Schemas['AgendaItem'];
type Row = AgendaRow<AgendaItem>;

/**
 * The meeting board, used live at the weekly meeting: attendance, the agenda in meeting order,
 * and for each situation its panel (decide, assign, mobilise, close, status update), then closing
 * the meeting and its minutes. All on one screen, every action a native control (keyboard first).
 * Several people work at once: the meeting (attendance, open or closed) and the agenda are read
 * again every few seconds while the tab is visible (`live`; each agenda read is audited, as any
 * read). A row keeps its place and shows the status its situation reached since (agenda-layout);
 * "Refresh the agenda" lays it out again in the server's order.
 */
export default function MeetingBoard() {
  const { meetingId = '' } = useParams();
  const { t } = useTranslation();
  const { tableId } = useSession();
  const queryClient = useQueryClient();
  const meeting = useQuery({
    queryKey: ['meeting', meetingId],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}', { params: { path: { id: meetingId } } })),
    ...live,
  });
  const agenda = useQuery({
    queryKey: ['agenda', meetingId],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/agenda', { params: { path: { id: meetingId } } })),
    ...live,
  });
  // The rows as laid out so far; `epoch` changes when the coordinator asks for the server's order again.
  const [epoch, setEpoch] = useState(0);
  const laidOut = useRef<{ epoch: number; layout: AgendaLayout<AgendaItem> } | null>(null);
  const layout = useMemo(() => {
    if (!agenda.data) return undefined;
    const previous = laidOut.current?.epoch === epoch ? laidOut.current.layout : undefined;
    laidOut.current = { epoch, layout: layoutAgenda(agenda.data, previous) };
    return laidOut.current.layout;
  }, [agenda.data, epoch]);
  const m = meeting.data;
  const title = m ? t('meeting.boardTitle', { date: formatDateTime(m.scheduledFor) }) : t('nav.meetings');
  usePageTitle(title);
  const editable = m?.status === 'OPEN';
  const drafts = useRef(new BoardDrafts()).current;
  const [expanded, setExpanded] = useState<string | null>(null);
  // An action on the board (or a change seen in a panel) shows on its row at once, before the next read.
  const onStatus = useCallback(
    (id: string, status: string) => queryClient.setQueryData<Schemas['AgendaView']>(['agenda', meetingId], (old) => old && withStatus(old, id, status)),
    [queryClient, meetingId],
  );
  const onToggle = useCallback((key: string) => setExpanded((k) => (k === key ? null : key)), []);
  const refetchAgenda = agenda.refetch;
  const refresh = useCallback(async () => {
    setEpoch((e) => e + 1);
    await refetchAgenda();
  }, [refetchAgenda]);

  return (
    <div className="st-board" data-testid="meeting-board">
      <h1>{title}</h1>
      {/* a failed re-read keeps what is shown and says so quietly (no alert stealing the focus) */}
      <ErrorSummary error={(meeting.data ? null : meeting.error) ?? (agenda.data ? null : agenda.error)} />
      <StaleNotice error={(meeting.data && meeting.error) || (agenda.data && agenda.error)} />
      {m && (
        // a status: closed by someone else meanwhile (read again), it is announced
        <p className="st-lead" role="status" data-testid="meeting-state">
          {t(`meeting.kind.${m.kind}`)} · {t(`meeting.status.${m.status}`)}
          {!editable && (
            <>
              {' · '}
              <Link to={`/meetings/${m.id}/minutes`}>{t('meeting.seeMinutes')}</Link>
            </>
          )}
        </p>
      )}
      {m && editable && <PublishAgenda meeting={m} />}
      {m && editable && <Attendance meeting={m} tableId={tableId} />}
      {m && editable && <AttendanceByPerson meeting={m} />}
      <section aria-labelledby="agenda-title">
        <div className="st-section-head">
          <h2 id="agenda-title">{t('meeting.agenda')}</h2>
          <RefreshButton refresh={refresh} />
        </div>
        {agenda.isPending && <p role="status">{t('app.loading')}</p>}
        {layout && (
          <p className="st-hint" role="status" data-testid="agenda-counts">
            {t('meeting.agendaCounts', {
              updates: formatNumber(layout.updates.length),
              news: formatNumber(layout.newSituations.length),
              overdue: formatNumber(layout.overdue.length),
            })}
          </p>
        )}
        {layout &&
          SECTIONS.map((section, i) => (
            <AgendaSection
              key={section}
              section={section}
              order={i + 1}
              rows={layout[section]}
              expanded={expanded}
              onToggle={onToggle}
              renderPanel={(item) => (
                <SituationPanel
                  situationId={item.situationId}
                  reference={item.reference}
                  meetingId={meetingId}
                  tableId={tableId}
                  editable={editable}
                  draft={drafts.of(item.situationId)}
                  onStatus={onStatus}
                  onClose={() => {
                    setExpanded(null);
                    document.getElementById(`toggle-${section}-${item.situationId}`)?.focus();
                  }}
                />
              )}
            />
          ))}
      </section>
      {/* after the sections: the board's rows stay the first stops of the keyboard after attendance */}
      <AgendaItems meetingId={meetingId} items={agenda.data?.items} editable={editable} />
      {m && editable && <CloseMeeting meetingId={m.id} />}
    </div>
  );
}

/** Disabled only while a refresh it asked for runs (a poll must not take the focus from it). */
function RefreshButton({ refresh }: { refresh(): Promise<unknown> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="st-button st-button--tertiary"
      data-testid="refresh-agenda"
      aria-disabled={busy || undefined}
      onClick={() => {
        if (busy) return;
        setBusy(true);
        void refresh().finally(() => setBusy(false));
      }}
    >
      {t('meeting.refreshAgenda')}
    </button>
  );
}

function AgendaSection({
  section,
  order,
  rows,
  expanded,
  onToggle,
  renderPanel,
}: {
  section: Section;
  order: number;
  rows: Row[];
  expanded: string | null;
  onToggle(key: string): void;
  renderPanel(item: AgendaItem): React.ReactNode;
}) {
  const { t } = useTranslation();
  const id = `agenda-${section}`;
  return (
    <section aria-labelledby={id} className="st-agenda-section" data-testid={id}>
      <h3 id={id}>
        {order}. {t(`meeting.section.${section}`)} <span className="st-count">({formatNumber(rows.length)})</span>
      </h3>
      {rows.length === 0 ? (
        <p>{t(`meeting.empty.${section}`)}</p>
      ) : (
        <table className="st-table st-agenda">
          <caption className="st-visually-hidden">{t(`meeting.section.${section}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('coord.fields.reference')}</th>
              <th scope="col">{t('coord.fields.type')}</th>
              <th scope="col">{t('coord.fields.ageBand')}</th>
              <th scope="col">{t('coord.fields.riskCategories')}</th>
              <th scope="col">{t('coord.fields.originatingSector')}</th>
              <th scope="col">{t(`meeting.column.${section}`)}</th>
              <th scope="col">
                <span className="st-visually-hidden">{t('meeting.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const key = `${section}:${row.first.situationId}`;
              const open = expanded === key;
              return (
                <AgendaRows key={key} row={row} open={open} onToggle={onToggle}>
                  {open ? renderPanel(row.current) : null}
                </AgendaRows>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * One agenda row (memoised: typing in one panel, or a read of the agenda that changed nothing of
 * this row, renders none of the other rows) and, when open, its panel.
 */
const AgendaRows = memo(function AgendaRows({ row, open, onToggle, children }: { row: Row; open: boolean; onToggle(key: string): void; children: React.ReactNode }) {
  const { t } = useTranslation();
  const label = useLabels();
  const { section, current: item } = row;
  const key = `${section}:${item.situationId}`;
  const panelId = `panel-${section}-${item.situationId}`;
  return (
    <>
      <tr data-testid="agenda-row" data-reference={item.reference} className={open ? 'st-agenda__row--open' : undefined}>
        <th scope="row">{item.reference}</th>
        <td>{label('situationTypes', item.situationType)}</td>
        <td>{label('ageBands', item.ageBand)}</td>
        <td>{item.riskCategories.map((c) => label('riskCategories', c)).join(', ')}</td>
        <td>{label('sectors', item.originatingSector)}</td>
        <td>
          <SectionFact row={row} />
        </td>
        <td>
          <button
            type="button"
            id={`toggle-${section}-${item.situationId}`}
            className="st-button st-button--secondary st-button--small"
            aria-expanded={open}
            aria-controls={open ? panelId : undefined}
            onClick={() => onToggle(key)}
          >
            {open ? t('meeting.hide', { ref: item.reference }) : t('meeting.discuss', { ref: item.reference })}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="st-agenda__panel-row">
          <td colSpan={7} id={panelId}>
            {children}
          </td>
        </tr>
      )}
    </>
  );
});

function StatusText({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`st-status st-status--${status.toLowerCase()}`}>{t(`coord.status.${status}`)}</span>;
}

/** A situation that left the agenda since the board was laid out: its status, read once. */
function GoneStatus({ situationId }: { situationId: string }) {
  const situation = useQuery({
    queryKey: ['situation', situationId],
    queryFn: () => unwrap(api.GET('/api/v1/situations/{id}', { params: { path: { id: situationId } } })),
    staleTime: Infinity,
  });
  return situation.data ? <StatusText status={situation.data.status} /> : null;
}

function SectionFact({ row }: { row: Row }) {
  const { t } = useTranslation();
  const { section, first, current: item } = row;
  const status = item.status;
  const statusText = <StatusText status={status} />;
  if (row.gone && status === first.status) return <GoneStatus situationId={item.situationId} />; // changed elsewhere
  if (status !== first.status) return statusText; // acted on during this meeting
  if (section === 'newSituations' && item.threshold) {
    return (
      <span className={item.threshold.meets ? 'st-met' : 'st-unmet'}>
        <span aria-hidden="true">{item.threshold.meets ? '✓ ' : '✗ '}</span>
        {item.threshold.meets ? t('coord.threshold.meetsShort') : t('coord.threshold.belowShort')}
      </span>
    );
  }
  if (section === 'overdue') return <>{t('meeting.hoursOverdue', { n: formatNumber(item.hoursOverdue ?? 0) })}</>;
  return (
    <>
      {statusText}
      {item.daysOpen !== undefined && <> · {t('meeting.daysOpen', { n: formatNumber(item.daysOpen) })}</>}
      {item.lastUpdateAt && <> · {t('meeting.lastUpdate', { when: formatDateTime(item.lastUpdateAt) })}</>}
    </>
  );
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Attendance. Recorded by someone else meanwhile (read again with the meeting): followed when
 * nothing was ticked here since, otherwise what was ticked here stays; either way it is said.
 */
function Attendance({ meeting, tableId }: { meeting: Schemas['MeetingView']; tableId: string | null }) {
  const { t } = useTranslation();
  const label = useLabels();
  const agencies = useTableAgencies(tableId);
  const queryClient = useQueryClient();
  const [present, setPresent] = useState<string[]>(meeting.attendance);
  const [saved, setSaved] = useState(false);
  const [changedBy, setChangedBy] = useState<'followed' | 'kept' | null>(null);
  // the recorded attendance the choices here started from
  const base = useRef(meeting.attendance);
  useEffect(() => {
    if (sameSet(meeting.attendance, base.current)) return;
    const edited = !sameSet(present, base.current);
    base.current = meeting.attendance;
    setSaved(false);
    if (!edited) setPresent(meeting.attendance);
    // Recorded on this page (attendance by person sets the agencies too): followed without a word.
    const here = queryClient.getQueryData<string[]>(attendanceRecordedHere(meeting.id));
    if (!edited && here && sameSet(here, meeting.attendance)) return setChangedBy(null);
    setChangedBy(edited && !sameSet(present, meeting.attendance) ? 'kept' : 'followed');
  }, [meeting.attendance, meeting.id, present, queryClient]);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/meetings/{id}/attendance', { params: { path: { id: meeting.id } }, body: { agencyIds: present } })),
    onSuccess: (m) => {
      base.current = m.attendance;
      queryClient.setQueryData(['meeting', meeting.id], m);
      setChangedBy(null);
      setSaved(true);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setChangedBy(null);
    save.mutate();
  }
  return (
    <section aria-labelledby="attendance-title" className="st-panel">
      <h2 id="attendance-title">{t('meeting.attendance.title')}</h2>
      <form onSubmit={submit} noValidate data-testid="attendance-form">
        <ErrorSummary error={save.error} />
        <fieldset className="ontario-fieldset">
          <legend className="ontario-fieldset__legend">{t('meeting.attendance.legend')}</legend>
          <CheckboxGrid
            idPrefix="attend"
            options={(agencies.data ?? []).map((a) => ({ value: a.agencyId, label: `${a.name} (${label('sectors', a.sector)})` }))}
            chosen={present}
            onChange={(next) => {
              setSaved(false);
              setPresent(next);
            }}
          />
        </fieldset>
        {saved && (
          <p className="st-alert st-alert--success st-alert--inline" role="status" data-testid="attendance-saved">
            {t('meeting.attendance.saved', { count: present.length, n: formatNumber(present.length) })}
          </p>
        )}
        <p className={changedBy ? 'st-alert st-alert--info st-alert--inline' : undefined} role="status" data-testid="attendance-changed">
          {changedBy && t(`meeting.attendance.changed.${changedBy}`, { count: meeting.attendance.length, n: formatNumber(meeting.attendance.length) })}
        </p>
        <button type="submit" className="st-button st-button--secondary" disabled={save.isPending}>
          {t('meeting.attendance.submit')}
        </button>
      </form>
    </section>
  );
}

/** Closing freezes the meeting (nothing more can be recorded in it) and produces its minutes: confirmed first. */
function CloseMeeting({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/meetings/{id}/close', { params: { path: { id: meetingId } } })),
    onSuccess: (minutes) => {
      queryClient.setQueryData(['minutes', meetingId], minutes);
      queryClient.setQueryData(['meeting', meetingId], minutes.meeting);
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
      navigate(`/meetings/${meetingId}/minutes`);
    },
  });
  useEffect(() => {
    const d = dialog.current;
    if (confirming && d && !d.open) d.showModal();
    if (!confirming && d?.open) d.close();
  }, [confirming]);
  return (
    <section aria-labelledby="close-meeting-title" className="st-panel">
      <h2 id="close-meeting-title">{t('meeting.close.title')}</h2>
      <p>{t('meeting.close.explain')}</p>
      <button type="button" ref={opener} className="st-button st-button--primary" onClick={() => setConfirming(true)} data-testid="close-meeting">
        {t('meeting.close.open')}
      </button>
      <dialog
        ref={dialog}
        className="st-dialog"
        aria-labelledby="close-confirm-title"
        onClose={() => {
          setConfirming(false);
          opener.current?.focus();
        }}
      >
        <h2 id="close-confirm-title">{t('meeting.close.confirmTitle')}</h2>
        <p>{t('meeting.close.confirmText')}</p>
        <ErrorSummary error={close.error} />
        <button type="button" className="st-button st-button--primary" onClick={() => close.mutate()} disabled={close.isPending} data-testid="confirm-close-meeting">
          {t('meeting.close.confirm')}
        </button>
        <button type="button" className="st-button st-button--secondary" onClick={() => setConfirming(false)}>
          {t('meeting.close.cancel')}
        </button>
      </dialog>
    </section>
  );
}
