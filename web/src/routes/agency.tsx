import { lazy } from 'react';
import type { AppRoute } from './types';

const Placeholder = lazy(() => import('../components/Placeholder'));

/** The agency representative's screens: my agency's situations, a referral, a situation. */
export const agencyRoutes: AppRoute[] = [
  { path: 'situations', element: <Placeholder titleKey="nav.situations" />, roles: ['AGENCY_REP'], navKey: 'nav.situations' },
  { path: 'referrals/new', element: <Placeholder titleKey="nav.newReferral" />, roles: ['AGENCY_REP'], navKey: 'nav.newReferral' },
];
