import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedRows } from '../../common/database/query-result';
import { AuditRecord } from './audit.types';

export interface AuditFilter {
  chainId: string;
  actorId?: string;
  actorAgencyId?: string;
  situationId?: string;
  action?: string;
  actions?: string[];
  outcome?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: string;
}

/**
 * Entries about a situation's identity: its reads, writes and purge, and refusals by a route's
 * access rule on the identity route (a coordinator, privacy officer or analyst trying to read it).
 */
const IDENTITY_ENTRY = `(e.action IN ('identity.read', 'identity.write', 'identity.purge')
  OR (e.action = 'access.denied' AND e.details LIKE '%/situations/:id/identity"%'))`;
const IDENTITY_READ = `(e.action = 'identity.read'
  OR (e.action = 'access.denied' AND e.details LIKE '%"GET /api/v1/situations/:id/identity"%'))`;

const COLUMNS = `e.chain_id AS "chainId", e.seq::text AS seq, e.at, e.actor_id AS "actorId", e.actor_agency_id AS "actorAgencyId",
  e.table_id AS "tableId", e.action, e.outcome, e.situation_id AS "situationId", e.purpose, e.request_id AS "requestId",
  e.details, e.prev_hash AS "prevHash", e.hash`;

/** Read side of the audit trail: filtered keyset pages, newest first, served by the (chain, column, seq) indexes. */
@Injectable()
export class AuditQueryRepository {
  constructor(private readonly db: DataSource) {}

  page(f: AuditFilter, limit: number): Promise<AuditRecord[]> {
    const params: unknown[] = [f.chainId];
    const where = ['e.chain_id = $1'];
    let shape = 0;
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
      shape = shape * 2 + 1;
    };
    const skip = () => (shape *= 2);
    if (f.actorId) add('e.actor_id = ?', f.actorId);
    else skip();
    if (f.actorAgencyId) add('e.actor_agency_id = ?', f.actorAgencyId);
    else skip();
    if (f.situationId) add('e.situation_id = ?', f.situationId);
    else skip();
    if (f.action) add('e.action = ?', f.action);
    else skip();
    if (f.actions) add('e.action = ANY(?::text[])', f.actions);
    else skip();
    if (f.outcome) add('e.outcome = ?', f.outcome);
    else skip();
    if (f.from) add('e.at >= ?', f.from);
    else skip();
    if (f.to) add('e.at < ?', f.to);
    else skip();
    if (f.beforeSeq) add('e.seq < ?::bigint', f.beforeSeq);
    else skip();
    params.push(limit);
    const text = `SELECT ${COLUMNS} FROM audit_entries e WHERE ${where.join(' AND ')} ORDER BY e.seq DESC LIMIT $${params.length}`;
    // One prepared statement per combination of filters (the bits of `shape`: 512 at most), planned once per connection.
    return preparedRows(this.db, `audit.page.${shape}`, text, params);
  }

  /** Identity reads and refusals of a situation, with the reader's name and agency. */
  accessLog(chainId: string, situationId: string): Promise<(AuditRecord & { actorDisplayName: string | null; actorAgencyName: string | null })[]> {
    return this.db.query(
      `SELECT ${COLUMNS}, u.display_name AS "actorDisplayName", a.name AS "actorAgencyName"
       FROM audit_entries e LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN agencies a ON a.id = e.actor_agency_id
       WHERE e.chain_id = $1 AND e.situation_id = $2 AND ${IDENTITY_ENTRY}
       ORDER BY e.seq`,
      [chainId, situationId],
    );
  }

  /**
   * One user's own identity reads (successful and refused) at the given tables, newest first,
   * keyset-paged on (at, chain, seq) across chains, served by the partial index of identity reads
   * by actor and time (audit_entries_identity_reads_idx): only that user's reads are read.
   */
  readsBy(
    actorId: string,
    chainIds: string[],
    before: readonly [string, string, string] | null,
    limit: number,
  ): Promise<{ chainId: string; seq: string; at: Date; situationId: string | null; outcome: string; details: string }[]> {
    return this.db.query(
      `SELECT e.chain_id AS "chainId", e.seq::text AS seq, e.at, e.situation_id AS "situationId", e.outcome, e.details
       FROM audit_entries e
       WHERE e.chain_id = ANY($1::text[]) AND e.actor_id = $2 AND e.action = 'identity.read'
         AND ($3::timestamptz IS NULL OR (e.at, e.chain_id COLLATE "C", e.seq) < ($3::timestamptz, $4::text COLLATE "C", $5::bigint))
       ORDER BY e.at DESC, e.chain_id COLLATE "C" DESC, e.seq DESC LIMIT $6`,
      [chainIds, actorId, before?.[0] ?? null, before?.[1] ?? null, before?.[2] ?? null, limit],
    );
  }

  /**
   * The people of a table's trail: everyone who appears as an actor in its chain or holds a role at
   * the table, with their agency's name; by name, at most `limit` (one EXISTS per user on the
   * (chain, actor, seq) index).
   */
  actors(tableId: string, limit: number): Promise<{ id: string; displayName: string; agencyId: string | null; agencyName: string | null }[]> {
    return this.db.query(
      `SELECT u.id, u.display_name AS "displayName", u.agency_id AS "agencyId", a.name AS "agencyName"
       FROM users u LEFT JOIN agencies a ON a.id = u.agency_id
       WHERE EXISTS (SELECT 1 FROM audit_entries e WHERE e.chain_id = $1 AND e.actor_id = u.id)
          OR EXISTS (SELECT 1 FROM user_roles r WHERE r.table_id = $2::uuid AND r.user_id = u.id)
       ORDER BY u.display_name, u.id LIMIT $3`,
      [tableId, tableId, limit],
    );
  }

  /** Identity reads in a window, with the situation's closure time, for the anomaly rules. */
  identityReads(chainId: string, from: Date, to: Date): Promise<(AuditRecord & { closedAt: Date | null })[]> {
    return this.db.query(
      `SELECT ${COLUMNS}, s.closed_at AS "closedAt"
       FROM audit_entries e LEFT JOIN situations s ON s.id = e.situation_id
       WHERE e.chain_id = $1 AND ${IDENTITY_READ} AND e.at >= $2 AND e.at < $3 ORDER BY e.seq LIMIT 100000`,
      [chainId, from, to],
    );
  }

  /** Refused requests in a window (any action), for the probing rule. */
  refusals(chainId: string, from: Date, to: Date): Promise<AuditRecord[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM audit_entries e
       WHERE e.chain_id = $1 AND e.outcome = 'DENIED' AND e.at >= $2 AND e.at < $3 ORDER BY e.seq LIMIT 100000`,
      [chainId, from, to],
    );
  }

  /** Identity entries of the window refused for an integrity failure (IDENTITY_INTEGRITY_FAILURE), any action. */
  integrityFailures(chainId: string, from: Date, to: Date): Promise<(AuditRecord & { closedAt: Date | null })[]> {
    return this.db.query(
      `SELECT ${COLUMNS}, NULL::timestamptz AS "closedAt"
       FROM audit_entries e
       WHERE e.chain_id = $1 AND e.action LIKE 'identity.%' AND e.outcome = 'DENIED' AND e.at >= $2 AND e.at < $3
         AND e.details::jsonb ->> 'reason' = 'IDENTITY_INTEGRITY_FAILURE'
       ORDER BY e.seq LIMIT 10000`,
      [chainId, from, to],
    );
  }
}
