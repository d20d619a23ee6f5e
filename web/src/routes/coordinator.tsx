import { lazy } from 'react';
import type { AppRoute } from './types';

const Placeholder = lazy(() => import('../components/Placeholder'));

/** The coordinator's screens: triage, the meeting board, minutes, reports. */
export const coordinatorRoutes: AppRoute[] = [
  { path: 'triage', element: <Placeholder titleKey="nav.triage" />, roles: ['COORDINATOR'], navKey: 'nav.triage' },
  { path: 'meetings', element: <Placeholder titleKey="nav.meetings" />, roles: ['COORDINATOR'], navKey: 'nav.meetings' },
  { path: 'reports', element: <Placeholder titleKey="nav.reports" />, roles: ['COORDINATOR', 'ANALYST'], navKey: 'nav.reports' },
];
