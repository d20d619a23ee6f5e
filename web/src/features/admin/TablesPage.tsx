import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { AdminError } from './AdminError';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, formatNumber } from '../../i18n';
import { PagedTable } from './PagedTable';
import { TableGovernance } from './TableGovernance';
import { TableSelect } from './TableSelect';
import { useAgencies, useSectorLabels, useTableMembers, useTablePages, useTables, type Table, type TableGrant, type TableRole } from './api';

type Policy = Schemas['ThresholdPolicyDto'];
type MemberAgency = Schemas['TableAgencyView'];
const DEFAULT_POLICY: Policy = { minRiskFactors: 3, minCategories: 2, minSectors: 2, minConfirmed: 1 };
const POLICY_FIELDS = ['minRiskFactors', 'minCategories', 'minSectors', 'minConfirmed'] as const;
/** Time zones of Canada (IANA); a table's report periods begin and end in its zone. */
export const TIME_ZONES = [
  'America/Toronto',
  'America/Winnipeg',
  'America/Regina',
  'America/Edmonton',
  'America/Vancouver',
  'America/Halifax',
  'America/St_Johns',
  'America/Whitehorse',
  'UTC',
];

/**
 * The administrator's tables: create (policy, time zone, retention), the list (page after page),
 * edit a policy, a table's members (agencies, users and their roles; revoke a role), add member agencies.
 */
export default function TablesPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.tables.title'));
  const tables = useTablePages();
  const [editing, setEditing] = useState<string | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  const table = tables.items.find((x) => x.id === editing) ?? null;
  const members = tables.items.find((x) => x.id === showing) ?? null;
  return (
    <>
      <h1>{t('admin.tables.title')}</h1>
      <CreateTable />
      <section aria-labelledby="table-list">
        <h2 id="table-list">{t('admin.tables.list')}</h2>
        <PagedTable<Table>
          list={tables}
          listId="table-list"
          caption={t('admin.tables.list')}
          testId="table-table"
          rowKey={(x) => x.id}
          columns={[
            { key: 'name', header: t('admin.tables.name'), cell: (x) => x.name },
            { key: 'code', header: t('admin.tables.code'), cell: (x) => x.code },
            { key: 'tz', header: t('admin.tables.timeZone'), cell: (x) => x.timeZone },
            { key: 'retention', header: t('admin.tables.retention'), cell: (x) => formatNumber(x.identityRetentionDays) },
            {
              key: 'dormancy',
              header: t('admin.tables.dormancy'),
              cell: (x) => t('admin.tables.dormancyValue', { flag: formatNumber(x.dormancyFlagDays), close: formatNumber(x.dormancyCloseDays) }),
            },
            { key: 'policy', header: t('admin.tables.policy'), cell: (x) => t('admin.tables.policyValue', x.thresholdPolicy) },
            {
              key: 'actions',
              header: t('admin.actions'),
              hiddenHeader: true,
              cell: (x) => (
                <span className="st-confirm">
                  <Disclosure open={showing === x.id} controls="table-members" onToggle={() => setShowing(showing === x.id ? null : x.id)} testId="table-members-show">
                    {t('admin.tables.showMembers', { name: x.name })}
                  </Disclosure>
                  <Disclosure open={editing === x.id} controls="table-edit" onToggle={() => setEditing(editing === x.id ? null : x.id)} testId="table-edit-show">
                    {t('admin.tables.edit', { name: x.name })}
                  </Disclosure>
                </span>
              ),
            },
          ]}
        />
      </section>
      <div id="table-members">{members && <TableMembers key={members.id} table={members} onDone={() => setShowing(null)} />}</div>
      <div id="table-edit">{table && <EditTable key={table.id} table={table} onDone={() => setEditing(null)} />}</div>
      <AddMember />
    </>
  );
}

/** A small button that shows or hides the panel it controls. */
function Disclosure({ open, controls, onToggle, testId, children }: { open: boolean; controls: string; onToggle: () => void; testId: string; children: ReactNode }) {
  return (
    <button type="button" className="st-button st-button--tertiary st-button--small" aria-expanded={open} aria-controls={controls} onClick={onToggle} data-testid={testId}>
      {children}
    </button>
  );
}

