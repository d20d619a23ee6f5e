import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ErrorSummary } from '../../components/ErrorMessage';
import { saveBlob } from '../audit/api';

type Minutes = Schemas['MinutesDocumentView'];

/** The query key of a meeting's minutes document (status, approval): not the close answer's plain minutes. */
export const minutesKey = (meetingId: string) => ['minutes', meetingId, 'document'];

/**
 * The minutes as a PDF in the language of the screen, fetched with the session's token and handed
 * to the browser as a file (never a URL with a token).
 */
export function MinutesPdfButton({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      const lang = i18n.language.startsWith('fr') ? 'fr' : 'en';
      const { data, error: body, response } = await api.GET('/api/v1/meetings/{id}/minutes.pdf', { params: { path: { id: meetingId }, query: { lang } }, parseAs: 'blob' });
      if (!response.ok || !data) throw ApiError.from(response.status, body);
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'minutes.pdf';
      saveBlob(data as Blob, name);
    } catch (err) {
      setError(err instanceof ApiError ? err : ApiError.network(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <ErrorSummary error={error} />
      <button type="button" className="st-button st-button--secondary" onClick={() => void download()} disabled={busy} data-testid="minutes-pdf">
        {t('minutes.downloadPdf')}
      </button>
    </>
  );
}

/** The coordinator approves a closed meeting's minutes at the next meeting (offered only when the server says it may). */
export function ApproveMinutes({ minutes, meetingId }: { minutes: Minutes; meetingId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/meetings/{id}/minutes/approval', { params: { path: { id: meetingId } } })),
    onSuccess: (data) => queryClient.setQueryData(minutesKey(meetingId), data),
  });
  if (minutes.status === 'APPROVED') {
    return approve.isSuccess ? (
      <p role="status" className="st-alert st-alert--inline st-no-print" data-testid="minutes-approved">
        {t('minutes.approve.done')}
      </p>
    ) : null;
  }
  if (!minutes.approvableAtMeetingId) return null;
  return (
    <section aria-labelledby="approve-minutes-title" className="st-panel st-no-print">
      <h2 id="approve-minutes-title">{t('minutes.approve.title')}</h2>
      <p>{t('minutes.approve.explain')}</p>
      <ErrorSummary error={approve.error} />
      <button type="button" className="st-button st-button--primary" onClick={() => approve.mutate()} disabled={approve.isPending} data-testid="approve-minutes">
        {t('minutes.approve.button')}
      </button>
    </section>
  );
}
