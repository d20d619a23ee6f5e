import { lazy } from 'react';
import type { AppRoute } from './types';

const loadMySituations = () => import('../pages/agency/MySituations');
const loadNewReferral = () => import('../pages/agency/NewReferral');
const loadSituationPage = () => import('../pages/agency/SituationPage');
const loadMyIdentityReads = () => import('../pages/agency/MyIdentityReads');
const loadEditReferral = () => import('../pages/agency/EditReferral');
const MySituations = lazy(loadMySituations);
const NewReferral = lazy(loadNewReferral);
const SituationPage = lazy(loadSituationPage);
const MyIdentityReads = lazy(loadMyIdentityReads);
const EditReferral = lazy(loadEditReferral);

/** The agency representative's screens: my agency's situations, a referral, a situation, an edit of a referral, my identity reads. */
export const agencyRoutes: AppRoute[] = [
  { path: 'situations', element: <MySituations />, roles: ['AGENCY_REP'], navKey: 'nav.situations', preload: loadMySituations },
  { path: 'referrals/new', element: <NewReferral />, roles: ['AGENCY_REP'], navKey: 'nav.newReferral', preload: loadNewReferral },
  { path: 'situations/:id', element: <SituationPage />, roles: ['AGENCY_REP', 'COORDINATOR', 'PRIVACY_OFFICER'], preload: loadSituationPage },
  { path: 'identity-reads', element: <MyIdentityReads />, roles: ['AGENCY_REP'], navKey: 'nav.identityReads', preload: loadMyIdentityReads },
  { path: 'situations/:id/edit', element: <EditReferral />, roles: ['AGENCY_REP', 'COORDINATOR'], preload: loadEditReferral },
];
