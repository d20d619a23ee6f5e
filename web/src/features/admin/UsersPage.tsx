import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { AdminError } from './AdminError';
import { usePageTitle } from '../../components/usePageTitle';
import { PagedTable } from './PagedTable';
import { TableSelect } from './TableSelect';
import { TABLE_ROLES, useAgencies, useTables, useUserPages, useUsers, type AdminUser, type TableRole } from './api';

/** The administrator's users: create with a temporary password, list (page after page), deactivate, grant and revoke table roles. */
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
      setEmail('');
      setDisplayName('');
      setPassword('');
      setIsAdmin(false);
      // announced once the list holds it
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      setDone(t('admin.users.created', { name: u.displayName }));
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
        <LabelledInput id="user-email" label={labels.email} type="email" value={email} onChange={setEmail} error={create.error} field="email" autoComplete="off" />
        <LabelledInput id="user-name" label={labels.displayName} value={displayName} onChange={setDisplayName} error={create.error} field="displayName" autoComplete="off" />
        <LabelledSelect
          id="user-agency"
          label={labels.agencyId}
          value={agencyId}
          onChange={setAgencyId}
          placeholder={t('admin.choose')}
          options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          error={create.error}
          field="agencyId"
        />
        <LabelledInput
          id="user-password"
          label={labels.password}
          hint={t('admin.users.passwordHint')}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={create.error}
          field="password"
        />
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
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }), queryClient.invalidateQueries({ queryKey: ['admin', 'members', g.tableId] })]);
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
        <LabelledSelect
          id="role-user"
          label={t('admin.roles.user')}
          value={userId}
          onChange={setUserId}
          placeholder={t('admin.choose')}
          options={(users.data ?? [])
            .filter((u) => u.active)
            .map((u) => ({ value: u.id, label: t('admin.roles.userOption', { name: u.displayName, agency: agencyName(u.agencyId) }) }))}
        />
        <TableSelect id="role-table" value={tableId} onChange={setTableId} />
        <LabelledSelect
          id="role-role"
          label={t('admin.roles.role')}
          value={role}
          onChange={(v) => setRole(v as TableRole)}
          placeholder={t('admin.choose')}
          options={TABLE_ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))}
        />
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
  const users = useUserPages();
  const tables = useTables();
  const agencies = useAgencies();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const agencyName = (id: string | null) => agencies.data?.find((a) => a.id === id)?.name ?? '—';
  const tableName = (id: string) => tables.data?.find((x) => x.id === id)?.name ?? id.slice(0, 8);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['admin', 'users'] }), queryClient.invalidateQueries({ queryKey: ['admin', 'members'] })]);
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
      <AdminError error={deactivate.error ?? revoke.error} />
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
      <PagedTable<AdminUser>
        list={users}
        listId="user-list"
        caption={t('admin.users.list')}
        testId="user-table"
        rowKey={(u) => u.id}
        rowProps={(u) => ({ 'data-testid': 'user-row', 'data-email': u.email })}
        columns={[
          {
            key: 'name',
            header: t('admin.users.displayName'),
            cell: (u) => (
              <>
                {u.displayName}
                {u.isAdmin && <span className="st-badge st-badge--info">{t('admin.users.admin')}</span>}
              </>
            ),
          },
          { key: 'email', header: t('admin.users.email'), cell: (u) => u.email },
          { key: 'agency', header: t('admin.agency'), cell: (u) => agencyName(u.agencyId) },
          {
            key: 'status',
            header: t('admin.users.status'),
            cell: (u) => (!u.active ? t('admin.users.inactive') : u.passwordChangeRequired ? t('admin.users.mustChange') : t('admin.users.active')),
          },
          {
            key: 'roles',
            header: t('admin.roles.roles'),
            cell: (u) => <Roles user={u} tableName={tableName} revoking={revoke.isPending} onRevoke={(g) => revoke.mutate({ user: u, ...g })} />,
          },
          {
            key: 'actions',
            header: t('admin.actions'),
            hiddenHeader: true,
            cell: (u) =>
              u.active &&
              u.id !== session.user?.id &&
              (confirming === u.id ? (
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
              )),
          },
        ]}
      />
    </section>
  );
}

/** A user's roles, each with its revoke button. */
function Roles({
  user,
  tableName,
  revoking,
  onRevoke,
}: {
  user: AdminUser;
  tableName: (id: string) => string;
  revoking: boolean;
  onRevoke: (g: { tableId: string; role: TableRole }) => void;
}) {
  const { t } = useTranslation();
  if (user.roles.length === 0) return <>—</>;
  return (
    <ul className="st-plain-list">
      {user.roles.map((g) => (
        <li key={`${g.tableId}-${g.role}`}>
          {t('admin.roles.at', { role: t(`admin.role.${g.role}`), table: tableName(g.tableId) })}{' '}
          <button
            type="button"
            className="st-button st-button--tertiary st-button--small"
            disabled={revoking}
            onClick={() => onRevoke({ tableId: g.tableId, role: g.role })}
            aria-label={t('admin.roles.revokeLabel', { user: user.displayName, role: t(`admin.role.${g.role}`), table: tableName(g.tableId) })}
          >
            {t('admin.roles.revoke')}
          </button>
        </li>
      ))}
    </ul>
  );
}
