import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';

export type Taxonomy = Schemas['TaxonomyView'];
export type TableAgency = Schemas['TableAgencyView'];
type LabelList = 'riskCategories' | 'riskFactors' | 'protectiveFactors' | 'sectors' | 'ageBands' | 'situationTypes' | 'genders' | 'conclusions' | 'consentStatuses' | 'services';

/** The reference data in the current language (refetched when the language changes). */
export function useTaxonomy() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['taxonomy', i18n.language],
    queryFn: () => unwrap(api.GET('/api/v1/taxonomy')),
    staleTime: Infinity,
  });
}

/** A function giving the label of a code of a reference list (the code itself while loading or unknown). */
export function useLabels(): (list: LabelList, code: string | null | undefined) => string {
  const { data } = useTaxonomy();
  const maps = useMemo(() => {
    const m = new Map<string, Map<string, string>>();
    if (!data) return m;
    for (const list of [
      'riskCategories',
      'riskFactors',
      'protectiveFactors',
      'sectors',
      'ageBands',
      'situationTypes',
      'genders',
      'conclusions',
      'consentStatuses',
      'services',
    ] as LabelList[]) {
      m.set(list, new Map((data[list] as { code: string; label: string }[]).map((i) => [i.code, i.label])));
    }
    return m;
  }, [data]);
  return (list, code) => (code ? (maps.get(list)?.get(code) ?? code) : '');
}

/** The member agencies of the table (names, sectors): for attendance, assignment, minutes. */
export function useTableAgencies(tableId: string | null) {
  return useQuery({
    queryKey: ['table-agencies', tableId],
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/agencies', { params: { path: { tableId: tableId! } } })),
    enabled: !!tableId,
    staleTime: 5 * 60_000,
  });
}

/** Agency name by id, from the table's members. */
export function useAgencyNames(tableId: string | null): (id: string | null | undefined) => string {
  const { data } = useTableAgencies(tableId);
  const byId = useMemo(() => new Map((data ?? []).map((a) => [a.agencyId, a.name])), [data]);
  return (id) => (id ? (byId.get(id) ?? id) : '');
}
