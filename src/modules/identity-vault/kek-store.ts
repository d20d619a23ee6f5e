import { randomBytes } from 'node:crypto';
import { Kek, MasterKey, unwrapKek, wrapKek } from './envelope-crypto';
import { KEK_ID, KekState, newestPerEpoch } from './kek-policy';
import { KeyFileDirectory, KeyUnavailableError } from './key-files';

export { KeyUnavailableError };

export interface KekInfo extends KekState {
  masterKeyId: string;
}

/**
 * Where the key-encryption keys live: outside PostgreSQL, so that no dump, WAL archive or replica
 * holds them, and so that destroying one is not undone by restoring the database. One small
 * interface: a file implementation here; a KMS (for example one secret or one KMS-wrapped blob per
 * KEK) implements the same seven methods.
 */
export interface KeyEncryptionKeyStore {
  /** every KEK the store still holds (not destroyed) */
  list(): Promise<KekInfo[]>;
  /** the KEK, unwrapped by the master key, or null when the store has none of that id (destroyed, never made) */
  get(id: string): Promise<Kek | null>;
  /** the newest KEK of the epoch, made now when the epoch has none */
  active(epoch: string, now: Date): Promise<Kek>;
  /** a new KEK for the epoch, newer than its others */
  create(epoch: string, now: Date): Promise<Kek>;
  setRetired(id: string, at: Date | null): Promise<void>;
  /** destroys the KEK: every data key wrapped under it, in any copy of the database, is unreadable afterwards */
  destroy(id: string): Promise<void>;
  /** re-wraps every KEK not yet wrapped by the current master key; returns how many */
  rewrapAll(): Promise<number>;
}

export const KEK_STORE = Symbol('KEK_STORE');

interface KekFile {
  id: string;
  epoch: string;
  createdAt: string;
  retiredAt: string | null;
  masterKeyId: string;
  /** base64 of the KEK sealed by the master key (AES-256-GCM, associated data: KEK id and master key id) */
  wrapped: string;
}

const SUFFIX = '.kek.json';

/**
 * One file per KEK in `dir` (key-files.ts: mode 0600, written atomically, shredded on destruction),
 * each holding the KEK wrapped by the master key: the directory alone opens nothing. A KMS store
 * destroys keys for real; see SECURITY.md.
 */
export class FileKeyEncryptionKeyStore implements KeyEncryptionKeyStore {
  private readonly cache = new Map<string, Kek>();
  private readonly files: KeyFileDirectory<KekFile>;

  constructor(
    dir: string,
    private readonly current: MasterKey,
    private readonly masters: ReadonlyMap<string, MasterKey>,
  ) {
    this.files = new KeyFileDirectory<KekFile>(dir, SUFFIX, 'KEK', KEK_ID);
  }

  async list(): Promise<KekInfo[]> {
    const out: KekInfo[] = [];
    for (const id of await this.files.ids()) {
      const f = await this.files.read(id);
      if (f) out.push({ id: f.id, epoch: f.epoch, createdAt: new Date(f.createdAt), retiredAt: f.retiredAt ? new Date(f.retiredAt) : null, masterKeyId: f.masterKeyId });
    }
    return out;
  }

  async get(id: string): Promise<Kek | null> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    if (!KEK_ID.test(id)) return null;
    const f = await this.files.read(id);
    if (!f) return null;
    const master = this.masters.get(f.masterKeyId);
    if (!master) throw new KeyUnavailableError('the master key that wraps this KEK is not configured');
    let kek: Kek;
    try {
      kek = unwrapKek(master, f.id, Buffer.from(f.wrapped, 'base64'));
    } catch {
      throw new KeyUnavailableError('a KEK file does not open with its master key');
    }
    this.cache.set(id, kek);
    return kek;
  }

  async active(epoch: string, now: Date): Promise<Kek> {
    const newest = newestPerEpoch((await this.list()).filter((k) => k.epoch === epoch)).get(epoch);
    if (newest) {
      const kek = await this.get(newest.id);
      if (kek) return kek;
    }
    return this.create(epoch, now);
  }

  async create(epoch: string, now: Date): Promise<Kek> {
    const kek: Kek = { id: `${epoch}.${randomBytes(8).toString('hex')}`, key: randomBytes(32) };
    if (!KEK_ID.test(kek.id)) throw new Error(`not an epoch: ${epoch}`);
    await this.files.write({
      id: kek.id,
      epoch,
      createdAt: now.toISOString(),
      retiredAt: null,
      masterKeyId: this.current.id,
      wrapped: wrapKek(this.current, kek).toString('base64'),
    });
    this.cache.set(kek.id, kek);
    return kek;
  }

  async setRetired(id: string, at: Date | null): Promise<void> {
    const f = await this.files.read(id);
    if (f) await this.files.write({ ...f, retiredAt: at ? at.toISOString() : null });
  }

  async destroy(id: string): Promise<void> {
    if (!KEK_ID.test(id)) return;
    this.cache.get(id)?.key.fill(0);
    this.cache.delete(id);
    await this.files.shred(id);
  }

  async rewrapAll(): Promise<number> {
    let n = 0;
    for (const info of await this.list()) {
      if (info.masterKeyId === this.current.id) continue;
      const kek = await this.get(info.id);
      const f = await this.files.read(info.id);
      if (!kek || !f) continue;
      await this.files.write({ ...f, masterKeyId: this.current.id, wrapped: wrapKek(this.current, kek).toString('base64') });
      n++;
    }
    return n;
  }
}
