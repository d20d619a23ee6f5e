import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorSummary } from '../../components/ErrorMessage';
import { LabelledInput } from '../../components/LabelledInput';
import { LabelledSelect } from '../../components/LabelledSelect';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, locale } from '../../i18n';
import { useTables } from './api';

type Benchmark = Schemas['EquityBenchmarkView'];
type Scope = { kind: 'table' | 'region'; id: string };

/** A percentage typed in either language (12,5 or 12.5) as a share from 0 to 1; NaN when it is not a number. */
export function shareOf(text: string): number {
  const clean = text.trim().replace(/\s|%/g, '').replace(',', '.');
  return clean === '' || !/^\d+(\.\d+)?$/.test(clean) ? NaN : Number(clean) / 100;
}

/**
 * The administrator's population benchmarks of the disproportionality index (docs/evaluation.md
 * 6.7): per table or region, year of validity and question (Indigenous identity, race), each
 * category's share of the population in percent, with the source the reports print beside the index.
 */
export default function EquityBenchmarksPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.benchmarks.title'));
  const tables = useTables();
  const regions = useQuery({ queryKey: ['admin', 'regions'], queryFn: () => unwrap(api.GET('/api/v1/regions')) });
  const [chosen, setChosen] = useState('');
  const scope: Scope | null = chosen ? { kind: chosen.startsWith('region:') ? 'region' : 'table', id: chosen.slice(chosen.indexOf(':') + 1) } : null;
  const options = [
    ...(tables.data ?? []).map((x) => ({ value: `table:${x.id}`, label: t('admin.benchmarks.tableOption', { name: x.name }) })),
    ...(regions.data ?? []).map((r) => ({ value: `region:${r.id}`, label: t('admin.benchmarks.regionOption', { name: r.name }) })),
  ];
  return (
    <>
      <h1>{t('admin.benchmarks.title')}</h1>
      <p className="st-lead">{t('admin.benchmarks.intro')}</p>
      <LabelledSelect id="benchmark-scope" label={t('admin.benchmarks.scope')} value={chosen} onChange={setChosen} placeholder={t('admin.choose')} options={options} />
      {scope && <ScopeBenchmarks key={chosen} scope={scope} />}
    </>
  );
}

