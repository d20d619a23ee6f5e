import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { labelOf, useTableAgencies, useTaxonomy } from '../../api/queries';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { formatDate, formatDateTime } from '../../i18n';

type Entry = Schemas['TimelineEntryView'];

/** The label of a code of the taxonomy's `labels` lists (action reasons, contact outcomes), or the code. */
const described = (list: { code: string; label: string }[] | undefined, code: string | null | undefined): string =>
  code ? (list?.find((l) => l.code === code)?.label ?? code) : '';

/** The query key of a situation's timeline: invalidate it after any change to the situation. */
export const timelineKey = (situationId: string) => ['timeline', situationId] as const;

/**
 * A situation's timeline from `GET /situations/:id/timeline`, oldest first: every step with the
 * acting agency and its time (in the reader's language and time zone), every status update with
 * its note, and "Load more" while the server has more. De-identified: no identity, no user names.
 */
export function SituationTimeline({ situationId, headingLevel = 2 }: { situationId: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const { tableId } = useSession();
  const taxonomy = useTaxonomy().data;
  const agencies = useTableAgencies(tableId).data;
  const query = useInfiniteQuery({
    queryKey: timelineKey(situationId),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/situations/{id}/timeline', { params: { path: { id: situationId }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = (query.data?.pages ?? []).flatMap((p) => p.items);
  const agencyName = (id: string | null | undefined) => (id ? (agencies?.find((a) => a.agencyId === id)?.name ?? '') : '');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  /** What the step says beyond its kind (none for an intake or an update: the kind and the note say it). */
  function text(e: Entry): string | null {
    const d = e.details;
    switch (e.kind) {
      case 'INTAKE':
        return null;
      case 'EDIT':
        return d.resubmitted ? t('timeline.resubmitted') : t('timeline.edited');
      case 'DECISION':
        if (!d.outcome) return t('timeline.decided');
        if (d.outcome === 'DEFERRED') return t('timeline.deferred');
        return t(d.outcome === 'AER' ? 'timeline.accepted' : 'timeline.rejected') + (d.againstAdvice ? ` ${t('timeline.againstAdvice')}` : '');
      case 'WITHDRAWAL':
        return t('timeline.withdrawn');
      case 'ASSIGNMENT': {
        if (!d.leadAgencyId) return t('timeline.other');
        const lead = t(d.reassignment ? 'timeline.reassigned' : 'timeline.assigned', { agency: agencyName(d.leadAgencyId) });
        return d.assistingAgencyIds?.length ? `${lead} ${t('timeline.assisting', { agencies: d.assistingAgencyIds.map(agencyName).join(', ') })}` : lead;
      }
      case 'MOBILIZATION': {
        if (!d.services) return t('timeline.other');
        const when = formatDateTime(d.mobilizedAt ?? e.at);
        const services = d.services.map((c) => labelOf(taxonomy?.services, c)).join(', ');
        // Per agency since issue 16: which agency mobilised, in which role; before, the situation's (the lead's).
        if (!d.agencyId || !d.agencyRole) return t('timeline.mobilizedAt', { when, services });
        const line = t('timeline.agencyMobilized', { agency: agencyName(d.agencyId), role: t(`timeline.roles.${d.agencyRole}`), when, services });
        return d.leadAccepted ? `${line} ${t('timeline.leadAcceptedBy')}` : line;
      }
      case 'SERVICES':
        return t('timeline.servicesChanged', { agency: agencyName(d.agencyId), services: (d.services ?? []).map((c) => labelOf(taxonomy?.services, c)).join(', ') });
      case 'UPDATE':
        return null;
      case 'ACTION':
        if (!d.actionStatus) return t('timeline.other');
        if (d.actionStatus === 'PLANNED') return t('timeline.actionPlanned', { due: d.dueDate ? formatDate(`${d.dueDate}T12:00:00Z`, 'UTC') : '' });
        if (d.actionStatus === 'DONE') return t('timeline.actionDone');
        return t('timeline.actionNotDone', { reason: described(taxonomy?.labels.actionNotDoneReasons, d.reasonCode) });
      case 'CONTACT_ATTEMPT':
        if (!d.contactOutcome) return t('timeline.other');
        return t('timeline.contactAttempt', { when: formatDateTime(d.attemptedAt ?? e.at), outcome: described(taxonomy?.labels.contactOutcomes, d.contactOutcome) });
      case 'CLOSURE':
        if (!d.conclusion) return t('timeline.other');
        return `${t('timeline.closed', { conclusion: labelOf(taxonomy?.conclusions, d.conclusion) })} ${t('timeline.consent', { consent: labelOf(taxonomy?.consentStatuses, d.consentStatus) })}`;
      case 'REOPENING':
        return t('timeline.reopened', { status: t(`status.${d.toStatus ?? ''}`, { defaultValue: d.toStatus ?? '' }) });
      case 'DUPLICATE':
        return d.duplicateOfReference ? t('timeline.duplicateOf', { reference: d.duplicateOfReference }) : t('timeline.other');
      case 'DUPLICATE_LINKED':
        return d.duplicateReference ? t('timeline.duplicateLinked', { reference: d.duplicateReference }) : t('timeline.other');
      case 'STATUS_CHANGE':
        if (d.action === 'ACCEPT_LEAD') return t('timeline.leadAccepted');
        if (d.action === 'DECLINE_LEAD') return t('timeline.leadDeclined');
        return d.toStatus && d.fromStatus !== d.toStatus ? t('timeline.statusChange', { status: t(`status.${d.toStatus}`, { defaultValue: d.toStatus }) }) : t('timeline.other');
    }
  }
  /** De-identified text the step carries (a decision's rationale, an update's note), shown as written. */
  const quoted = (e: Entry): string | null | undefined =>
    e.kind === 'DECISION' || e.kind === 'REOPENING'
      ? (e.details.rationale ?? e.details.informationNeeded)
      : e.kind === 'UPDATE' || e.kind === 'CONTACT_ATTEMPT'
        ? e.details.note
        : e.kind === 'ACTION'
          ? [e.details.description, e.details.reasonNote].filter(Boolean).join(' — ')
          : null;

  return (
    <section aria-labelledby={`timeline-${situationId}`}>
      <Heading id={`timeline-${situationId}`}>{t('timeline.title')}</Heading>
      <ErrorSummary error={query.error} />
      {query.isPending && <p role="status">{t('app.loading')}</p>}
      <ol className="st-timeline" data-testid="timeline">
        {entries.map((e, i) => {
          const agency = e.agencyName ?? agencyName(e.agencyId);
          const note = quoted(e);
          const body = text(e);
          return (
            <li key={`${e.at}-${i}`} data-kind={e.kind}>
              <p className="st-timeline__head">
                <span className="st-timeline__kind">{t(`timeline.kind.${e.kind}`)}</span> — <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                {agency && <span className="st-timeline__who">, {t('timeline.by', { agency })}</span>}
              </p>
              {body && <p className="st-timeline__text">{body}</p>}
              {note && <blockquote className="st-timeline__note">{note}</blockquote>}
            </li>
          );
        })}
      </ol>
      {query.hasNextPage && (
        <button type="button" className="st-button st-button--secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} data-testid="timeline-more">
          {t('timeline.more')}
        </button>
      )}
    </section>
  );
}
