import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledInput } from '../../components/LabelledInput';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n';
import { THRESHOLD_FIELDS, useThresholds } from './api';

type Field = (typeof THRESHOLD_FIELDS)[number];

/** The anomaly rules' thresholds of the table (issue 17): the defaults until the privacy officer sets its own. */
export default function ThresholdsPage() {
  const { t } = useTranslation();
  const { tableId } = useSession();
  usePageTitle(t('oversight.thresholds.title'));
  const queryClient = useQueryClient();
  const current = useThresholds(tableId);
  const [values, setValues] = useState<Record<Field, string>>({ maxReadsPerHour: '', officeStartHour: '', officeEndHour: '', closedDays: '', maxRefusals: '', maxGuesses: '' });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (current.data) setValues(Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, String(current.data[f])])) as Record<Field, string>);
  }, [current.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!current.data) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const body = Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, values[f].trim() === '' ? Number.NaN : Number(values[f])])) as Record<Field, number>;
      const next = await unwrap(
        api.PUT('/api/v1/tables/{tableId}/audit/anomaly-thresholds', { params: { path: { tableId: tableId! }, header: { 'If-Match': String(current.data.version) } }, body }),
      );
      queryClient.setQueryData(['anomaly-thresholds', tableId], next);
      void queryClient.invalidateQueries({ queryKey: ['anomalies', tableId] });
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const labels = Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, t(`oversight.thresholds.field.${f}`)]));
  const d = current.data;
  return (
    <>
      <h1>{t('oversight.thresholds.title')}</h1>
      <p>{t('oversight.thresholds.intro')}</p>
      <ErrorSummary error={current.error ?? error} fieldLabels={labels} fieldIds={Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, `threshold-${f}`]))} />
      {d && (
        <p data-testid="thresholds-status">
          {d.custom && d.updatedAt ? t('oversight.thresholds.custom', { name: d.updatedByName ?? '—', at: formatDateTime(d.updatedAt) }) : t('oversight.thresholds.defaults')}
        </p>
      )}
      {d && (
        <form onSubmit={(e) => void save(e)} noValidate data-testid="thresholds-form">
          {THRESHOLD_FIELDS.map((f) => (
            <LabelledInput
              key={f}
              id={`threshold-${f}`}
              label={labels[f]}
              hint={t('oversight.thresholds.hint', { min: BOUNDS[f][0], max: BOUNDS[f][1], def: d.defaults[f] })}
              type="number"
              inputMode="numeric"
              min={BOUNDS[f][0]}
              max={BOUNDS[f][1]}
              value={values[f]}
              onChange={(v) => setValues((old) => ({ ...old, [f]: v }))}
              error={error}
              field={f}
            />
          ))}
          <button type="submit" className="st-button st-button--primary" disabled={busy}>
            {t('oversight.thresholds.save')}
          </button>
          {saved && (
            <p role="status" className="st-alert st-alert--success" data-testid="thresholds-saved">
              {t('oversight.thresholds.saved')}
            </p>
          )}
        </form>
      )}
    </>
  );
}

/** The server's bounds (shown as hints; the server checks them). */
const BOUNDS: Record<Field, [number, number]> = {
  maxReadsPerHour: [1, 10000],
  officeStartHour: [0, 23],
  officeEndHour: [1, 24],
  closedDays: [0, 3650],
  maxRefusals: [1, 100000],
  maxGuesses: [1, 10],
};
