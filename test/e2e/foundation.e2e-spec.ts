import { sign } from 'jsonwebtoken';
import { Client } from 'pg';
import { AuditVerifier } from '../../src/modules/audit/audit-verifier';
import { AuditCheckpoints } from '../../src/modules/audit/audit-checkpoints';
import { UserRepository } from '../../src/modules/users/user.repository';
import { Api, PASSWORD, TableFixture, unique } from '../support/api';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

describe('foundation: health, sign-in, administration, audit trail', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  describe('operations', () => {
    it('answers live and ready with the database and migrations up', async () => {
      await api.as().get('/health/live').expect(200, { status: 'ok' });
      const ready = await api.as().get('/health/ready').expect(200);
      expect(ready.body.details.database.status).toBe('up');
      expect(ready.body.details.migrations.status).toBe('up');
    });

    it('sends security headers and a request id, and echoes a well-formed given one', async () => {
      const res = await api.as().get('/health/live', { 'x-request-id': 'abc-123' });
      expect(res.headers['x-request-id']).toBe('abc-123');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      const bad = await api.as().get('/health/live', { 'x-request-id': 'x'.repeat(300) });
      expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('serves the OpenAPI description of every route', async () => {
      const res = await api.as().get('/docs-json').expect(200);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/tables/{tableId}/roles', '/health/ready']));
      expect(res.body.components.schemas.ErrorBody.properties.code.enum).toContain('PII_DETECTED');
      const intake = res.body.paths['/api/v1/tables/{tableId}/situations'].post;
      expect(Object.keys(intake.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422']));
      expect(intake.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateSituationDto');
    });

    it('answers malformed JSON, unknown fields, oversized bodies and unknown routes with the error shape', async () => {
      const a = api.as(f.admin.token);
      const malformed = await api.call('post', '/agencies', f.admin.token).set('content-type', 'application/json').send('{"name": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_REQUEST', error: 'Bad Request' });
      const unknown = await a.post('/agencies', { name: 'X', sector: 'POLICE', status: 'ADMIN' }).expect(400);
      expect(unknown.body.details.fields).toContainEqual({ field: 'status', problem: 'unknown field' });
      const big = await a.post('/agencies', { name: 'x'.repeat(200 * 1024), sector: 'POLICE' });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
      const none = await a.get('/no-such-route').expect(404);
      expect(none.body.code).toBe('NOT_FOUND');
    });

    it('refuses deeply nested JSON and non-JSON bodies with 400 and 415', async () => {
      const deep = `{"name":${'['.repeat(5000)}${']'.repeat(5000)},"sector":"POLICE"}`;
      const nested = await api.call('post', '/agencies', f.admin.token).set('content-type', 'application/json').send(deep);
      expect(nested.status).toBe(400);
      expect(nested.body.code).toBe('MALFORMED_REQUEST');
      const form = await api.call('post', '/agencies', f.admin.token).set('content-type', 'application/x-www-form-urlencoded').send('name=x&sector=POLICE');
      expect(form.status).toBe(415);
      expect(form.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const poisoned = await api
        .call('post', '/agencies', f.admin.token)
        .set('content-type', 'application/json')
        .send('{"name":"P","sector":"POLICE","__proto__":{"isAdmin":true}}');
      expect(poisoned.status).toBe(400);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });

    it('speaks French when asked', async () => {
      const res = await api.as().get('/auth/me', { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' }).expect(401);
      expect(res.body.message).toBe('Vous devez vous authentifier.');
    });
  });

  describe('sign-in', () => {
    it('returns a token and the user with roles; /auth/me agrees', async () => {
      const res = await api.as().post('/auth/login', { email: f.coordinator.email, password: PASSWORD }).expect(200);
      expect(res.body.expiresIn).toBeGreaterThan(0);
      expect(res.body.user).toMatchObject({ id: f.coordinator.id, agencyId: f.agencies.health.id, isAdmin: false, roles: [{ tableId: f.tableId, role: 'COORDINATOR' }] });
      const me = await api.as(res.body.accessToken).get('/auth/me').expect(200);
      expect(me.body).toEqual(res.body.user);
    });

    it('gives the same 401 for an unknown e-mail and a wrong password', async () => {
      const wrong = await api.as().post('/auth/login', { email: f.reps.school.email, password: 'not-the-password-123' }).expect(401);
      const unknownUser = await api.as().post('/auth/login', { email: 'nobody-here@example.test', password: 'not-the-password-123' }).expect(401);
      expect(wrong.body).toEqual(unknownUser.body);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('refuses a login body without the fields with 400 naming them', async () => {
      const res = await api.as().post('/auth/login', { email: 'not-an-email' }).expect(400);
      expect(res.body.details.fields.map((x: { field: string }) => x.field)).toEqual(expect.arrayContaining(['email', 'password']));
    });

    it('locks an account after 5 failures in 15 minutes, even for the right password, and unlocks after 15', async () => {
      const email = (await makeUser()).email;
      for (let i = 0; i < 5; i++)
        await api
          .as()
          .post('/auth/login', { email, password: `wrong-password-${i}xx` })
          .expect(401);
      const locked = await api.as().post('/auth/login', { email, password: PASSWORD }).expect(429);
      expect(locked.body.code).toBe('ACCOUNT_LOCKED');
      t.clock.advance(16 * 60_000);
      try {
        await api.as().post('/auth/login', { email, password: PASSWORD }).expect(200);
      } finally {
        t.clock.reset();
      }
      const audit = await owner.query(`SELECT action, outcome FROM audit_entries WHERE chain_id = 'system' AND action = 'auth.lockout'`);
      expect(audit.rowCount).toBeGreaterThanOrEqual(1);
    });

    it('does not lock for failures spread beyond the 15-minute window', async () => {
      const email = (await makeUser()).email;
      try {
        for (let i = 0; i < 4; i++)
          await api
            .as()
            .post('/auth/login', { email, password: `wrong-password-${i}xx` })
            .expect(401);
        t.clock.advance(16 * 60_000);
        for (let i = 0; i < 4; i++)
          await api
            .as()
            .post('/auth/login', { email, password: `wrong-password-${i}xx` })
            .expect(401);
        await api.as().post('/auth/login', { email, password: PASSWORD }).expect(200);
      } finally {
        t.clock.reset();
      }
    });

    it('revokes the token on logout', async () => {
      const token = await api.login(f.reps.housing.email);
      await api.as(token).get('/auth/me').expect(200);
      await api.as(token).post('/auth/logout').expect(204);
      await api.as(token).get('/auth/me').expect(401);
      await api.as(f.reps.housing.token).get('/auth/me').expect(200);
    });

    it('refuses alg none, a bad signature, a wrong audience and an expired token', async () => {
      // the coordinator's token version: choosing a password (the fixture does) revoked the earlier tokens
      const tv = (await owner.query('SELECT token_version FROM users WHERE id = $1', [f.coordinator.id])).rows[0].token_version as number;
      const payload = { sub: f.coordinator.id, jti: '6f0f8a43-3cd4-4a43-9d3c-2f6a1f3c0c11', tv };
      const none = sign(payload, '', { algorithm: 'none', issuer: 'situation-table', audience: 'situation-table-api' });
      const forged = sign(payload, 'another-secret-of-sufficient-length-123456', { algorithm: 'HS256', issuer: 'situation-table', audience: 'situation-table-api' });
      const secret = t.config.secrets.jwtSecret;
      const wrongAudience = sign(payload, secret, { algorithm: 'HS256', issuer: 'situation-table', audience: 'elsewhere' });
      const expired = sign({ ...payload, exp: Math.floor(Date.now() / 1000) - 120 }, secret, { algorithm: 'HS256', issuer: 'situation-table', audience: 'situation-table-api' });
      const valid = sign(payload, secret, { algorithm: 'HS256', issuer: 'situation-table', audience: 'situation-table-api', expiresIn: 60 });
      for (const token of [none, forged, wrongAudience, expired, 'garbage']) await api.as(token).get('/auth/me').expect(401);
      await api.as(valid).get('/auth/me').expect(200);
    });

    it("stops a deactivated user's tokens on the next request", async () => {
      const u = await makeUser();
      const token = await api.login(u.email);
      await api.as(token).get('/auth/me').expect(200);
      await api.as(f.admin.token).patch(`/users/${u.id}`, { active: false }).expect(200);
      await api.as(token).get('/auth/me').expect(401);
      await api.as().post('/auth/login', { email: u.email, password: PASSWORD }).expect(401);
    });

    it('changes a user with one read of them: the answer is the user as stored, a missing user 404', async () => {
      const u = await makeUser();
      const reads = jest.spyOn(t.app.get(UserRepository), 'findById');
      try {
        const a = api.as(f.admin.token);
        const res = await a.patch(`/users/${u.id}`, { displayName: '  Renamed User ', password: 'an-admin-chosen-reset-phrase-83' }).expect(200);
        expect(reads).toHaveBeenCalledTimes(1);
        expect(res.body).toMatchObject({ id: u.id, email: u.email, displayName: 'Renamed User', active: true, passwordChangeRequired: true, agencyId: f.agencies.police.id });
        expect(res.body).toEqual((await a.get(`/users/${u.id}`).expect(200)).body);
        reads.mockClear();
        const off = await a.patch(`/users/${u.id}`, { active: false }).expect(200);
        expect(reads).toHaveBeenCalledTimes(1);
        expect(off.body).toMatchObject({ displayName: 'Renamed User', active: false, passwordChangeRequired: true });
        const missing = '00000000-0000-4000-8000-000000000000';
        await a.patch(`/users/${missing}`, { displayName: 'Nobody' }).expect(404);
        await a.patch(`/users/${missing}`, { password: 'an-admin-chosen-reset-phrase-83' }).expect(404);
      } finally {
        reads.mockRestore();
      }
    });

    it('refuses short and common passwords', async () => {
      const a = api.as(f.admin.token);
      const short = await a.post('/users', { email: `${unique('p')}@example.test`, displayName: 'P', password: 'short-pw', agencyId: f.agencies.police.id }).expect(400);
      expect(short.body.details.fields[0].field).toBe('password');
      await a.post('/users', { email: `${unique('p')}@example.test`, displayName: 'P', password: 'password1234', agencyId: f.agencies.police.id }).expect(400);
    });
  });

  describe('administration', () => {
    it('is for admins only: 401 without a token, 403 for other users', async () => {
      await api.as().get('/agencies').expect(401);
      for (const token of [f.coordinator.token, f.privacy.token, f.analyst.token, f.reps.police.token]) {
        await api.as(token).get('/agencies').expect(403);
        await api
          .as(token)
          .post('/tables', { name: unique('T') })
          .expect(403);
      }
    });

    it('grants roles only to users of member agencies, never to oneself, once', async () => {
      const a = api.as(f.admin.token);
      const outsider = await a.post('/users', { email: `${unique('o')}@example.test`, displayName: 'O', password: PASSWORD, agencyId: f.agencies.outsider.id }).expect(201);
      const refused = await a.post(`/tables/${f.tableId}/roles`, { userId: outsider.body.id, role: 'AGENCY_REP' }).expect(409);
      expect(refused.body.code).toBe('CONFLICT');
      await a.post(`/tables/${f.tableId}/roles`, { userId: f.admin.id, role: 'COORDINATOR' }).expect(403);
      await a.post(`/tables/${f.tableId}/roles`, { userId: f.reps.police.id, role: 'AGENCY_REP' }).expect(409);
      await a.post(`/tables/${f.tableId}/roles`, { userId: f.reps.police.id, role: 'SUPERUSER' }).expect(400);
    });

    it('revokes a role: the user loses access at once', async () => {
      const a = api.as(f.admin.token);
      const u = await makeUser('school');
      await a.post(`/tables/${f.tableId}/roles`, { userId: u.id, role: 'ANALYST' }).expect(201);
      const token = await api.login(u.email);
      await api.as(token).get(`/tables/${f.tableId}`).expect(200);
      await a.delete(`/tables/${f.tableId}/roles/${u.id}/ANALYST`).expect(204);
      await api.as(token).get(`/tables/${f.tableId}`).expect(404);
      await a.delete(`/tables/${f.tableId}/roles/${u.id}/ANALYST`).expect(404);
    });

    it("lists a table's member agencies and role grants to the administrator (who holds no table role), audited in the table's trail", async () => {
      const a = api.as(f.admin.token);
      const res = await a.get(`/tables/${f.tableId}/members`).expect(200);
      expect(res.body.tableId).toBe(f.tableId);
      expect(res.body.agencies.map((x: { agencyId: string }) => x.agencyId).sort()).toEqual(
        [f.agencies.police.id, f.agencies.health.id, f.agencies.housing.id, f.agencies.school.id].sort(),
      );
      const grants = res.body.grants.map((g: { userId: string; role: string }) => `${g.userId}:${g.role}`);
      expect(grants).toEqual(
        expect.arrayContaining([`${f.coordinator.id}:COORDINATOR`, `${f.privacy.id}:PRIVACY_OFFICER`, `${f.reps.police.id}:AGENCY_REP`, `${f.analyst.id}:ANALYST`]),
      );
      expect(grants.filter((g: string) => g.startsWith(f.stranger.id))).toEqual([]);
      const privacy = res.body.grants.find((g: { userId: string }) => g.userId === f.privacy.id);
      expect(privacy).toMatchObject({ email: f.privacy.email, agencyId: f.agencies.housing.id, active: true, grantedBy: f.admin.id, grantedAt: expect.any(String) });
      const read = await owner.query(`SELECT details FROM audit_entries WHERE chain_id = $1 AND action = 'table.members.read' AND actor_id = $2`, [f.tableId, f.admin.id]);
      expect(read.rows).toHaveLength(1);
      expect(JSON.parse(read.rows[0].details)).toEqual({ agencies: 4, grants: res.body.grants.length });
      await a.get('/tables/00000000-0000-4000-8000-000000000000/members').expect(404);
      await a.get('/tables/not-a-uuid/members').expect(404);
      for (const token of [f.coordinator.token, f.privacy.token, f.reps.police.token]) await api.as(token).get(`/tables/${f.tableId}/members`).expect(403);
      await api.as().get(`/tables/${f.tableId}/members`).expect(401);
    });

    it('hides other tables: 404 for a non-member, whatever the id', async () => {
      await api.as(f.stranger.token).get(`/tables/${f.tableId}`).expect(404);
      await api.as(f.stranger.token).get('/tables/00000000-0000-4000-8000-000000000000').expect(404);
      await api.as(f.stranger.token).get('/tables/not-a-uuid').expect(404);
      const mine = await api.as(f.coordinator.token).get('/tables').expect(200);
      expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([f.tableId]);
    });

    it("walks the administrator's lists page after page: every row once, none repeated, none skipped", async () => {
      const a = api.as(f.admin.token);
      for (let i = 0; i < 3; i++) await a.post('/tables', { name: unique('Walked table'), code: 'WLK' }).expect(201);
      // The database may hold other suites' rows too: the reference is the walk by pages of 200.
      const walk = async (path: string, limit: number): Promise<string[]> => {
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await a.get(`${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
          ids.push(...res.body.items.map((x: { id: string }) => x.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        return ids;
      };
      for (const path of ['/agencies', '/tables', '/users']) {
        const all = await walk(path, 200);
        expect(new Set(all).size).toBe(all.length);
        const walked = await walk(path, 3);
        expect(walked).toEqual(all);
        expect(walked.length).toBeGreaterThan(4);
      }
    });

    it('pages lists with a cursor and refuses a forged cursor', async () => {
      const a = api.as(f.admin.token);
      const first = await a.get('/agencies?limit=2').expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await a.get(`/agencies?limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      await a.get('/agencies?cursor=bm90LWEtY3Vyc29y').expect(400);
      await a.get('/agencies?limit=201').expect(400);
    });
  });

  describe('audit trail', () => {
    it('records every administrative action of the table in its own chain', async () => {
      const rows = await owner.query('SELECT action, actor_id FROM audit_entries WHERE chain_id = $1 ORDER BY seq', [f.tableId]);
      const actions = rows.rows.map((r) => r.action);
      expect(actions[0]).toBe('table.create');
      expect(actions.filter((x) => x === 'table.agency.add')).toHaveLength(4);
      expect(actions.filter((x) => x === 'role.grant').length).toBeGreaterThanOrEqual(7);
      expect(rows.rows.filter((r) => r.action !== 'access.denied').every((r) => r.actor_id === f.admin.id)).toBe(true);
      const system = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = 'system' AND action IN ('agency.create', 'user.create', 'auth.login')`);
      expect(system.rows[0].n).toBeGreaterThan(10);
    });

    it('holds no password or e-mail in any entry', async () => {
      const rows = await owner.query('SELECT details, purpose FROM audit_entries');
      const text = JSON.stringify(rows.rows);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(f.coordinator.email);
    });

    it('keeps gapless chains under concurrent writes and verifies them', async () => {
      const a = api.as(f.admin.token);
      const table = await a.post('/tables', { name: unique('Concurrent') }).expect(201);
      const agencyIds = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => (await a.post('/agencies', { name: unique(`C${i}`), sector: 'OTHER' }).expect(201)).body.id as string),
      );
      await Promise.all(agencyIds.map((id) => a.post(`/tables/${table.body.id}/agencies`, { agencyId: id }).expect(201)));
      const result = await t.app.get(AuditVerifier).verifyChain(table.body.id);
      expect(result).toEqual({ chainId: table.body.id, valid: true, checked: 13 });
      const seqs = await owner.query('SELECT seq::int AS seq FROM audit_entries WHERE chain_id = $1 ORDER BY seq', [table.body.id]);
      expect(seqs.rows.map((r) => r.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    });

    it('is refused UPDATE, DELETE and TRUNCATE by the database, even to the owner', async () => {
      await expect(owner.query(`UPDATE audit_entries SET action = 'x' WHERE chain_id = $1`, [f.tableId])).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_entries WHERE chain_id = $1`, [f.tableId])).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
    });

    it('denies the application role any UPDATE or DELETE on the audit table', async () => {
      const app = new Client({ connectionString: appUrl() });
      await app.connect();
      try {
        await expect(app.query(`UPDATE audit_entries SET action = 'x' WHERE chain_id = $1`, [f.tableId])).rejects.toThrow(/permission denied/);
        await expect(app.query(`DELETE FROM audit_entries WHERE chain_id = $1`, [f.tableId])).rejects.toThrow(/permission denied/);
        await expect(app.query(`ALTER TABLE audit_entries DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
        const insertable = await app.query('SELECT has_table_privilege(current_user, $1, $2) AS ok', ['audit_entries', 'INSERT']);
        expect(insertable.rows[0].ok).toBe(true);
      } finally {
        await app.end();
      }
    });

    it('catches a cut tail with signed checkpoints kept outside the database', async () => {
      const a = api.as(f.admin.token);
      const table = await a.post('/tables', { name: unique('Truncated') }).expect(201);
      await a.post(`/tables/${table.body.id}/agencies`, { agencyId: f.agencies.police.id }).expect(201);
      // A database administrator copies the head row (with its signature) as it stands at seq 2 ...
      const saved = (await owner.query('SELECT head_hash, head_sig FROM audit_chain_heads WHERE chain_id = $1', [table.body.id])).rows[0];
      await a.post(`/tables/${table.body.id}/agencies`, { agencyId: f.agencies.health.id }).expect(201);
      const checkpoints = t.app.get(AuditCheckpoints);
      expect(await checkpoints.write()).toBeGreaterThanOrEqual(1);
      expect(checkpoints.latest().get(table.body.id)?.seq).toBe('3');
      // ... removes the last entry and puts that head row back: the chain and its signed head alone still verify.
      await owner.query('BEGIN');
      try {
        await owner.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
        await owner.query('DELETE FROM audit_entries WHERE chain_id = $1 AND seq = 3', [table.body.id]);
        await owner.query('UPDATE audit_chain_heads SET seq = 2, head_hash = $2, head_sig = $3 WHERE chain_id = $1', [table.body.id, saved.head_hash, saved.head_sig]);
        await owner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
        await owner.query('COMMIT');
      } catch (err) {
        await owner.query('ROLLBACK');
        throw err;
      }
      const result = await t.app.get(AuditVerifier).verifyChain(table.body.id);
      expect(result).toMatchObject({ valid: false, checked: 2, firstInvalidSeq: '3' });
      expect(result.reason).toContain('signed checkpoint');
      expect(result.invalid).toEqual([{ fromSeq: '3', toSeq: '3', reason: 'chain ends before its signed checkpoint at 3' }]);
      // a forged checkpoint does not verify (and a line of it would be a finding: audit-attacks.int-spec.ts)
      expect(checkpoints.valid({ ...checkpoints.latest().get(table.body.id)!, seq: '2' })).toBe(false);
    });

    it('names the exact entry after a row is altered with the trigger disabled', async () => {
      const a = api.as(f.admin.token);
      const table = await a.post('/tables', { name: unique('Tampered') }).expect(201);
      for (const key of ['police', 'health', 'housing'] as const) await a.post(`/tables/${table.body.id}/agencies`, { agencyId: f.agencies[key].id }).expect(201);
      const verifier = t.app.get(AuditVerifier);
      expect((await verifier.verifyChain(table.body.id)).valid).toBe(true);
      await owner.query('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete');
      try {
        await owner.query(`UPDATE audit_entries SET details = '{"agencyId":"forged"}' WHERE chain_id = $1 AND seq = 3`, [table.body.id]);
      } finally {
        await owner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete');
      }
      const result = await verifier.verifyChain(table.body.id);
      // every entry examined, the altered one named (and only it: the next entry still links to its stored hash)
      expect(result).toMatchObject({ valid: false, checked: 4, firstInvalidSeq: '3', invalid: [{ fromSeq: '3', toSeq: '3', reason: 'hash does not match the entry' }] });
    });
  });

  const appUrl = (): string => t.appUrl;

  async function makeUser(agency: keyof TableFixture['agencies'] = 'police'): Promise<{ id: string; email: string }> {
    const email = `${unique('u')}@example.test`;
    const user = await api.createUser(f.admin.token, { email, displayName: 'U', agencyId: f.agencies[agency].id });
    return { id: user.id, email };
  }
});
