import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';

type Situation = Schemas['SituationView'];

/**
 * The links of duplicate referrals: on a duplicate, its original; on an original, the referrals
 * marked as its duplicates (references only: de-identified). Nothing when there are none.
 */
export function DuplicateLinks({ situation }: { situation: Situation }) {
  const { t } = useTranslation();
  const duplicates = situation.duplicates ?? [];
  return (
    <>
      {situation.status === 'DUPLICATE' && situation.duplicateOfId && (
        <p className="st-alert st-alert--warning" data-testid="duplicate-of">
          {t('duplicate.of')} <Link to={`/situations/${situation.duplicateOfId}`}>{situation.duplicateOfReference}</Link>
        </p>
      )}
      {duplicates.length > 0 && (
        <div data-testid="duplicates">
          <p>{t('duplicate.listed', { count: duplicates.length })}</p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/situations/${d.id}`}>{d.reference}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
