import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditKeys } from '../../src/modules/audit/audit-keys';
import { AuditHeadAuthority } from '../../src/modules/audit/audit-head-authority';
import { AuditGroupCommit } from '../../src/modules/audit/audit-group-commit';
import { AuditService } from '../../src/modules/audit/audit.service';
import { AuditVerifier } from '../../src/modules/audit/audit-verifier';
import { Api, buildTable } from '../support/api';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Group commit writes batches linked after the head it last wrote. Whatever else appends to the
 * same chain meanwhile (business transactions, another server), the chain stays one gapless,
 * verifiable line and every acknowledged entry is in it exactly once.
 */
describe('audit group commit', () => {
  let t: TestApp;
  let tableId: string;
  const reader = (i: number) => ({ userId: null, agencyId: null, requestId: `gc-${i}` });

  beforeAll(async () => {
    t = await createTestApp();
    tableId = (await buildTable(new Api(t))).tableId;
  });
  afterAll(() => t.close());

  async function entries(action: string): Promise<string[]> {
    const rows: { request_id: string }[] = await t.app
      .get(DataSource)
      .query('SELECT request_id FROM audit_entries WHERE chain_id = $1 AND action = $2 ORDER BY seq', [tableId, action]);
    return rows.map((r) => r.request_id);
  }

  it('commits many concurrent entries in few batches, each acknowledged once it is stored', async () => {
    const audit = t.app.get(AuditService);
    const stored: boolean[] = [];
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await audit.recordAlone(reader(i), { action: 'test.gc.burst', tableId, details: { i } });
        const row = await t.app.get(DataSource).query('SELECT 1 FROM audit_entries WHERE chain_id = $1 AND request_id = $2', [tableId, `gc-${i}`]);
        stored.push(row.length === 1);
      }),
    );
    expect(stored).toHaveLength(200);
    expect(stored.every(Boolean)).toBe(true);
    expect((await entries('test.gc.burst')).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `gc-${i}`).sort());
    expect(await t.app.get(AuditVerifier).verifyChain(tableId)).toMatchObject({ valid: true });
  });

  it('stays one line while business transactions and another writer append to the same chain', async () => {
    const audit = t.app.get(AuditService);
    const db = t.app.get(DataSource);
    const other = new Client({ connectionString: t.appUrl });
    await other.connect();
    try {
      // Another server's appender: the same group commit, on its own pool, with its own idea of the head.
      const otherServer = new AuditGroupCommit(t.app.get(AuditGroupCommit)['repo'], t.appUrl, new AuditHeadAuthority(t.app.get(AuditKeys)));
      const toRow = (i: number, action: string) => audit['toRow'](reader(i), { action, tableId, details: { i } });
      const work: Promise<unknown>[] = [];
      for (let i = 0; i < 60; i++) {
        work.push(audit.recordAlone(reader(1000 + i), { action: 'test.gc.mixed.alone', tableId }));
        if (i % 3 === 0) work.push(otherServer.append(toRow(2000 + i, 'test.gc.mixed.other')));
        if (i % 4 === 0) {
          work.push(db.transaction((m) => audit.record(m, reader(3000 + i), { action: 'test.gc.mixed.tx', tableId })));
        }
      }
      await Promise.all(work);
      await otherServer.onApplicationShutdown();
      expect(await entries('test.gc.mixed.alone')).toHaveLength(60);
      expect(await entries('test.gc.mixed.other')).toHaveLength(20);
      expect(await entries('test.gc.mixed.tx')).toHaveLength(15);
      const seqs = await other.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_entries WHERE chain_id = $1 ORDER BY audit_entries.seq', [tableId]);
      expect(seqs.rows.map((r) => Number(r.seq))).toEqual(seqs.rows.map((_, i) => i + 1));
      expect(await t.app.get(AuditVerifier).verifyChain(tableId)).toEqual({ chainId: tableId, valid: true, checked: seqs.rows.length });
    } finally {
      await other.end();
    }
  });

  it('re-reads the head when it moved since its last batch', async () => {
    const audit = t.app.get(AuditService);
    await audit.recordAlone(reader(5000), { action: 'test.gc.stale', tableId });
    // Moved behind the appender's back: two entries appended in a business transaction.
    await t.app.get(DataSource).transaction(async (m) => {
      await audit.record(m, reader(5001), { action: 'test.gc.stale', tableId });
      await audit.record(m, reader(5002), { action: 'test.gc.stale', tableId });
    });
    await audit.recordAlone(reader(5003), { action: 'test.gc.stale', tableId });
    expect(await entries('test.gc.stale')).toEqual(['gc-5000', 'gc-5001', 'gc-5002', 'gc-5003']);
    expect(await t.app.get(AuditVerifier).verifyChain(tableId)).toMatchObject({ valid: true });
  });

  it('refuses an entry for a chain that does not exist, and keeps serving others', async () => {
    const audit = t.app.get(AuditService);
    await expect(audit.recordAlone(reader(6000), { action: 'test.gc.nochain', tableId: '00000000-0000-4000-8000-00000000dead' })).rejects.toThrow(/no head/);
    await audit.recordAlone(reader(6001), { action: 'test.gc.after', tableId });
    expect(await entries('test.gc.after')).toEqual(['gc-6001']);
  });
});
