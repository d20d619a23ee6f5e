import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { AdminError } from './AdminError';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n';
import { PagedTable } from './PagedTable';
import { SECTORS, useAgencyPages, useSectorLabels, type Agency, type Sector } from './api';

/** The administrator's agencies: the list (page after page) and a form to add one. */
export default function AgenciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.agencies.title'));
  const agencies = useAgencyPages();
  const sectorLabel = useSectorLabels();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [sector, setSector] = useState<Sector | ''>('');
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/agencies', { body: { name: name.trim(), sector: sector as Sector } })),
    onSuccess: async (a) => {
      setName('');
      setSector('');
      // announced once the list holds it
      await queryClient.invalidateQueries({ queryKey: ['admin', 'agencies'] });
      setDone(t('admin.agencies.created', { name: a.name }));
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
          <LabelledInput id="agency-name" label={t('admin.agencies.name')} value={name} onChange={setName} error={create.error} field="name" required autoComplete="off" />
          <LabelledSelect
            id="agency-sector"
            label={t('admin.agencies.sector')}
            value={sector}
            onChange={(v) => setSector(v as Sector)}
            placeholder={t('admin.choose')}
            options={SECTORS.map((s) => ({ value: s, label: sectorLabel(s) }))}
            required
            error={create.error}
            field="sector"
          />
          <button type="submit" className="st-button st-button--primary" disabled={create.isPending} data-testid="agency-create">
            {t('admin.agencies.create')}
          </button>
        </form>
        <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
      </section>

      <section aria-labelledby="agency-list">
        <h2 id="agency-list">{t('admin.agencies.list')}</h2>
        <PagedTable<Agency>
          list={agencies}
          listId="agency-list"
          caption={t('admin.agencies.list')}
          testId="agency-table"
          rowKey={(a) => a.id}
          columns={[
            { key: 'name', header: t('admin.agencies.name'), cell: (a) => a.name },
            { key: 'sector', header: t('admin.agencies.sector'), cell: (a) => sectorLabel(a.sector) },
            { key: 'created', header: t('admin.createdAt'), cell: (a) => formatDate(a.createdAt) },
          ]}
        />
      </section>
    </>
  );
}
