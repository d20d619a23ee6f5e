import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '../../common/database/query-result';
import type { SituationStatus } from '../situations/domain/situation-state';

export interface VaultRow {
  situationId: string;
  tableId: string;
  wrappedKey: Buffer | null;
  masterKeyId: string | null;
  ciphertexts: Record<string, string> | null;
  legalAuthority: string;
  writtenBy: string | null;
  writtenByAgency: string | null;
  writtenAt: Date;
  purgedAt: Date | null;
  /** 'v1' (data key under the master key) or 'v2' (under the KEK `kekId`, row MAC) */
  format: string;
  kekId: string | null;
  rowVersion: number;
  rowMac: Buffer | null;
}

/** A live row with its situation's purge date (for re-wrapping under the purge month's KEK). */
export interface ClosedVaultRow extends VaultRow {
  identityPurgeAt: Date;
}

export interface SituationStandingRow {
  status: SituationStatus;
  originatingAgencyId: string;
  leadAgencyId: string | null;
  assistingAgencyIds: string[];
  identityPurgedAt: Date | null;
  /** Filter 1's situation type: the kind of subject it calls for (subject.ts). */
  situationType: string;
}

const columns = (p: string) => `${p}situation_id AS "situationId", ${p}table_id AS "tableId", ${p}wrapped_key AS "wrappedKey",
  ${p}master_key_id AS "masterKeyId", ${p}ciphertexts AS "ciphertexts", ${p}legal_authority AS "legalAuthority", ${p}written_by AS "writtenBy",
  ${p}written_by_agency AS "writtenByAgency", ${p}written_at AS "writtenAt", ${p}purged_at AS "purgedAt", ${p}format AS "format",
  ${p}kek_id AS "kekId", ${p}row_version AS "rowVersion", ${p}row_mac AS "rowMac"`;
const COLUMNS = columns('');
const V_COLUMNS = columns('v.');

/** The only code that reads or writes the identity_vault table. */
@Injectable()
export class IdentityVaultRepository {
  constructor(private readonly db: DataSource) {}

  async find(m: EntityManager | DataSource, situationId: string, tableId: string): Promise<VaultRow | null> {
    const rows: VaultRow[] = await m.query(`SELECT ${COLUMNS} FROM identity_vault WHERE situation_id = $1 AND table_id = $2`, [situationId, tableId]);
    return rows[0] ?? null;
  }

  /** The version of the situation's identity row, locked for the write that follows (0: none yet). */
  async versionForUpdate(m: EntityManager, situationId: string): Promise<number> {
    const rows: { row_version: number }[] = await m.query('SELECT row_version FROM identity_vault WHERE situation_id = $1 FOR UPDATE', [situationId]);
    return rows[0]?.row_version ?? 0;
  }

  async upsert(m: EntityManager, row: Omit<VaultRow, 'purgedAt'>): Promise<void> {
    await m.query(
      `INSERT INTO identity_vault (situation_id, table_id, wrapped_key, master_key_id, ciphertexts, legal_authority, written_by, written_by_agency, written_at,
                                   format, kek_id, row_version, row_mac)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (situation_id) DO UPDATE SET wrapped_key = EXCLUDED.wrapped_key, master_key_id = EXCLUDED.master_key_id,
         ciphertexts = EXCLUDED.ciphertexts, legal_authority = EXCLUDED.legal_authority, written_by = EXCLUDED.written_by,
         written_by_agency = EXCLUDED.written_by_agency, written_at = EXCLUDED.written_at, format = EXCLUDED.format,
         kek_id = EXCLUDED.kek_id, row_version = EXCLUDED.row_version, row_mac = EXCLUDED.row_mac
       WHERE identity_vault.purged_at IS NULL`,
      [
        row.situationId,
        row.tableId,
        row.wrappedKey,
        row.masterKeyId,
        JSON.stringify(row.ciphertexts),
        row.legalAuthority,
        row.writtenBy,
        row.writtenByAgency,
        row.writtenAt,
        row.format,
        row.kekId,
        row.rowVersion,
        row.rowMac,
      ],
    );
  }

