import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { PrincipalCache } from '../../src/modules/auth/principal-cache';
import type { PrincipalRow } from '../../src/modules/auth/auth.repository';

/**
 * Two servers' principal caches on one database: a change announced in one server's transaction
 * reaches the other through LISTEN/NOTIFY on commit, and not before.
 */
describe('PrincipalCache across servers (LISTEN/NOTIFY)', () => {
  const url = process.env.TEST_APP_DATABASE_URL!;
  let db: DataSource;
  let a: PrincipalCache;
  let b: PrincipalCache;
  const row = { id: '11111111-1111-4111-8111-111111111111', roles: [] } as unknown as PrincipalRow;

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(url, 2)).initialize();
    a = new PrincipalCache(url);
    b = new PrincipalCache(url);
    await a.onModuleInit();
    await b.onModuleInit();
  });
  afterAll(async () => {
    await a.onModuleDestroy();
    await b.onModuleDestroy();
    await db.destroy();
  });

  const until = async (cond: () => boolean, ms = 2000): Promise<boolean> => {
    const end = Date.now() + ms;
    while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    return cond();
  };

  it('caches per user and token', () => {
    b.set(row.id, 'jti-1', row);
    expect(b.get(row.id, 'jti-1')).toBe(row);
    expect(b.get(row.id, 'jti-2')).toBeUndefined();
  });

  it('forgets a user on the other server once the announcing transaction commits', async () => {
    b.set(row.id, 'jti-1', row);
    const qr = db.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await a.announce(qr.manager, row.id);
      await new Promise((r) => setTimeout(r, 100));
      expect(b.get(row.id, 'jti-1')).toBe(row); // not before commit
      await qr.commitTransaction();
    } finally {
      await qr.release();
    }
    expect(await until(() => b.get(row.id, 'jti-1') === undefined)).toBe(true);
  });

  it('announces nothing when the transaction rolls back', async () => {
    b.set(row.id, 'jti-3', row);
    await db
      .transaction(async (m) => {
        await a.announce(m, row.id);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(b.get(row.id, 'jti-3')).toBe(row);
  });
});