/** The identity retention in days (30 to 3650, at least the reopening period): the identity crypto-shredded and the free texts erased then. */
function RetentionInput({ id, value, onChange, error }: { id: string; value: number; onChange: (days: number) => void; error?: unknown }) {
  const { t } = useTranslation();
  return (
    <LabelledInput
      id={id}
      label={t('admin.tables.retention')}
      hint={t('admin.tables.retentionHint')}
      className="st-input--number"
      type="number"
      inputMode="numeric"
      min={30}
      max={3650}
      value={value}
      onChange={(v) => onChange(Number(v))}
      error={error}
      field={error === undefined ? undefined : 'identityRetentionDays'}
    />
  );
}

function PolicyFields({ prefix, policy, onChange, error }: { prefix: string; policy: Policy; onChange: (p: Policy) => void; error: unknown }) {
  const { t } = useTranslation();
  return (
    <fieldset className="ontario-fieldset st-grid-4 st-policy">
      <legend className="ontario-fieldset__legend">{t('admin.tables.policy')}</legend>
      {POLICY_FIELDS.map((f) => (
        <LabelledInput
          key={f}
          id={`${prefix}-${f}`}
          label={t(`admin.tables.${f}`)}
          className="st-input--number"
          type="number"
          inputMode="numeric"
          min={f === 'minConfirmed' ? 0 : 1}
          value={policy[f]}
          onChange={(v) => onChange({ ...policy, [f]: Number(v) })}
          error={error}
          field={`thresholdPolicy.${f}`}
        />
      ))}
    </fieldset>
  );
}

function CreateTable() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [region, setRegion] = useState('');
  const [timeZone, setTimeZone] = useState('America/Toronto');
  const [retention, setRetention] = useState(365);
  const [deferralLimit, setDeferralLimit] = useState(14);
  const [reopenLimit, setReopenLimit] = useState(30);
  const [dormancyFlag, setDormancyFlag] = useState(60);
  const [dormancyClose, setDormancyClose] = useState(120);
  const [policy, setPolicy] = useState<Policy>(DEFAULT_POLICY);
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tables', {
          body: {
            name: name.trim(),
            ...(code.trim() ? { code: code.trim() } : {}),
            ...(region.trim() ? { region: region.trim() } : {}),
            timeZone,
            identityRetentionDays: retention,
            deferralLimitDays: deferralLimit,
            reopenLimitDays: reopenLimit,
            dormancyFlagDays: dormancyFlag,
            dormancyCloseDays: dormancyClose,
            thresholdPolicy: policy,
          },
        }),
      ),
    onSuccess: async (x) => {
      setName('');
      setCode('');
      setRegion('');
      // announced once the list holds it
      await queryClient.invalidateQueries({ queryKey: ['admin', 'tables'] });
      setDone(t('admin.tables.created', { name: x.name, code: x.code }));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    create.mutate();
  }
  const labels = {
    name: t('admin.tables.name'),
    code: t('admin.tables.code'),
    region: t('admin.tables.region'),
    timeZone: t('admin.tables.timeZone'),
    identityRetentionDays: t('admin.tables.retention'),
    deferralLimitDays: t('admin.tables.deferralLimit'),
    reopenLimitDays: t('admin.tables.reopenLimit'),
    dormancyFlagDays: t('admin.tables.dormancyFlag'),
    dormancyCloseDays: t('admin.tables.dormancyClose'),
  };
  const ids = {
    name: 'table-name',
    code: 'table-code',
    region: 'table-region',
    timeZone: 'table-tz',
    identityRetentionDays: 'table-retention',
    deferralLimitDays: 'table-deferral',
    reopenLimitDays: 'table-reopen',
    dormancyFlagDays: 'table-dormancy-flag',
    dormancyCloseDays: 'table-dormancy-close',
  };
  return (
    <section aria-labelledby="table-new" className="st-panel">
      <h2 id="table-new">{t('admin.tables.new')}</h2>
      <AdminError error={create.error} fieldLabels={labels} fieldIds={ids} />
      <form onSubmit={submit} noValidate data-testid="table-form">
        <LabelledInput id="table-name" label={labels.name} value={name} onChange={setName} error={create.error} field="name" required autoComplete="off" />
        <LabelledInput
          id="table-code"
          label={labels.code}
          hint={t('admin.tables.codeHint')}
          className="st-input--short"
          value={code}
          onChange={(v) => setCode(v.toUpperCase())}
          error={create.error}
          field="code"
          autoComplete="off"
        />
        <LabelledInput id="table-region" label={labels.region} value={region} onChange={setRegion} autoComplete="off" />
        <LabelledSelect
          id="table-tz"
          label={labels.timeZone}
          hint={t('admin.tables.timeZoneHint')}
          value={timeZone}
          onChange={setTimeZone}
          options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
        />
        <RetentionInput id="table-retention" value={retention} onChange={setRetention} error={create.error} />
        <DaysField field="deferralLimitDays" id="table-deferral" value={deferralLimit} onChange={setDeferralLimit} error={create.error} />
        <DaysField field="reopenLimitDays" id="table-reopen" value={reopenLimit} onChange={setReopenLimit} error={create.error} />
        <DaysField field="dormancyFlagDays" id="table-dormancy-flag" value={dormancyFlag} onChange={setDormancyFlag} error={create.error} />
        <DaysField field="dormancyCloseDays" id="table-dormancy-close" value={dormancyClose} onChange={setDormancyClose} error={create.error} />
        <PolicyFields prefix="table-new" policy={policy} onChange={setPolicy} error={create.error} />
        <button type="submit" className="st-button st-button--primary" disabled={create.isPending} data-testid="table-create">
          {t('admin.tables.create')}
        </button>
      </form>
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
    </section>
  );
}

