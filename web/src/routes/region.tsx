import { lazy } from 'react';
import type { AppRoute } from './types';

const EvaluationPage = lazy(() => import('../features/reports/EvaluationPage'));

/** The regional analyst's screen: the evaluation indicators of their region and its member tables (docs/evaluation.md, section 7). */
export const regionRoutes: AppRoute[] = [
  {
    path: 'region-evaluation',
    element: <EvaluationPage scope="region" />,
    roles: ['REGIONAL_ANALYST'],
    navKey: 'nav.regionEvaluation',
    preload: () => import('../features/reports/EvaluationPage'),
  },
];
