import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { IndexedPerson, indexedPersonsOf } from './blind-index';
import { BlindIndexKey, BlindIndexKeyStore, indexToken } from './blind-index-keys';
import { AccessRequestMatchRow, BlindIndexRepository } from './blind-index.repository';
import type { Subject } from './subject';

export const BLIND_INDEX_KEYS = Symbol('BLIND_INDEX_KEYS');

/**
 * Keeps the blind index in step with the vault: a subject's tokens are replaced in the transaction
 * that writes it, removed in the one that shreds it, and looked up for an access request. Tokens
 * are made here (the key never reaches the database); the repository stores and compares bytes.
 */
@Injectable()
export class BlindIndexer {
  constructor(
    @Inject(BLIND_INDEX_KEYS) private readonly keys: BlindIndexKeyStore,
    private readonly repo: BlindIndexRepository,
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Indexes a subject under the newest key (`key` given: under that one); returns how many persons. */
  async index(m: EntityManager, tableId: string, situationId: string, subject: Subject, key?: BlindIndexKey): Promise<number> {
    const persons = indexedPersonsOf(subject);
    const k = key ?? (await this.keys.newest(this.clock.now()));
    await this.repo.replace(
      m,
      situationId,
      tableId,
      k.id,
      persons.map((p) => indexToken(k, tableId, p)),
    );
    return persons.length;
  }

  /**
   * Marks a referral new or repeat (I14) from the persons of its identity, matched under every key
   * still held (a rotation may be half done). Nothing to mark without an indexed person.
   */
  async markRepeats(m: EntityManager, tableId: string, situationId: string, subject: Subject): Promise<void> {
    const persons = indexedPersonsOf(subject);
    if (persons.length === 0) return;
    const keys = await this.keys.all();
    await this.repo.markRepeats(
      m,
      tableId,
      situationId,
      keys.flatMap((k) => persons.map((p) => indexToken(k, tableId, p))),
    );
  }

  remove(m: EntityManager, situationIds: string[]): Promise<void> {
    return this.repo.remove(m, situationIds);
  }

  /** The situations of this table one of these persons is indexed in, under any key still held. */
  async find(tableId: string, persons: IndexedPerson[]): Promise<AccessRequestMatchRow[]> {
    const keys = await this.keys.all();
    return this.repo.matches(
      this.db,
      tableId,
      keys.flatMap((k) => persons.map((p) => indexToken(k, tableId, p))),
    );
  }
}
