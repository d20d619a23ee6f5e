import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { CheckboxGrid } from '../../components/CheckboxGrid';
import { ErrorSummary } from '../../components/ErrorMessage';
import { formatDateTime, formatNumber } from '../../i18n';
import { useLabels } from '../coordination/reference';
import './agenda-items.css';

type Entry = Schemas['AgendaEntryView'];
type ItemsView = Schemas['AgendaItemsView'];

/**
 * The agenda as ordered items (issue 16): the coordinator moves items up and down (each move is
 * announced), adds a situation by its reference, removes, defers to the next meeting, and marks
 * discussed; each item shows its status, what was taken on it at this meeting, and the sectors its
 * referral needs that nobody present sits for. Read with the board's agenda (`items`).
 */
export function AgendaItems({ meetingId, items, editable }: { meetingId: string; items: Entry[] | undefined; editable: boolean }) {
  const { t } = useTranslation();
  const label = useLabels();
  const queryClient = useQueryClient();
  const [announce, setAnnounce] = useState('');
  const focusAfter = useRef<string | null>(null);
  const apply = (view: ItemsView) => queryClient.setQueryData<Schemas['AgendaView']>(['agenda', meetingId], (old) => (old ? { ...old, items: view.items } : old));
  const change = useMutation({
    mutationFn: async (op: { kind: 'order'; ids: string[] } | { kind: 'remove' | 'defer' | 'discussed'; id: string }) => {
      const path = { id: meetingId };
      if (op.kind === 'order') return unwrap(api.PUT('/api/v1/meetings/{id}/agenda/order', { params: { path }, body: { situationIds: op.ids } }));
      if (op.kind === 'remove') return unwrap(api.DELETE('/api/v1/meetings/{id}/agenda/items/{situationId}', { params: { path: { ...path, situationId: op.id } } }));
      if (op.kind === 'defer') return unwrap(api.POST('/api/v1/meetings/{id}/agenda/items/{situationId}/defer', { params: { path: { ...path, situationId: op.id } } }));
      return unwrap(api.POST('/api/v1/meetings/{id}/agenda/items/{situationId}/discussed', { params: { path: { ...path, situationId: op.id } } }));
    },
    onSuccess: (view, op) => {
      apply(view);
      const id = op.kind === 'order' ? op.ids.find((x) => x === focusAfter.current) : op.id;
      const item = view.items.find((i) => i.situationId === id);
      if (!item) return;
      const active = view.items.filter((i) => i.status !== 'REMOVED').length;
      if (op.kind === 'order') setAnnounce(t('agendaItems.moved', { ref: item.reference, position: formatNumber(item.position), total: formatNumber(active) }));
      else setAnnounce(t(`agendaItems.done.${op.kind}`, { ref: item.reference }));
    },
  });
  // After a move, the focus stays on the moved item's button (the other one when it reached an end).
  useEffect(() => {
    const id = focusAfter.current;
    if (!id || change.isPending) return;
    const up = document.getElementById(`move-up-${id}`) as HTMLButtonElement | null;
    const down = document.getElementById(`move-down-${id}`) as HTMLButtonElement | null;
    const target = up && !up.disabled && document.activeElement !== down ? up : down && !down.disabled ? down : up;
    target?.focus();
    focusAfter.current = null;
  }, [items, change.isPending]);

  if (!items) return null;
  const active = items.filter((i) => i.status !== 'REMOVED');
  const removed = items.filter((i) => i.status === 'REMOVED');
  const move = (index: number, by: -1 | 1) => {
    const ids = active.map((i) => i.situationId);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved);
    focusAfter.current = moved;
    change.mutate({ kind: 'order', ids });
  };

  return (
    <section aria-labelledby="agenda-items-title" className="st-panel" data-testid="agenda-items">
      <h2 id="agenda-items-title">{t('agendaItems.title')}</h2>
      <p className="st-hint">{t('agendaItems.explain')}</p>
      <ErrorSummary error={change.error} />
      <p className="st-visually-hidden" role="status" aria-live="polite" data-testid="agenda-items-announce">
        {announce}
      </p>
      {active.length === 0 ? (
        <p>{t('agendaItems.empty')}</p>
      ) : (
        <ol className="st-agenda-items">
          {active.map((item, index) => (
            <li key={item.situationId} className="st-agenda-item" data-testid="agenda-item" data-reference={item.reference} data-status={item.status}>
              <div className="st-agenda-item__head">
                <span className="st-agenda-item__ref">{item.reference}</span>
                <span className={`st-item-status st-item-status--${item.status.toLowerCase()}`}>{t(`agendaItems.status.${item.status}`)}</span>
                <span className="st-hint">
                  {t(`coord.status.${item.situationStatus}`)} · {t(`agendaItems.origin.${item.origin}`)}
                </span>
              </div>
              {item.sectorsAbsent.length > 0 && (
                <p className="st-alert st-alert--warning st-alert--inline" data-testid="sectors-absent">
                  {t('agendaItems.sectorsAbsent', { sectors: item.sectorsAbsent.map((s) => label('sectors', s)).join(', ') })}
                </p>
              )}
              {item.taken.length > 0 && (
                <ul className="st-agenda-item__taken" aria-label={t('agendaItems.takenLabel', { ref: item.reference })} data-testid="agenda-item-taken">
                  {item.taken.map((k, n) => (
                    <li key={n}>
                      {t(`agendaItems.taken.${k.kind}`)}
                      {k.outcome && <> ({t(`agendaItems.outcome.${k.outcome}`)})</>} · {formatDateTime(k.at)}
                      {k.sectorsAbsent.length > 0 && <> · {t('agendaItems.decidedWithout', { sectors: k.sectorsAbsent.map((s) => label('sectors', s)).join(', ') })}</>}
                    </li>
                  ))}
                </ul>
              )}
              {item.status === 'DEFERRED' && <p className="st-hint">{t('agendaItems.deferredNote')}</p>}
              {item.status === 'DISCUSSED' && item.discussedAt && <p className="st-hint">{t('agendaItems.discussedAt', { when: formatDateTime(item.discussedAt) })}</p>}
              {editable && (
                <div className="st-agenda-item__actions">
                  <button
                    type="button"
                    id={`move-up-${item.situationId}`}
                    className="st-button st-button--tertiary st-button--small"
                    disabled={index === 0 || change.isPending}
                    onClick={() => move(index, -1)}
                  >
                    <span aria-hidden="true">↑ </span>
                    {t('agendaItems.moveUp', { ref: item.reference })}
                  </button>
                  <button
                    type="button"
                    id={`move-down-${item.situationId}`}
                    className="st-button st-button--tertiary st-button--small"
                    disabled={index === active.length - 1 || change.isPending}
                    onClick={() => move(index, 1)}
                  >
                    <span aria-hidden="true">↓ </span>
                    {t('agendaItems.moveDown', { ref: item.reference })}
                  </button>
                  {item.status === 'LISTED' && (
                    <>
                      <button
                        type="button"
                        className="st-button st-button--secondary st-button--small"
                        disabled={change.isPending}
                        onClick={() => change.mutate({ kind: 'discussed', id: item.situationId })}
                      >
                        {t('agendaItems.markDiscussed', { ref: item.reference })}
                      </button>
                      <button
                        type="button"
                        className="st-button st-button--secondary st-button--small"
                        disabled={change.isPending}
                        onClick={() => change.mutate({ kind: 'defer', id: item.situationId })}
                      >
                        {t('agendaItems.defer', { ref: item.reference })}
                      </button>
                      <button
                        type="button"
                        className="st-button st-button--tertiary st-button--small"
                        disabled={change.isPending}
                        onClick={() => change.mutate({ kind: 'remove', id: item.situationId })}
                      >
                        {t('agendaItems.remove', { ref: item.reference })}
                      </button>
                    </>
                  )}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {removed.length > 0 && (
        <p className="st-hint" data-testid="agenda-items-removed">
          {t('agendaItems.removedList', { refs: removed.map((i) => i.reference).join(', ') })}
        </p>
      )}
      {editable && (
        <AddItem
          meetingId={meetingId}
          onAdded={(view, ref) => {
            apply(view);
            setAnnounce(t('agendaItems.done.added', { ref }));
          }}
        />
      )}
    </section>
  );
}

function AddItem({ meetingId, onAdded }: { meetingId: string; onAdded(view: ItemsView, reference: string): void }) {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const add = useMutation({
    mutationFn: (ref: string) => unwrap(api.POST('/api/v1/meetings/{id}/agenda/items', { params: { path: { id: meetingId } }, body: { reference: ref } })),
    onSuccess: (view, ref) => {
      onAdded(view, ref.toUpperCase());
      setReference('');
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (reference.trim()) add.mutate(reference.trim());
  }
  return (
    <form onSubmit={submit} noValidate className="st-agenda-add" data-testid="agenda-add">
      <ErrorSummary error={add.error} />
      <label className="ontario-label" htmlFor="agenda-add-reference">
        {t('agendaItems.addLabel')}
      </label>
      <p className="st-hint" id="agenda-add-hint">
        {t('agendaItems.addHint')}
      </p>
      <div className="st-agenda-add__row">
        <input
          id="agenda-add-reference"
          className="ontario-input"
          aria-describedby="agenda-add-hint"
          value={reference}
          maxLength={40}
          autoComplete="off"
          onChange={(e) => setReference(e.target.value)}
        />
        <button type="submit" className="st-button st-button--secondary" disabled={add.isPending}>
          {t('agendaItems.add')}
        </button>
      </div>
    </form>
  );
}

/**
 * Attendance by person: the table's members (name, agency, sector), ticked and saved; the sectors
 * present follow. Saving records the agencies of the people ticked too.
 */
export function AttendanceByPerson({ meeting }: { meeting: Schemas['MeetingView'] }) {
  const { t } = useTranslation();
  const label = useLabels();
  const queryClient = useQueryClient();
  const candidates = useQuery({
    queryKey: ['attendance-candidates', meeting.id],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/attendance/candidates', { params: { path: { id: meeting.id } } })),
    staleTime: 60_000,
  });
  const [chosen, setChosen] = useState<string[]>(meeting.attendees.map((a) => a.userId));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/meetings/{id}/attendance', { params: { path: { id: meeting.id } }, body: { attendees: chosen.map((userId) => ({ userId })) } })),
    onSuccess: (m) => {
      // the agencies of the people present, recorded here: the attendance-by-agency form follows them silently
      queryClient.setQueryData(attendanceRecordedHere(meeting.id), m.attendance);
      queryClient.setQueryData(['meeting', meeting.id], m);
      void queryClient.invalidateQueries({ queryKey: ['agenda', meeting.id] });
      setSaved(true);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  }
  return (
    <section aria-labelledby="attendees-title" className="st-panel" data-testid="attendees">
      <h2 id="attendees-title">{t('agendaItems.attendees.title')}</h2>
      <form onSubmit={submit} noValidate data-testid="attendees-form">
        <ErrorSummary error={save.error ?? candidates.error} />
        <fieldset className="ontario-fieldset">
          <legend className="ontario-fieldset__legend">{t('agendaItems.attendees.legend')}</legend>
          <CheckboxGrid
            idPrefix="attendee"
            options={(candidates.data ?? []).map((p) => ({ value: p.userId, label: `${p.displayName}, ${p.agencyName} (${label('sectors', p.sector)})` }))}
            chosen={chosen}
            onChange={(next) => {
              setSaved(false);
              setChosen(next);
            }}
          />
        </fieldset>
        <p data-testid="sectors-present">
          {meeting.sectorsPresent.length
            ? t('agendaItems.attendees.sectorsPresent', { sectors: meeting.sectorsPresent.map((s) => label('sectors', s)).join(', ') })
            : t('agendaItems.attendees.noneRecorded')}
        </p>
        {saved && (
          <p className="st-alert st-alert--success st-alert--inline" role="status" data-testid="attendees-saved">
            {t('agendaItems.attendees.saved', { n: formatNumber(meeting.attendees.length) })}
          </p>
        )}
        <button type="submit" className="st-button st-button--secondary" disabled={save.isPending}>
          {t('agendaItems.attendees.submit')}
        </button>
      </form>
    </section>
  );
}

/** The query key under which this page keeps the agencies it last recorded as present (not a server query). */
export const attendanceRecordedHere = (meetingId: string) => ['attendance-recorded-here', meetingId] as const;
