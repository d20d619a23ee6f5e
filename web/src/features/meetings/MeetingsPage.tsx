import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, locale } from '../../i18n';
import '../coordination/coordination.css';

/** The next whole hour, as a datetime-local value (the browser's time zone). */
function nextHour(): string {
  const d = new Date(Date.now() + 3_600_000);
  d.setMinutes(0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

/** The table's meetings (open ones first to the board, closed ones to their minutes) and a form to create one. */
export default function MeetingsPage() {
  const { t } = useTranslation();
  const { tableId } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle(t('meeting.listTitle'));
  const [when, setWhen] = useState(nextHour);
  const [kind, setKind] = useState<'REGULAR' | 'EMERGENCY'>('REGULAR');
  const meetings = useQuery({
    queryKey: ['meetings', tableId],
    // every page: the API lists meetings oldest first, and the newest are the ones wanted
    queryFn: async () => {
      const all: Schemas['MeetingView'][] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(api.GET('/api/v1/tables/{tableId}/meetings', { params: { path: { tableId: tableId! }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < 5000);
      return all;
    },
    enabled: !!tableId,
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/tables/{tableId}/meetings', { params: { path: { tableId: tableId! } }, body: { scheduledFor: new Date(when).toISOString(), kind } })),
    onSuccess: (m) => {
      void queryClient.invalidateQueries({ queryKey: ['meetings', tableId] });
      navigate(`/meetings/${m.id}`);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  const items = [...(meetings.data ?? [])].sort((a, b) => b.scheduledFor.localeCompare(a.scheduledFor));
  const open = items.filter((m) => m.status === 'OPEN');
  const closed = items.filter((m) => m.status !== 'OPEN');

  return (
    <>
      <h1>{t('meeting.listTitle')}</h1>
      <ErrorSummary error={meetings.error} />
      <section aria-labelledby="open-meetings">
        <h2 id="open-meetings">{t('meeting.openMeetings')}</h2>
        {meetings.isPending && <p role="status">{t('app.loading')}</p>}
        {meetings.isSuccess && open.length === 0 && <p>{t('meeting.noOpen')}</p>}
        {open.length > 0 && (
          <ul className="st-link-list" data-testid="open-meetings">
            {open.map((m) => (
              <li key={m.id}>
                <Link to={`/meetings/${m.id}`}>{t('meeting.openBoardOf', { date: formatDateTime(m.scheduledFor), kind: t(`meeting.kind.${m.kind}`) })}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="new-meeting" className="st-panel">
        <h2 id="new-meeting">{t('meeting.create')}</h2>
        <form onSubmit={submit} noValidate>
          <ErrorSummary
            error={create.error}
            fieldLabels={{ scheduledFor: t('meeting.when'), kind: t('meeting.kindLabel') }}
            fieldIds={{ scheduledFor: 'meeting-when', kind: 'meeting-kind' }}
          />
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="meeting-when">
              {t('meeting.when')}
            </label>
            <input
              className="ontario-input st-input--auto"
              id="meeting-when"
              type="datetime-local"
              lang={locale()}
              required
              value={when}
              onChange={(e) => setWhen(e.target.value)}
              aria-describedby="meeting-when-error"
            />
            <FieldError id="meeting-when-error" error={create.error} field="scheduledFor" />
          </div>
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="meeting-kind">
              {t('meeting.kindLabel')}
            </label>
            <select className="ontario-input ontario-dropdown st-input--auto" id="meeting-kind" value={kind} onChange={(e) => setKind(e.target.value as 'REGULAR' | 'EMERGENCY')}>
              <option value="REGULAR">{t('meeting.kind.REGULAR')}</option>
              <option value="EMERGENCY">{t('meeting.kind.EMERGENCY')}</option>
            </select>
          </div>
          <button type="submit" className="st-button st-button--primary" disabled={create.isPending || !when}>
            {t('meeting.createSubmit')}
          </button>
        </form>
      </section>
      {closed.length > 0 && (
        <section aria-labelledby="past-meetings">
          <h2 id="past-meetings">{t('meeting.pastMeetings')}</h2>
          <ul className="st-link-list">
            {closed.map((m) => (
              <li key={m.id}>
                <Link to={`/meetings/${m.id}/minutes`}>{t('meeting.minutesOf', { date: formatDateTime(m.scheduledFor), kind: t(`meeting.kind.${m.kind}`) })}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
