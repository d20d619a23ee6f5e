import { sign } from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { AdminRolesRevoked1764600000000 } from '../../migrations/1764600000000-AdminRolesRevoked';
import { ScheduledJobs } from '../../src/modules/jobs/scheduled-jobs';
import { Api, PASSWORD, TableFixture, TEMPORARY_PASSWORD, unique } from '../support/api';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

/**
 * Issue #13 (separation of duties, lockout under concurrency, password strength) and #21
 * (revocations kept past the clock skew), played as the attacker would, on real PostgreSQL.
 */
describe('auth hardening: separation of duties, lockout, temporary passwords, revocation', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  const newEmail = (p = 'u') => `${unique(p)}@example.test`;

  /** A user created by the admin with `password` (temporary), not signed in yet. */
  async function adminCreates(agency: keyof TableFixture['agencies'] = 'police', password = TEMPORARY_PASSWORD, isAdmin = false) {
    const email = newEmail();
    const res = await api.as(f.admin.token).post('/users', { email, displayName: 'Invented Person', password, agencyId: f.agencies[agency].id, isAdmin }).expect(201);
    return { id: res.body.id as string, email };
  }

  const tokenVersion = async (userId: string): Promise<number> =>
    (await owner.query<{ token_version: number }>('SELECT token_version FROM users WHERE id = $1', [userId])).rows[0].token_version;

  /** A token signed as the app signs them, with the given times (seconds). */
  const appToken = (sub: string, tv: number, iat: number, exp: number, jti = randomUUID()) =>
    sign({ sub, jti, tv, iat, exp }, t.config.secrets.jwtSecret, { algorithm: 'HS256', issuer: 'situation-table', audience: 'situation-table-api' });

  describe('separation of duties (13.4)', () => {
    it('refuses a table role to an administrator: a second admin made by an admin gets 409, and nothing is granted', async () => {
      const second = await adminCreates('health', TEMPORARY_PASSWORD, true);
      const refused = await api.as(f.admin.token).post(`/tables/${f.tableId}/roles`, { userId: second.id, role: 'COORDINATOR' }).expect(409);
      expect(refused.body.code).toBe('CONFLICT');
      for (const role of ['AGENCY_REP', 'PRIVACY_OFFICER', 'ANALYST']) await api.as(f.admin.token).post(`/tables/${f.tableId}/roles`, { userId: second.id, role }).expect(409);
      const rows = await owner.query('SELECT 1 FROM user_roles WHERE user_id = $1', [second.id]);
      expect(rows.rowCount).toBe(0);
    });

    it('the database refuses it too, even to the owner: a role for an admin, and admin rights for a user with roles', async () => {
      const second = await adminCreates('health', TEMPORARY_PASSWORD, true);
      await expect(owner.query(`INSERT INTO user_roles (user_id, table_id, role) VALUES ($1, $2, 'COORDINATOR')`, [second.id, f.tableId])).rejects.toMatchObject({
        code: '23514',
        constraint: 'admin_holds_no_table_role',
      });
      await expect(owner.query('UPDATE users SET is_admin = true WHERE id = $1', [f.reps.police.id])).rejects.toMatchObject({
        code: '23514',
        constraint: 'admin_holds_no_table_role',
      });
      const app = new Client({ connectionString: t.appUrl });
      await app.connect();
      try {
        await expect(app.query('UPDATE users SET is_admin = true WHERE id = $1', [f.coordinator.id])).rejects.toMatchObject({ code: '23514' });
        await expect(app.query(`INSERT INTO user_roles (user_id, table_id, role) VALUES ($1, $2, 'ANALYST')`, [f.admin.id, f.tableId])).rejects.toMatchObject({ code: '23514' });
      } finally {
        await app.end();
      }
      expect((await owner.query('SELECT is_admin FROM users WHERE id = $1', [f.reps.police.id])).rows[0].is_admin).toBe(false);
    });

    it('an administrator holding a table role from before the upgrade (a row behind the triggers): the guard ignores it, the migration removes it', async () => {
      await owner.query('BEGIN');
      await owner.query(`SET LOCAL session_replication_role = replica`);
      await owner.query(`INSERT INTO user_roles (user_id, table_id, role) VALUES ($1, $2, 'COORDINATOR'), ($1, $2, 'AGENCY_REP')`, [f.admin.id, f.tableId]);
      await owner.query('COMMIT');
      // the principal is read again (the cache is forgotten): still nothing of the table reaches the administrator
      await owner.query(`SELECT pg_notify('principal_changed', $1)`, [f.admin.id]);
      const token = f.admin.token;
      const me = await api.as(token).get('/auth/me').expect(200);
      expect(me.body.isAdmin).toBe(true);
      for (const path of [`/tables/${f.tableId}/situations`, `/tables/${f.tableId}/meetings`, `/tables/${f.tableId}/audit`]) await api.as(token).get(path).expect(404);
      await new AdminRolesRevoked1764600000000().up({ query: (sql: string) => owner.query(sql) } as unknown as QueryRunner);
      expect((await owner.query('SELECT 1 FROM user_roles WHERE user_id = $1', [f.admin.id])).rowCount).toBe(0);
    });

    it('a grant and a promotion racing each other cannot both pass (the trigger locks the user row)', async () => {
      for (let round = 0; round < 5; round++) {
        const user = await adminCreates('school');
        const a = new Client({ connectionString: t.ownerUrl });
        const b = new Client({ connectionString: t.ownerUrl });
        await Promise.all([a.connect(), b.connect()]);
        try {
          await Promise.all([a.query('BEGIN'), b.query('BEGIN')]);
          const grant = a.query(`INSERT INTO user_roles (user_id, table_id, role) VALUES ($1, $2, 'ANALYST')`, [user.id, f.tableId]).then(
            async () => (await a.query('COMMIT'), 'ok'),
            async (e: { code?: string }) => (await a.query('ROLLBACK'), e.code),
          );
          const promote = b.query('UPDATE users SET is_admin = true WHERE id = $1', [user.id]).then(
            async () => (await b.query('COMMIT'), 'ok'),
            async (e: { code?: string }) => (await b.query('ROLLBACK'), e.code),
          );
          const outcomes = await Promise.all([grant, promote]);
          expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
          expect(outcomes.filter((o) => o !== 'ok')).toEqual(['23514']);
          const state = await owner.query<{ is_admin: boolean; roles: number }>(
            'SELECT is_admin, (SELECT count(*)::int FROM user_roles WHERE user_id = u.id) AS roles FROM users u WHERE id = $1',
            [user.id],
          );
          expect(state.rows[0].is_admin && state.rows[0].roles > 0).toBe(false);
        } finally {
          await Promise.all([a.end(), b.end()]);
        }
      }
    });

    it("an admin's password is temporary: its token reaches only /auth/password, /auth/me and /auth/logout until the user chooses one", async () => {
      const user = await adminCreates('health');
      await api.as(f.admin.token).post(`/tables/${f.tableId}/roles`, { userId: user.id, role: 'COORDINATOR' }).expect(201);
      expect((await api.as(f.admin.token).get(`/users/${user.id}`).expect(200)).body.passwordChangeRequired).toBe(true);
      const login = await api.as().post('/auth/login', { email: user.email, password: TEMPORARY_PASSWORD }).expect(200);
      expect(login.body.passwordChangeRequired).toBe(true);
      expect(login.body.user.passwordChangeRequired).toBe(true);
      const token = login.body.accessToken as string;
      const me = await api.as(token).get('/auth/me').expect(200);
      expect(me.body).toMatchObject({ id: user.id, passwordChangeRequired: true });
      for (const path of [`/tables/${f.tableId}`, `/tables/${f.tableId}/situations`, '/tables', '/notifications', '/taxonomy', `/agencies/${f.agencies.police.id}`]) {
        const res = await api.as(token).get(path).expect(403);
        expect(res.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      }
      const fr = await api.as(token).get(`/tables/${f.tableId}`, { 'accept-language': 'fr' }).expect(403);
      expect(fr.body.message).toMatch(/mot de passe/);
      // a table that is not the user's, and an id that names nothing: the same 403, nothing learnt
      await api.as(token).get('/tables/00000000-0000-4000-8000-000000000000').expect(403);
      const denied = await owner.query<{ details: string }>(
        `SELECT details FROM audit_entries WHERE chain_id = 'system' AND action = 'access.denied' AND outcome = 'DENIED' AND actor_id = $1`,
        [user.id],
      );
      expect(denied.rows.length).toBeGreaterThanOrEqual(8);
      expect(denied.rows.map((r) => JSON.parse(r.details))).toContainEqual({ route: 'GET /api/v1/tables/:tableId', reason: 'password_change_required' });

      await api.as(token).post('/auth/password', { currentPassword: TEMPORARY_PASSWORD, newPassword: PASSWORD }).expect(204);
      await api.as(token).get(`/tables/${f.tableId}`).expect(200); // the same session goes on, no longer restricted
      const again = await api.as().post('/auth/login', { email: user.email, password: PASSWORD }).expect(200);
      expect(again.body.passwordChangeRequired).toBe(false);
      expect((await api.as(f.admin.token).get(`/users/${user.id}`).expect(200)).body.passwordChangeRequired).toBe(false);
      await api.as().post('/auth/login', { email: user.email, password: TEMPORARY_PASSWORD }).expect(401);
    });

    it("an admin resetting a representative's password: the rep's tokens die, the new one is temporary, the rep is notified, all audited", async () => {
      const rep = await api.createUser(f.admin.token, { email: newEmail('rep'), displayName: 'Invented Rep', agencyId: f.agencies.housing.id });
      await api.as(f.admin.token).post(`/tables/${f.tableId}/roles`, { userId: rep.id, role: 'AGENCY_REP' }).expect(201);
      const repToken = await api.login(rep.email);
      await api.as(repToken).get(`/tables/${f.tableId}/situations`).expect(200);

      const reset = 'an-admin-chosen-reset-phrase-63';
      await api.as(f.admin.token).patch(`/users/${rep.id}`, { password: reset }).expect(200);
      await api.as(repToken).get('/auth/me').expect(401);
      await api.as(rep.token).get('/auth/me').expect(401);

      // the administrator signs in as the rep with the password they set: no situation content
      const asRep = await api.as().post('/auth/login', { email: rep.email, password: reset }).expect(200);
      expect(asRep.body.passwordChangeRequired).toBe(true);
      const refused = await api.as(asRep.body.accessToken).get(`/tables/${f.tableId}/situations`).expect(403);
      expect(refused.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      await api.as(asRep.body.accessToken).get('/notifications').expect(403);

      // the rep is told (in-app), and sees it once they have chosen their own password
      const note = await owner.query<{ kind: string; payload: Record<string, unknown> }>('SELECT kind, payload FROM notifications WHERE user_id = $1', [rep.id]);
      expect(note.rows.map((r) => r.kind)).toEqual(['PASSWORD_SET_BY_ADMINISTRATOR']);
      expect(JSON.stringify(note.rows[0].payload)).not.toContain(reset);
      const mine = await api.choosePassword(rep.email, reset, `${PASSWORD}-again`);
      const list = await api.as(mine).get('/notifications').expect(200);
      expect(list.body.items.map((n: { kind: string }) => n.kind)).toContain('PASSWORD_SET_BY_ADMINISTRATOR');

      const audit = await owner.query<{ action: string; actor_id: string; details: string }>(
        `SELECT action, actor_id, details FROM audit_entries WHERE chain_id = 'system' AND action IN ('user.update', 'auth.password.change') AND details LIKE $1 OR (action = 'auth.password.change' AND actor_id = $2) ORDER BY at, seq`,
        [`%${rep.id}%`, rep.id],
      );
      const update = audit.rows.find((r) => r.action === 'user.update');
      expect(update).toMatchObject({ actor_id: f.admin.id });
      expect(JSON.parse(update!.details)).toMatchObject({ userId: rep.id, fields: ['passwordHash'], temporaryPassword: true });
      expect(audit.rows.filter((r) => r.action === 'auth.password.change' && r.actor_id === rep.id).length).toBeGreaterThanOrEqual(2);
      for (const row of audit.rows) expect(row.details).not.toContain(reset);
    });

    it('the bootstrap (operator) admin and directly inserted admins are not temporary', async () => {
      const me = await api.as(f.admin.token).get('/auth/me').expect(200);
      expect(me.body.passwordChangeRequired).toBe(false);
    });
  });

  describe('POST /auth/password', () => {
    it('revokes the other tokens of the user and keeps this session; the kept session dies with the next revocation', async () => {
      const u = await api.createUser(f.admin.token, { email: newEmail(), displayName: 'Invented Person', agencyId: f.agencies.school.id });
      const other = await api.login(u.email);
      const session = await api.login(u.email);
      await api.as(session).post('/auth/password', { currentPassword: PASSWORD, newPassword: 'glimmer-quokka-tundra-88' }).expect(204);
      await api.as(other).get('/auth/me').expect(401);
      await api.as(u.token).get('/auth/me').expect(401);
      await api.as(session).get('/auth/me').expect(200);
      // an admin reset (or a deactivation) ends the kept session too
      await api.as(f.admin.token).patch(`/users/${u.id}`, { password: 'an-admin-chosen-reset-phrase-71' }).expect(200);
      await api.as(session).get('/auth/me').expect(401);
    });

    it('refuses a weak, personal or unchanged new password and a wrong current one with 400 naming the field', async () => {
      const u = await api.createUser(f.admin.token, { email: `jeanne.invented.${unique('x')}@example.test`, displayName: 'Jeanne Inventée', agencyId: f.agencies.school.id });
      const cases: [unknown, string][] = [
        [{ currentPassword: PASSWORD, newPassword: 'password1234' }, 'newPassword'],
        [{ currentPassword: PASSWORD, newPassword: 'short-1A!' }, 'newPassword'],
        [{ currentPassword: PASSWORD, newPassword: 'JeanneInventee1990' }, 'newPassword'],
        [{ currentPassword: PASSWORD, newPassword: 'qwertyuiop123456' }, 'newPassword'],
        [{ currentPassword: PASSWORD, newPassword: PASSWORD }, 'newPassword'],
        [{ currentPassword: 'not-my-current-phrase-11', newPassword: 'glimmer-quokka-tundra-88' }, 'currentPassword'],
        [{ currentPassword: PASSWORD }, 'newPassword'],
        [{ currentPassword: PASSWORD, newPassword: 'x'.repeat(129) + 'Aa1!' }, 'newPassword'],
      ];
      for (const [body, field] of cases) {
        const res = await api.as(u.token).post('/auth/password', body).expect(400);
        expect({ body, fields: res.body.details.fields.map((x: { field: string }) => x.field) }).toEqual({ body, fields: expect.arrayContaining([field]) });
      }
      await api.as(u.token).post('/auth/password', { currentPassword: PASSWORD, newPassword: 'glimmer-quokka-tundra-88', extra: true }).expect(400);
      await api.as().post('/auth/password', { currentPassword: PASSWORD, newPassword: 'glimmer-quokka-tundra-88' }).expect(401);
      await api.login(u.email); // nothing changed
    });

    it('counts wrong current passwords as sign-in failures: a stolen token cannot brute-force the password', async () => {
      const u = await api.createUser(f.admin.token, { email: newEmail(), displayName: 'Invented Person', agencyId: f.agencies.school.id });
      const statuses = await Promise.all(
        Array.from({ length: 12 }, (_, i) => api.as(u.token).post('/auth/password', { currentPassword: `guess-number-${i}-of-many`, newPassword: 'glimmer-quokka-tundra-88' })),
      ).then((all) => all.map((r) => r.status));
      expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
      await api.as(u.token).post('/auth/password', { currentPassword: PASSWORD, newPassword: 'glimmer-quokka-tundra-88' }).expect(429);
      await api.as().post('/auth/login', { email: u.email, password: PASSWORD }).expect(429);
    });
  });

  describe('lockout under concurrency, without telling who exists (13.5)', () => {
    async function burst(email: string, n = 30) {
      const started = Date.now();
      const res = await Promise.all(Array.from({ length: n }, (_, i) => api.as().post('/auth/login', { email, password: `wrong-guess-number-${i}-x` })));
      return { statuses: res.map((r) => r.status), bodies: res.map((r) => r.body), ms: Date.now() - started };
    }

    it('checks at most 5 of 30 concurrent wrong passwords, answers 429 to the rest, and refuses the right one for the window', async () => {
      const u = await api.createUser(f.admin.token, { email: newEmail('burst'), displayName: 'Invented Person', agencyId: f.agencies.police.id });
      const { statuses, ms } = await burst(u.email);
      const checked = statuses.filter((s) => s === 401).length;
      process.stdout.write(`lockout: 30 concurrent wrong passwords → ${checked} checked (401), ${statuses.filter((s) => s === 429).length} refused unchecked (429) in ${ms} ms\n`);
      expect(checked).toBeGreaterThanOrEqual(1);
      expect(checked).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30 - checked);
      const audited = await owner.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE chain_id = 'system' AND action = 'auth.login' AND actor_id = $1 AND details LIKE '%bad_password%'`,
        [u.id],
      );
      expect(audited.rows[0].n).toBe(checked);
      const right = await api.as().post('/auth/login', { email: u.email, password: PASSWORD }).expect(429);
      expect(right.body.code).toBe('ACCOUNT_LOCKED');
      t.clock.advance(10 * 60_000);
      try {
        await api.as().post('/auth/login', { email: u.email, password: PASSWORD }).expect(429);
        t.clock.advance(6 * 60_000);
        await api.as().post('/auth/login', { email: u.email, password: PASSWORD }).expect(200);
      } finally {
        t.clock.reset();
      }
    });

    it('answers an unknown e-mail exactly as a known one: the same 401s, the same 429 after 5, the same bodies', async () => {
      const known = (await api.createUser(f.admin.token, { email: newEmail('known'), displayName: 'Invented Person', agencyId: f.agencies.police.id })).email;
      const unknown = newEmail('nobody');
      const answers = async (email: string) => {
        const out: { status: number; body: unknown }[] = [];
        for (let i = 0; i < 7; i++) {
          const r = await api.as().post('/auth/login', { email, password: `wrong-guess-number-${i}-x` });
          out.push({ status: r.status, body: r.body });
        }
        return out;
      };
      const [k, u] = [await answers(known), await answers(unknown)];
      expect(k.map((x) => x.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
      expect(u).toEqual(k);
      // and under concurrency
      const [kb, ub] = [await burst(newEmail('nobody-burst')), await burst((await adminCreates()).email)];
      expect(kb.statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(ub.statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
      expect(new Set(kb.bodies.filter((_, i) => kb.statuses[i] === 429).map((b) => JSON.stringify(b)))).toEqual(
        new Set(ub.bodies.filter((_, i) => ub.statuses[i] === 429).map((b) => JSON.stringify(b))),
      );
    });

    it('counts per normalised e-mail (another letter case gives no fresh attempts) and stores no address in clear', async () => {
      const u = await api.createUser(f.admin.token, { email: newEmail('Case'), displayName: 'Invented Person', agencyId: f.agencies.police.id });
      const [local, domain] = u.email.split('@');
      const variants = [
        u.email,
        u.email.toUpperCase(),
        u.email.replace(/^./, (c) => c.toUpperCase()),
        `${local}@${domain.toUpperCase()}`,
        [...u.email].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join(''),
      ];
      const statuses: number[] = [];
      for (const email of [...variants, u.email, u.email.toUpperCase()]) statuses.push((await api.as().post('/auth/login', { email, password: 'wrong-guess-number-x-y' })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      await api
        .as()
        .post('/auth/login', { email: ` ${u.email}`, password: PASSWORD })
        .expect(400); // not an e-mail address: refused before any count
      const unknown = newEmail('Unknown-Person');
      await api.as().post('/auth/login', { email: unknown, password: 'wrong-guess-number-x-y' }).expect(401);
      const rows = await owner.query<{ key: Buffer }>('SELECT key FROM login_attempts');
      expect(rows.rowCount).toBeGreaterThan(0);
      for (const r of rows.rows) {
        expect(r.key).toHaveLength(32);
        for (const email of [unknown, u.email]) expect(r.key.toString('latin1').toLowerCase()).not.toContain(email.toLowerCase().slice(0, 8));
      }
      const dump = JSON.stringify((await owner.query('SELECT * FROM login_attempts')).rows);
      expect(dump).not.toContain(unknown.split('@')[0]);
    });

    it('a variant that folds differently in JavaScript and PostgreSQL reaches no account: no fresh attempts past a lock', async () => {
      const u = await api.createUser(f.admin.token, { email: newEmail('iota'), displayName: 'Invented Person', agencyId: f.agencies.police.id });
      for (let i = 0; i < 5; i++)
        await api
          .as()
          .post('/auth/login', { email: u.email, password: `wrong-guess-number-${i}-x` })
          .expect(401);
      await api.as().post('/auth/login', { email: u.email, password: PASSWORD }).expect(429);
      // U+0130 (dotted capital I) and U+212A (Kelvin sign): lower() may fold them to i and k, JavaScript folds İ to i + U+0307
      for (const variant of [u.email.replace(/^i/, '\u0130'), u.email.replace(/^i/, 'I')]) {
        const res = await api.as().post('/auth/login', { email: variant, password: PASSWORD });
        if (variant.startsWith('I'))
          expect(res.status).toBe(429); // plain case: the same key, still locked
        else expect([400, 401]).toContain(res.status); // never 200: not the locked account with a fresh count
      }
    });

    it('a successful sign-in starts the window again; the cleanup job forgets ended windows only', async () => {
      const u = await api.createUser(f.admin.token, { email: newEmail(), displayName: 'Invented Person', agencyId: f.agencies.police.id });
      for (let i = 0; i < 4; i++)
        await api
          .as()
          .post('/auth/login', { email: u.email, password: `wrong-guess-number-${i}-x` })
          .expect(401);
      await api.login(u.email);
      for (let i = 0; i < 4; i++)
        await api
          .as()
          .post('/auth/login', { email: u.email, password: `wrong-guess-number-${i}-x` })
          .expect(401);
      await api.login(u.email);
      const locked = newEmail('locked');
      for (let i = 0; i < 6; i++) await api.as().post('/auth/login', { email: locked, password: `wrong-guess-number-${i}-x` });
      const jobs = t.app.get(ScheduledJobs);
      const count = async () => (await owner.query('SELECT count(*)::int AS n FROM login_attempts')).rows[0].n as number;
      const before = await count();
      await jobs.forgetStaleLoginAttempts();
      expect(await count()).toBe(before); // nothing ended yet
      await api.as().post('/auth/login', { email: locked, password: PASSWORD }).expect(429);
      t.clock.advance(31 * 60_000);
      try {
        await jobs.forgetStaleLoginAttempts();
        expect(await count()).toBeLessThan(before);
        await api.as().post('/auth/login', { email: locked, password: PASSWORD }).expect(401);
      } finally {
        t.clock.reset();
      }
    });
  });

  describe('revocations kept until exp plus the clock skew (#21)', () => {
    it('a token revoked in its skew window stays refused after the cleanup job runs (the attacker replays it)', async () => {
      const u = await api.createUser(f.admin.token, { email: newEmail(), displayName: 'Invented Person', agencyId: f.agencies.school.id });
      const now = Math.floor(Date.now() / 1000);
      // expired 5 s ago: still accepted, as verification allows 30 s of skew past exp
      const token = appToken(u.id, await tokenVersion(u.id), now - 600, now - 5);
      await api.as(token).get('/auth/me').expect(200);
      await api.as(token).post('/auth/logout').expect(204);
      await api.as(token).get('/auth/me').expect(401);
      const jobs = t.app.get(ScheduledJobs);
      for (const seconds of [0, 10, 20]) {
        t.clock.reset();
        t.clock.advance(seconds * 1000);
        try {
          await jobs.forgetExpiredRevocations();
        } finally {
          t.clock.reset();
        }
        await api.as(token).get('/auth/me').expect(401);
      }
      const kept = await owner.query('SELECT 1 FROM revoked_tokens WHERE user_id = $1', [u.id]);
      expect(kept.rowCount).toBe(1);
      // once exp + skew has passed, the row may go (the token is refused as expired by then)
      t.clock.advance(40_000);
      try {
        await jobs.forgetExpiredRevocations();
      } finally {
        t.clock.reset();
      }
      expect((await owner.query('SELECT 1 FROM revoked_tokens WHERE user_id = $1', [u.id])).rowCount).toBe(0);
    });
  });
});
