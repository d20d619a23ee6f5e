import { createPublicKey } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock/clock';
import { AuditCheckpoints, CHECKPOINT_BURST } from '../../src/modules/audit/audit-checkpoints';
import { canonicalEntry, canonicalStoredPayload, entryHash } from '../../src/modules/audit/audit-hash';
import { AuditKeys } from '../../src/modules/audit/audit-keys';
import { UnvouchedHeadError } from '../../src/modules/audit/audit-head-authority';
import { AuditRepository } from '../../src/modules/audit/audit.repository';
import { AuditService } from '../../src/modules/audit/audit.service';
import { AuditVerifier, CHECKPOINT_FILE_CHAIN, MAX_INVALID_REPORTED } from '../../src/modules/audit/audit-verifier';
import { Api, buildTable } from '../support/api';
import { IDENTITY, walkTo } from '../support/situations';
import { createTestApp } from '../support/test-app';
import { openWorld, World } from '../support/world';

/**
 * Issue #21, replayed on a real PostgreSQL by the attackers it names: a table member, the
 * application's database role, the database owner with SQL, and whoever holds a copy of the data.
 */
describe('audit trail against an insider (issue #21)', () => {
  let w: World;
  let verifier: AuditVerifier;
  let audit: AuditService;
  const system = { userId: null, agencyId: null, requestId: 'attack-test' };

  beforeAll(async () => {
    w = await openWorld();
    verifier = w.t.app.get(AuditVerifier);
    audit = w.t.app.get(AuditService);
  });
  afterAll(() => w.close());

  const newTable = async (): Promise<string> => {
    const res = await w.api
      .as(w.f.admin.token)
      .post('/tables', { name: `Attack ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}` })
      .expect(201);
    return res.body.id as string;
  };
  const append = (tableId: string, n: number, action = 'test.attack') =>
    Promise.all(Array.from({ length: n }, (_, i) => audit.recordAlone(system, { action, tableId, details: { i } })));

  /** As the owner: runs `sql` with the append-only trigger off, in one transaction. */
  const behindTheTrigger = async (sql: string, params: unknown[]): Promise<void> => {
    await w.owner.query('BEGIN');
    try {
      await w.owner.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
      await w.owner.query(sql, params);
      await w.owner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
      await w.owner.query('COMMIT');
    } catch (err) {
      await w.owner.query('ROLLBACK');
      throw err;
    }
  };

  describe('a table member cannot break the chain with a non-canonical value', () => {
    it('a refused PUT /situations/<UPPER-CASE-ID>/identity leaves the chain valid, and the entry holds the stored (lower-case) id', async () => {
      const id = await walkTo(w.api, w.f, 'ASSIGNED');
      // The analyst may not write identity: refused and audited with the id as sent.
      await w.api.as(w.f.analyst.token).put(`/situations/${id.toUpperCase()}/identity`, IDENTITY).expect(403);
      const denied = await w.owner.query<{ situation_id: string }>(
        `SELECT situation_id::text FROM audit_entries WHERE chain_id = $1 AND action = 'access.denied' ORDER BY seq DESC LIMIT 1`,
        [w.f.tableId],
      );
      expect(denied.rows[0].situation_id).toBe(id);
      expect(await verifier.verifyChain(w.f.tableId)).toEqual({ chainId: w.f.tableId, valid: true, checked: expect.any(Number) });
      // And the reference walk agrees.
      expect((await verifier.verifyInNode(w.f.tableId)).valid).toBe(true);
    });

    it('canonicalises every caller value before hashing: uuids in any input form, lone surrogates, NUL, the chain id itself', async () => {
      const tableId = await newTable();
      const sid = (await walkTo(w.api, w.f, 'SUBMITTED')).replace(/-/g, '').toUpperCase();
      await audit.recordAlone(
        { userId: `{${w.f.analyst.id.toUpperCase()}}`, agencyId: w.f.agencies.school.id.toUpperCase(), requestId: 'R-\u0000-x' },
        { action: 'test.canonical\ud800', tableId: tableId.toUpperCase(), situationId: sid, purpose: 'p \udc00 \u0000', details: { n: 1.5, big: 1e21, s: '\ud83d' } },
      );
      const rows = await w.owner.query(
        'SELECT actor_id::text, actor_agency_id::text, situation_id::text, action, purpose FROM audit_entries WHERE chain_id = $1 AND action LIKE $2',
        [tableId, 'test.canonical%'],
      );
      expect(rows.rows).toEqual([
        {
          actor_id: w.f.analyst.id,
          actor_agency_id: w.f.agencies.school.id,
          situation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          action: 'test.canonical\ufffd',
          purpose: 'p \ufffd \ufffd',
        },
      ]);
      // table.create, then this entry
      expect(await verifier.verifyChain(tableId)).toMatchObject({ valid: true, checked: 2 });
      expect(canonicalEntry({ ...baseInput(), chainId: 'ABCDEF01-2345-6789-ABCD-EF0123456789' }).chainId).toBe('abcdef01-2345-6789-abcd-ef0123456789');
    });
  });

  describe('the verifier reports every invalid entry, so nothing hides behind a first one', () => {
    it('names two separately altered entries and a later one, each with its reason', async () => {
      const tableId = await newTable();
      await append(tableId, 12);
      await behindTheTrigger(`UPDATE audit_entries SET details = '{"forged":1}' WHERE chain_id = $1 AND seq IN (3, 9)`, [tableId]);
      // A cleverer edit at seq 11: its own hash recomputed, so only the link from seq 12 shows it.
      await behindTheTrigger(`UPDATE audit_entries SET hash = repeat('b', 64) WHERE chain_id = $1 AND seq = 11`, [tableId]);
      const result = await verifier.verifyChain(tableId);
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: '3', checked: 13 });
      expect(result.invalid).toEqual(
        expect.arrayContaining([
          { fromSeq: '3', toSeq: '3', reason: 'hash does not match the entry' },
          { fromSeq: '9', toSeq: '9', reason: 'hash does not match the entry' },
          { fromSeq: '11', toSeq: '11', reason: 'hash does not match the entry' },
          { fromSeq: '12', toSeq: '12', reason: 'previous hash does not match' },
        ]),
      );
    });

    it('caps the list at 100 runs and says so; the first finding is still the lowest seq', async () => {
      const tableId = await newTable();
      await append(tableId, 250);
      // every even entry altered: 125 separate findings
      await behindTheTrigger(`UPDATE audit_entries SET details = '{"forged":1}' WHERE chain_id = $1 AND seq % 2 = 0`, [tableId]);
      const result = await verifier.verifyChain(tableId);
      expect(result).toMatchObject({ valid: false, checked: 251, firstInvalidSeq: '2', invalidTruncated: true });
      expect(result.invalid).toHaveLength(MAX_INVALID_REPORTED);
      expect(result.invalid![99]).toEqual({ fromSeq: '200', toSeq: '200', reason: 'hash does not match the entry' });
    });

    it('reports a deleted run as one range, and answers the same over HTTP with the list', async () => {
      await append(w.f.tableId, 6, 'test.gap');
      const seqs = await w.owner.query<{ seq: string }>(`SELECT seq::text AS seq FROM audit_entries WHERE chain_id = $1 AND action = 'test.gap' ORDER BY seq`, [w.f.tableId]);
      const [a, , , d] = seqs.rows.map((r) => r.seq);
      await behindTheTrigger('DELETE FROM audit_entries WHERE chain_id = $1 AND seq BETWEEN $2 AND $3', [w.f.tableId, Number(a) + 1, d]);
      const res = await w.api.as(w.f.privacy.token).get(`/tables/${w.f.tableId}/audit/verify`).expect(200);
      expect(res.body).toMatchObject({ valid: false, firstInvalidSeq: String(Number(a) + 1) });
      expect(res.body.invalid).toContainEqual({ fromSeq: String(Number(a) + 1), toSeq: d, reason: 'entries missing (sequence gap)' });
    });
  });

  describe('the application role (INSERT on entries, UPDATE on heads) cannot extend a chain', () => {
    it('a well-formed entry appended and the head moved, as the app role, fails on the head signature, and the server never signs over it', async () => {
      const tableId = await newTable();
      await append(tableId, 3);
      const app = new Client({ connectionString: w.t.appUrl });
      await app.connect();
      try {
        const head = (await app.query<{ seq: string; head_hash: string }>('SELECT seq::text AS seq, head_hash FROM audit_chain_heads WHERE chain_id = $1', [tableId])).rows[0];
        const seq = String(Number(head.seq) + 1);
        const e = canonicalEntry({ ...baseInput(), chainId: tableId, tableId, action: 'situation.read' });
        const hash = entryHash(head.head_hash, seq, e.canonical);
        await app.query(`INSERT INTO audit_entries (chain_id, seq, at, table_id, action, outcome, details, prev_hash, hash) VALUES ($1, $2, $3, $8, $4, 'SUCCESS', $5, $6, $7)`, [
          tableId,
          seq,
          e.atDate,
          e.action,
          e.details,
          head.head_hash,
          hash,
          tableId,
        ]);
        // The entry is perfect as a hash chain: the reference walk finds no broken link or hash ...
        const before = await verifier.verifyChain(tableId);
        expect(before.invalid?.map((r) => r.reason)).toEqual(['entries beyond the chain head (written around the appenders)']);
        // ... so it moves the head too, and even replays the last genuine signature.
        await app.query('UPDATE audit_chain_heads SET seq = $2, head_hash = $3 WHERE chain_id = $1', [tableId, seq, hash]);
        const result = await verifier.verifyChain(tableId);
        expect(result).toMatchObject({ valid: false, firstInvalidSeq: '1', invalid: [{ fromSeq: '1', toSeq: seq, reason: 'chain head signature does not verify' }] });
        // The server never builds on that head: its next append fails (closed) instead of signing over the forgery.
        await expect(audit.recordAlone(system, { action: 'test.after-forgery', tableId })).rejects.toThrow(UnvouchedHeadError);
        await expect(w.t.app.get(DataSource).transaction((m) => audit.record(m, system, { action: 'test.after-forgery', tableId }))).rejects.toThrow(
          /not signed by the server key/,
        );
        expect((await verifier.verifyChain(tableId)).invalid).toEqual([{ fromSeq: '1', toSeq: seq, reason: 'chain head signature does not verify' }]);
        // It cannot declare the chain a legacy one either.
        await expect(app.query('INSERT INTO audit_legacy_heads (chain_id, seq, head_hash) VALUES ($1, $2, $3)', [tableId, seq, hash])).rejects.toThrow(/permission denied/);
      } finally {
        await app.end();
      }
    });

    it('a legacy chain (unsigned head recorded at the upgrade) verifies, an unsigned append to it does not, a server append signs it', async () => {
      const tableId = await newTable();
      await append(tableId, 2);
      // What the upgrade migration found: an existing chain with an unsigned head.
      await w.owner.query('UPDATE audit_chain_heads SET head_sig = NULL WHERE chain_id = $1', [tableId]);
      await w.owner.query('INSERT INTO audit_legacy_heads (chain_id, seq, head_hash) SELECT chain_id, seq, head_hash FROM audit_chain_heads WHERE chain_id = $1', [tableId]);
      expect(await verifier.verifyChain(tableId)).toMatchObject({ valid: true, checked: 3 });
      // An unsigned, well-formed append by a database writer:
      const head = (await w.owner.query<{ seq: string; head_hash: string }>('SELECT seq::text AS seq, head_hash FROM audit_chain_heads WHERE chain_id = $1', [tableId])).rows[0];
      const e = canonicalEntry({ ...baseInput(), chainId: tableId, tableId });
      const hash = entryHash(head.head_hash, '4', e.canonical);
      await w.owner.query(`INSERT INTO audit_entries (chain_id, seq, at, table_id, action, outcome, details, prev_hash, hash) VALUES ($1, 4, $2, $7, $3, 'SUCCESS', $4, $5, $6)`, [
        tableId,
        e.atDate,
        e.action,
        e.details,
        head.head_hash,
        hash,
        tableId,
      ]);
      await w.owner.query('UPDATE audit_chain_heads SET seq = 4, head_hash = $2 WHERE chain_id = $1', [tableId, hash]);
      expect(await verifier.verifyChain(tableId)).toMatchObject({ valid: false, invalid: [{ fromSeq: '4', toSeq: '4', reason: 'chain head is not signed by the server key' }] });
      // Undone by the owner; then the server appends: the head is signed from then on.
      await behindTheTrigger('DELETE FROM audit_entries WHERE chain_id = $1 AND seq = 4', [tableId]);
      await w.owner.query('UPDATE audit_chain_heads SET seq = 3, head_hash = $2 WHERE chain_id = $1', [tableId, head.head_hash]);
      await append(tableId, 1);
      const signed = await w.owner.query<{ head_sig: string | null }>('SELECT head_sig FROM audit_chain_heads WHERE chain_id = $1', [tableId]);
      expect(signed.rows[0].head_sig).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(await verifier.verifyChain(tableId)).toMatchObject({ valid: true, checked: 4 });
    });
  });

  describe('the database owner: checkpoints catch what they exist to catch', () => {
    it('a cut tail with the head rewound to an earlier, genuinely signed state is caught by the checkpoint written after a burst', async () => {
      const tableId = await newTable();
      await append(tableId, 5);
      // The owner keeps a copy of the head row (signature included) as it stands now ...
      const saved = (
        await w.owner.query<{ seq: string; head_hash: string; head_sig: string }>('SELECT seq::text AS seq, head_hash, head_sig FROM audit_chain_heads WHERE chain_id = $1', [
          tableId,
        ])
      ).rows[0];
      // ... a burst of entries follows; the server checkpoints it by itself, without waiting for the interval.
      const checkpoints = w.t.app.get(AuditCheckpoints);
      await append(tableId, CHECKPOINT_BURST);
      await waitFor(() => Number(checkpoints.latest().get(tableId)?.seq ?? 0) >= CHECKPOINT_BURST);
      // The owner deletes everything after the saved head and restores that head row, signature and all.
      await behindTheTrigger('DELETE FROM audit_entries WHERE chain_id = $1 AND seq > $2', [tableId, saved.seq]);
      await w.owner.query('UPDATE audit_chain_heads SET seq = $2, head_hash = $3, head_sig = $4 WHERE chain_id = $1', [tableId, saved.seq, saved.head_hash, saved.head_sig]);
      const result = await verifier.verifyChain(tableId);
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: String(Number(saved.seq) + 1) });
      expect(result.reason).toMatch(/signed checkpoint/);
      // Without the checkpoints the chain and its (replayed) head signature alone look fine: that window is the checkpoints' job.
      expect(await new AuditVerifier(w.t.app.get(AuditRepository), w.t.app.get(AuditKeys)).verifyChain(tableId)).toMatchObject({ valid: true });
    });

    it('a fork (tail cut below the newest checkpoint, then grown again by the server) is never checkpointed and shows', async () => {
      const tableId = await newTable();
      await append(tableId, 2);
      const saved = (
        await w.owner.query<{ seq: string; head_hash: string; head_sig: string }>('SELECT seq::text AS seq, head_hash, head_sig FROM audit_chain_heads WHERE chain_id = $1', [
          tableId,
        ])
      ).rows[0];
      await append(tableId, 2);
      const checkpoints = w.t.app.get(AuditCheckpoints);
      await checkpoints.write();
      expect(checkpoints.latest().get(tableId)?.seq).toBe('5');
      await behindTheTrigger('DELETE FROM audit_entries WHERE chain_id = $1 AND seq > $2', [tableId, saved.seq]);
      await w.owner.query('UPDATE audit_chain_heads SET seq = $2, head_hash = $3, head_sig = $4 WHERE chain_id = $1', [tableId, saved.seq, saved.head_hash, saved.head_sig]);
      // The server, none the wiser, appends past the old checkpoint's seq and signs the new head.
      await append(tableId, 3, 'test.after-fork');
      await checkpoints.write();
      expect(checkpoints.latest().get(tableId)?.seq).toBe('5');
      expect(await verifier.verifyChain(tableId)).toMatchObject({
        valid: false,
        firstInvalidSeq: '5',
        invalid: [{ fromSeq: '5', toSeq: '5', reason: 'entry differs from its signed checkpoint' }],
      });
    });

    it('a whole chain deleted with its head row is still verified (and fails) because a signed checkpoint names it', async () => {
      const tableId = await newTable();
      await append(tableId, 3);
      expect(await w.t.app.get(AuditCheckpoints).write()).toBeGreaterThanOrEqual(1);
      await behindTheTrigger('DELETE FROM audit_entries WHERE chain_id = $1', [tableId]);
      await w.owner.query('DELETE FROM audit_chain_heads WHERE chain_id = $1', [tableId]);
      const all = await verifier.verifyAll();
      const ours = all.find((r) => r.chainId === tableId);
      expect(ours).toMatchObject({ valid: false, checked: 0 });
      expect(ours!.invalid!.map((r) => r.reason)).toEqual(expect.arrayContaining(['the chain has no head row', 'chain ends before its signed checkpoint at 4']));
    });

    it('entries whose head row was deleted still show in verifyAll', async () => {
      const tableId = await newTable();
      await append(tableId, 2);
      await w.owner.query('DELETE FROM audit_chain_heads WHERE chain_id = $1', [tableId]);
      const ours = (await verifier.verifyAll()).find((r) => r.chainId === tableId);
      expect(ours).toMatchObject({ valid: false, checked: 3, invalid: [{ fromSeq: '1', toSeq: '3', reason: 'the chain has no head row' }] });
    });

    it('fails on a checkpoint line with a bad signature, and on a garbled one, instead of skipping them', async () => {
      const tableId = await newTable();
      await append(tableId, 2);
      const checkpoints = w.t.app.get(AuditCheckpoints);
      await checkpoints.write();
      expect((await verifier.verifyChain(tableId)).valid).toBe(true);
      const forged = { ...checkpoints.latest().get(tableId)!, seq: '2' };
      appendFileSync(checkpoints.path, `${JSON.stringify(forged)}\n`);
      const result = await verifier.verifyChain(tableId);
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: '2' });
      expect(result.reason).toMatch(/invalid signature/);
      appendFileSync(checkpoints.path, 'not json\n');
      expect((await verifier.verifyAll()).find((r) => r.chainId === CHECKPOINT_FILE_CHAIN)).toMatchObject({
        valid: false,
        invalid: [{ reason: expect.stringMatching(/not JSON/) }],
      });
    });
  });

  describe('a copy of the data (backup, data files) verified elsewhere', () => {
    it('a chain rewritten and fully re-linked (every hash recomputed, as the holder of a copy can) fails on the head signature', async () => {
      const tableId = await newTable();
      await append(tableId, 4);
      // Rewrite entry 2 and recompute every hash after it, then the head: a perfect unkeyed hash chain.
      const repo = w.t.app.get(AuditRepository);
      const rows = await repo.chainBatch(tableId, '0', 100);
      rows[1].details = '{"rewritten":true}';
      let prev = rows[0].hash;
      for (const r of rows.slice(1)) {
        const { details, prevHash, hash, seq, ...fields } = r;
        void prevHash;
        void hash;
        const next = entryHash(prev, seq, canonicalStoredPayload(fields, details));
        await behindTheTrigger('UPDATE audit_entries SET details = $3, prev_hash = $4, hash = $5 WHERE chain_id = $1 AND seq = $2', [tableId, seq, details, prev, next]);
        prev = next;
      }
      await w.owner.query('UPDATE audit_chain_heads SET head_hash = $2 WHERE chain_id = $1', [tableId, prev]);
      expect(await new AuditVerifier(repo, null).verifyChain(tableId)).toMatchObject({ valid: true }); // the hash chain alone is fooled
      expect(await verifier.verifyChain(tableId)).toMatchObject({ valid: false, invalid: [{ fromSeq: '1', toSeq: '5', reason: 'chain head signature does not verify' }] });
    });

    it('an auditor holding only the pinned public key verifies heads and checkpoints, and cannot sign', async () => {
      const keys = w.t.app.get(AuditKeys);
      const pem = publicPemOf(w.t.config.secrets.auditSigningKey!);
      const auditor = AuditKeys.forVerification({ secrets: {} as never, auditVerifyPublicKeys: [pem] });
      expect(auditor.canSign).toBe(false);
      const repo = w.t.app.get(AuditRepository);
      const dir = mkdtempSync(join(tmpdir(), 'st-auditor-'));
      writeFileSync(join(dir, 'audit-checkpoints.jsonl'), readFileSync(w.t.app.get(AuditCheckpoints).path));
      const auditorView = new AuditVerifier(repo, auditor, new AuditCheckpoints(repo, auditor, new Clock(), { auditCheckpointDir: dir }));
      expect(await auditorView.verifyChain(w.f.tableId)).toEqual(await verifier.verifyChain(w.f.tableId));
      expect(() => auditor.signHead('system', '1', 'x')).toThrow(/AUDIT_SIGNING_KEY/);
      expect(keys.canSign).toBe(true);
    });
  });

  // Last: a second application in this process takes over process-wide singletons (passport's
  // strategies, Nest's static logger), so nothing may use the first one over HTTP after it.
  describe('shutdown', () => {
    it('writes a checkpoint of every moved chain at shutdown, after the last entries committed', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'st-cp-'));
      const other = await createTestApp({ AUDIT_CHECKPOINT_DIR: dir });
      const tableId = (await buildTable(new Api(other))).tableId;
      const pending = other.app.get(AuditService).recordAlone(system, { action: 'test.last', tableId });
      await other.close();
      await pending;
      const lines = readFileSync(join(dir, 'audit-checkpoints.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { chainId: string; seq: string });
      const head = await w.owner.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_chain_heads WHERE chain_id = $1', [tableId]);
      expect(lines.filter((l) => l.chainId === tableId).pop()?.seq).toBe(head.rows[0].seq);
    });
  });
});

function baseInput() {
  return {
    chainId: 'system',
    at: new Date('2026-05-04T03:02:01.000Z'),
    actorId: null,
    actorAgencyId: null,
    tableId: null,
    action: 'test.forged',
    outcome: 'SUCCESS' as const,
    situationId: null,
    purpose: null,
    requestId: null,
    details: {},
  };
}

function publicPemOf(privatePem: string): string {
  return createPublicKey(privatePem).export({ type: 'spki', format: 'pem' }).toString();
}

async function waitFor(done: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
