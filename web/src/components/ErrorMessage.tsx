import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorKey } from '../api/errors';

/**
 * The general message of an API error, announced (role="alert") and focused so that keyboard and
 * screen-reader users land on it; `fieldLabels` maps field names the server named to the labels
 * of the controls, linked to them (#id).
 */
export function ErrorSummary({ error, fieldLabels = {}, fieldIds = {} }: { error: unknown; fieldLabels?: Record<string, string>; fieldIds?: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const err = error instanceof ApiError ? error : new ApiError(0, 'NETWORK', undefined, undefined);
  const fields = err.fieldNames();
  return (
    <div className="st-alert st-alert--error" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary" data-status={err.status}>
      <h2 className="st-alert__title">{t(errorKey(err))}</h2>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f}>
              {fieldIds[f] ? <a href={`#${fieldIds[f]}`}>{fieldLabels[f] ?? f}</a> : (fieldLabels[f] ?? f)}
              {': '}
              {fieldProblems(err, f, t).join(' ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function fieldProblems(err: ApiError, field: string, t: (k: string, o?: Record<string, unknown>) => string): string[] {
  const kinds = [...new Set(err.findings.filter((f) => f.field === field).map((f) => t(`pii.${f.kind}`)))];
  const out: string[] = [];
  if (kinds.length) out.push(t('errors.piiIn', { kinds: kinds.join(', ') }));
  for (const p of err.fields.filter((f) => f.field === field)) out.push(p.problem);
  return out;
}

/** The message of an error about one field, placed next to the control (aria-describedby its id). */
export function FieldError({ id, error, field }: { id: string; error: unknown; field: string }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const problems = fieldProblems(error, field, t);
  if (!problems.length) return null;
  return (
    <p className="st-field-error" id={id}>
      {problems.join(' ')}
    </p>
  );
}
