import { lazy } from 'react';
import type { AppRoute } from './types';

const Placeholder = lazy(() => import('../components/Placeholder'));

/** The administrator's screens: agencies, tables, users, role grants. */
export const adminRoutes: AppRoute[] = [
  { path: 'admin', element: <Placeholder titleKey="nav.admin" />, roles: ['ADMIN'], navKey: 'nav.admin' },
];
