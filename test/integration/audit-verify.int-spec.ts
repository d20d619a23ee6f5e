import { Client } from 'pg';
import { AuditRepository } from '../../src/modules/audit/audit.repository';
import { AuditService } from '../../src/modules/audit/audit.service';
import { AuditVerifier } from '../../src/modules/audit/audit-verifier';
import { AuditKeys } from '../../src/modules/audit/audit-keys';
import { GENESIS_HASH } from '../../src/modules/audit/audit-hash';
import { Api, buildTable } from '../support/api';
import { createTestApp, TestApp } from '../support/test-app';

/** The database fast path hashes the same bytes as the JavaScript reference, whatever the text. */
describe('audit verification in the database agrees with the JavaScript reference', () => {
  let t: TestApp;
  let tableId: string;

  beforeAll(async () => {
    t = await createTestApp();
    tableId = (await buildTable(new Api(t))).tableId;
    const audit = t.app.get(AuditService);
    const tricky = ['quote " and \\ backslash', 'line\nbreak\ttab\r', 'ctrl \u0001\u001f', 'é à ç Œ ß', '中文 العربية', 'emoji 🧭👩🏽‍⚕️', '\u2028\u2029 separators', '</script>', ''];
    for (const [i, purpose] of tricky.entries()) {
      await audit.recordAlone(
        { userId: null, agencyId: null, requestId: `r-${i}` },
        { action: 'test.tricky', tableId, purpose, details: { n: i, text: purpose, nested: { a: [1, 'x'] } } },
      );
    }
  });
  afterAll(() => t.close());

  it('finds nothing broken in a chain of tricky texts, and neither does the reference walk', async () => {
    const repo = t.app.get(AuditRepository);
    const head = (await repo.head(tableId))!;
    const fast = await repo.verifyRangeInDatabase(tableId, 0n, BigInt(head.seq));
    expect(fast.firstBad).toBeNull();
    expect(fast.checked).toBeGreaterThan(9);
    expect(fast.firstPrev).toBe(GENESIS_HASH);
    expect(fast.lastHash).toBe(head.headHash);
    const verifier = t.app.get(AuditVerifier);
    expect(await verifier.verifyInNode(tableId)).toEqual({ chainId: tableId, valid: true, checked: fast.checked });
    expect(await verifier.verifyChain(tableId)).toEqual({ chainId: tableId, valid: true, checked: fast.checked });
  });

  it('names the same first entry after tampering, in both paths', async () => {
    const owner = new Client({ connectionString: t.ownerUrl });
    await owner.connect();
    try {
      const target = await owner.query(`SELECT seq::text AS seq FROM audit_entries WHERE chain_id = $1 AND action = 'test.tricky' ORDER BY seq LIMIT 1 OFFSET 4`, [tableId]);
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
      await owner.query(`UPDATE audit_entries SET purpose = purpose || '!' WHERE chain_id = $1 AND seq = $2`, [tableId, target.rows[0].seq]);
      await owner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
      await owner.query('COMMIT');
      const repo = t.app.get(AuditRepository);
      const fast = await repo.verifyRangeInDatabase(tableId, 0n, BigInt((await repo.head(tableId))!.seq));
      expect(fast.firstBad).toBe(target.rows[0].seq);
      const result = await t.app.get(AuditVerifier).verifyChain(tableId);
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: target.rows[0].seq });
    } finally {
      await owner.end();
    }
  });

  describe('in ranges of a few entries (seams between every three)', () => {
    let seamTable: string;
    beforeAll(async () => {
      seamTable = (await buildTable(new Api(t))).tableId;
      const audit = t.app.get(AuditService);
      for (let i = 0; i < 10; i++) await audit.recordAlone({ userId: null, agencyId: null, requestId: `s-${i}` }, { action: 'test.seam', tableId: seamTable, details: { i } });
    });
    const small = () => {
      const v = new AuditVerifier(t.app.get(AuditRepository), t.app.get(AuditKeys));
      v.rangeSize = 3n;
      return v;
    };

    it('verifies the whole chain, range by range, to the same count as the reference walk', async () => {
      const reference = await t.app.get(AuditVerifier).verifyInNode(seamTable);
      expect(reference.valid).toBe(true);
      expect(await small().verifyChain(seamTable)).toEqual({ chainId: seamTable, valid: true, checked: reference.checked });
    });

    it('names the first entry of a range when it is the one altered', async () => {
      const owner = new Client({ connectionString: t.ownerUrl });
      await owner.connect();
      try {
        await owner.query('BEGIN');
        await owner.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
        // seq 7 opens the third range (6, 9]: its link to seq 6 is the seam.
        await owner.query(`UPDATE audit_entries SET prev_hash = repeat('f', 64) WHERE chain_id = $1 AND seq = 7`, [seamTable]);
        await owner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
        await owner.query('COMMIT');
        expect(await small().verifyChain(seamTable)).toMatchObject({ valid: false, firstInvalidSeq: '7' });
      } finally {
        await owner.end();
      }
    });

    it('refuses an entry written past the head', async () => {
      const other = (await buildTable(new Api(t))).tableId;
      const audit = t.app.get(AuditService);
      for (let i = 0; i < 4; i++) await audit.recordAlone({ userId: null, agencyId: null, requestId: `p-${i}` }, { action: 'test.past', tableId: other });
      const owner = new Client({ connectionString: t.ownerUrl });
      await owner.connect();
      try {
        const head = await owner.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_chain_heads WHERE chain_id = $1', [other]);
        await owner.query(
          `INSERT INTO audit_entries (chain_id, seq, at, action, outcome, details, prev_hash, hash)
           SELECT chain_id, seq + 1, at, action, outcome, details, hash, repeat('a', 64) FROM audit_entries WHERE chain_id = $1 AND seq = $2`,
          [other, head.rows[0].seq],
        );
        expect(await small().verifyChain(other)).toMatchObject({ valid: false, firstInvalidSeq: String(Number(head.rows[0].seq) + 1) });
      } finally {
        await owner.end();
      }
    });
  });
});
