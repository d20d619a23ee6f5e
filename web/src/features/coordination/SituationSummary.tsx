import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatDateTime } from '../../i18n';
import { useAgencyNames, useLabels, useTaxonomy } from './reference';
import { SystemBarriersList } from '../barriers/SystemBarriers';

type Situation = Schemas['SituationView'];

/** The de-identified facts of a referral: who sent it, type, age band, risk factors by category (with certainty), protective factors, narrative. */
export function SituationSummary({ situation, tableId, level = 3 }: { situation: Situation; tableId: string | null; level?: 3 | 4 }) {
  const { t } = useTranslation();
  const Sub = `h${level}` as const;
  const label = useLabels();
  const agency = useAgencyNames(tableId);
  const { data: taxonomy } = useTaxonomy();
  const categoryOf = new Map((taxonomy?.riskFactors ?? []).map((f) => [f.code, f.category]));
  const byCategory = new Map<string, { code: string; certainty: string }[]>();
  for (const f of situation.riskFactors ?? []) {
    const c = categoryOf.get(f.code) ?? '';
    byCategory.set(c, [...(byCategory.get(c) ?? []), f]);
  }
  return (
    <div className="st-situation-summary">
      <dl className="st-facts">
        <div>
          <dt>{t('coord.fields.received')}</dt>
          <dd>{formatDateTime(situation.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('coord.fields.originating')}</dt>
          <dd>
            {agency(situation.originatingAgencyId)}
            {situation.originatingSector ? ` (${label('sectors', situation.originatingSector)})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('coord.fields.type')}</dt>
          <dd>{label('situationTypes', situation.situationType)}</dd>
        </div>
        {situation.ageBand && (
          <div>
            <dt>{t('coord.fields.ageBand')}</dt>
            <dd>{label('ageBands', situation.ageBand)}</dd>
          </div>
        )}
        {situation.gender && (
          <div>
            <dt>{t('coord.fields.gender')}</dt>
            <dd>{label('genders', situation.gender)}</dd>
          </div>
        )}
      </dl>
      {byCategory.size > 0 && (
        <>
          <Sub className="st-subheading">{t('coord.fields.riskFactors')}</Sub>
          <ul className="st-factors">
            {[...byCategory].map(([category, factors]) => (
              <li key={category}>
                <strong>{label('riskCategories', category)}</strong>
                {t('coord.colon')}
                {factors.map((f, i) => (
                  <span key={f.code}>
                    {i > 0 ? '; ' : ''}
                    {label('riskFactors', f.code)} <span className={`st-certainty st-certainty--${f.certainty.toLowerCase()}`}>({t(`coord.certainty.${f.certainty}`)})</span>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      {(situation.protectiveFactors ?? []).length > 0 && (
        <>
          <Sub className="st-subheading">{t('coord.fields.protectiveFactors')}</Sub>
          <ul className="st-factors">
            {situation.protectiveFactors!.map((code) => (
              <li key={code}>{label('protectiveFactors', code)}</li>
            ))}
          </ul>
        </>
      )}
      {situation.narrative && (
        <>
          <Sub className="st-subheading">{t('coord.fields.narrative')}</Sub>
          <p className="st-narrative">{situation.narrative}</p>
        </>
      )}
      <SystemBarriersList barriers={situation.systemBarriers} taxonomy={taxonomy} headingLevel={level} compact />
    </div>
  );
}
