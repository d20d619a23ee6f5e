import { lazy } from 'react';
import type { AppRoute } from './types';

const TriagePage = lazy(() => import('../features/triage/TriagePage'));
const MeetingsPage = lazy(() => import('../features/meetings/MeetingsPage'));
const MeetingBoard = lazy(() => import('../features/meetings/MeetingBoard'));
const MinutesPage = lazy(() => import('../features/meetings/MinutesPage'));
const ReportsPage = lazy(() => import('../features/reports/ReportsPage'));

/** The coordinator's screens: triage, the meeting board, minutes, reports. */
export const coordinatorRoutes: AppRoute[] = [
  { path: 'triage', element: <TriagePage />, roles: ['COORDINATOR'], navKey: 'nav.triage' },
  { path: 'meetings', element: <MeetingsPage />, roles: ['COORDINATOR'], navKey: 'nav.meetings' },
  { path: 'meetings/:meetingId', element: <MeetingBoard />, roles: ['COORDINATOR'] },
  { path: 'meetings/:meetingId/minutes', element: <MinutesPage />, roles: ['COORDINATOR'] },
  { path: 'reports', element: <ReportsPage />, roles: ['COORDINATOR', 'ANALYST'], navKey: 'nav.reports' },
];
