import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { useTaxonomy } from '../../api/queries';
import { formatNumber } from '../../i18n';

type Threshold = Schemas['ThresholdView'];
type Criterion = Schemas['CriterionView'];

/**
 * The AER threshold advice, criterion by criterion: what the table's policy requires, what the
 * referral has, and whether it is met. The advice advises; the table decides.
 */
export function ThresholdAdvice({ threshold, id, headingLevel = 3 }: { threshold: Threshold; id: string; headingLevel?: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  const taxonomy = useTaxonomy();
  const sectorLabel = (code: string) => taxonomy.data?.sectors.find((s) => s.code === code)?.label ?? code;
  const sectors = threshold.criteria.find((c) => c.name === 'SECTORS');
  const counted = (sectors?.sectors ?? []).map(sectorLabel).join(', ') || t('coord.threshold.noSectors');
  return (
    <div className="st-threshold" data-testid="threshold-advice">
      <Heading id={`${id}-title`} className="st-threshold__title">
        {t('coord.threshold.title')}
      </Heading>
      <p className={`st-advice ${threshold.meets ? 'st-advice--meets' : 'st-advice--below'}`} data-testid="threshold-verdict">
        <span aria-hidden="true">{threshold.meets ? '✓ ' : '✗ '}</span>
        {threshold.meets ? t('coord.threshold.meets') : t('coord.threshold.below')}
      </p>
      <table className="st-table st-table--compact" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{t('coord.threshold.criterion')}</th>
            <th scope="col">{t('coord.threshold.required')}</th>
            <th scope="col">{t('coord.threshold.actual')}</th>
            <th scope="col">{t('coord.threshold.met')}</th>
          </tr>
        </thead>
        <tbody>
          {threshold.criteria.map((c) => (
            <tr key={c.name} data-criterion={c.name}>
              <th scope="row">{t(`coord.criteria.${c.name}`, { defaultValue: c.name })}</th>
              <td>{required(c, t)}</td>
              <td>{value(c.actual, t)}</td>
              <td className={c.met ? 'st-met' : 'st-unmet'}>
                <span aria-hidden="true">{c.met ? '✓ ' : '✗ '}</span>
                {c.met ? t('coord.threshold.yesMet') : t('coord.threshold.notMet')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sectors && (
        <p className="st-hint" data-testid="threshold-sectors">
          {sectors.source === 'CATEGORY_MAP' ? t('coord.threshold.sectorsFromMap', { list: counted }) : t('coord.threshold.sectorsNamed', { list: counted })}
        </p>
      )}
      <p className="st-hint">{t('coord.threshold.advises')}</p>
    </div>
  );
}

/** What a criterion requires, in words (attested, at least n). */
export function required(c: Criterion, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (typeof c.required === 'boolean') return c.required ? t('coord.threshold.attested') : t('coord.threshold.notRequired');
  return t('coord.threshold.atLeast', { n: formatNumber(c.required) });
}

/** A criterion's actual value, in words (yes/no, a localised number). */
export function value(v: number | boolean, t: (k: string) => string): string {
  if (typeof v === 'boolean') return v ? t('coord.yes') : t('coord.no');
  return formatNumber(v);
}
