import { Client } from 'pg';
import { Api, buildTable, PASSWORD, TableFixture, TEMPORARY_PASSWORD, unique } from '../support/api';
import { walkTo } from '../support/situations';
import { openWorld } from '../support/world';

interface SignInEvent {
  seq: string;
  at: string;
  kind: string;
  reason: string | null;
  userId: string;
  userDisplayName: string;
  agencyId: string | null;
  agencyName: string | null;
  byAdministrator: boolean;
  actorId: string | null;
  actorDisplayName: string | null;
}

/**
 * Issue 17, section 3: the sign-in history of a table's users for its privacy officer (events of
 * users who hold or held a role there, only while they held it), and names beside the ids with
 * agency and purpose filters in the officer's other views.
 */
describe("privacy officers: the table's sign-in history, names and filters", () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  const people: Record<'locked' | 'changer' | 'leaver' | 'reset' | 'revoked', { id: string; email: string; token: string }> = {} as never;

  /** A user of the police agency, created (temporary password, chosen password: before any grant), then given `role` at the table. */
  async function member(name: string, role = 'AGENCY_REP'): Promise<{ id: string; email: string; token: string }> {
    const email = `${unique(name)}@example.test`;
    const user = await api.createUser(f.admin.token, { email, displayName: `Sign-in ${name}`, agencyId: f.agencies.police.id });
    await api.as(f.admin.token).post(`/tables/${f.tableId}/roles`, { userId: user.id, role }).expect(201);
    return { id: user.id, email, token: user.token };
  }
  const history = (query = '', token = f.privacy.token) => api.as(token).get(`/tables/${f.tableId}/sign-in-history${query}`);
  /** Every event of the table's history, through its pages. */
  async function all(): Promise<SignInEvent[]> {
    const out: SignInEvent[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) }).toString();
      const res = await history(`?${qs}`).expect(200);
      out.push(...(res.body.items as SignInEvent[]));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    return out;
  }

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
    // five wrong passwords lock the account out; a sixth attempt is refused, locked
    people.locked = await member('locked');
    for (let i = 0; i < 5; i++) await api.call('post', '/auth/login', undefined, { email: people.locked.email, password: 'not-the-password-at-all' }).expect(401);
    await api.call('post', '/auth/login', undefined, { email: people.locked.email, password: PASSWORD }).expect(429);
    // a wrong current password, then a change
    people.changer = await member('changer');
    const changer = await api.login(people.changer.email);
    await api.as(changer).post('/auth/password', { currentPassword: 'not-the-password-at-all', newPassword: 'another-long-invented-passphrase-77' }).expect(400);
    await api.as(changer).post('/auth/password', { currentPassword: PASSWORD, newPassword: 'another-long-invented-passphrase-77' }).expect(204);
    await api.as(changer).post('/auth/logout').expect(204);
    // deactivated by the administrator, then refused at sign-in
    people.leaver = await member('leaver');
    await api.as(f.admin.token).patch(`/users/${people.leaver.id}`, { active: false }).expect(200);
    await api.call('post', '/auth/login', undefined, { email: people.leaver.email, password: PASSWORD }).expect(401);
    // a password reset by the administrator
    people.reset = await member('reset');
    await api.as(f.admin.token).patch(`/users/${people.reset.id}`, { password: TEMPORARY_PASSWORD }).expect(200);
    // signed in while a member, then the role revoked, then signed in again
    people.revoked = await member('revoked', 'ANALYST');
    await api.login(people.revoked.email);
    await api.as(f.admin.token).delete(`/tables/${f.tableId}/roles/${people.revoked.id}/ANALYST`).expect(204);
    await api.login(people.revoked.email);
    // a user of the other table only signs in
    await api.login(f.stranger.email);
  });
  afterAll(() => close());

  it('lists sign-ins, failures, lockouts, password changes and resets, deactivations and sign-outs, with names, never an e-mail', async () => {
    const events = await all();
    const of = (id: string) => events.filter((e) => e.userId === id).map((e) => [e.kind, e.reason]);
    // newest first; the sign-in with the temporary password and the first password change came before the grant: not listed
    expect(of(people.locked.id)).toEqual([['SIGN_IN_FAILED', 'LOCKED'], ['LOCKOUT', null], ...Array.from({ length: 5 }, () => ['SIGN_IN_FAILED', 'BAD_PASSWORD'])]);
    expect(of(people.changer.id)).toEqual([
      ['SIGN_OUT', null],
      ['PASSWORD_CHANGED', null],
      ['PASSWORD_CHANGE_FAILED', 'BAD_PASSWORD'],
      ['SIGN_IN', null],
    ]);
    expect(of(people.leaver.id)).toEqual([
      ['SIGN_IN_FAILED', 'INACTIVE'],
      ['DEACTIVATED', null],
    ]);
    expect(of(people.reset.id)).toEqual([['PASSWORD_RESET', null]]);
    const deactivation = events.find((e) => e.userId === people.leaver.id && e.kind === 'DEACTIVATED')!;
    expect(deactivation).toEqual({
      seq: expect.stringMatching(/^\d+$/),
      at: expect.any(String),
      kind: 'DEACTIVATED',
      reason: null,
      userId: people.leaver.id,
      userDisplayName: 'Sign-in leaver',
      agencyId: f.agencies.police.id,
      agencyName: expect.stringContaining('Agency police'),
      byAdministrator: true,
      actorId: f.admin.id,
      actorDisplayName: 'Test Admin',
    });
    const own = events.find((e) => e.userId === people.changer.id && e.kind === 'SIGN_IN')!;
    expect(own).toMatchObject({ byAdministrator: false, actorId: people.changer.id, actorDisplayName: 'Sign-in changer' });
    // the fixture's members signed in after their grants
    expect(events.some((e) => e.userId === f.privacy.id && e.kind === 'SIGN_IN')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/@example\.test/);
    const times = events.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('shows a user only while they held a role at the table, and never a user of another table only', async () => {
    const events = await all();
    const revoked = events.filter((e) => e.userId === people.revoked.id);
    // one sign-in between the grant and the revocation; the one after is not the table's business
    expect(revoked.map((e) => e.kind)).toEqual(['SIGN_IN']);
    const rows = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = 'system' AND action = 'auth.login' AND outcome = 'SUCCESS' AND actor_id = $1`, [
      people.revoked.id,
    ]);
    expect(rows.rows[0].n).toBe(3); // the temporary password's, the grant period's, and after the revocation
    expect(events.map((e) => e.userId)).not.toContain(f.stranger.id);
    await history(`?userId=${f.stranger.id}`).expect(200, { items: [], nextCursor: null });
    // the privacy officer of another table sees none of this table's users, and cannot read this table's history
    const other = await buildTable(api);
    await api.as(other.privacy.token).get(`/tables/${f.tableId}/sign-in-history`).expect(404);
    const theirs = await api.as(other.privacy.token).get(`/tables/${other.tableId}/sign-in-history?limit=200`).expect(200);
    const theirUsers = new Set(theirs.body.items.map((e: SignInEvent) => e.userId));
    for (const p of [...Object.values(people), f.privacy, f.coordinator, f.reps.police]) expect(theirUsers.has(p.id)).toBe(false);
    expect(theirUsers.has(other.privacy.id)).toBe(true);
  });

  it('filters by user, kind and period, pages by keyset, refuses bad filters with 400', async () => {
    const mine = await history(`?userId=${people.locked.id}&kind=SIGN_IN_FAILED`).expect(200);
    expect(mine.body.items).toHaveLength(6);
    expect(mine.body.items.every((e: SignInEvent) => e.userId === people.locked.id && e.kind === 'SIGN_IN_FAILED')).toBe(true);
    const lockouts = await history('?kind=LOCKOUT').expect(200);
    expect(lockouts.body.items.map((e: SignInEvent) => e.userId)).toEqual([people.locked.id]);
    const first = await history(`?userId=${people.locked.id}&limit=3`).expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await history(`?userId=${people.locked.id}&limit=3&cursor=${first.body.nextCursor}`).expect(200);
    const third = await history(`?userId=${people.locked.id}&limit=3&cursor=${second.body.nextCursor}`).expect(200);
    const paged = [...first.body.items, ...second.body.items, ...third.body.items].map((e: SignInEvent) => e.seq);
    expect(new Set(paged).size).toBe(7);
    expect(third.body.nextCursor).toBeNull();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    await history(`?from=${encodeURIComponent(future)}`).expect(200, { items: [], nextCursor: null });
    const lockout = lockouts.body.items[0] as SignInEvent;
    const until = await history(`?userId=${people.locked.id}&to=${encodeURIComponent(lockout.at)}`).expect(200);
    expect(until.body.items.every((e: SignInEvent) => e.at < lockout.at)).toBe(true);
    await history('?kind=LOGIN').expect(400);
    await history('?userId=nobody').expect(400);
    await history(`?from=${encodeURIComponent(future)}&to=${encodeURIComponent(lockout.at)}`).expect(400);
    await history('?cursor=forged').expect(400);
  });

  it("is the privacy officer's, and every read is audited on the table's chain", async () => {
    await history('', f.coordinator.token).expect(403);
    await history('', f.analyst.token).expect(403);
    await history('', f.reps.police.token).expect(403);
    await history('', f.stranger.token).expect(404);
    await history('', f.admin.token).expect(404);
    const before = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = $1 AND action = 'audit.sign-in-history'`, [f.tableId]);
    await history(`?kind=DEACTIVATED&userId=${people.leaver.id}`).expect(200);
    const rows = await owner.query(`SELECT actor_id, details FROM audit_entries WHERE chain_id = $1 AND action = 'audit.sign-in-history' ORDER BY seq DESC`, [f.tableId]);
    expect(rows.rows).toHaveLength(before.rows[0].n + 1);
    expect(rows.rows[0].actor_id).toBe(f.privacy.id);
    expect(JSON.parse(rows.rows[0].details)).toEqual({ filter: { kind: 'DEACTIVATED', userId: people.leaver.id }, returned: 1 });
  });

  it('is served by the sign-in index', async () => {
    await owner.query('ANALYZE audit_entries; ANALYZE role_grant_periods');
    await owner.query('SET enable_seqscan = off');
    const plan = await owner.query(
      `EXPLAIN SELECT e.seq FROM audit_entries e
       WHERE e.chain_id = 'system' AND e.action IN ('auth.login', 'auth.lockout', 'auth.password.change', 'auth.logout', 'user.update')
         AND (CASE WHEN e.action = 'user.update' THEN substring(e.details FROM '"userId":"([0-9a-f-]{36})"') ELSE e.actor_id::text END) = $1
       ORDER BY e.at DESC, e.seq DESC LIMIT 51`,
      [people.locked.id],
    );
    await owner.query('RESET enable_seqscan');
    expect(plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')).toContain('audit_entries_sign_in_idx');
  });

  describe('names beside the ids, agency and purpose filters', () => {
    let situationId: string;
    beforeAll(async () => {
      situationId = await walkTo(api, f, 'ASSIGNED');
      await api
        .as(f.reps.police.token)
        .put(`/situations/${situationId}/identity`, { givenName: 'Wilhelmina', familyName: 'Quarterfield', legalAuthority: 'MFIPPA_S32_H' })
        .expect(204);
      await api.as(f.reps.housing.token).get(`/situations/${situationId}/identity?purposeCode=HOME_VISIT&purpose=plan+joint+visit`).expect(200);
      await api.as(f.reps.police.token).get(`/situations/${situationId}/identity?purposeCode=SAFETY_PLANNING`).expect(200);
    });

    it('names the actor and their agency in the audit search and its CSV, and filters by purpose code and agency', async () => {
      const p = api.as(f.privacy.token);
      const reads = await p.get(`/tables/${f.tableId}/audit?action=identity.read&purposeCode=HOME_VISIT`).expect(200);
      expect(reads.body.items).toHaveLength(1);
      expect(reads.body.items[0]).toMatchObject({
        actorId: f.reps.housing.id,
        actorDisplayName: 'Test User',
        actorAgencyId: f.agencies.housing.id,
        actorAgencyName: expect.stringContaining('Agency housing'),
        details: { purposeCode: 'HOME_VISIT' },
      });
      const safety = await p.get(`/tables/${f.tableId}/audit?purposeCode=SAFETY_PLANNING&actorAgencyId=${f.agencies.police.id}`).expect(200);
      expect(safety.body.items.map((e: { actorId: string }) => e.actorId)).toEqual([f.reps.police.id]);
      await p.get(`/tables/${f.tableId}/audit?purposeCode=SAFETY_PLANNING&actorAgencyId=${f.agencies.housing.id}`).expect(200, { items: [], nextCursor: null });
      await p.get(`/tables/${f.tableId}/audit?purposeCode=NOT_A_PURPOSE`).expect(400);
      const csv = await p.get(`/tables/${f.tableId}/audit/export.csv?purposeCode=HOME_VISIT`).expect(200);
      const lines = csv.text.trim().split('\n');
      expect(lines[0]).toBe('seq,at,actorId,actorAgencyId,action,outcome,situationId,purpose,requestId,details,prevHash,hash,actorDisplayName,actorAgencyName');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(f.reps.housing.id);
      expect(lines[1]).toMatch(/,Test User,Agency housing[^,]*$/);
      const exported = await owner.query(`SELECT details FROM audit_entries WHERE chain_id = $1 AND action = 'audit.export' ORDER BY seq DESC LIMIT 1`, [f.tableId]);
      expect(JSON.parse(exported.rows[0].details)).toEqual({ filter: { purposeCode: 'HOME_VISIT' } });
    });

    it("filters a situation's access log by the reader's agency and the purpose code", async () => {
      const p = api.as(f.privacy.token);
      const everything = await p.get(`/situations/${situationId}/access-log`).expect(200);
      expect(everything.body.items.filter((e: { action: string }) => e.action === 'identity.read')).toHaveLength(2);
      const housing = await p.get(`/situations/${situationId}/access-log?agencyId=${f.agencies.housing.id}`).expect(200);
      expect(housing.body.items).toHaveLength(1);
      expect(housing.body.items[0]).toMatchObject({ actorDisplayName: 'Test User', actorAgencyName: expect.stringContaining('Agency housing'), purposeCode: 'HOME_VISIT' });
      const safety = await p.get(`/situations/${situationId}/access-log?purposeCode=SAFETY_PLANNING`).expect(200);
      expect(safety.body.items.map((e: { actorId: string }) => e.actorId)).toEqual([f.reps.police.id]);
      await p.get(`/situations/${situationId}/access-log?agencyId=${f.agencies.school.id}&purposeCode=HOME_VISIT`).expect(200);
      await p.get(`/situations/${situationId}/access-log?purposeCode=nope`).expect(400);
      const logged = await owner.query(`SELECT details FROM audit_entries WHERE chain_id = $1 AND action = 'audit.access-log' ORDER BY seq DESC LIMIT 1`, [f.tableId]);
      expect(JSON.parse(logged.rows[0].details)).toEqual({ entries: 0, filter: { agencyId: f.agencies.school.id, purposeCode: 'HOME_VISIT' } });
    });

    it('names the actor of each anomaly flag and entry', async () => {
      // two refused identity reads by the school representative: flagged IDENTITY_REFUSED
      for (let i = 0; i < 2; i++) await api.as(f.reps.school.token).get(`/situations/${situationId}/identity?purposeCode=OTHER&purpose=just+curious+here`).expect(403);
      const res = await api.as(f.privacy.token).get(`/tables/${f.tableId}/audit/anomalies`).expect(200);
      const flag = res.body.flags.find((x: { actorId: string }) => x.actorId === f.reps.school.id);
      expect(flag).toMatchObject({ actorDisplayName: 'Test User', actorAgencyId: f.agencies.school.id, actorAgencyName: expect.stringContaining('Agency school') });
      expect(flag.entries[0]).toMatchObject({ actorId: f.reps.school.id, actorDisplayName: 'Test User' });
    });
  });
});
