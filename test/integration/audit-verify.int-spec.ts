import { Client } from 'pg';
import { AuditRepository } from '../../src/modules/audit/audit.repository';
import { AuditService } from '../../src/modules/audit/audit.service';
import { AuditVerifier } from '../../src/modules/audit/audit-verifier';
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
      await audit.recordAlone({ userId: null, agencyId: null, requestId: `r-${i}` }, { action: 'test.tricky', tableId, purpose, details: { n: i, text: purpose, nested: { a: [1, 'x'] } } });
    }
  });
  afterAll(() => t.close());

  it('finds nothing broken in a chain of tricky texts, and neither does the reference walk', async () => {
    const repo = t.app.get(AuditRepository);
    const fast = await repo.firstBrokenInDatabase(tableId, '0', GENESIS_HASH, 1000);
    expect(fast.firstBad).toBeNull();
    expect(fast.checked).toBeGreaterThan(9);
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
      const fast = await t.app.get(AuditRepository).firstBrokenInDatabase(tableId, '0', GENESIS_HASH, 1000);
      expect(fast.firstBad).toBe(target.rows[0].seq);
      const result = await t.app.get(AuditVerifier).verifyChain(tableId);
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: target.rows[0].seq });
    } finally {
      await owner.end();
    }
  });
});
