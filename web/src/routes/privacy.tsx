import { lazy } from 'react';
import type { AppRoute } from './types';

const AuditExplorer = lazy(() => import('../features/audit/AuditExplorer'));
const AccessLogPage = lazy(() => import('../features/audit/AccessLogPage'));
const AnomaliesPage = lazy(() => import('../features/audit/AnomaliesPage'));

/** The privacy officer's screens: the audit explorer, access logs, anomalies. */
export const privacyRoutes: AppRoute[] = [
  { path: 'audit', element: <AuditExplorer />, roles: ['PRIVACY_OFFICER'], navKey: 'nav.audit' },
  { path: 'audit/access-log', element: <AccessLogPage />, roles: ['PRIVACY_OFFICER'], navKey: 'audit.nav.accessLog' },
  { path: 'audit/anomalies', element: <AnomaliesPage />, roles: ['PRIVACY_OFFICER'], navKey: 'audit.nav.anomalies' },
];
