import { adminRoutes } from './admin';
import { agencyRoutes } from './agency';
import { coordinatorRoutes } from './coordinator';
import { privacyRoutes } from './privacy';
import type { AppRoute } from './types';

export const appRoutes: AppRoute[] = [...agencyRoutes, ...coordinatorRoutes, ...privacyRoutes, ...adminRoutes];
