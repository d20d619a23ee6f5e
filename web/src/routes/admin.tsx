import { lazy } from 'react';
import type { AppRoute } from './types';

const AgenciesPage = lazy(() => import('../features/admin/AgenciesPage'));
const TablesPage = lazy(() => import('../features/admin/TablesPage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const RegionsPage = lazy(() => import('../features/admin/RegionsPage'));
const EquityBenchmarksPage = lazy(() => import('../features/admin/EquityBenchmarksPage'));

/** The administrator's screens: agencies, tables, users and role grants, regions, the equity benchmarks. */
export const adminRoutes: AppRoute[] = [
  { path: 'admin', element: <AgenciesPage />, roles: ['ADMIN'], navKey: 'admin.nav.agencies' },
  { path: 'admin/tables', element: <TablesPage />, roles: ['ADMIN'], navKey: 'admin.nav.tables' },
  { path: 'admin/users', element: <UsersPage />, roles: ['ADMIN'], navKey: 'admin.nav.users' },
  { path: 'admin/regions', element: <RegionsPage />, roles: ['ADMIN'], navKey: 'admin.nav.regions' },
  { path: 'admin/equity-benchmarks', element: <EquityBenchmarksPage />, roles: ['ADMIN'], navKey: 'admin.nav.benchmarks' },
];
