import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ApiError } from '../../api/errors';
import { CheckboxGrid } from '../../components/CheckboxGrid';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../i18n';
import { TIME_ZONES } from './TablesPage';
import { RegionTrail } from './RegionTrail';
import { useTables, useUsers } from './api';

type Region = Schemas['RegionView'];

/** The conflicts a region's forms may meet (docs/evaluation.md, section 7), each in the interface's words. */
const CONFLICTS = [
  'REGION_CODE_TAKEN',
  'REGION_YEAR_FIXED',
  'TABLE_IN_ANOTHER_REGION',
  'REGION_ROLE_CONFLICT',
  'ADMIN_NO_REGION_ROLE',
  'REGION_ROLE_ALREADY_GRANTED',
  'USER_DEACTIVATED',
];

/** ErrorSummary, except for a 409: the reason of the conflict, said in the form's words. */
function RegionError({ error, fieldLabels, fieldIds }: { error: unknown; fieldLabels?: Record<string, string>; fieldIds?: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const conflict = error instanceof ApiError && error.status === 409;
  useEffect(() => {
    if (conflict) ref.current?.focus();
  }, [conflict, error]);
  if (!conflict) return <ErrorSummary error={error} fieldLabels={fieldLabels} fieldIds={fieldIds} />;
  const reason = String(error.details?.reason ?? '');
  return (
    <div className="st-alert st-alert--error" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary" data-status={409}>
      <h2 className="st-alert__title">{CONFLICTS.includes(reason) ? t(`admin.regions.conflicts.${reason}`) : t('admin.conflict')}</h2>
    </div>
  );
}

/**
 * The administrator's regions (docs/evaluation.md, section 7): create one (its code, names and time
 * zone), set the member tables of a year not yet begun, grant and revoke REGIONAL_ANALYST.
 */
export default function RegionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.regions.title'));
  const regions = useQuery({ queryKey: ['admin', 'regions'], queryFn: () => unwrap(api.GET('/api/v1/regions')) });
  const [chosen, setChosen] = useState('');
  const region = (regions.data ?? []).find((r) => r.id === chosen) ?? null;
  return (
    <>
      <h1>{t('admin.regions.title')}</h1>
      <p className="st-lead">{t('admin.regions.intro')}</p>
      <CreateRegion onCreated={setChosen} />
      <section aria-labelledby="region-list">
        <h2 id="region-list">{t('admin.regions.list')}</h2>
        <ErrorSummary error={regions.error} />
        <DataTable<Region>
          caption={t('admin.regions.list')}
          testId="region-table"
          rows={regions.data ?? []}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ 'data-region': r.code })}
          columns={[
            { key: 'code', header: t('admin.regions.code'), cell: (r) => r.code },
            { key: 'name', header: t('admin.regions.name'), cell: (r) => r.name },
            { key: 'tz', header: t('admin.regions.timeZone'), cell: (r) => r.timeZone },
            {
              key: 'years',
              header: t('admin.regions.years'),
              cell: (r) =>
                r.years.length === 0
                  ? t('admin.regions.noYears')
                  : r.years
                      .map((y) =>
                        t(y.publishes ? 'admin.regions.yearMembers' : 'admin.regions.yearMembersSilent', { year: y.year, tables: y.tables.map((x) => x.name).join(', ') }),
                      )
                      .join(' · '),
            },
            { key: 'analysts', header: t('admin.regions.analysts'), cell: (r) => (r.analysts ?? []).map((a) => a.displayName).join(', ') || '—' },
            {
              key: 'manage',
              header: t('admin.actions'),
              hiddenHeader: true,
              cell: (r) => (
                <button type="button" className="st-button st-button--secondary" onClick={() => setChosen(r.id)} aria-pressed={chosen === r.id} data-testid={`manage-${r.code}`}>
                  {t('admin.regions.manage', { code: r.code })}
                </button>
              ),
            },
          ]}
        />
      </section>
      {region && <ManageRegion key={region.id} region={region} />}
    </>
  );
}

