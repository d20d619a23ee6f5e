import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { FieldError } from '../../components/ErrorMessage';
import { AdminError } from './AdminError';
import { usePageTitle } from '../../components/usePageTitle';
import { TABLE_ROLES, useAgencies, useTables, useUsers, type AdminUser, type TableRole } from './api';

/** The administrator's users: create with a temporary password, list, deactivate, grant and revoke table roles. */
export default function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.users.title'));
  return (
    <>
      <h1>{t('admin.users.title')}</h1>
      <CreateUser />
      <GrantRole />
      <UserList />
    </>
  );
}

function CreateUser() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const agencies = useAgencies();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [password, setPassword] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/users', { body: { email: email.trim(), displayName: displayName.trim(), agencyId, password, isAdmin } })),
    onSuccess: async (u) => {
      setDone(t('admin.users.created', { name: u.displayName }));
      setEmail('');
      setDisplayName('');
      setPassword('');
      setIsAdmin(false);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    create.mutate();
  }
  const labels = { email: t('admin.users.email'), displayName: t('admin.users.displayName'), agencyId: t('admin.agency'), password: t('admin.users.password') };
  const ids = { email: 'user-email', displayName: 'user-name', agencyId: 'user-agency', password: 'user-password' };
  return (
    <section aria-labelledby="user-new" className="st-panel">
      <h2 id="user-new">{t('admin.users.new')}</h2>
      <AdminError error={create.error} conflictKey="admin.users.emailTaken" fieldLabels={labels} fieldIds={ids} />
      <form onSubmit={submit} noValidate data-testid="user-form">
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="user-email">
            {t('admin.users.email')}
          </label>
          <input
            className="ontario-input"
            id="user-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="off"
            aria-describedby="user-email-error"
          />
          <FieldError id="user-email-error" error={create.error} field="email" />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="user-name">
            {t('admin.users.displayName')}
          </label>
          <input
            className="ontario-input"
            id="user-name"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            autoComplete="off"
            aria-describedby="user-name-error"
          />
          <FieldError id="user-name-error" error={create.error} field="displayName" />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="user-agency">
            {t('admin.agency')}
          </label>
          <select className="ontario-input ontario-dropdown" id="user-agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)} aria-describedby="user-agency-error">
            <option value="">{t('admin.choose')}</option>
            {(agencies.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <FieldError id="user-agency-error" error={create.error} field="agencyId" />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="user-password">
            {t('admin.users.password')}
          </label>
          <p className="st-hint" id="user-password-hint">
            {t('admin.users.passwordHint')}
          </p>
          <input
            className="ontario-input"
            id="user-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby="user-password-hint user-password-error"
          />
          <FieldError id="user-password-error" error={create.error} field="password" />
        </div>
        <div className="ontario-form-group st-check">
          <input id="user-admin" type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />
          <label htmlFor="user-admin">{t('admin.users.isAdmin')}</label>
        </div>
        <button type="submit" className="st-button st-button--primary" disabled={create.isPending} data-testid="user-create">
          {t('admin.users.create')}
        </button>
      </form>
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
    </section>
  );
}

function GrantRole() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useUsers();
  const tables = useTables();
  const agencies = useAgencies();
  const [userId, setUserId] = useState('');
  const [tableId, setTableId] = useState('');
  const [role, setRole] = useState<TableRole | ''>('');
  const [done, setDone] = useState<string | null>(null);
  const agencyName = (id: string | null) => agencies.data?.find((a) => a.id === id)?.name ?? '—';
  const grant = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tables/{tableId}/roles', { params: { path: { tableId } }, body: { userId, role: role as TableRole } })),
    onSuccess: async (g) => {
      const user = users.data?.find((u) => u.id === g.userId)?.displayName ?? '';
      const table = tables.data?.find((x) => x.id === g.tableId)?.name ?? '';
      setDone(t('admin.roles.granted', { user, role: t(`admin.role.${g.role}`), table }));
      setRole('');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    grant.mutate();
  }
  return (
    <section aria-labelledby="role-new" className="st-panel">
      <h2 id="role-new">{t('admin.roles.title')}</h2>
      <p>{t('admin.roles.intro')}</p>
      <AdminError error={grant.error} conflictKey="admin.roles.conflict" />
      <form onSubmit={submit} noValidate data-testid="role-form">
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="role-user">
            {t('admin.roles.user')}
          </label>
          <select className="ontario-input ontario-dropdown" id="role-user" value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('admin.choose')}</option>
            {(users.data ?? [])
              .filter((u) => u.active)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {t('admin.roles.userOption', { name: u.displayName, agency: agencyName(u.agencyId) })}
                </option>
              ))}
          </select>
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="role-table">
            {t('admin.table')}
          </label>
          <select className="ontario-input ontario-dropdown" id="role-table" value={tableId} onChange={(e) => setTableId(e.target.value)}>
            <option value="">{t('admin.choose')}</option>
            {(tables.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="role-role">
            {t('admin.roles.role')}
          </label>
          <select className="ontario-input ontario-dropdown" id="role-role" value={role} onChange={(e) => setRole(e.target.value as TableRole)}>
            <option value="">{t('admin.choose')}</option>
            {TABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`admin.role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="st-button st-button--primary" disabled={!userId || !tableId || !role || grant.isPending} data-testid="role-grant">
          {t('admin.roles.grant')}
        </button>
      </form>
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
    </section>
  );
}

function UserList() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const users = useUsers();
  const tables = useTables();
  const agencies = useAgencies();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const agencyName = (id: string | null) => agencies.data?.find((a) => a.id === id)?.name ?? '—';
  const tableName = (id: string) => tables.data?.find((x) => x.id === id)?.name ?? id.slice(0, 8);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
  const deactivate = useMutation({
    mutationFn: (u: AdminUser) => unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: u.id } }, body: { active: false } })),
    onSuccess: async (u) => {
      setConfirming(null);
      setDone(t('admin.users.deactivated', { name: u.displayName }));
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (g: { user: AdminUser; tableId: string; role: TableRole }) =>
      unwrap(api.DELETE('/api/v1/tables/{tableId}/roles/{userId}/{role}', { params: { path: { tableId: g.tableId, userId: g.user.id, role: g.role } } })),
    onSuccess: async (_r, g) => {
      setDone(t('admin.roles.revoked', { user: g.user.displayName, role: t(`admin.role.${g.role}`), table: tableName(g.tableId) }));
      await refresh();
    },
  });

  return (
    <section aria-labelledby="user-list">
      <h2 id="user-list">{t('admin.users.list')}</h2>
      <AdminError error={users.error ?? deactivate.error ?? revoke.error} />
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
      {users.isLoading && <p role="status">{t('app.loading')}</p>}
      {users.data && (
        <div className="st-table-wrap">
          <table className="st-table" data-testid="user-table">
            <caption className="st-visually-hidden">{t('admin.users.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.displayName')}</th>
                <th scope="col">{t('admin.users.email')}</th>
                <th scope="col">{t('admin.agency')}</th>
                <th scope="col">{t('admin.users.status')}</th>
                <th scope="col">{t('admin.roles.roles')}</th>
                <th scope="col">
                  <span className="st-visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id} data-testid="user-row" data-email={u.email}>
                  <td>
                    {u.displayName}
                    {u.isAdmin && <span className="st-badge st-badge--info">{t('admin.users.admin')}</span>}
                  </td>
                  <td>{u.email}</td>
                  <td>{agencyName(u.agencyId)}</td>
                  <td>{!u.active ? t('admin.users.inactive') : u.passwordChangeRequired ? t('admin.users.mustChange') : t('admin.users.active')}</td>
                  <td>
                    {u.roles.length === 0 ? (
                      '—'
                    ) : (
                      <ul className="st-plain-list">
                        {u.roles.map((g) => (
                          <li key={`${g.tableId}-${g.role}`}>
                            {t('admin.roles.at', { role: t(`admin.role.${g.role}`), table: tableName(g.tableId) })}{' '}
                            <button
                              type="button"
                              className="st-button st-button--tertiary st-button--small"
                              disabled={revoke.isPending}
                              onClick={() => revoke.mutate({ user: u, tableId: g.tableId, role: g.role })}
                              aria-label={t('admin.roles.revokeLabel', { user: u.displayName, role: t(`admin.role.${g.role}`), table: tableName(g.tableId) })}
                            >
                              {t('admin.roles.revoke')}
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {u.active && u.id !== session.user?.id && (
                      <>
                        {confirming === u.id ? (
                          <span className="st-confirm">
                            <button
                              type="button"
                              className="st-button st-button--danger st-button--small"
                              onClick={() => deactivate.mutate(u)}
                              disabled={deactivate.isPending}
                              data-testid="user-deactivate-confirm"
                            >
                              {t('admin.users.confirmDeactivate', { name: u.displayName })}
                            </button>
                            <button type="button" className="st-button st-button--tertiary st-button--small" onClick={() => setConfirming(null)}>
                              {t('admin.cancel')}
                            </button>
                          </span>
                        ) : (
                          <button type="button" className="st-button st-button--secondary st-button--small" onClick={() => setConfirming(u.id)} data-testid="user-deactivate">
                            {t('admin.users.deactivate', { name: u.displayName })}
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
