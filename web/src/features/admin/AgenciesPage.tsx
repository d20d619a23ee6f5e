import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { AdminError } from './AdminError';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n';
import { SECTORS, useAgencies, useSectorLabels, type Sector } from './api';

/** The administrator's agencies: the list and a form to add one. */
export default function AgenciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.agencies.title'));
  const agencies = useAgencies();
  const sectorLabel = useSectorLabels();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [sector, setSector] = useState<Sector | ''>('');
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/agencies', { body: { name: name.trim(), sector: sector as Sector } })),
    onSuccess: async (a) => {
      setDone(t('admin.agencies.created', { name: a.name }));
      setName('');
      setSector('');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'agencies'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    create.mutate();
  }

  return (
    <>
      <h1>{t('admin.agencies.title')}</h1>
      <section aria-labelledby="agency-new" className="st-panel">
        <h2 id="agency-new">{t('admin.agencies.new')}</h2>
        <AdminError
          error={create.error}
          fieldLabels={{ name: t('admin.agencies.name'), sector: t('admin.agencies.sector') }}
          fieldIds={{ name: 'agency-name', sector: 'agency-sector' }}
        />
        <form onSubmit={submit} noValidate data-testid="agency-form">
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="agency-name">
              {t('admin.agencies.name')}
            </label>
            <input
              className="ontario-input"
              id="agency-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              aria-describedby="agency-name-error"
              autoComplete="off"
            />
            <FieldError id="agency-name-error" error={create.error} field="name" />
          </div>
          <div className="ontario-form-group">
            <label className="ontario-label" htmlFor="agency-sector">
              {t('admin.agencies.sector')}
            </label>
            <select
              className="ontario-input ontario-dropdown"
              id="agency-sector"
              value={sector}
              onChange={(e) => setSector(e.target.value as Sector)}
              required
              aria-describedby="agency-sector-error"
            >
              <option value="">{t('admin.choose')}</option>
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {sectorLabel(s)}
                </option>
              ))}
            </select>
            <FieldError id="agency-sector-error" error={create.error} field="sector" />
          </div>
          <button type="submit" className="st-button st-button--primary" disabled={create.isPending} data-testid="agency-create">
            {t('admin.agencies.create')}
          </button>
        </form>
        <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
      </section>

      <section aria-labelledby="agency-list">
        <h2 id="agency-list">{t('admin.agencies.list')}</h2>
        <ErrorSummary error={agencies.error} />
        {agencies.isLoading && <p role="status">{t('app.loading')}</p>}
        {agencies.data && (
          <div className="st-table-wrap">
            <table className="st-table" data-testid="agency-table">
              <caption className="st-visually-hidden">{t('admin.agencies.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.agencies.name')}</th>
                  <th scope="col">{t('admin.agencies.sector')}</th>
                  <th scope="col">{t('admin.createdAt')}</th>
                </tr>
              </thead>
              <tbody>
                {agencies.data.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name}</td>
                    <td>{sectorLabel(a.sector)}</td>
                    <td>{formatDate(a.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
