import { useTranslation } from 'react-i18next';
import { codeIn, type Taxonomy } from '../api/queries';
import type { operations } from '../api/schema';
import { ErrorSummary, FieldError } from './ErrorMessage';

/** The purposes an identity read accepts (GET /taxonomy lists them with plain string codes). */
export type PurposeCode = operations['SubjectController_read']['parameters']['query']['purposeCode'];
export const PURPOSE_CODES = Object.keys({
  HOME_VISIT: true,
  SAFETY_PLANNING: true,
  SERVICE_CONNECTION: true,
  CONTACT_ATTEMPT: true,
  INTERVENTION_PLANNING: true,
  LEGAL_OBLIGATION: true,
  OTHER: true,
} satisfies Record<PurposeCode, true>) as PurposeCode[];

/**
 * The stated purpose of a read of identifying data (the subject, the equity answers): its code, and a
 * note required for OTHER, with the form's error summary. `idPrefix` keeps the ids apart when two
 * such forms share a page.
 */
export function PurposeFields(props: {
  idPrefix: string;
  taxonomy?: Taxonomy;
  error: unknown;
  purposeCode: PurposeCode | '';
  onPurposeCode(code: PurposeCode | ''): void;
  purpose: string;
  onPurpose(note: string): void;
}) {
  const { t } = useTranslation();
  const { idPrefix: p, purposeCode } = props;
  return (
    <>
      <ErrorSummary
        error={props.error}
        fieldLabels={{ purpose: t('identity.note'), purposeCode: t('identity.purpose') }}
        fieldIds={{ purpose: `${p}-note`, purposeCode: `${p}-purpose` }}
      />
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${p}-purpose`}>
          {t('identity.purpose')}
        </label>
        <select
          className="ontario-input st-select"
          id={`${p}-purpose`}
          value={purposeCode}
          onChange={(e) => props.onPurposeCode(codeIn(PURPOSE_CODES, e.target.value) ?? '')}
          required
        >
          <option value="">{t('referral.choose')}</option>
          {props.taxonomy?.accessPurposes.map((x) => (
            <option key={x.code} value={x.code}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
      <div className="ontario-form-group">
        <label className="ontario-label" htmlFor={`${p}-note`}>
          {t('identity.note')} {purposeCode !== 'OTHER' && <span className="ontario-label__flag">{t('referral.optional')}</span>}
        </label>
        <p className="st-hint" id={`${p}-note-hint`}>
          {t('identity.noteHint')}
        </p>
        <input
          className="ontario-input"
          id={`${p}-note`}
          value={props.purpose}
          onChange={(e) => props.onPurpose(e.target.value)}
          autoComplete="off"
          aria-describedby={`${p}-note-hint ${p}-note-error`}
        />
        <FieldError id={`${p}-note-error`} error={props.error} field="purpose" />
      </div>
    </>
  );
}
