import { lazy } from 'react';
import type { AppRoute } from './types';

const Placeholder = lazy(() => import('../components/Placeholder'));

/** The privacy officer's screens: the audit explorer, access logs, anomalies. */
export const privacyRoutes: AppRoute[] = [
  { path: 'audit', element: <Placeholder titleKey="nav.audit" />, roles: ['PRIVACY_OFFICER'], navKey: 'nav.audit' },
];
