import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorMessage';
import { formatDateTime } from '../../i18n';

/** Publishing an open meeting's agenda (once): the table's members are notified, the date and a link only. */
export function PublishAgenda({ meeting }: { meeting: Schemas['MeetingView'] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const publish = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/meetings/{id}/agenda/publish', { params: { path: { id: meeting.id } } })),
    onSuccess: (data) => queryClient.setQueryData(['meeting', meeting.id], data),
  });
  if (meeting.agendaPublishedAt) {
    return (
      <p className="st-hint" role="status" data-testid="agenda-published">
        {t('meeting.publish.done', { date: formatDateTime(meeting.agendaPublishedAt) })}
      </p>
    );
  }
  return (
    <div className="st-actions" data-testid="publish-agenda-area">
      <ErrorSummary error={publish.error} />
      <p className="st-hint" id="publish-agenda-hint">
        {t('meeting.publish.explain')}
      </p>
      <button
        type="button"
        className="st-button st-button--secondary"
        aria-describedby="publish-agenda-hint"
        onClick={() => publish.mutate()}
        disabled={publish.isPending}
        data-testid="publish-agenda"
      >
        {t('meeting.publish.button')}
      </button>
    </div>
  );
}
