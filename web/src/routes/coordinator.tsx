import { lazy } from 'react';
import type { AppRoute } from './types';

const TriagePage = lazy(() => import('../features/triage/TriagePage'));
const MeetingsPage = lazy(() => import('../features/meetings/MeetingsPage'));
const MeetingBoard = lazy(() => import('../features/meetings/MeetingBoard'));
const MinutesPage = lazy(() => import('../features/meetings/MinutesPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));
const EvaluationPage = lazy(() => import('../features/reports/EvaluationPage'));

/** The coordinator's screens: triage, the meeting board, minutes, reports and the evaluation indicators. */
export const coordinatorRoutes: AppRoute[] = [
  { path: 'triage', element: <TriagePage />, roles: ['COORDINATOR'], navKey: 'nav.triage' },
  { path: 'meetings', element: <MeetingsPage />, roles: ['COORDINATOR'], navKey: 'nav.meetings' },
  { path: 'meetings/:meetingId', element: <MeetingBoard />, roles: ['COORDINATOR'] },
  // the minutes are read by the table's case roles (GET /meetings/:id/minutes); the MINUTES_READY e-mail links here
  { path: 'meetings/:meetingId/minutes', element: <MinutesPage />, roles: ['COORDINATOR', 'AGENCY_REP', 'PRIVACY_OFFICER'] },
  { path: 'reports', element: <ReportsPage />, roles: ['COORDINATOR', 'ANALYST'], navKey: 'nav.reports' },
  { path: 'evaluation', element: <EvaluationPage />, roles: ['COORDINATOR', 'ANALYST', 'PRIVACY_OFFICER'], navKey: 'nav.evaluation' },
];
