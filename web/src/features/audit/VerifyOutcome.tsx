import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n';

/** The result of a chain's verification: intact, or broken with its findings (a table's trail or a region's). */
export function VerifyOutcome({
  result,
}: {
  result: { valid: boolean; checked: number; firstInvalidSeq?: string; invalid?: { fromSeq?: string; toSeq?: string; reason: string }[]; invalidTruncated?: boolean };
}) {
  const { t } = useTranslation();
  if (result.valid) {
    return (
      <div className="st-alert st-alert--success" data-valid="true">
        <p className="st-alert__title">{t('audit.verify.valid', { checked: formatNumber(result.checked) })}</p>
      </div>
    );
  }
  return (
    <div className="st-alert st-alert--error" data-valid="false">
      <p className="st-alert__title">{t('audit.verify.invalid', { checked: formatNumber(result.checked), seq: result.firstInvalidSeq ?? '?' })}</p>
      {result.invalid && result.invalid.length > 0 && (
        <ul>
          {result.invalid.map((r, i) => (
            <li key={i}>
              {r.fromSeq ? t('audit.verify.range', { from: r.fromSeq, to: r.toSeq ?? r.fromSeq }) : t('audit.verify.noEntry')} — <code>{r.reason}</code>
            </li>
          ))}
        </ul>
      )}
      {result.invalidTruncated && <p>{t('audit.verify.truncated')}</p>}
    </div>
  );
}