function EditTable({ table, onDone }: { table: Table; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(table.name);
  const [retention, setRetention] = useState(table.identityRetentionDays);
  const [deferralLimit, setDeferralLimit] = useState(table.deferralLimitDays);
  const [reopenLimit, setReopenLimit] = useState(table.reopenLimitDays);
  const [accessReview, setAccessReview] = useState(table.accessReviewDays);
  const [dormancyFlag, setDormancyFlag] = useState(table.dormancyFlagDays);
  const [dormancyClose, setDormancyClose] = useState(table.dormancyCloseDays);
  const [policy, setPolicy] = useState<Policy>({ ...table.thresholdPolicy });
  const [contactTitle, setContactTitle] = useState(table.equityContactTitle ?? '');
  const [contactEmail, setContactEmail] = useState(table.equityContactEmail ?? '');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/tables/{tableId}', {
          params: { path: { tableId: table.id } },
          body: {
            name: name.trim(),
            identityRetentionDays: retention,
            deferralLimitDays: deferralLimit,
            reopenLimitDays: reopenLimit,
            accessReviewDays: accessReview,
            dormancyFlagDays: dormancyFlag,
            dormancyCloseDays: dormancyClose,
            thresholdPolicy: policy,
            ...(contactTitle.trim() ? { equityContactTitle: contactTitle.trim() } : {}),
            ...(contactEmail.trim() ? { equityContactEmail: contactEmail.trim() } : {}),
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'tables'] });
      onDone();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <section aria-labelledby="table-edit-title" className="st-panel">
      <h2 id="table-edit-title">{t('admin.tables.editTitle', { name: table.name })}</h2>
      <ErrorSummary
        error={save.error}
        fieldLabels={{
          name: t('admin.tables.name'),
          identityRetentionDays: t('admin.tables.retention'),
          deferralLimitDays: t('admin.tables.deferralLimit'),
          reopenLimitDays: t('admin.tables.reopenLimit'),
          accessReviewDays: t('admin.tables.accessReview'),
          dormancyFlagDays: t('admin.tables.dormancyFlag'),
          dormancyCloseDays: t('admin.tables.dormancyClose'),
          equityContactTitle: t('admin.tables.equityContactTitle'),
          equityContactEmail: t('admin.tables.equityContactEmail'),
        }}
        fieldIds={{
          equityContactTitle: 'edit-equity-title',
          equityContactEmail: 'edit-equity-email',
          name: 'edit-name',
          identityRetentionDays: 'edit-retention',
          deferralLimitDays: 'edit-deferral',
          reopenLimitDays: 'edit-reopen',
          accessReviewDays: 'edit-access-review',
          dormancyFlagDays: 'edit-dormancy-flag',
          dormancyCloseDays: 'edit-dormancy-close',
        }}
      />
      <form onSubmit={submit} noValidate data-testid="table-edit-form">
        <LabelledInput id="edit-name" label={t('admin.tables.name')} value={name} onChange={setName} autoComplete="off" />
        <RetentionInput id="edit-retention" value={retention} onChange={setRetention} error={save.error} />
        <DaysField field="deferralLimitDays" id="edit-deferral" value={deferralLimit} onChange={setDeferralLimit} error={save.error} />
        <DaysField field="reopenLimitDays" id="edit-reopen" value={reopenLimit} onChange={setReopenLimit} error={save.error} />
        <DaysField field="accessReviewDays" id="edit-access-review" value={accessReview} onChange={setAccessReview} error={save.error} />
        <DaysField field="dormancyFlagDays" id="edit-dormancy-flag" value={dormancyFlag} onChange={setDormancyFlag} error={save.error} />
        <DaysField field="dormancyCloseDays" id="edit-dormancy-close" value={dormancyClose} onChange={setDormancyClose} error={save.error} />
        <PolicyFields prefix="table-edit" policy={policy} onChange={setPolicy} error={save.error} />
        <fieldset className="ontario-fieldset">
          <legend className="ontario-fieldset__legend">{t('admin.tables.equityContact')}</legend>
          <p className="st-hint">{t('admin.tables.equityContactHint')}</p>
          <LabelledInput
            id="edit-equity-title"
            label={t('admin.tables.equityContactTitle')}
            value={contactTitle}
            onChange={setContactTitle}
            error={save.error}
            field="equityContactTitle"
            autoComplete="off"
          />
          <LabelledInput
            id="edit-equity-email"
            label={t('admin.tables.equityContactEmail')}
            type="email"
            value={contactEmail}
            onChange={setContactEmail}
            error={save.error}
            field="equityContactEmail"
            autoComplete="off"
          />
        </fieldset>
        <p className="st-hint">{t('admin.tables.timeZoneFixed', { zone: table.timeZone })}</p>
        <div className="st-actions">
          <button type="submit" className="st-button st-button--primary" disabled={save.isPending} data-testid="table-save">
            {t('admin.save')}
          </button>
          <button type="button" className="st-button st-button--tertiary" onClick={onDone}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A table's member agencies and the users holding a role there (read through the administrator's own route), with a revoke per role. */