  /**
   * Crypto-shredding of these situations' identities: the wrapped data key and the ciphertexts are
   * destroyed. Returns the situations that had one (the situations module marks them all purged).
   */
  async shred(m: EntityManager, situationIds: string[], now: Date): Promise<Set<string>> {
    const shredded = rowsOf<{ situation_id: string }>(
      await m.query(
        `UPDATE identity_vault SET wrapped_key = NULL, ciphertexts = NULL, master_key_id = NULL, kek_id = NULL, row_mac = NULL, purged_at = $2
         WHERE situation_id = ANY($1::uuid[]) AND purged_at IS NULL RETURNING situation_id`,
        [situationIds, now],
      ),
    );
    return new Set(shredded.map((r) => r.situation_id));
  }

  /**
   * Live rows of closed situations not yet due for purge and not yet under the KEK of their purge month (or still v1), after
   * `afterId` in id order, locked (rows being written are skipped: the next run takes them).
   */
  async awaitingPurgeEpoch(m: EntityManager, now: Date, afterId: string, limit: number): Promise<ClosedVaultRow[]> {
    return m.query(
      `SELECT ${V_COLUMNS}, s.identity_purge_at AS "identityPurgeAt"
       FROM identity_vault v JOIN situations s ON s.id = v.situation_id
       WHERE v.purged_at IS NULL AND s.identity_purge_at > $3 AND v.situation_id > $1
         AND (v.format <> 'v2' OR split_part(v.kek_id, '.', 1) <> 'purge-' || to_char(s.identity_purge_at AT TIME ZONE 'UTC', 'YYYY-MM'))
       ORDER BY v.situation_id LIMIT $2 FOR UPDATE OF v`,
      [afterId, limit, now],
    );
  }

  /** Every live row, in id order after `afterId`, a batch at a time (rotation), with its purge date if any. */
  /** The next live rows for rotation, locked (waiting, never skipping: a row another job holds is rotated too). */
  async liveBatch(m: EntityManager, afterId: string, limit: number): Promise<(VaultRow & { identityPurgeAt: Date | null })[]> {
    return m.query(
      `SELECT ${V_COLUMNS}, s.identity_purge_at AS "identityPurgeAt"
       FROM identity_vault v JOIN situations s ON s.id = v.situation_id
       WHERE v.purged_at IS NULL AND v.situation_id > $1 ORDER BY v.situation_id LIMIT $2 FOR UPDATE OF v`,
      [afterId, limit],
    );
  }

  async countLive(m: EntityManager | DataSource): Promise<number> {
    const rows: { n: number }[] = await m.query('SELECT count(*)::int AS n FROM identity_vault WHERE purged_at IS NULL');
    return rows[0].n;
  }

  /** Replaces the keys and ciphertexts of a live row (re-wrap, re-encryption, upgrade); metadata and version stay. */
  async reseal(
    m: EntityManager,
    situationId: string,
    r: { format: string; wrappedKey: Buffer; kekId: string | null; masterKeyId: string | null; ciphertexts: Record<string, string>; rowMac: Buffer | null },
  ): Promise<void> {
    await m.query(
      `UPDATE identity_vault SET format = $2, wrapped_key = $3, kek_id = $4, master_key_id = $5, ciphertexts = $6, row_mac = $7
       WHERE situation_id = $1 AND purged_at IS NULL`,
      [situationId, r.format, r.wrappedKey, r.kekId, r.masterKeyId, JSON.stringify(r.ciphertexts), r.rowMac],
    );
  }

  /** How many live rows each of these KEKs wraps the data key of. */
  async liveRowsPerKek(m: EntityManager | DataSource, kekIds: string[]): Promise<Map<string, number>> {
    const rows: { kek_id: string; n: number }[] = await m.query(
      'SELECT kek_id, count(*)::int AS n FROM identity_vault WHERE purged_at IS NULL AND kek_id = ANY($1::text[]) GROUP BY kek_id',
      [kekIds],
    );
    return new Map(rows.map((r) => [r.kek_id, r.n]));
  }

  /** What the vault needs to know of a situation to decide who may write or read its identity. */
  async situationFor(m: EntityManager | DataSource, situationId: string, tableId: string, lock = false): Promise<SituationStandingRow | null> {
    const rows: SituationStandingRow[] = await m.query(
      `SELECT status, originating_agency_id AS "originatingAgencyId", lead_agency_id AS "leadAgencyId",
              assisting_agency_ids AS "assistingAgencyIds", identity_purged_at AS "identityPurgedAt",
              situation_type AS "situationType"
       FROM situations WHERE id = $1 AND table_id = $2${lock ? ' FOR SHARE' : ''}`,
      [situationId, tableId],
    );
    return rows[0] ?? null;
  }

  get dataSource(): DataSource {
    return this.db;
  }
}
