import { adminRoutes } from './admin';
import { agencyRoutes } from './agency';
import { coordinatorRoutes } from './coordinator';
import { privacyRoutes } from './privacy';
import { regionRoutes } from './region';
import type { AppRoute } from './types';

/**
 * Every screen, in navigation order. A user's home is the first screen one of their roles may open, so the
 * order decides it: the privacy officer's routes come before the coordinator's, whose evaluation screen the
 * officer may also open, so the officer lands on the audit explorer. A regional analyst holds no table role: their
 * home is their region's evaluation screen.
 */
export const appRoutes: AppRoute[] = [...agencyRoutes, ...privacyRoutes, ...coordinatorRoutes, ...regionRoutes, ...adminRoutes];