function TableMembers({ table, onDone }: { table: Table; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const members = useTableMembers(table.id);
  const sectorLabel = useSectorLabels();
  const [done, setDone] = useState<string | null>(null);
  const agencyName = (id: string | null) => members.data?.agencies.find((a) => a.agencyId === id)?.name ?? '—';
  const role = (r: TableRole) => t(`admin.role.${r}`);
  const revoke = useMutation({
    mutationFn: (g: TableGrant) =>
      unwrap(api.DELETE('/api/v1/tables/{tableId}/roles/{userId}/{role}', { params: { path: { tableId: table.id, userId: g.userId, role: g.role } } })),
    onSuccess: async (_r, g) => {
      setDone(t('admin.roles.revoked', { user: g.displayName, role: role(g.role), table: table.name }));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'members', table.id] });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
  });
  return (
    <section aria-labelledby="table-members-title" className="st-panel" data-testid="table-members">
      <h2 id="table-members-title">{t('admin.tables.membersTitle', { name: table.name })}</h2>
      <ErrorSummary error={members.error} />
      <AdminError error={revoke.error} />
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
      {members.isLoading && <p role="status">{t('app.loading')}</p>}
      {members.data && (
        <>
          <h3>{t('admin.tables.memberAgencies')}</h3>
          {members.data.agencies.length === 0 ? (
            <p>{t('admin.tables.noAgencies')}</p>
          ) : (
            <DataTable<MemberAgency>
              caption={t('admin.tables.memberAgencies')}
              testId="table-member-agencies"
              rows={members.data.agencies}
              rowKey={(a) => a.agencyId}
              columns={[
                { key: 'name', header: t('admin.agencies.name'), cell: (a) => a.name },
                { key: 'sector', header: t('admin.agencies.sector'), cell: (a) => sectorLabel(a.sector) },
                { key: 'joined', header: t('admin.tables.joinedAt'), cell: (a) => formatDate(a.joinedAt) },
              ]}
            />
          )}
          <h3>{t('admin.tables.grants')}</h3>
          {members.data.grants.length === 0 ? (
            <p>{t('admin.tables.noGrants')}</p>
          ) : (
            <DataTable<TableGrant>
              caption={t('admin.tables.grants')}
              testId="table-grants"
              rows={members.data.grants}
              rowKey={(g) => `${g.userId}-${g.role}`}
              rowProps={(g) => ({ 'data-testid': 'table-grant', 'data-email': g.email })}
              columns={[
                {
                  key: 'user',
                  header: t('admin.roles.user'),
                  cell: (g) => (
                    <>
                      {g.displayName}
                      {!g.active && <span className="st-badge st-badge--denied">{t('admin.users.inactive')}</span>}
                    </>
                  ),
                },
                { key: 'email', header: t('admin.users.email'), cell: (g) => g.email },
                { key: 'agency', header: t('admin.agency'), cell: (g) => agencyName(g.agencyId) },
                { key: 'role', header: t('admin.roles.role'), cell: (g) => role(g.role) },
                {
                  key: 'granted',
                  header: t('admin.tables.grantedAt'),
                  cell: (g) => (g.grantedByName ? t('admin.tables.grantedBy', { date: formatDate(g.grantedAt), name: g.grantedByName }) : formatDate(g.grantedAt)),
                },
                {
                  key: 'actions',
                  header: t('admin.actions'),
                  hiddenHeader: true,
                  cell: (g) => (
                    <button
                      type="button"
                      className="st-button st-button--tertiary st-button--small"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(g)}
                      aria-label={t('admin.roles.revokeLabel', { user: g.displayName, role: role(g.role), table: table.name })}
                    >
                      {t('admin.roles.revoke')}
                    </button>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
      <TableGovernance table={table} />
      <button type="button" className="st-button st-button--tertiary" onClick={onDone}>
        {t('admin.close')}
      </button>
    </section>
  );
}

/** A table policy given in days: its label and hint, bounds, and the API field it sets. */
const DAYS_FIELDS = {
  // Days after which a deferred referral still unanswered is flagged (1 to 90).
  deferralLimitDays: { label: 'admin.tables.deferralLimit', hint: 'admin.tables.deferralLimitHint', min: 1, max: 90 },
  // Days after its closure a situation may still be reopened (0 to 365; 0: never).
  reopenLimitDays: { label: 'admin.tables.reopenLimit', hint: 'admin.tables.reopenLimitHint', min: 0, max: 365 },
  // Days a certification of a role grant holds (the privacy officer's access review; 30 to 365).
  accessReviewDays: { label: 'admin.tables.accessReview', hint: 'admin.tables.accessReviewHint', min: 30, max: 365 },
  // Days without activity before a situation is flagged dormant, then closed as dormant (issue 17; situations/domain/retention.ts).
  dormancyFlagDays: { label: 'admin.tables.dormancyFlag', hint: 'admin.tables.dormancyFlagHint', min: 14, max: 365 },
  dormancyCloseDays: { label: 'admin.tables.dormancyClose', hint: 'admin.tables.dormancyCloseHint', min: 28, max: 730 },
} as const;

function DaysField({ field, id, value, onChange, error }: { field: keyof typeof DAYS_FIELDS; id: string; value: number; onChange: (n: number) => void; error: unknown }) {
  const { t } = useTranslation();
  const spec = DAYS_FIELDS[field];
  return (
    <LabelledInput
      id={id}
      label={t(spec.label)}
      hint={t(spec.hint)}
      className="st-input--number"
      type="number"
      inputMode="numeric"
      min={spec.min}
      max={spec.max}
      value={value}
      onChange={(v) => onChange(Number(v))}
      error={error}
      field={field}
    />
  );
}

function AddMember() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tables = useTables();
  const agencies = useAgencies();
  const [tableId, setTableId] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tables/{tableId}/agencies', { params: { path: { tableId } }, body: { agencyId } })),
    onSuccess: async (m) => {
      const table = tables.data?.find((x) => x.id === m.tableId)?.name ?? '';
      setDone(t('admin.tables.memberAdded', { agency: m.name, table }));
      setAgencyId('');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'members', m.tableId] });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    add.mutate();
  }
  return (
    <section aria-labelledby="member-new" className="st-panel">
      <h2 id="member-new">{t('admin.tables.addMember')}</h2>
      <p>{t('admin.tables.addMemberIntro')}</p>
      <AdminError error={add.error} conflictKey="admin.tables.memberConflict" />
      <form onSubmit={submit} noValidate data-testid="member-form">
        <TableSelect id="member-table" value={tableId} onChange={setTableId} />
        <LabelledSelect
          id="member-agency"
          label={t('admin.agency')}
          value={agencyId}
          onChange={setAgencyId}
          placeholder={t('admin.choose')}
          options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
        />
        <button type="submit" className="st-button st-button--primary" disabled={!tableId || !agencyId || add.isPending} data-testid="member-add">
          {t('admin.tables.addMemberSubmit')}
        </button>
      </form>
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
    </section>
  );
}
