import { lazy } from 'react';
import type { AppRoute } from './types';

const AuditExplorer = lazy(() => import('../features/audit/AuditExplorer'));
const AccessLogPage = lazy(() => import('../features/audit/AccessLogPage'));
const AnomaliesPage = lazy(() => import('../features/audit/AnomaliesPage'));
const SignInHistoryPage = lazy(() => import('../features/audit/SignInHistoryPage'));
const AccessRequestPage = lazy(() => import('../features/audit/AccessRequestPage'));
const AccessReviewPage = lazy(() => import('../features/access-review/AccessReviewPage'));

const CasesPage = lazy(() => import('../features/oversight/CasesPage'));
const CaseDetailPage = lazy(() => import('../features/oversight/CaseDetailPage'));
const BreachLogPage = lazy(() => import('../features/oversight/BreachLogPage'));
const BreachDetailPage = lazy(() => import('../features/oversight/BreachDetailPage'));
const DisclosureRegisterPage = lazy(() => import('../features/disclosures/DisclosureRegisterPage'));
const ThresholdsPage = lazy(() => import('../features/oversight/ThresholdsPage'));

/**
 * The privacy officer's screens: the audit explorer, access logs, anomalies and their cases, thresholds,
 * the breach log, the disclosure register, the sign-in history of the table's users, individual access requests, members and access review.
 */
export const privacyRoutes: AppRoute[] = [
  { path: 'audit', element: <AuditExplorer />, roles: ['PRIVACY_OFFICER'], navKey: 'nav.audit' },
  { path: 'audit/access-log', element: <AccessLogPage />, roles: ['PRIVACY_OFFICER'], navKey: 'audit.nav.accessLog' },
  { path: 'audit/anomalies', element: <AnomaliesPage />, roles: ['PRIVACY_OFFICER'], navKey: 'audit.nav.anomalies' },
  { path: 'audit/sign-in-history', element: <SignInHistoryPage />, roles: ['PRIVACY_OFFICER'], navKey: 'audit.nav.signInHistory' },
  { path: 'access-requests', element: <AccessRequestPage />, roles: ['PRIVACY_OFFICER'], navKey: 'accessRequest.nav' },
  { path: 'access-review', element: <AccessReviewPage />, roles: ['PRIVACY_OFFICER'], navKey: 'accessReview.nav' },
  { path: 'audit/cases', element: <CasesPage />, roles: ['PRIVACY_OFFICER'], navKey: 'oversight.nav.cases' },
  { path: 'audit/cases/:caseId', element: <CaseDetailPage />, roles: ['PRIVACY_OFFICER'] },
  { path: 'audit/breaches', element: <BreachLogPage />, roles: ['PRIVACY_OFFICER'], navKey: 'oversight.nav.breaches' },
  { path: 'audit/breaches/:breachId', element: <BreachDetailPage />, roles: ['PRIVACY_OFFICER'] },
  { path: 'audit/thresholds', element: <ThresholdsPage />, roles: ['PRIVACY_OFFICER'], navKey: 'oversight.nav.thresholds' },
  { path: 'audit/disclosures', element: <DisclosureRegisterPage />, roles: ['PRIVACY_OFFICER'], navKey: 'disclosures.nav.register' },
];
