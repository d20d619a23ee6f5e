import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDate } from '../../i18n';

type Situation = Schemas['SituationView'];

/** The dormancy flag (issue 17): no activity for the table's flag period; closed as dormant after the second. */
export function DormantBadge({ situation }: { situation: Pick<Situation, 'dormant' | 'lastActivityAt'> }) {
  const { t } = useTranslation();
  if (!situation.dormant) return null;
  return (
    <span className="st-status st-status--overdue" data-testid="dormant-flag">
      {situation.lastActivityAt ? t('retention.dormantSince', { date: formatDate(situation.lastActivityAt) }) : t('retention.dormant')}
    </span>
  );
}

/** A purged situation's page says its free texts were erased under the table's retention policy; a dormant one, that it is flagged. */
export function RetentionNotices({ situation }: { situation: Pick<Situation, 'dormant' | 'lastActivityAt' | 'textsErasedAt' | 'conclusion'> }) {
  const { t } = useTranslation();
  return (
    <>
      {situation.textsErasedAt && (
        <p className="st-alert st-alert--warning" data-testid="texts-erased">
          {t('retention.erased', { date: formatDate(situation.textsErasedAt) })}
        </p>
      )}
      {situation.dormant && (
        <p className="st-alert st-alert--warning" data-testid="dormant-notice">
          {t('retention.dormantNotice', { date: situation.lastActivityAt ? formatDate(situation.lastActivityAt) : '' })}
        </p>
      )}
      {situation.conclusion === 'DORMANT' && <p className="st-hint">{t('retention.closedDormant')}</p>}
    </>
  );
}
