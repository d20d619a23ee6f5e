import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedRows } from '../../common/database/query-result';
import { AuditRecord } from './audit.types';
import { SIGN_IN_ACTIONS } from './sign-in-events';

export interface AuditFilter {
  chainId: string;
  actorId?: string;
  actorAgencyId?: string;
  situationId?: string;
  action?: string;
  actions?: string[];
  outcome?: string;
  /** a code of the taxonomy's accessPurposes (identity reads record it in their details) */
  purposeCode?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: string;
}

/** An entry with its actor's display name and agency name. */
export type NamedAuditRecord = AuditRecord & { actorDisplayName: string | null; actorAgencyName: string | null };

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

/**
 * The user a system-chain entry is about: the actor, or the user an administrator changed
 * (`user.update`'s `userId`). Exactly the expression of the index audit_entries_sign_in_idx
 * (migration SignInHistory), so that the planner uses it.
 */
const SIGN_IN_SUBJECT = `(CASE WHEN e.action = 'user.update' THEN substring(e.details FROM '"userId":"([0-9a-f-]{36})"') ELSE e.actor_id::text END)`;
/** The kind of a sign-in event (sign-in-events.ts), null for a `user.update` that neither deactivates nor resets a password. */
const SIGN_IN_KIND_SQL = `CASE
  WHEN e.action = 'auth.login' THEN CASE WHEN e.outcome = 'SUCCESS' THEN 'SIGN_IN' ELSE 'SIGN_IN_FAILED' END
  WHEN e.action = 'auth.lockout' THEN 'LOCKOUT'
  WHEN e.action = 'auth.password.change' THEN CASE WHEN e.outcome = 'SUCCESS' THEN 'PASSWORD_CHANGED' ELSE 'PASSWORD_CHANGE_FAILED' END
  WHEN e.action = 'auth.logout' THEN 'SIGN_OUT'
  WHEN e.outcome = 'SUCCESS' AND e.details LIKE '%"fields":[%"active"%' THEN 'DEACTIVATED'
  WHEN e.outcome = 'SUCCESS' AND e.details LIKE '%"temporaryPassword":true%' THEN 'PASSWORD_RESET'
END`;

export interface SignInFilter {
  tableId: string;
  userId?: string;
  kind?: string;
  from?: Date;
  to?: Date;
  /** keyset: (at, seq) of the last event of the previous page */
  before?: readonly [string, string];
}

export interface SignInRow {
  seq: string;
  at: Date;
  kind: string;
  outcome: string;
  details: string;
  userId: string;
  userDisplayName: string;
  agencyId: string | null;
  agencyName: string | null;
  actorId: string | null;
  actorDisplayName: string | null;
}

/** A name for an id: users' display names and agencies' names (no e-mail). */
export interface ActorName {
  id: string;
  displayName: string;
  agencyId: string | null;
  agencyName: string | null;
}

/** Read side of the audit trail: filtered keyset pages, newest first, served by the (chain, column, seq) indexes. */
@Injectable()
export class AuditQueryRepository {
  constructor(private readonly db: DataSource) {}

  page(f: AuditFilter, limit: number): Promise<NamedAuditRecord[]> {
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
    // Identity reads (and their refusals) carry the purpose code at the top of their details; a search's own filter is never matched.
    if (f.purposeCode) add(`e.action = 'identity.read' AND e.details LIKE ?`, purposeLike(f.purposeCode));
    else skip();
    if (f.beforeSeq) add('e.seq < ?::bigint', f.beforeSeq);
    else skip();
    params.push(limit);
    // The actor's display name and agency name beside the ids: two primary-key joins on the page's rows.
    const text = `SELECT ${COLUMNS}, u.display_name AS "actorDisplayName", a.name AS "actorAgencyName"
      FROM (SELECT e.* FROM audit_entries e WHERE ${where.join(' AND ')} ORDER BY e.seq DESC LIMIT $${params.length}) e
      LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN agencies a ON a.id = e.actor_agency_id
      ORDER BY e.seq DESC`;
    // One prepared statement per combination of filters (the bits of `shape`: 1,024 at most), planned once per connection.
    return preparedRows(this.db, `audit.page.${shape}`, text, params);
  }

