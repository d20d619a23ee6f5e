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
}

export interface SituationStandingRow {
  status: SituationStatus;
  originatingAgencyId: string;
  leadAgencyId: string | null;
  assistingAgencyIds: string[];
  identityPurgedAt: Date | null;
}

const COLUMNS = `situation_id AS "situationId", table_id AS "tableId", wrapped_key AS "wrappedKey", master_key_id AS "masterKeyId",
  ciphertexts, legal_authority AS "legalAuthority", written_by AS "writtenBy", written_by_agency AS "writtenByAgency",
  written_at AS "writtenAt", purged_at AS "purgedAt"`;

/** The only code that reads or writes the identity_vault table. */
@Injectable()
export class IdentityVaultRepository {
  constructor(private readonly db: DataSource) {}

  async find(m: EntityManager | DataSource, situationId: string, tableId: string): Promise<VaultRow | null> {
    const rows: VaultRow[] = await m.query(`SELECT ${COLUMNS} FROM identity_vault WHERE situation_id = $1 AND table_id = $2`, [situationId, tableId]);
    return rows[0] ?? null;
  }

  async upsert(m: EntityManager, row: Omit<VaultRow, 'purgedAt'>): Promise<void> {
    await m.query(
      `INSERT INTO identity_vault (situation_id, table_id, wrapped_key, master_key_id, ciphertexts, legal_authority, written_by, written_by_agency, written_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (situation_id) DO UPDATE SET wrapped_key = EXCLUDED.wrapped_key, master_key_id = EXCLUDED.master_key_id,
         ciphertexts = EXCLUDED.ciphertexts, legal_authority = EXCLUDED.legal_authority, written_by = EXCLUDED.written_by,
         written_by_agency = EXCLUDED.written_by_agency, written_at = EXCLUDED.written_at
       WHERE identity_vault.purged_at IS NULL`,
      [row.situationId, row.tableId, row.wrappedKey, row.masterKeyId, JSON.stringify(row.ciphertexts), row.legalAuthority, row.writtenBy, row.writtenByAgency, row.writtenAt],
    );
  }

  /**
   * Crypto-shredding of every closed situation whose purge date has come: the wrapped data key and
   * the ciphertexts are destroyed; the situation is marked purged even when no identity was written.
   */
  async purgeDue(m: EntityManager, now: Date, limit: number): Promise<{ situationId: string; tableId: string; hadIdentity: boolean }[]> {
    const due: { id: string; table_id: string }[] = await m.query(
      `SELECT id, table_id FROM situations WHERE identity_purge_at <= $1 AND identity_purged_at IS NULL
       ORDER BY identity_purge_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    const shredded = rowsOf<{ situation_id: string }>(
      await m.query(
        `UPDATE identity_vault SET wrapped_key = NULL, ciphertexts = NULL, master_key_id = NULL, purged_at = $2
         WHERE situation_id = ANY($1::uuid[]) AND purged_at IS NULL RETURNING situation_id`,
        [ids, now],
      ),
    );
    await m.query('UPDATE situations SET identity_purged_at = $2 WHERE id = ANY($1::uuid[])', [ids, now]);
    const had = new Set(shredded.map((r) => r.situation_id));
    return due.map((d) => ({ situationId: d.id, tableId: d.table_id, hadIdentity: had.has(d.id) }));
  }

  /** Rows whose data key is wrapped by another master key than `currentId`, a batch at a time. */
  async wrappedByOther(m: EntityManager, currentId: string, limit: number): Promise<VaultRow[]> {
    return m.query(`SELECT ${COLUMNS} FROM identity_vault WHERE purged_at IS NULL AND master_key_id <> $1 LIMIT $2 FOR UPDATE SKIP LOCKED`, [currentId, limit]);
  }

  async rewrap(m: EntityManager, situationId: string, wrappedKey: Buffer, masterKeyId: string): Promise<void> {
    await m.query('UPDATE identity_vault SET wrapped_key = $2, master_key_id = $3 WHERE situation_id = $1', [situationId, wrappedKey, masterKeyId]);
  }

  /** What the vault needs to know of a situation to decide who may write or read its identity. */
  async situationFor(m: EntityManager | DataSource, situationId: string, tableId: string, lock = false): Promise<SituationStandingRow | null> {
    const rows: SituationStandingRow[] = await m.query(
      `SELECT status, originating_agency_id AS "originatingAgencyId", lead_agency_id AS "leadAgencyId",
              assisting_agency_ids AS "assistingAgencyIds", identity_purged_at AS "identityPurgedAt"
       FROM situations WHERE id = $1 AND table_id = $2${lock ? ' FOR SHARE' : ''}`,
      [situationId, tableId],
    );
    return rows[0] ?? null;
  }

  get dataSource(): DataSource {
    return this.db;
  }
}
