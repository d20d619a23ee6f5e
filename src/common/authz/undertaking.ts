import { SetMetadata } from '@nestjs/common';

/**
 * The confidentiality undertaking (issue 17): when a table has a published confidentiality
 * agreement, a user's roles there are active only once they have accepted its current version.
 * Until then every route of that table answers 403 UNDERTAKING_REQUIRED, except the routes marked
 * here: reading the agreement and accepting it.
 */
export const PENDING_UNDERTAKING_OK = 'access:pending-undertaking-ok';
export const AllowWithPendingUndertaking = () => SetMetadata(PENDING_UNDERTAKING_OK, true);

/** A table whose current agreement version the user has not accepted. */
export interface PendingUndertaking {
  tableId: string;
  version: number;
}
