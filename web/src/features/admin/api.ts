import '../../styles/privacy-admin.css';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';

export type Agency = Schemas['AgencyView'];
export type Table = Schemas['TableView'];
export type AdminUser = Schemas['AdminUserView'];
export type Sector = Schemas['CreateAgencyDto']['sector'];
export type TableRole = Schemas['GrantRoleDto']['role'];
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

/** Sector labels in the current language (reference data). */
export function useSectorLabels() {
  const { i18n } = useTranslation();
  const q = useQuery({ queryKey: ['taxonomy', i18n.language], staleTime: Infinity, queryFn: () => unwrap(api.GET('/api/v1/taxonomy')) });
  return (code: string) => q.data?.sectors.find((s) => s.code === code)?.label ?? code;
}
