import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A key is missing, or its file or master key cannot open it. */
export class KeyUnavailableError extends Error {
  override readonly name = 'KeyUnavailableError';
}

/**
 * A directory of key files outside PostgreSQL: one JSON file per key (`<id><suffix>`, mode 0600,
 * directory 0700), each holding its key wrapped by the master key, so the directory alone opens
 * nothing. Files are written to a temporary name, synced and renamed (a key is never half-written,
 * and a crash never loses one that already wraps data); shredding overwrites the file with random
 * bytes, syncs and unlinks it. (On copy-on-write or flash storage an overwrite may not reach the old
 * blocks: the key is still useless without the master key; see SECURITY.md.) The KEKs
 * (kek-store.ts) and the blind index keys (blind-index-keys.ts) are both kept this way.
 */
export class KeyFileDirectory<F extends { id: string }> {
  private ready: Promise<void> | null = null;

  /** `what` names the files in errors ("KEK", "blind index key"); `valid` tells a key id from a stray file. */
  constructor(
    private readonly dir: string,
    private readonly suffix: string,
    private readonly what: string,
    private readonly valid: RegExp,
  ) {}

  /** The ids of the key files present. */
  async ids(): Promise<string[]> {
    await this.ensureDir();
    return (await readdir(this.dir))
      .filter((n) => n.endsWith(this.suffix))
      .map((n) => n.slice(0, -this.suffix.length))
      .filter((id) => this.valid.test(id));
  }

  /** A key file, or null when there is none of that id. */
  async read(id: string): Promise<F | null> {
    let text: string;
    try {
      text = await readFile(this.path(id), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new KeyUnavailableError(`the ${this.what} store cannot be read`);
    }
    const f = JSON.parse(text) as F;
    if (f.id !== id) throw new KeyUnavailableError(`a ${this.what} file does not hold the key its name says`);
    return f;
  }

  /** Writes a key file atomically (temporary name, sync, rename, directory sync). */
  async write(f: F): Promise<void> {
    await this.ensureDir();
    const tmp = join(this.dir, `.${f.id}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(f, null, 2));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.path(f.id));
    await this.syncDir();
  }

  /** Overwrites the key file with random bytes, syncs and unlinks it; nothing when there is none. */
  async shred(id: string): Promise<void> {
    if (!this.valid.test(id)) return;
    let handle;
    try {
      handle = await open(this.path(id), 'r+');
    } catch {
      return;
    }
    try {
      const { size } = await handle.stat();
      await handle.write(randomBytes(Math.max(size, 1)), 0, Math.max(size, 1), 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await unlink(this.path(id));
    await this.syncDir();
  }

  private path(id: string): string {
    return join(this.dir, `${id}${this.suffix}`);
  }

  private ensureDir(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(() => undefined);
    return this.ready;
  }

  private async syncDir(): Promise<void> {
    const d = await open(this.dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  }
}