  /** Identity reads and refusals of a situation, with the reader's name and agency; optionally of one agency, one purpose code. */
  accessLog(chainId: string, situationId: string, filter: { agencyId?: string; purposeCode?: string } = {}): Promise<NamedAuditRecord[]> {
    return this.db.query(
      `SELECT ${COLUMNS}, u.display_name AS "actorDisplayName", a.name AS "actorAgencyName"
       FROM audit_entries e LEFT JOIN users u ON u.id = e.actor_id LEFT JOIN agencies a ON a.id = e.actor_agency_id
       WHERE e.chain_id = $1 AND e.situation_id = $2 AND ${IDENTITY_ENTRY}
         AND ($3::uuid IS NULL OR e.actor_agency_id = $3) AND ($4::text IS NULL OR (e.action = 'identity.read' AND e.details LIKE $4))
       ORDER BY e.seq`,
      [chainId, situationId, filter.agencyId ?? null, filter.purposeCode ? purposeLike(filter.purposeCode) : null],
    );
  }

  /** Display names and agency names of the given users (one query, for the anomaly flags). */
  names(userIds: string[]): Promise<ActorName[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.query(
      `SELECT u.id, u.display_name AS "displayName", u.agency_id AS "agencyId", a.name AS "agencyName"
       FROM users u LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.id = ANY($1::uuid[])`,
      [userIds],
    );
  }

  /**
   * The sign-in events of the users who hold or held a role at the table, each while they held it
   * (role_grant_periods: the event's time within one of the user's periods there), newest first,
   * keyset-paged on (at, seq). Per user, one backward range of audit_entries_sign_in_idx bounded by
   * their first grant and last revocation (at most `limit` rows each), then the merge; names are
   * joined to the page's rows only.
   */
  signInHistory(f: SignInFilter, limit: number): Promise<SignInRow[]> {
    return this.db.query(
      `SELECT x.seq::text AS seq, x.at, x.kind, x.outcome, x.details, x.user_id AS "userId", su.display_name AS "userDisplayName",
              su.agency_id AS "agencyId", ag.name AS "agencyName", x.actor_id AS "actorId", au.display_name AS "actorDisplayName"
       FROM (
         SELECT l.* FROM (SELECT p.user_id, min(p.granted_at) AS lo, max(coalesce(p.revoked_at, 'infinity')) AS hi
                          FROM role_grant_periods p WHERE p.table_id = $1 AND ($2::uuid IS NULL OR p.user_id = $2) GROUP BY p.user_id) g
         CROSS JOIN LATERAL (
           SELECT k.* FROM (
             SELECT e.seq, e.at, e.outcome, e.details, e.actor_id, g.user_id, ${SIGN_IN_KIND_SQL} AS kind
             FROM audit_entries e
             WHERE e.chain_id = 'system' AND e.action IN (${SIGN_IN_ACTIONS.map((a) => `'${a}'`).join(', ')})
               AND ${SIGN_IN_SUBJECT} = g.user_id::text
               AND e.at >= greatest(g.lo, $3::timestamptz) AND e.at < least(g.hi, $4::timestamptz)
               AND ($5::timestamptz IS NULL OR (e.at, e.seq) < ($5::timestamptz, $6::bigint))
               AND EXISTS (SELECT 1 FROM role_grant_periods p
                           WHERE p.table_id = $1 AND p.user_id = g.user_id AND p.granted_at <= e.at AND (p.revoked_at IS NULL OR e.at < p.revoked_at))
           ) k
           WHERE k.kind IS NOT NULL AND ($7::text IS NULL OR k.kind = $7)
           ORDER BY k.at DESC, k.seq DESC LIMIT $8
         ) l
         ORDER BY l.at DESC, l.seq DESC LIMIT $8
       ) x
       JOIN users su ON su.id = x.user_id LEFT JOIN agencies ag ON ag.id = su.agency_id LEFT JOIN users au ON au.id = x.actor_id
       ORDER BY x.at DESC, x.seq DESC`,
      [f.tableId, f.userId ?? null, f.from ?? '-infinity', f.to ?? 'infinity', f.before?.[0] ?? null, f.before?.[1] ?? null, f.kind ?? null, limit],
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

/** A LIKE pattern finding `"purposeCode":"<code>"` in an entry's canonical details (the code's own `_` matched literally). */
function purposeLike(code: string): string {
  return `%"purposeCode":"${code.replace(/[\\%_]/g, (c) => `\\${c}`)}"%`;
}
