import { TableRole } from './roles';
import type { PendingUndertaking } from './undertaking';

/** The signed-in user as the guard established it for this request. */
export interface Principal {
  id: string;
  email: string;
  displayName: string;
  agencyId: string | null;
  isAdmin: boolean;
  roles: { tableId: string; role: TableRole }[];
  jti: string;
  exp: number;
  /** the password was set by an administrator: only the routes marked @AllowWithTemporaryPassword() until the user chooses one */
  passwordChangeRequired?: boolean;
  /** tables whose current confidentiality agreement the user has not accepted: their roles there are not active yet */
  pendingUndertakings?: PendingUndertaking[];
  /** the regions the user reads as REGIONAL_ANALYST (docs/evaluation.md, section 7) */
  regionIds?: string[];
}

/** Who acts, for the audit trail and for standing checks; built once per request. */
export interface Actor {
  userId: string | null;
  agencyId: string | null;
  requestId: string | null;
  /** the request's route as declared, `METHOD /path/:param` (no ids): what a refusal names; none for jobs and the CLI */
  route?: string;
}

/** The table a table-scoped route resolved to, and the caller's roles in it. */
export interface TableScope {
  tableId: string;
  roles: TableRole[];
  /** id of the resource (situation, meeting) when the route names one */
  resourceId?: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, agencyId: null, requestId: null };