function CreateRegion({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [nameFr, setNameFr] = useState('');
  const [timeZone, setTimeZone] = useState('America/Toronto');
  const [done, setDone] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/regions', { body: { code: code.trim(), nameEn: nameEn.trim(), nameFr: nameFr.trim(), timeZone } })),
    onSuccess: async (r) => {
      setCode('');
      setNameEn('');
      setNameFr('');
      await queryClient.invalidateQueries({ queryKey: ['admin', 'regions'] });
      setDone(t('admin.regions.created', { code: r.code }));
      onCreated(r.id);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    create.mutate();
  }
  const labels = { code: t('admin.regions.code'), nameEn: t('admin.regions.nameEn'), nameFr: t('admin.regions.nameFr'), timeZone: t('admin.regions.timeZone') };
  return (
    <section aria-labelledby="region-new" className="st-panel">
      <h2 id="region-new">{t('admin.regions.new')}</h2>
      <RegionError error={create.error} fieldLabels={labels} fieldIds={{ code: 'region-code', nameEn: 'region-name-en', nameFr: 'region-name-fr', timeZone: 'region-tz' }} />
      <form onSubmit={submit} noValidate data-testid="region-form">
        <LabelledInput
          id="region-code"
          label={labels.code}
          hint={t('admin.regions.codeHint')}
          value={code}
          onChange={setCode}
          error={create.error}
          field="code"
          required
          autoComplete="off"
        />
        <LabelledInput id="region-name-en" label={labels.nameEn} value={nameEn} onChange={setNameEn} error={create.error} field="nameEn" required autoComplete="off" lang="en" />
        <LabelledInput id="region-name-fr" label={labels.nameFr} value={nameFr} onChange={setNameFr} error={create.error} field="nameFr" required autoComplete="off" lang="fr" />
        <LabelledSelect
          id="region-tz"
          label={labels.timeZone}
          hint={t('admin.regions.timeZoneHint')}
          value={timeZone}
          onChange={setTimeZone}
          options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
          error={create.error}
          field="timeZone"
        />
        <button type="submit" className="st-button st-button--primary" disabled={create.isPending} data-testid="region-create">
          {t('admin.regions.create')}
        </button>
      </form>
      <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
    </section>
  );
}

/** A region's members of a year not yet begun, and its analysts. */
function ManageRegion({ region }: { region: Region }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tables = useTables();
  const users = useUsers();
  const nextYear = String(new Date().getFullYear() + 1);
  const [year, setYear] = useState(nextYear);
  const [members, setMembers] = useState<string[]>(() => region.years.find((y) => String(y.year) === nextYear)?.tables.map((x) => x.tableId) ?? []);
  const [userId, setUserId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'regions'] });
  const setYearMembers = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/regions/{regionId}/members/{year}', { params: { path: { regionId: region.id, year: year.trim() } }, body: { tableIds: members } })),
    onSuccess: async () => {
      await refresh();
      setDone(t('admin.regions.membersSet', { year }));
    },
  });
  const grant = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/regions/{regionId}/analysts', { params: { path: { regionId: region.id } }, body: { userId } })),
    onSuccess: async () => {
      const name = (users.data ?? []).find((u) => u.id === userId)?.displayName ?? '';
      setUserId('');
      await refresh();
      setDone(t('admin.regions.granted', { name }));
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/regions/{regionId}/analysts/{userId}', { params: { path: { regionId: region.id, userId: id } } })),
    onSuccess: async () => {
      await refresh();
      setDone(t('admin.regions.revoked'));
    },
  });
  return (
    <section aria-labelledby="region-manage" className="st-panel" data-testid="region-manage">
      <h2 id="region-manage">{t('admin.regions.manageTitle', { name: region.name })}</h2>
      <div role="status" data-testid="region-manage-status">
        {done && <p className="st-alert st-alert--success">{done}</p>}
      </div>
      <h3>{t('admin.regions.membersTitle')}</h3>
      <p className="st-hint">{t('admin.regions.membersHint')}</p>
      <RegionError error={setYearMembers.error} fieldLabels={{ year: t('admin.regions.year'), tableIds: t('admin.regions.tables') }} fieldIds={{ year: 'members-year' }} />
      <form
        noValidate
        data-testid="members-form"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          setYearMembers.mutate();
        }}
      >
        <LabelledInput
          id="members-year"
          label={t('admin.regions.year')}
          value={year}
          onChange={setYear}
          inputMode="numeric"
          autoComplete="off"
          error={setYearMembers.error}
          field="year"
        />
        <fieldset className="ontario-fieldset">
          <legend className="ontario-fieldset__legend">{t('admin.regions.tables')}</legend>
          <CheckboxGrid idPrefix="member" options={(tables.data ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.timeZone})` }))} chosen={members} onChange={setMembers} />
        </fieldset>
        <button type="submit" className="st-button st-button--primary" disabled={setYearMembers.isPending} data-testid="members-save">
          {t('admin.regions.saveMembers')}
        </button>
      </form>

      <h3>{t('admin.regions.analysts')}</h3>
      <RegionError error={grant.error ?? revoke.error} fieldLabels={{ userId: t('admin.regions.user') }} fieldIds={{ userId: 'analyst-user' }} />
      <ul data-testid="analyst-list">
        {(region.analysts ?? []).map((a) => (
          <li key={a.userId}>
            {a.displayName} — {t('admin.regions.since', { date: formatDate(a.grantedAt) })}{' '}
            <button type="button" className="st-button st-button--tertiary" onClick={() => revoke.mutate(a.userId)} disabled={revoke.isPending}>
              {t('admin.regions.revoke', { name: a.displayName })}
            </button>
          </li>
        ))}
      </ul>
      <form
        noValidate
        data-testid="analyst-form"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          grant.mutate();
        }}
      >
        <LabelledSelect
          id="analyst-user"
          label={t('admin.regions.user')}
          value={userId}
          onChange={setUserId}
          placeholder={t('admin.choose')}
          options={(users.data ?? []).filter((u) => !u.isAdmin && u.active).map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }))}
          error={grant.error}
          field="userId"
        />
        <button type="submit" className="st-button st-button--primary" disabled={grant.isPending} data-testid="analyst-grant">
          {t('admin.regions.grant')}
        </button>
      </form>

      <RegionTrail regionId={region.id} regionName={region.name} />
    </section>
  );
}
