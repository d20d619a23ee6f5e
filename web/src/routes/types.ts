import type { ReactNode } from 'react';
import type { Role } from '../auth/session';

/**
 * A screen of the app. Each person's screens live in their own file (agency.tsx, coordinator.tsx,
 * privacy.tsx, admin.tsx) so that they can be built side by side; App.tsx only lists the files.
 */
export interface AppRoute {
  /** path under / (react-router syntax), e.g. 'situations/:id' */
  path: string;
  element: ReactNode;
  /** who may open it (at the current table; ADMIN = administrator) */
  roles: Role[];
  /** shown in the navigation when set (i18n key) */
  navKey?: string;
  /** loads the screen's code ahead of time (the sign-in screen calls it): the lazy import */
  preload?: () => Promise<unknown>;
}
