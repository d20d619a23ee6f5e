import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n';

/**
 * The table's confidentiality agreement, shown in place of its screens until the user accepts its
 * current version (issue 17): the text in the user's language (the other one a click away), and
 * "I accept". Accepting records the version and time (audited) and opens the table's screens.
 */
export function UndertakingGate() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const pending = session.pendingUndertaking!;
  usePageTitle(t('undertaking.title'));
  const list = useQuery({ queryKey: ['undertakings', session.user?.id, pending.tableId, pending.version], queryFn: () => unwrap(api.GET('/api/v1/auth/me/undertakings')) });
  const agreement = list.data?.find((u) => u.tableId === pending.tableId && u.version === pending.version);
  const accept = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tables/{tableId}/agreement/accept', { params: { path: { tableId: pending.tableId } }, body: { version: pending.version } })),
    onSuccess: async () => {
      await session.refreshUser();
      await queryClient.invalidateQueries();
    },
  });
  const fr = i18n.language.startsWith('fr');
  return (
    <section aria-labelledby="undertaking-title" data-testid="undertaking">
      <h1 id="undertaking-title">{t('undertaking.title')}</h1>
      <p>{t('undertaking.intro')}</p>
      <ErrorSummary error={list.error ?? accept.error} />
      {list.isLoading && <p role="status">{t('app.loading')}</p>}
      {agreement && (
        <>
          <h2>{t('undertaking.heading', { table: agreement.tableName, version: agreement.version, date: formatDate(agreement.publishedAt) })}</h2>
          <div className="st-panel st-agreement-text" lang={fr ? 'fr' : 'en'} data-testid="undertaking-text">
            {(fr ? agreement.textFr : agreement.textEn).split(/\n+/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
          <button type="button" className="st-button st-button--primary" disabled={accept.isPending} onClick={() => accept.mutate()} data-testid="undertaking-accept">
            {t('undertaking.accept')}
          </button>
        </>
      )}
    </section>
  );
}
