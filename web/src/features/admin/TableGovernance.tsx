import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { FormGroup } from '../../components/FormGroup';
import { formatDate, formatNumber } from '../../i18n';
import { AdminError } from './AdminError';
import type { Table } from './api';

type RemovalRequest = Schemas['RemovalRequestView'];

/**
 * A table's governance for its administrator (issue 17): the confidentiality agreement (its
 * current version or "no agreement published", publish a new version in English and French) and
 * the privacy officer's open removal requests (revoke the role, or decline the request).
 */
export function TableGovernance({ table }: { table: Table }) {
  return (
    <>
      <Agreement table={table} />
      <RemovalRequests table={table} />
    </>
  );
}

function Agreement({ table }: { table: Table }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: ['admin', 'agreement', table.id],
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/agreement/versions', { params: { path: { tableId: table.id } } })),
  });
  const [textEn, setTextEn] = useState('');
  const [textFr, setTextFr] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const publish = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/tables/{tableId}/agreement/versions', { params: { path: { tableId: table.id } }, body: { textEn: textEn.trim(), textFr: textFr.trim() } })),
    onSuccess: async (v) => {
      setTextEn('');
      setTextFr('');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'agreement', table.id] });
      setDone(t('admin.agreement.published', { version: v.version, table: table.name }));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    publish.mutate();
  }
  const current = versions.data?.versions[0];
  const labels = { textEn: t('admin.agreement.textEn'), textFr: t('admin.agreement.textFr') };
  return (
    <section aria-labelledby="agreement-title" data-testid="table-agreement">
      <h3 id="agreement-title">{t('admin.agreement.title')}</h3>
      <p data-testid="table-agreement-status">
        {versions.data
          ? current
            ? t('admin.agreement.current', {
                version: current.version,
                date: formatDate(current.publishedAt),
                accepted: formatNumber(current.acceptances),
                pending: formatNumber(versions.data.pending),
              })
            : t('admin.agreement.none')
          : ''}
      </p>
      <AdminError error={publish.error} fieldLabels={labels} fieldIds={{ textEn: 'agreement-en', textFr: 'agreement-fr' }} />
      <form onSubmit={submit} noValidate data-testid="agreement-form">
        <p className="st-hint">{t('admin.agreement.hint')}</p>
        <FormGroup id="agreement-en" label={labels.textEn} error={publish.error} field="textEn">
          <textarea
            className="ontario-input st-textarea"
            id="agreement-en"
            lang="en"
            rows={5}
            maxLength={20000}
            value={textEn}
            onChange={(e) => setTextEn(e.target.value)}
            aria-describedby="agreement-en-error"
          />
        </FormGroup>
        <FormGroup id="agreement-fr" label={labels.textFr} error={publish.error} field="textFr">
          <textarea
            className="ontario-input st-textarea"
            id="agreement-fr"
            lang="fr"
            rows={5}
            maxLength={20000}
            value={textFr}
            onChange={(e) => setTextFr(e.target.value)}
            aria-describedby="agreement-fr-error"
          />
        </FormGroup>
        <button type="submit" className="st-button st-button--primary" disabled={publish.isPending || !textEn.trim() || !textFr.trim()} data-testid="agreement-publish">
          {t('admin.agreement.publish')}
        </button>
      </form>
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
    </section>
  );
}

function RemovalRequests({ table }: { table: Table }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const requests = useQuery({
    queryKey: ['admin', 'removal-requests', table.id],
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/removal-requests', { params: { path: { tableId: table.id }, query: { status: 'OPEN' } } })),
  });
  const [done, setDone] = useState<string | null>(null);
  const role = (r: RemovalRequest['role']) => t(`admin.role.${r}`);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['admin', 'removal-requests', table.id] });
    await queryClient.invalidateQueries({ queryKey: ['admin', 'members', table.id] });
  };
  const revoke = useMutation({
    mutationFn: (r: RemovalRequest) =>
      unwrap(api.DELETE('/api/v1/tables/{tableId}/roles/{userId}/{role}', { params: { path: { tableId: table.id, userId: r.userId, role: r.role } } })),
    onSuccess: async (_x, r) => {
      setDone(t('admin.roles.revoked', { user: r.displayName, role: role(r.role), table: table.name }));
      await refresh();
    },
  });
  const decline = useMutation({
    mutationFn: (r: RemovalRequest) =>
      unwrap(api.POST('/api/v1/tables/{tableId}/removal-requests/{requestId}/decline', { params: { path: { tableId: table.id, requestId: r.id } }, body: {} })),
    onSuccess: async (_x, r) => {
      setDone(t('admin.removal.declined', { user: r.displayName, role: role(r.role) }));
      await refresh();
    },
  });
  const rows = requests.data ?? [];
  return (
    <section aria-labelledby="removal-title" data-testid="removal-requests">
      <h3 id="removal-title">{t('admin.removal.title')}</h3>
      <AdminError error={requests.error ?? revoke.error ?? decline.error} />
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
      {requests.data && rows.length === 0 && <p>{t('admin.removal.none')}</p>}
      {rows.length > 0 && (
        <DataTable<RemovalRequest>
          caption={t('admin.removal.title')}
          testId="removal-request-table"
          rows={rows}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-testid': 'removal-request', 'data-user': r.userId })}
          columns={[
            { key: 'user', header: t('admin.roles.user'), cell: (r) => r.displayName },
            { key: 'agency', header: t('admin.agency'), cell: (r) => r.agencyName ?? '—' },
            { key: 'role', header: t('admin.roles.role'), cell: (r) => role(r.role) },
            { key: 'reason', header: t('admin.removal.reason'), cell: (r) => r.reason },
            { key: 'requested', header: t('admin.removal.requested'), cell: (r) => t('admin.tables.grantedBy', { date: formatDate(r.requestedAt), name: r.requestedByName }) },
            {
              key: 'actions',
              header: t('admin.actions'),
              hiddenHeader: true,
              cell: (r) => (
                <span className="st-confirm">
                  <button
                    type="button"
                    className="st-button st-button--secondary st-button--small"
                    disabled={revoke.isPending || decline.isPending}
                    onClick={() => revoke.mutate(r)}
                    aria-label={t('admin.roles.revokeLabel', { user: r.displayName, role: role(r.role), table: table.name })}
                    data-testid="removal-revoke"
                  >
                    {t('admin.roles.revoke')}
                  </button>
                  <button
                    type="button"
                    className="st-button st-button--tertiary st-button--small"
                    disabled={revoke.isPending || decline.isPending}
                    onClick={() => decline.mutate(r)}
                    aria-label={t('admin.removal.declineLabel', { user: r.displayName, role: role(r.role) })}
                    data-testid="removal-decline"
                  >
                    {t('admin.removal.decline')}
                  </button>
                </span>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
