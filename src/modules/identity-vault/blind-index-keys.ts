import { createHmac, randomBytes } from 'node:crypto';
import { IndexedPerson, indexText } from './blind-index';
import { MasterKey, unwrapKek, wrapKek } from './envelope-crypto';
import { KeyFileDirectory, KeyUnavailableError } from './key-files';

/** A key of the blind index: 32 random bytes, its id the version tag every token is stored with. */
export interface BlindIndexKey {
  id: string;
  createdAt: Date;
  key: Buffer;
}

export const BLIND_INDEX_KEY_ID = /^bi\.[0-9a-f]{16}$/;
const SUFFIX = '.bik.json';

interface KeyFile {
  id: string;
  createdAt: string;
  masterKeyId: string;
  /** base64 of the key sealed by the master key (AES-256-GCM, associated data: key id and master key id) */
  wrapped: string;
}

/**
 * The token of one person at one table: HMAC-SHA-256 under the index key of the table id and the
 * normalised names and date of birth (blind-index.ts). The table is bound in, so the same person at
 * two tables has unrelated tokens (no linkage across tables in a dump).
 */
export function indexToken(key: BlindIndexKey, tableId: string, p: IndexedPerson): Buffer {
  return createHmac('sha256', key.key)
    .update(`situation-table/blind-index/v1|${tableId}|${indexText(p)}`, 'utf8')
    .digest();
}

/**
 * The blind index keys, kept like the KEKs (kek-store.ts): outside PostgreSQL, one file per key
 * (`bi.<hex>.bik.json`, mode 0600) in `IDENTITY_KEK_DIR`, each wrapped by the master key, so the
 * database alone (a dump, a replica) cannot test a guessed name and date of birth against the
 * tokens, and neither can the key directory without the master key. The newest key indexes new
 * writes; a search tries every key still held (a rotation in progress loses nothing);
 * `identity:reindex --new-key` makes a new key, re-indexes every live row under it and destroys
 * the others. `identity:rotate-key` re-wraps these files under a new master key with the KEKs.
 */
export class BlindIndexKeyStore {
  private readonly cache = new Map<string, BlindIndexKey>();
  private readonly files: KeyFileDirectory<KeyFile>;
  private creating: Promise<BlindIndexKey> | null = null;

  constructor(
    dir: string,
    private readonly current: MasterKey,
    private readonly masters: ReadonlyMap<string, MasterKey>,
  ) {
    this.files = new KeyFileDirectory<KeyFile>(dir, SUFFIX, 'blind index key', BLIND_INDEX_KEY_ID);
  }

  /** Every key the store holds, opened, newest first. */
  async all(): Promise<BlindIndexKey[]> {
    const out: BlindIndexKey[] = [];
    for (const id of await this.files.ids()) {
      const k = await this.get(id);
      if (k) out.push(k);
    }
    return out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  }

  /** The key new tokens are made with: the newest, made now when there is none. */
  async newest(now: Date): Promise<BlindIndexKey> {
    const newest = (await this.all())[0];
    if (newest) return newest;
    // one first key per process, however many writes ask at once
    this.creating ??= this.create(now).finally(() => (this.creating = null));
    return this.creating;
  }

  async create(now: Date): Promise<BlindIndexKey> {
    const k: BlindIndexKey = { id: `bi.${randomBytes(8).toString('hex')}`, createdAt: now, key: randomBytes(32) };
    await this.files.write({ id: k.id, createdAt: now.toISOString(), masterKeyId: this.current.id, wrapped: wrapKek(this.current, k).toString('base64') });
    this.cache.set(k.id, k);
    return k;
  }

  /** Shreds the key file (key-files.ts): tokens made with it match nothing any more. */
  async destroy(id: string): Promise<void> {
    if (!BLIND_INDEX_KEY_ID.test(id)) return;
    this.cache.get(id)?.key.fill(0);
    this.cache.delete(id);
    await this.files.shred(id);
  }

  /** Re-wraps every key not wrapped by the current master key; returns how many. */
  async rewrapAll(): Promise<number> {
    let n = 0;
    for (const k of await this.all()) {
      const f = await this.files.read(k.id);
      if (!f || f.masterKeyId === this.current.id) continue;
      await this.files.write({ ...f, masterKeyId: this.current.id, wrapped: wrapKek(this.current, k).toString('base64') });
      n++;
    }
    return n;
  }

  private async get(id: string): Promise<BlindIndexKey | null> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const f = await this.files.read(id);
    if (!f) return null;
    const master = this.masters.get(f.masterKeyId);
    if (!master) throw new KeyUnavailableError('the master key that wraps a blind index key is not configured');
    let key: Buffer;
    try {
      key = unwrapKek(master, f.id, Buffer.from(f.wrapped, 'base64')).key;
    } catch {
      throw new KeyUnavailableError('a blind index key file does not open with its master key');
    }
    const k = { id: f.id, createdAt: new Date(f.createdAt), key };
    this.cache.set(id, k);
    return k;
  }
}