function ScopeBenchmarks({ scope }: { scope: Scope }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['admin', 'benchmarks', scope.kind, scope.id, i18n.language];
  const list = useQuery({
    queryKey: key,
    queryFn: () =>
      scope.kind === 'table'
        ? unwrap(api.GET('/api/v1/tables/{tableId}/equity-benchmarks', { params: { path: { tableId: scope.id } } }))
        : unwrap(api.GET('/api/v1/regions/{regionId}/equity-benchmarks', { params: { path: { regionId: scope.id } } })),
  });
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [question, setQuestion] = useState('RACE');
  const [percents, setPercents] = useState<Record<string, string>>({});
  const [source, setSource] = useState({ sourceTitle: '', sourcePublisher: '', sourceYear: '', sourceGeography: '', sourcePopulation: '' });
  const [done, setDone] = useState<string | null>(null);
  const q = list.data?.questions.find((x) => x.code === question) ?? null;
  const shares = Object.fromEntries(Object.entries(percents).flatMap(([code, text]) => (text.trim() === '' ? [] : [[code, shareOf(text)]])));
  const total = Object.values(shares).reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0);
  const save = useMutation({
    mutationFn: () => {
      const body = { shares, ...source, sourceYear: Number(source.sourceYear) };
      const path = { year: year.trim(), question };
      return scope.kind === 'table'
        ? unwrap(api.PUT('/api/v1/tables/{tableId}/equity-benchmarks/{year}/{question}', { params: { path: { tableId: scope.id, ...path } }, body }))
        : unwrap(api.PUT('/api/v1/regions/{regionId}/equity-benchmarks/{year}/{question}', { params: { path: { regionId: scope.id, ...path } }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'benchmarks', scope.kind, scope.id] });
      setDone(t('admin.benchmarks.saved', { year, question: q?.label ?? question }));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    save.mutate();
  }
  const labels: Record<string, string> = {
    year: t('admin.benchmarks.year'),
    question: t('admin.benchmarks.question'),
    shares: t('admin.benchmarks.shares'),
    sourceTitle: t('admin.benchmarks.sourceTitle'),
    sourcePublisher: t('admin.benchmarks.sourcePublisher'),
    sourceYear: t('admin.benchmarks.sourceYear'),
    sourceGeography: t('admin.benchmarks.sourceGeography'),
    sourcePopulation: t('admin.benchmarks.sourcePopulation'),
    ...Object.fromEntries((q?.categories ?? []).map((c) => [`shares.${c.code}`, c.label])),
  };
  const ids: Record<string, string> = {
    year: 'benchmark-year',
    shares: `share-${q?.categories[0]?.code ?? ''}`,
    ...Object.fromEntries(Object.keys(source).map((k) => [k, `benchmark-${k}`])),
    ...Object.fromEntries((q?.categories ?? []).map((c) => [`shares.${c.code}`, `share-${c.code}`])),
  };
  const questionLabel = (code: string) => list.data?.questions.find((x) => x.code === code)?.label ?? code;
  const pct = (x: number) => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 2 }).format(x);
  return (
    <>
      <section aria-labelledby="benchmark-list">
        <h2 id="benchmark-list">{t('admin.benchmarks.list')}</h2>
        <ErrorSummary error={list.error} />
        {list.data && list.data.benchmarks.length === 0 && <p data-testid="benchmark-none">{t('admin.benchmarks.none')}</p>}
        <DataTable<Benchmark>
          caption={t('admin.benchmarks.list')}
          testId="benchmark-table"
          rows={list.data?.benchmarks ?? []}
          rowKey={(b) => `${b.year}-${b.question}`}
          rowProps={(b) => ({ 'data-benchmark': `${b.year}-${b.question}` })}
          columns={[
            { key: 'year', header: t('admin.benchmarks.year'), cell: (b) => String(b.year) },
            { key: 'question', header: t('admin.benchmarks.question'), cell: (b) => questionLabel(b.question) },
            {
              key: 'shares',
              header: t('admin.benchmarks.shares'),
              // in the order of the question's categories (the stored object keeps no order of its own)
              cell: (b) =>
                (list.data?.questions.find((x) => x.code === b.question)?.categories ?? [])
                  .filter((c) => b.shares[c.code] !== undefined)
                  .map((c) => `${c.label} ${pct(b.shares[c.code])}`)
                  .join(' · '),
            },
            { key: 'source', header: t('admin.benchmarks.source'), cell: (b) => `${b.source.title}, ${b.source.publisher}, ${b.source.year}, ${b.source.geography}` },
            { key: 'set', header: t('admin.benchmarks.setAt'), cell: (b) => formatDate(b.setAt) },
          ]}
        />
      </section>
      <section aria-labelledby="benchmark-new" className="st-panel">
        <h2 id="benchmark-new">{t('admin.benchmarks.new')}</h2>
        <p className="st-hint">{t('admin.benchmarks.newHint')}</p>
        <ErrorSummary error={save.error} fieldLabels={labels} fieldIds={ids} />
        <form onSubmit={submit} noValidate data-testid="benchmark-form">
          <LabelledInput
            id="benchmark-year"
            label={labels.year}
            hint={t('admin.benchmarks.yearHint')}
            value={year}
            onChange={setYear}
            error={save.error}
            field="year"
            inputMode="numeric"
            required
          />
          <LabelledSelect
            id="benchmark-question"
            label={labels.question}
            value={question}
            onChange={(v) => {
              setQuestion(v);
              setPercents({});
            }}
            options={(list.data?.questions ?? []).map((x) => ({ value: x.code, label: x.label }))}
          />
          <fieldset className="ontario-fieldset">
            <legend className="ontario-fieldset__legend">{t('admin.benchmarks.sharesLegend')}</legend>
            {(q?.categories ?? []).map((c) => (
              <LabelledInput
                key={c.code}
                id={`share-${c.code}`}
                label={c.label}
                value={percents[c.code] ?? ''}
                onChange={(v) => setPercents((p) => ({ ...p, [c.code]: v }))}
                error={save.error}
                field={`shares.${c.code}`}
                inputMode="decimal"
                className="ontario-input--4-char-width"
              />
            ))}
            <p role="status" data-testid="benchmark-total">
              {t('admin.benchmarks.total', { total: pct(total) })}
            </p>
          </fieldset>
          {(['sourceTitle', 'sourcePublisher', 'sourceYear', 'sourceGeography', 'sourcePopulation'] as const).map((k) => (
            <LabelledInput
              key={k}
              id={`benchmark-${k}`}
              label={labels[k]}
              hint={k === 'sourceGeography' ? t('admin.benchmarks.geographyHint') : undefined}
              value={source[k]}
              onChange={(v) => setSource((s) => ({ ...s, [k]: v }))}
              error={save.error}
              field={k}
              inputMode={k === 'sourceYear' ? 'numeric' : undefined}
              required
            />
          ))}
          <button type="submit" className="st-button st-button--primary" disabled={save.isPending} data-testid="benchmark-save">
            {t('admin.benchmarks.save')}
          </button>
        </form>
        <div role="status">{done && <p className="st-alert st-alert--success">{done}</p>}</div>
      </section>
    </>
  );
}
