import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ErrorSummary, FieldError } from '../../components/ErrorMessage';
import { AdminError } from './AdminError';
import { usePageTitle } from '../../components/usePageTitle';
import { formatNumber } from '../../i18n';
import { useAgencies, useTables, type Table } from './api';

type Policy = Schemas['ThresholdPolicyDto'];
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

/** The administrator's tables: create (policy, time zone, retention), edit a policy, add member agencies. */
export default function TablesPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.tables.title'));
  const tables = useTables();
  const [editing, setEditing] = useState<string | null>(null);
  const table = tables.data?.find((x) => x.id === editing) ?? null;
  return (
    <>
      <h1>{t('admin.tables.title')}</h1>
      <CreateTable />
      <section aria-labelledby="table-list">
        <h2 id="table-list">{t('admin.tables.list')}</h2>
        <ErrorSummary error={tables.error} />
        {tables.isLoading && <p role="status">{t('app.loading')}</p>}
        {tables.data && (
          <div className="st-table-wrap">
            <table className="st-table" data-testid="table-table">
              <caption className="st-visually-hidden">{t('admin.tables.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.tables.name')}</th>
                  <th scope="col">{t('admin.tables.code')}</th>
                  <th scope="col">{t('admin.tables.timeZone')}</th>
                  <th scope="col">{t('admin.tables.retention')}</th>
                  <th scope="col">{t('admin.tables.policy')}</th>
                  <th scope="col">
                    <span className="st-visually-hidden">{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tables.data.map((x) => (
                  <tr key={x.id}>
                    <td>{x.name}</td>
                    <td>{x.code}</td>
                    <td>{x.timeZone}</td>
                    <td>{formatNumber(x.identityRetentionDays)}</td>
                    <td>{t('admin.tables.policyValue', x.thresholdPolicy)}</td>
                    <td>
                      <button
                        type="button"
                        className="st-button st-button--tertiary st-button--small"
                        aria-expanded={editing === x.id}
                        aria-controls="table-edit"
                        onClick={() => setEditing(editing === x.id ? null : x.id)}
                      >
                        {t('admin.tables.edit', { name: x.name })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div id="table-edit">{table && <EditTable key={table.id} table={table} onDone={() => setEditing(null)} />}</div>
      <AddMember />
    </>
  );
}

function PolicyFields({ prefix, policy, onChange, error }: { prefix: string; policy: Policy; onChange: (p: Policy) => void; error: unknown }) {
  const { t } = useTranslation();
  return (
    <fieldset className="ontario-fieldset st-grid-4">
      <legend className="ontario-fieldset__legend">{t('admin.tables.policy')}</legend>
      {POLICY_FIELDS.map((f) => (
        <div className="ontario-form-group" key={f}>
          <label className="ontario-label" htmlFor={`${prefix}-${f}`}>
            {t(`admin.tables.${f}`)}
          </label>
          <input
            className="ontario-input st-input--number"
            id={`${prefix}-${f}`}
            type="number"
            inputMode="numeric"
            min={f === 'minConfirmed' ? 0 : 1}
            value={policy[f]}
            onChange={(e) => onChange({ ...policy, [f]: Number(e.target.value) })}
            aria-describedby={`${prefix}-${f}-error`}
          />
          <FieldError id={`${prefix}-${f}-error`} error={error} field={`thresholdPolicy.${f}`} />
        </div>
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
  const [retention, setRetention] = useState(90);
  const [deferralLimit, setDeferralLimit] = useState(14);
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
            thresholdPolicy: policy,
          },
        }),
      ),
    onSuccess: async (x) => {
      setDone(t('admin.tables.created', { name: x.name, code: x.code }));
      setName('');
      setCode('');
      setRegion('');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'tables'] });
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
  };
  const ids = {
    name: 'table-name',
    code: 'table-code',
    region: 'table-region',
    timeZone: 'table-tz',
    identityRetentionDays: 'table-retention',
    deferralLimitDays: 'table-deferral',
  };
  return (
    <section aria-labelledby="table-new" className="st-panel">
      <h2 id="table-new">{t('admin.tables.new')}</h2>
      <AdminError error={create.error} fieldLabels={labels} fieldIds={ids} />
      <form onSubmit={submit} noValidate data-testid="table-form">
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="table-name">
            {t('admin.tables.name')}
          </label>
          <input className="ontario-input" id="table-name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" aria-describedby="table-name-error" />
          <FieldError id="table-name-error" error={create.error} field="name" />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="table-code">
            {t('admin.tables.code')}
          </label>
          <p className="st-hint" id="table-code-hint">
            {t('admin.tables.codeHint')}
          </p>
          <input
            className="ontario-input st-input--short"
            id="table-code"
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            autoComplete="off"
            aria-describedby="table-code-hint table-code-error"
          />
          <FieldError id="table-code-error" error={create.error} field="code" />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="table-region">
            {t('admin.tables.region')}
          </label>
          <input className="ontario-input" id="table-region" value={region} onChange={(e) => setRegion(e.target.value)} autoComplete="off" />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="table-tz">
            {t('admin.tables.timeZone')}
          </label>
          <p className="st-hint" id="table-tz-hint">
            {t('admin.tables.timeZoneHint')}
          </p>
          <select className="ontario-input ontario-dropdown" id="table-tz" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} aria-describedby="table-tz-hint">
            {TIME_ZONES.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="table-retention">
            {t('admin.tables.retention')}
          </label>
          <p className="st-hint" id="table-retention-hint">
            {t('admin.tables.retentionHint')}
          </p>
          <input
            className="ontario-input st-input--number"
            id="table-retention"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            value={retention}
            onChange={(e) => setRetention(Number(e.target.value))}
            aria-describedby="table-retention-hint table-retention-error"
          />
          <FieldError id="table-retention-error" error={create.error} field="identityRetentionDays" />
        </div>
        <DeferralLimitField id="table-deferral" value={deferralLimit} onChange={setDeferralLimit} error={create.error} />
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
  const [policy, setPolicy] = useState<Policy>({ ...table.thresholdPolicy });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/tables/{tableId}', {
          params: { path: { tableId: table.id } },
          body: { name: name.trim(), identityRetentionDays: retention, deferralLimitDays: deferralLimit, thresholdPolicy: policy },
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
        fieldLabels={{ name: t('admin.tables.name'), identityRetentionDays: t('admin.tables.retention'), deferralLimitDays: t('admin.tables.deferralLimit') }}
        fieldIds={{ name: 'edit-name', identityRetentionDays: 'edit-retention', deferralLimitDays: 'edit-deferral' }}
      />
      <form onSubmit={submit} noValidate data-testid="table-edit-form">
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="edit-name">
            {t('admin.tables.name')}
          </label>
          <input className="ontario-input" id="edit-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="edit-retention">
            {t('admin.tables.retention')}
          </label>
          <input
            className="ontario-input st-input--number"
            id="edit-retention"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            value={retention}
            onChange={(e) => setRetention(Number(e.target.value))}
          />
        </div>
        <DeferralLimitField id="edit-deferral" value={deferralLimit} onChange={setDeferralLimit} error={save.error} />
        <PolicyFields prefix="table-edit" policy={policy} onChange={setPolicy} error={save.error} />
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

/** Days after which a deferred referral still unanswered is flagged (1 to 90). */
function DeferralLimitField({ id, value, onChange, error }: { id: string; value: number; onChange: (n: number) => void; error: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="ontario-form-group">
      <label className="ontario-label" htmlFor={id}>
        {t('admin.tables.deferralLimit')}
      </label>
      <p className="st-hint" id={`${id}-hint`}>
        {t('admin.tables.deferralLimitHint')}
      </p>
      <input
        className="ontario-input st-input--number"
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={90}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        aria-describedby={`${id}-hint ${id}-error`}
      />
      <FieldError id={`${id}-error`} error={error} field="deferralLimitDays" />
    </div>
  );
}

function AddMember() {
  const { t } = useTranslation();
  const tables = useTables();
  const agencies = useAgencies();
  const [tableId, setTableId] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/tables/{tableId}/agencies', { params: { path: { tableId } }, body: { agencyId } })),
    onSuccess: (m) => {
      const table = tables.data?.find((x) => x.id === m.tableId)?.name ?? '';
      setDone(t('admin.tables.memberAdded', { agency: m.name, table }));
      setAgencyId('');
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
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="member-table">
            {t('admin.table')}
          </label>
          <select className="ontario-input ontario-dropdown" id="member-table" value={tableId} onChange={(e) => setTableId(e.target.value)}>
            <option value="">{t('admin.choose')}</option>
            {(tables.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="ontario-form-group">
          <label className="ontario-label" htmlFor="member-agency">
            {t('admin.agency')}
          </label>
          <select className="ontario-input ontario-dropdown" id="member-agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            <option value="">{t('admin.choose')}</option>
            {(agencies.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="st-button st-button--primary" disabled={!tableId || !agencyId || add.isPending} data-testid="member-add">
          {t('admin.tables.addMemberSubmit')}
        </button>
      </form>
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
    </section>
  );
}
