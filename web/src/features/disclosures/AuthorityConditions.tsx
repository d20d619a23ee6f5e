import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { labelOf, type Taxonomy } from '../../api/queries';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';

export type Authority = Schemas['LegalAuthorityView'];
export type ConsentBody = Schemas['ConsentDto'];

/** What the person's consent draft holds in the form: the day it was obtained and its scope. */
export interface ConsentDraft {
  obtainedOn: string;
  scope: string;
}

/** Today's date (local) as YYYY-MM-DD, the default day a consent was obtained. */
export const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The consent the API takes (obtained by my agency, the default): the start of the chosen day, local time. */
export function consentBody(d: ConsentDraft): ConsentBody {
  return { obtainedAt: new Date(`${d.obtainedOn}T00:00:00`).toISOString(), scope: d.scope as ConsentBody['scope'] };
}

/**
 * The conditions of the chosen legal authority (issue 17): its statute and section, which sectors
 * may rely on it, the notice it requires and, when it requires consent, the consent's fields.
 */
export function AuthorityConditions({
  authority,
  taxonomy,
  consent,
  onConsent,
  error,
}: {
  authority: Authority | undefined;
  taxonomy?: Taxonomy;
  consent: ConsentDraft;
  onConsent: (c: ConsentDraft) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  if (!authority) return null;
  const notice = authority.requires.notice;
  const method = notice ? (taxonomy?.labels.noticeMethods.find((m) => m.code === notice.method)?.label ?? notice.method) : '';
  return (
    <div className="st-panel st-authority" data-testid="authority-conditions" aria-live="polite">
      <h4>{t('disclosures.conditions.title')}</h4>
      <dl className="st-dl">
        <dt>{t('disclosures.conditions.statute')}</dt>
        <dd>
          {authority.statute}
          {authority.section ? `, ${authority.section}` : ''}
        </dd>
        <dt>{t('disclosures.conditions.sectors')}</dt>
        <dd>{authority.sectors.length ? authority.sectors.map((s) => labelOf(taxonomy?.sectors, s)).join(', ') : t('disclosures.conditions.anySector')}</dd>
        <dt>{t('disclosures.conditions.notice')}</dt>
        <dd data-testid="authority-notice">{notice ? t('disclosures.conditions.noticeDue', { days: notice.withinDays, method }) : t('disclosures.conditions.noNotice')}</dd>
        <dt>{t('disclosures.conditions.consent')}</dt>
        <dd>{authority.requires.consent ? t('disclosures.conditions.consentRequired') : t('disclosures.conditions.noConsent')}</dd>
      </dl>
      {authority.requires.consent && (
        <fieldset className="ontario-fieldset" data-testid="consent-fields">
          <legend className="ontario-fieldset__legend">{t('disclosures.consent.legend')}</legend>
          <p className="st-hint">{t('disclosures.consent.hint')}</p>
          <LabelledInput
            id="s-consent-on"
            type="date"
            label={t('disclosures.consent.obtainedOn')}
            value={consent.obtainedOn}
            onChange={(v) => onConsent({ ...consent, obtainedOn: v })}
            error={error}
            field="consent.obtainedAt"
          />
          <LabelledSelect
            id="s-consent-scope"
            label={t('disclosures.consent.scope')}
            value={consent.scope}
            onChange={(v) => onConsent({ ...consent, scope: v })}
            options={(taxonomy?.labels.consentScopes ?? []).map((s) => ({ value: s.code, label: s.label }))}
            required
            error={error}
            field="consent.scope"
          />
        </fieldset>
      )}
    </div>
  );
}
