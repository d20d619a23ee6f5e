import { Client } from 'pg';
import { Api, buildTable, TableFixture } from '../support/api';
import { AuditService } from '../../src/modules/audit/audit.service';
import { parseCsv } from '../support/csv';
import { walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const IDENTITY = { givenName: 'Ottoline', familyName: 'Brackenridge', legalAuthority: 'MFIPPA_S32_H' };

describe('privacy officers: audit search, export, verification, access log, anomalies', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let situationId: string;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
    situationId = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${situationId}/identity`, IDENTITY).expect(204);
    await api.as(f.reps.housing.token).get(`/situations/${situationId}/identity?purposeCode=HOME_VISIT&purpose=plan+joint+visit`).expect(200);
    await api.as(f.reps.school.token).get(`/situations/${situationId}/identity?purposeCode=OTHER&purpose=just+curious`).expect(403);
    await api.as(f.analyst.token).get(`/situations/${situationId}/identity?purposeCode=OTHER&purpose=statistics+review`).expect(403);
  });
  afterAll(() => close());

  it('is for the privacy officer of the table only', async () => {
    for (const path of ['audit', 'audit/verify', 'audit/export.csv', 'audit/anomalies', 'audit/actors']) {
      await api.as(f.coordinator.token).get(`/tables/${f.tableId}/${path}`).expect(403);
      await api.as(f.analyst.token).get(`/tables/${f.tableId}/${path}`).expect(403);
      await api.as(f.stranger.token).get(`/tables/${f.tableId}/${path}`).expect(404);
      await api.as(f.admin.token).get(`/tables/${f.tableId}/${path}`).expect(404);
    }
    await api.as(f.coordinator.token).get(`/situations/${situationId}/access-log`).expect(403);
    await api.as(f.stranger.token).get(`/situations/${situationId}/access-log`).expect(404);
  });

  it('searches by situation, actor, action, outcome and time with keyset pages, newest first', async () => {
    const p = api.as(f.privacy.token);
    const bySituation = await p.get(`/tables/${f.tableId}/audit?situationId=${situationId}&limit=3`).expect(200);
    expect(bySituation.body.items).toHaveLength(3);
    const seqs = bySituation.body.items.map((e: { seq: string }) => Number(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(bySituation.body.items[0]).toEqual(expect.objectContaining({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), prevHash: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    const next = await p.get(`/tables/${f.tableId}/audit?situationId=${situationId}&limit=3&cursor=${bySituation.body.nextCursor}`).expect(200);
    expect(Number(next.body.items[0].seq)).toBeLessThan(seqs[2]);
    const denied = await p.get(`/tables/${f.tableId}/audit?outcome=DENIED&action=identity.read`).expect(200);
    expect(denied.body.items).toHaveLength(1);
    // refused before its note was checked: the note is not stored, a known code is
    expect(denied.body.items[0]).toMatchObject({ actorId: f.reps.school.id, purpose: null, situationId, details: { reason: 'FORBIDDEN', purposeCode: 'OTHER' } });
    const byActor = await p.get(`/tables/${f.tableId}/audit?actorId=${f.reps.housing.id}`).expect(200);
    expect(byActor.body.items.every((e: { actorId: string }) => e.actorId === f.reps.housing.id)).toBe(true);
    const future = await p.get(`/tables/${f.tableId}/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`).expect(200);
    expect(future.body.items).toHaveLength(0);
    await p.get(`/tables/${f.tableId}/audit?outcome=MAYBE`).expect(400);
    const searches = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1 AND action = 'audit.search' AND actor_id = $2`, [f.tableId, f.privacy.id]);
    expect(searches.rows[0].n).toBeGreaterThanOrEqual(5);
  });

  it("filters by the actor's agency, and that filter combines with the others and with paging", async () => {
    const p = api.as(f.privacy.token);
    const housingAgency = f.reps.housing.agencyId;
    // counted first: the search itself is then recorded (by an officer who may belong to that agency)
    const all = await owner.query('SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1 AND actor_agency_id = $2', [f.tableId, housingAgency]);
    const byAgency = await p.get(`/tables/${f.tableId}/audit?actorAgencyId=${housingAgency}&limit=200`).expect(200);
    expect(byAgency.body.items.length).toBeGreaterThan(0);
    expect(byAgency.body.items.every((e: { actorAgencyId: string }) => e.actorAgencyId === housingAgency)).toBe(true);
    expect(byAgency.body.items).toHaveLength(all.rows[0].n);
    const reads = await p.get(`/tables/${f.tableId}/audit?actorAgencyId=${housingAgency}&action=identity.read&outcome=SUCCESS`).expect(200);
    expect(reads.body.items).toHaveLength(1);
    expect(reads.body.items[0]).toMatchObject({ actorId: f.reps.housing.id, situationId });
    const school = await p.get(`/tables/${f.tableId}/audit?actorAgencyId=${f.reps.school.agencyId}&action=identity.read&outcome=SUCCESS`).expect(200);
    expect(school.body.items).toHaveLength(0);
    await p.get(`/tables/${f.tableId}/audit?actorAgencyId=not-a-uuid`).expect(400);
  });

  it('exports the same filter as CSV with a header row, and audits the export', async () => {
    const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/export.csv?situationId=${situationId}`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.trim().split('\n');
    expect(res.text.startsWith('\uFEFFseq,')).toBe(true); // a UTF-8 byte order mark first, for Excel (trim() drops it below)
    expect(lines[0]).toBe('seq,at,actorId,actorAgencyId,action,outcome,situationId,purpose,requestId,details,prevHash,hash,actorDisplayName,actorAgencyName');
    const count = await owner.query('SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1 AND situation_id = $2', [f.tableId, situationId]);
    expect(lines.length - 1).toBe(count.rows[0].n);
    expect(res.text).not.toContain(IDENTITY.familyName);
    const exported = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1 AND action = 'audit.export'`, [f.tableId]);
    expect(exported.rows[0].n).toBe(1);
  });

  it("lists the table's people for the actor filter: actors of its trail and role holders, by name and agency, no e-mail; audited", async () => {
    const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/actors`).expect(200);
    expect(res.body.truncated).toBe(false);
    const ids = res.body.items.map((u: { id: string }) => u.id);
    // every role holder of the table, and the administrator who set it up (an actor of its trail who holds no role)
    for (const m of [f.coordinator, f.reps.police, f.reps.health, f.reps.housing, f.reps.school, f.privacy, f.analyst]) expect(ids).toContain(m.id);
    expect(ids).toContain(f.admin.id);
    // the stranger holds no role here but was refused here (first test): the trail names them
    expect(ids).toContain(f.stranger.id);
    const housing = res.body.items.find((u: { id: string }) => u.id === f.reps.housing.id);
    expect(housing).toEqual({ id: f.reps.housing.id, displayName: 'Test User', agencyId: f.agencies.housing.id, agencyName: expect.stringContaining('Agency housing') });
    expect(JSON.stringify(res.body)).not.toMatch(/@example\.test/);
    const names = res.body.items.map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual([...names].sort());
    const rows = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1 AND action = 'audit.actors' AND actor_id = $2`, [f.tableId, f.privacy.id]);
    expect(rows.rows[0].n).toBe(1);
    // a privacy officer of another table: 404 (as the other audit routes); a representative, a coordinator, the administrator: refused
    const other = await buildTable(api);
    // someone who never acted here and holds no role here is not offered
    const again = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/actors`).expect(200);
    expect(again.body.items.map((u: { id: string }) => u.id)).not.toContain(other.privacy.id);
    await api.as(other.privacy.token).get(`/tables/${f.tableId}/audit/actors`).expect(404);
    const theirs = await api.as(other.privacy.token).get(`/tables/${other.tableId}/audit/actors`).expect(200);
    expect(theirs.body.items.map((u: { id: string }) => u.id)).not.toContain(f.reps.housing.id);
    await api.as(f.reps.housing.token).get(`/tables/${f.tableId}/audit/actors`).expect(403);
    await api.as(f.coordinator.token).get(`/tables/${f.tableId}/audit/actors`).expect(403);
    await api.as(f.admin.token).get(`/tables/${f.tableId}/audit/actors`).expect(404);
  });

  it('verifies the chain and names the first altered entry', async () => {
    const ok = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/verify`).expect(200);
    expect(ok.body.valid).toBe(true);
    expect(ok.body.checked).toBeGreaterThan(20);
    const other = await buildTable(api);
    await walkTo(api, other, 'ACCEPTED');
    const target = await owner.query(`SELECT seq FROM audit_entries WHERE chain_id = $1 AND action = 'situation.decide'`, [other.tableId]);
    await owner.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
    try {
      await owner.query(`UPDATE audit_entries SET outcome = 'DENIED' WHERE chain_id = $1 AND seq = $2`, [other.tableId, target.rows[0].seq]);
    } finally {
      await owner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
    }
    const bad = await api.as(other.privacy.token).get(`/tables/${other.tableId}/audit/verify`).expect(200);
    expect(bad.body).toMatchObject({ valid: false, firstInvalidSeq: String(target.rows[0].seq) });
  });

  it("answers who saw this situation's identity, when and why", async () => {
    const res = await api.as(f.privacy.token).get(`/situations/${situationId}/access-log`).expect(200);
    const rows = res.body.items.map((e: { action: string; outcome: string; actorId: string; purposeCode: string; purposeNote: string }) => [
      e.action,
      e.outcome,
      e.actorId,
      e.purposeCode,
      e.purposeNote,
    ]);
    expect(rows).toEqual([
      ['identity.write', 'SUCCESS', f.reps.police.id, null, null],
      ['identity.read', 'SUCCESS', f.reps.housing.id, 'HOME_VISIT', 'plan joint visit'],
      ['identity.read', 'DENIED', f.reps.school.id, 'OTHER', null],
      // an analyst holds no role that may read identity: refused by the route's rule, still in the log
      ['access.denied', 'DENIED', f.analyst.id, null, null],
    ]);
    expect(res.body.items[1].purpose).toBe('HOME_VISIT: plan joint visit');
    expect(res.body.items[1].actorAgencyId).toBe(f.agencies.housing.id);
    expect(res.body.items[1].actorDisplayName).toBe('Test User');
  });

  it('flags refusals, bursts of reads, reads outside office hours and reads long after closure', async () => {
    for (let i = 0; i < 4; i++) await api.as(f.reps.housing.token).get(`/situations/${situationId}/identity?purposeCode=SAFETY_PLANNING&purpose=review+plan+${i}`).expect(200);
    const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies?maxReadsPerHour=3&officeStartHour=0&officeEndHour=24&timeZone=UTC`).expect(200);
    const kinds = res.body.flags.map((x: { kind: string; actorId: string }) => `${x.kind}:${x.actorId}`);
    // the analyst was refused by the route's role rule (access.denied): flagged all the same
    expect(kinds).toEqual(expect.arrayContaining([`IDENTITY_REFUSED:${f.reps.school.id}`, `IDENTITY_REFUSED:${f.analyst.id}`, `UNUSUAL_READ_RATE:${f.reps.housing.id}`]));
    const burst = res.body.flags.find((x: { kind: string }) => x.kind === 'UNUSUAL_READ_RATE');
    expect(burst.count).toBe(5);
    expect(burst.entries).toHaveLength(5);
    // every hour is outside an empty office day
    const night = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies?officeStartHour=0&officeEndHour=1&timeZone=UTC&maxReadsPerHour=100`).expect(200);
    const hour = new Date().getUTCHours();
    const weekend = [0, 6].includes(new Date().getUTCDay());
    if (hour !== 0 || weekend) expect(night.body.flags.map((x: { kind: string }) => x.kind)).toContain('OUTSIDE_OFFICE_HOURS');
    // a read 40 days after closure
    const closedId = await walkTo(api, f, 'ASSIGNED');
    await api.as(f.reps.police.token).put(`/situations/${closedId}/identity`, IDENTITY).expect(204);
    await api.as(f.coordinator.token).post(`/situations/${closedId}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    t.clock.advance(40 * 86_400_000);
    try {
      await api.as(f.reps.police.token).get(`/situations/${closedId}/identity?purposeCode=LEGAL_OBLIGATION`).expect(200);
      const late = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies?officeStartHour=0&officeEndHour=24&timeZone=UTC&maxReadsPerHour=100`).expect(200);
      const flag = late.body.flags.find((x: { kind: string }) => x.kind === 'READ_LONG_AFTER_CLOSURE');
      expect(flag.entries.map((e: { situationId: string }) => e.situationId)).toEqual([closedId]);
    } finally {
      t.clock.reset();
    }
    await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies?timeZone=Mars/Olympus`).expect(400);
  });
});

describe('the audit export of a long trail', () => {
  it('exports a trail of several keyset pages (1,000 entries each) whole: every entry once, newest first, and the chain still verifies', async () => {
    // appended through the application's own audit service (the chain is real), 8 at a time
    const { t, api, f, owner, close } = await openWorld({ table: { code: 'AUDEXP' } });
    const audit = t.app.get(AuditService);
    const actor = { userId: f.privacy.id, agencyId: f.privacy.agencyId, requestId: null };
    const total = 2 * 2000 + 17;
    for (let i = 0; i < total; i += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, total - i) }, (_, k) => audit.recordAlone(actor, { action: 'audit.actors', tableId: f.tableId, details: { returned: i + k } })),
      );
    }
    const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/export.csv?action=audit.actors`).expect(200);
    const rows = parseCsv(res.text).slice(1);
    const expected = await owner.query<{ seq: string }>(`SELECT e.seq::text AS seq FROM audit_entries e WHERE e.chain_id = $1 AND e.action = 'audit.actors' ORDER BY e.seq DESC`, [
      f.tableId,
    ]);
    expect(expected.rows).toHaveLength(total);
    expect(rows.map((r) => r[0])).toEqual(expected.rows.map((r) => r.seq));
    expect((await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/verify`).expect(200)).body.valid).toBe(true);
    await close();
  });
});
