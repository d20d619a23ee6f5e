import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toMasterKey } from './envelope-crypto';
import { FileKeyEncryptionKeyStore, KeyUnavailableError } from './kek-store';

const NOW = new Date('2026-12-03T10:00:00Z');
const masterA = toMasterKey(randomBytes(32));
const masterB = toMasterKey(randomBytes(32));
const storeAt = (dir: string, current = masterA, all = [masterA]) => new FileKeyEncryptionKeyStore(dir, current, new Map(all.map((k) => [k.id, k])));

describe('FileKeyEncryptionKeyStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'kek-spec-')), 'keks');
  });

  it('makes one KEK per epoch on demand, keeps it (mode 0600, directory 0700) and gives the same one back, also to another process', async () => {
    const store = storeAt(dir);
    const a = await store.active('open-2026-12', NOW);
    expect(a.id).toMatch(/^open-2026-12\.[0-9a-f]{16}$/);
    expect((await store.active('open-2026-12', NOW)).id).toBe(a.id);
    const file = join(dir, `${a.id}.kek.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const again = await storeAt(dir).get(a.id);
    expect(again?.key.equals(a.key)).toBe(true);
  });

  it('stores the KEK wrapped by the master key only: the file holds no key bytes in clear, and opens with no other master key', async () => {
    const kek = await storeAt(dir).create('purge-2027-01', NOW);
    const text = readFileSync(join(dir, `${kek.id}.kek.json`), 'utf8');
    expect(text).not.toContain(kek.key.toString('base64'));
    expect(text).not.toContain(kek.key.toString('hex'));
    await expect(storeAt(dir, masterB, [masterB]).get(kek.id)).rejects.toBeInstanceOf(KeyUnavailableError);
  });

  it('a newer KEK of the epoch becomes the active one; list says which epoch and when', async () => {
    const store = storeAt(dir);
    const first = await store.active('open-2026-12', NOW);
    const second = await store.create('open-2026-12', new Date(NOW.getTime() + 1000));
    expect((await store.active('open-2026-12', NOW)).id).toBe(second.id);
    const listed = (await store.list()).map((k) => k.id).sort();
    expect(listed).toEqual([first.id, second.id].sort());
  });

  it('destroys a KEK: gone from the directory, from the store that destroyed it (its cache too) and from a fresh store', async () => {
    const store = storeAt(dir);
    const kek = await store.create('purge-2027-01', NOW);
    await store.destroy(kek.id);
    expect(await store.get(kek.id)).toBeNull();
    expect(await storeAt(dir).get(kek.id)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('marks and clears retirement', async () => {
    const store = storeAt(dir);
    const kek = await store.create('purge-2027-01', NOW);
    await store.setRetired(kek.id, NOW);
    expect((await store.list())[0].retiredAt?.toISOString()).toBe(NOW.toISOString());
    await store.setRetired(kek.id, null);
    expect((await store.list())[0].retiredAt).toBeNull();
  });

  it('re-wraps every KEK under a new master key: afterwards the old master key is not needed', async () => {
    const kek = await storeAt(dir).create('open-2026-12', NOW);
    const rotating = storeAt(dir, masterB, [masterB, masterA]);
    expect(await rotating.rewrapAll()).toBe(1);
    expect(await rotating.rewrapAll()).toBe(0);
    const onlyNew = storeAt(dir, masterB, [masterB]);
    expect((await onlyNew.get(kek.id))?.key.equals(kek.key)).toBe(true);
  });

  it('refuses ids that are not KEK ids (no path from a database value) and files that do not hold the KEK their name says', async () => {
    const store = storeAt(dir);
    expect(await store.get('../secrets')).toBeNull();
    const a = await store.create('open-2026-12', NOW);
    const b = await store.create('open-2027-01', NOW);
    writeFileSync(join(dir, `${b.id}.kek.json`), readFileSync(join(dir, `${a.id}.kek.json`)));
    await expect(storeAt(dir).get(b.id)).rejects.toBeInstanceOf(KeyUnavailableError);
  });
});
