import '../../styles/privacy-admin.css';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';

export type Agency = Schemas['AgencyView'];
export type Table = Schemas['TableView'];
export type AdminUser = Schemas['AdminUserView'];
export type Sector = Schemas['CreateAgencyDto']['sector'];
export type TableRole = Schemas['GrantRoleDto']['role'];
export type TableMembers = Schemas['TableMembersView'];
export type TableGrant = Schemas['TableGrantView'];
export const TABLE_ROLES: TableRole[] = ['COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST'];
export const SECTORS: Sector[] = [
  'POLICE',
  'EDUCATION',
  'HEALTH',
  'MENTAL_HEALTH_ADDICTIONS',
  'CHILD_FAMILY_SERVICES',
  'HOUSING',
  'INCOME_SOCIAL_SERVICES',
  'JUSTICE',
  'VICTIM_SERVICES',
  'EMS_FIRE',
  'MUNICIPAL_SERVICES',
  'DEVELOPMENTAL_SERVICES',
  'INDIGENOUS_SERVICES',
  'COMMUNITY_YOUTH_SERVICES',
  'SENIORS_SERVICES',
  'OTHER',
];

/** Every page of a list route (`{ items, nextCursor }`), 200 at a time. */
async function all<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const p = await page(cursor);
    out.push(...p.items);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return out;
}

export function useAgencies() {
  return useQuery({ queryKey: ['admin', 'agencies'], queryFn: () => all((cursor) => unwrap(api.GET('/api/v1/agencies', { params: { query: { limit: 200, cursor } } }))) });
}
export function useTables() {
  return useQuery({ queryKey: ['admin', 'tables'], queryFn: () => all((cursor) => unwrap(api.GET('/api/v1/tables', { params: { query: { limit: 200, cursor } } }))) });
}
export function useUsers() {
  return useQuery({ queryKey: ['admin', 'users'], queryFn: () => all((cursor) => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 200, cursor } } }))) });
}

/** How many rows a list screen loads at a time. */
export const LIST_PAGE = 20;

type PageOf<T> = { items: T[]; nextCursor: string | null };

/** A list loaded page after page ("Load more"), with the API's cursors; `items` are the pages so far. */
function usePaged<T>(name: string, page: (cursor: string | undefined) => Promise<PageOf<T>>) {
  const q = useInfiniteQuery({
    queryKey: ['admin', name, 'paged'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => page(pageParam),
    getNextPageParam: (last: PageOf<T>) => last.nextCursor ?? undefined,
  });
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  return { items, error: q.error, isLoading: q.isLoading, hasMore: q.hasNextPage, loadingMore: q.isFetchingNextPage, loadMore: () => void q.fetchNextPage() };
}

export function useAgencyPages() {
  return usePaged('agencies', (cursor) => unwrap(api.GET('/api/v1/agencies', { params: { query: { limit: LIST_PAGE, cursor } } })));
}
export function useTablePages() {
  return usePaged('tables', (cursor) => unwrap(api.GET('/api/v1/tables', { params: { query: { limit: LIST_PAGE, cursor } } })));
}
export function useUserPages() {
  return usePaged('users', (cursor) => unwrap(api.GET('/api/v1/users', { params: { query: { limit: LIST_PAGE, cursor } } })));
}

/** A table's member agencies and role grants (each read is audited in the table's trail: no background refetch). */
export function useTableMembers(tableId: string | null) {
  return useQuery({
    queryKey: ['admin', 'members', tableId],
    enabled: !!tableId,
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET('/api/v1/tables/{tableId}/members', { params: { path: { tableId: tableId! } } })),
  });
}

/** Sector labels in the current language (reference data). */
export function useSectorLabels() {
  const { i18n } = useTranslation();
  const q = useQuery({ queryKey: ['taxonomy', i18n.language], staleTime: Infinity, queryFn: () => unwrap(api.GET('/api/v1/taxonomy')) });
  return (code: string) => q.data?.sectors.find((s) => s.code === code)?.label ?? code;
}
