import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatNumber } from '../../i18n';
import { useAgencyNames, useLabels } from '../coordination/reference';
import { ApproveMinutes, MinutesPdfButton, minutesKey } from './MinutesActions';
import '../coordination/coordination.css';

/**
 * The minutes of a meeting: who attended, and the decisions, assignments, mobilisations, status
 * updates and closures recorded in it. De-identified; printable (the print stylesheet keeps the
 * minutes only, in the language chosen).
 */
export default function MinutesPage() {
  const { meetingId = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const { tableId } = session;
  const coordinator = session.hasRole('COORDINATOR');
  const label = useLabels();
  const agency = useAgencyNames(tableId);
  const minutes = useQuery({
    queryKey: minutesKey(meetingId),
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}/minutes', { params: { path: { id: meetingId } } })),
  });
  const m = minutes.data;
  const title = m ? t('minutes.title', { date: formatDateTime(m.meeting.scheduledFor) }) : t('minutes.titleShort');
  usePageTitle(title);
  const empty = (rows: unknown[]) => rows.length === 0;

  return (
    <article className="st-minutes" data-testid="minutes">
      <h1>{title}</h1>
      <ErrorSummary error={minutes.error} />
      {minutes.isPending && <p role="status">{t('app.loading')}</p>}
      {m && (
        <>
          <dl className="st-facts st-minutes__facts">
            <div>
              <dt>{t('meeting.kindLabel')}</dt>
              <dd>{t(`meeting.kind.${m.meeting.kind}`)}</dd>
            </div>
            <div>
              <dt>{t('minutes.state')}</dt>
              <dd>{m.meeting.closedAt ? t('minutes.closedAt', { date: formatDateTime(m.meeting.closedAt) }) : t('minutes.stillOpen')}</dd>
            </div>
            <div>
              <dt>{t('minutes.status')}</dt>
              <dd data-testid="minutes-status" data-status={m.status}>
                {m.status === 'APPROVED' && m.approvedAt ? t('minutes.approvedOn', { date: formatDateTime(m.approvedAt), name: m.approvedBy ?? '' }) : t('minutes.draft')}
              </dd>
            </div>
          </dl>
          <div className="st-actions st-no-print">
            <button type="button" className="st-button st-button--primary" onClick={() => window.print()} data-testid="print-minutes">
              {t('minutes.print')}
            </button>
            <MinutesPdfButton meetingId={meetingId} />
            {coordinator && m.meeting.status === 'OPEN' && (
              <Link className="st-button st-button--secondary" to={`/meetings/${meetingId}`}>
                {t('minutes.backToBoard')}
              </Link>
            )}
          </div>
          {coordinator && <ApproveMinutes minutes={m} meetingId={meetingId} />}

          <section aria-labelledby="min-attendance">
            <h2 id="min-attendance">
              {t('minutes.attendance')} ({formatNumber(m.attendance.length)})
            </h2>
            {empty(m.attendance) ? (
              <p>{t('minutes.none')}</p>
            ) : (
              <ul data-testid="minutes-attendance">
                {m.attendance.map((a) => (
                  <li key={a.agencyId}>
                    {a.name} ({label('sectors', a.sector)})
                  </li>
                ))}
              </ul>
            )}
          </section>

          <MinutesTable
            id="min-decisions"
            title={t('minutes.decisions')}
            headers={[t('coord.fields.reference'), t('minutes.outcome'), t('minutes.advice'), t('minutes.rationale'), t('minutes.at')]}
            rows={m.decisions.map((d) => [
              d.reference,
              t(`meeting.outcome.${d.outcome}`),
              d.againstAdvice ? t('minutes.againstAdvice') : t('minutes.withAdvice'),
              d.rationale ?? t('minutes.noneShort'),
              formatDateTime(d.at),
            ])}
          />
          <MinutesTable
            id="min-assignments"
            title={t('minutes.assignments')}
            headers={[t('coord.fields.reference'), t('minutes.lead'), t('minutes.assisting'), t('minutes.at')]}
            rows={m.assignments.map((a) => [
              a.reference,
              `${agency(a.leadAgencyId)} (${label('sectors', a.leadSector)})`,
              a.assistingAgencyIds.map(agency).join(', ') || t('minutes.noneShort'),
              formatDateTime(a.at),
            ])}
          />
          <MinutesTable
            id="min-mobilizations"
            title={t('minutes.mobilizations')}
            headers={[t('coord.fields.reference'), t('minutes.services'), t('minutes.at')]}
            rows={m.mobilizations.map((x) => [x.reference, x.services.map((s) => label('services', s)).join(', '), formatDateTime(x.at)])}
          />
          <MinutesTable
            id="min-updates"
            title={t('minutes.updates')}
            headers={[t('coord.fields.reference'), t('minutes.by'), t('minutes.note'), t('minutes.at')]}
            rows={m.updates.map((u) => [u.reference, agency(u.authorAgencyId), u.note, formatDateTime(u.at)])}
          />
          <MinutesTable
            id="min-closures"
            title={t('minutes.closures')}
            headers={[t('coord.fields.reference'), t('minutes.conclusion'), t('minutes.consent'), t('minutes.at')]}
            rows={m.closures.map((c) => [c.reference, label('conclusions', c.conclusion), label('consentStatuses', c.consentStatus), formatDateTime(c.at)])}
          />
          <p className="st-hint st-minutes__footer">{t('minutes.deidentified')}</p>
        </>
      )}
    </article>
  );
}

function MinutesTable({ id, title, headers, rows }: { id: string; title: string; headers: string[]; rows: string[][] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id} className="st-minutes__section">
      <h2 id={id}>
        {title} ({formatNumber(rows.length)})
      </h2>
      {rows.length === 0 ? (
        <p>{t('minutes.none')}</p>
      ) : (
        <table className="st-table" aria-labelledby={id} data-testid={id}>
          <thead>
            <tr>
              {headers.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r[0]}</th>
                {r.slice(1).map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
