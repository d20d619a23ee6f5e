import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { AuditService } from '../../src/modules/audit/audit.service';
import { Api, buildTable, TableFixture } from '../support/api';
import { createTestApp, TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const DAY = 86_400_000;
const TEXT_EN = 'I will keep confidential everything discussed at this table and use it only to help the person at risk.';
const TEXT_FR = "Je garderai confidentiel tout ce qui est discuté à cette table et ne l'utiliserai que pour aider la personne à risque.";

interface Grant {
  userId: string;
  role: string;
  displayName: string;
  agencyName: string | null;
  grantedByName: string | null;
  status: string;
  uncertified: boolean;
  dueAt: string;
  lastCertifiedAt: string | null;
  lastCertifiedByName: string | null;
  openRemovalRequestId: string | null;
  undertaking: string;
  acceptedVersion: number | null;
}

describe('issue 17 §3: members and access review for the privacy officer, and the confidentiality undertaking', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  // a world of eight users (argon2 each): slow on a loaded machine
  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  }, 180_000);
  afterAll(() => close());

  const review = async (at = 0): Promise<{ body: { grants: Grant[]; periodDays: number; graceDays: number; agreement: unknown; counts: Record<string, number> } }> => {
    t.clock.advance(at);
    try {
      return await api.as(f.privacy.token).get(`/tables/${f.tableId}/access-review`).expect(200);
    } finally {
      t.clock.reset();
    }
  };
  const grantOf = (grants: Grant[], userId: string, role: string): Grant | undefined => grants.find((g) => g.userId === userId && g.role === role);
  const trail = async (action: string): Promise<{ actor_id: string; table_id: string; chain_id: string; details: Record<string, unknown> }[]> =>
    (await owner.query(`SELECT actor_id, table_id, chain_id, details FROM audit_entries WHERE action = $1 AND table_id = $2 ORDER BY seq`, [action, f.tableId])).rows.map(
      (r: { actor_id: string; table_id: string; chain_id: string; details: string }) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }),
    );

  describe('GET /tables/:tableId/access-review', () => {
    it("lists every grant with names (holder, agency, granter), review status and undertaking, for the table's privacy officer only; the read is audited", async () => {
      const res = await review();
      expect(res.body).toMatchObject({ tableId: f.tableId, periodDays: 90, graceDays: 30, agreement: null });
      const coordinator = grantOf(res.body.grants, f.coordinator.id, 'COORDINATOR')!;
      expect(coordinator).toMatchObject({
        displayName: 'Test User',
        grantedByName: 'Test Admin',
        status: 'NEW',
        uncertified: false,
        lastCertifiedAt: null,
        openRemovalRequestId: null,
        undertaking: 'NO_AGREEMENT',
        acceptedVersion: null,
      });
      expect(coordinator.agencyName).toMatch(/^Agency health/);
      expect(res.body.grants.map((g) => g.userId)).not.toContain(f.stranger.id);
      // nothing of a situation, and no e-mail addresses
      expect(JSON.stringify(res.body)).not.toMatch(/@example\.test/);
      const reads = await trail('access_review.read');
      expect(reads.at(-1)).toMatchObject({ actor_id: f.privacy.id, chain_id: f.tableId, details: { grants: res.body.grants.length } });
      for (const who of [f.coordinator, f.reps.police, f.analyst]) await api.as(who.token).get(`/tables/${f.tableId}/access-review`).expect(403);
      await api.as(f.stranger.token).get(`/tables/${f.tableId}/access-review`).expect(404);
      await api.as(f.admin.token).get(`/tables/${f.tableId}/access-review`).expect(404);
    });

    it('flags a grant never certified once the grace period after the grant has run out', async () => {
      const later = await review(31 * DAY);
      expect(grantOf(later.body.grants, f.reps.school.id, 'AGENCY_REP')).toMatchObject({ status: 'UNCERTIFIED', uncertified: true });
      expect(later.body.counts.uncertified).toBeGreaterThanOrEqual(6);
    });
  });

  describe('POST /tables/:tableId/access-review/certifications', () => {
    it('certifies a grant for the period (audited on the table chain); flagged again once the period is over', async () => {
      const p = api.as(f.privacy.token);
      const res = await p
        .post(`/tables/${f.tableId}/access-review/certifications`, { userId: f.coordinator.id, role: 'COORDINATOR', note: 'Still chairs the weekly meeting.' })
        .expect(201);
      expect(res.body).toMatchObject({ tableId: f.tableId, userId: f.coordinator.id, role: 'COORDINATOR', periodDays: 90, note: 'Still chairs the weekly meeting.' });
      expect(new Date(res.body.dueAt).getTime() - new Date(res.body.certifiedAt).getTime()).toBe(90 * DAY);
      const now = await review();
      expect(grantOf(now.body.grants, f.coordinator.id, 'COORDINATOR')).toMatchObject({
        status: 'CERTIFIED',
        uncertified: false,
        lastCertifiedAt: res.body.certifiedAt,
        lastCertifiedByName: 'Test User',
      });
      expect(grantOf((await review(89 * DAY)).body.grants, f.coordinator.id, 'COORDINATOR')).toMatchObject({ status: 'CERTIFIED' });
      expect(grantOf((await review(91 * DAY)).body.grants, f.coordinator.id, 'COORDINATOR')).toMatchObject({ status: 'UNCERTIFIED', uncertified: true, dueAt: res.body.dueAt });
      const entries = await trail('access_review.certify');
      expect(entries.at(-1)).toMatchObject({
        actor_id: f.privacy.id,
        chain_id: f.tableId,
        details: { certificationId: res.body.id, userId: f.coordinator.id, role: 'COORDINATOR', withNote: true },
      });
      expect(JSON.stringify(entries.at(-1))).not.toContain('weekly meeting');
    });

    it("follows the table's configured period (30-365 days, else 400)", async () => {
      const a = api.as(f.admin.token);
      await a.patch(`/tables/${f.tableId}`, { accessReviewDays: 29 }).expect(400);
      await a.patch(`/tables/${f.tableId}`, { accessReviewDays: 366 }).expect(400);
      expect((await a.patch(`/tables/${f.tableId}`, { accessReviewDays: 45 }).expect(200)).body.accessReviewDays).toBe(45);
      try {
        const res = await api.as(f.privacy.token).post(`/tables/${f.tableId}/access-review/certifications`, { userId: f.analyst.id, role: 'ANALYST' }).expect(201);
        expect(res.body).toMatchObject({ periodDays: 45, note: null });
        expect(grantOf((await review(44 * DAY)).body.grants, f.analyst.id, 'ANALYST')).toMatchObject({ status: 'CERTIFIED' });
        expect(grantOf((await review(46 * DAY)).body.grants, f.analyst.id, 'ANALYST')).toMatchObject({ status: 'UNCERTIFIED' });
      } finally {
        await a.patch(`/tables/${f.tableId}`, { accessReviewDays: 90 }).expect(200);
      }
    });

    it('refuses a note with identifying information (422), the officer certifying their own grant (409 OWN_GRANT), a grant that does not exist (404), a bad body (400)', async () => {
      const p = api.as(f.privacy.token);
      const url = `/tables/${f.tableId}/access-review/certifications`;
      expect((await p.post(url, { userId: f.reps.police.id, role: 'AGENCY_REP', note: 'Call her at 416-555-0199 about it.' }).expect(422)).body.code).toBe('PII_DETECTED');
      expect((await p.post(url, { userId: f.privacy.id, role: 'PRIVACY_OFFICER' }).expect(409)).body.details.reason).toBe('OWN_GRANT');
      await p.post(url, { userId: f.reps.police.id, role: 'COORDINATOR' }).expect(404);
      await p.post(url, { userId: f.stranger.id, role: 'AGENCY_REP' }).expect(404);
      await p.post(url, { userId: 'not-a-uuid', role: 'AGENCY_REP' }).expect(400);
      await p.post(url, { userId: f.reps.police.id, role: 'ADMIN' }).expect(400);
    });
  });

  describe('removal requests', () => {
    it('the officer asks; the administrators are notified and see it; revoking the role closes it as REVOKED; all audited', async () => {
      const a = api.as(f.admin.token);
      const extra = await api.createUser(f.admin.token, { email: `extra-${Date.now()}@example.test`, displayName: 'Extra Analyst', agencyId: f.agencies.school.id });
      await a.post(`/tables/${f.tableId}/roles`, { userId: extra.id, role: 'ANALYST' }).expect(201);
      const p = api.as(f.privacy.token);
      const url = `/tables/${f.tableId}/access-review/removal-requests`;
      const res = await p.post(url, { userId: extra.id, role: 'ANALYST', reason: 'Moved to another unit, no longer attends.' }).expect(201);
      expect(res.body).toMatchObject({ userId: extra.id, displayName: 'Extra Analyst', role: 'ANALYST', status: 'OPEN', requestedByName: 'Test User', resolvedAt: null });
      expect(res.body.agencyName).toMatch(/^Agency school/);
      expect((await p.post(url, { userId: extra.id, role: 'ANALYST', reason: 'Asked a second time over.' }).expect(409)).body.details.reason).toBe('REMOVAL_ALREADY_REQUESTED');
      expect(grantOf((await review()).body.grants, extra.id, 'ANALYST')?.openRemovalRequestId).toBe(res.body.id);
      // the administrators are told (ids only)
      const notes = await a.get('/notifications?limit=100').expect(200);
      const note = (notes.body.items as { kind: string; payload: Record<string, string> }[]).find(
        (n) => n.kind === 'ACCESS_REMOVAL_REQUESTED' && n.payload.requestId === res.body.id,
      );
      expect(note?.payload).toEqual({ tableId: f.tableId, requestId: res.body.id, userId: extra.id, role: 'ANALYST' });
      const open = await a.get(`/tables/${f.tableId}/removal-requests?status=OPEN`).expect(200);
      expect(open.body.map((r: { id: string }) => r.id)).toContain(res.body.id);
      await a.get(`/tables/${f.tableId}/removal-requests?status=MAYBE`).expect(400);
      // the administrator acts: revoking the role answers the request
      await a.delete(`/tables/${f.tableId}/roles/${extra.id}/ANALYST`).expect(204);
      const after = await a.get(`/tables/${f.tableId}/removal-requests`).expect(200);
      expect(after.body.find((r: { id: string }) => r.id === res.body.id)).toMatchObject({ status: 'REVOKED', resolvedByName: 'Test Admin' });
      expect(grantOf((await review()).body.grants, extra.id, 'ANALYST')).toBeUndefined();
      expect((await trail('access_review.removal_request')).at(-1)).toMatchObject({
        actor_id: f.privacy.id,
        details: { requestId: res.body.id, userId: extra.id, role: 'ANALYST' },
      });
      expect((await trail('role.revoke')).at(-1)).toMatchObject({ actor_id: f.admin.id, details: { userId: extra.id, role: 'ANALYST', removalRequestIds: [res.body.id] } });
      expect(JSON.stringify(await trail('access_review.removal_request'))).not.toContain('another unit');
    });

    it('an administrator may decline it (the grant stays; once), with a de-identified note', async () => {
      const p = api.as(f.privacy.token);
      const a = api.as(f.admin.token);
      const res = await p
        .post(`/tables/${f.tableId}/access-review/removal-requests`, { userId: f.reps.housing.id, role: 'AGENCY_REP', reason: 'Unsure this agency still sits here.' })
        .expect(201);
      await p.post(`/tables/${f.tableId}/access-review/removal-requests`, { userId: f.reps.housing.id, role: 'AGENCY_REP', reason: 'Reach Jane Doe at 416-555-0199.' }).expect(422);
      await a.post(`/tables/${f.tableId}/removal-requests/${res.body.id}/decline`, { note: 'Call 416-555-0199 for details.' }).expect(422);
      const declined = await a.post(`/tables/${f.tableId}/removal-requests/${res.body.id}/decline`, { note: 'The agency confirmed the seat.' }).expect(200);
      expect(declined.body).toMatchObject({ status: 'DECLINED', resolvedByName: 'Test Admin', resolutionNote: 'The agency confirmed the seat.' });
      expect((await a.post(`/tables/${f.tableId}/removal-requests/${res.body.id}/decline`, {}).expect(409)).body.details.reason).toBe('REMOVAL_REQUEST_CLOSED');
      // state before content: closed is 409 whatever the note; no such request is 404 whatever the note
      expect((await a.post(`/tables/${f.tableId}/removal-requests/${res.body.id}/decline`, { note: 5 }).expect(409)).body.details.reason).toBe('REMOVAL_REQUEST_CLOSED');
      await a.post(`/tables/${f.tableId}/removal-requests/${randomUUID()}/decline`, { note: 5 }).expect(404);
      expect(grantOf((await review()).body.grants, f.reps.housing.id, 'AGENCY_REP')).toMatchObject({ openRemovalRequestId: null });
      expect((await trail('access_review.removal_decline')).at(-1)).toMatchObject({ actor_id: f.admin.id, details: { requestId: res.body.id, withNote: true } });
      // another table's request is not found through this table
      const other = await buildTable(api);
      await a.post(`/tables/${other.tableId}/removal-requests/${res.body.id}/decline`, {}).expect(404);
      await api
        .as(f.privacy.token)
        .post(`/tables/${other.tableId}/access-review/removal-requests`, { userId: other.analyst.id, role: 'ANALYST', reason: 'Not my table at all.' })
        .expect(404);
    });
  });

  describe('the confidentiality undertaking', () => {
    it('a table without an agreement works as before, and says so', async () => {
      await api.as(f.coordinator.token).get(`/tables/${f.tableId}`).expect(200);
      expect((await api.as(f.coordinator.token).get(`/tables/${f.tableId}/agreement`).expect(200)).body).toMatchObject({ published: false, version: null });
      expect((await api.as(f.admin.token).get(`/tables/${f.tableId}/agreement/versions`).expect(200)).body).toMatchObject({ currentVersion: null, pending: 0, versions: [] });
      expect((await api.as(f.coordinator.token).get('/auth/me').expect(200)).body.pendingUndertakings).toEqual([]);
      // nothing to accept: 409 before the body is read
      expect((await api.as(f.coordinator.token).post(`/tables/${f.tableId}/agreement/accept`, { version: 'x' }).expect(409)).body.details.reason).toBe('NO_AGREEMENT');
    });

    it('blocks every table route (403 UNDERTAKING_REQUIRED) until the current version is accepted; a new version blocks again; audited; other tables untouched', async () => {
      const a = api.as(f.admin.token);
      const c = api.as(f.coordinator.token);
      await a.post(`/tables/${f.tableId}/agreement/versions`, { textEn: 'too short', textFr: TEXT_FR }).expect(400);
      const v1 = await a.post(`/tables/${f.tableId}/agreement/versions`, { textEn: TEXT_EN, textFr: TEXT_FR }).expect(201);
      expect(v1.body).toMatchObject({ version: 1, textEn: TEXT_EN, textFr: TEXT_FR, publishedByName: 'Test Admin', acceptances: 0 });
      // blocked at once (the principal is forgotten on publication)
      const refused = await c.get(`/tables/${f.tableId}`).expect(403);
      expect(refused.body).toMatchObject({ code: 'UNDERTAKING_REQUIRED', details: { tableId: f.tableId, version: 1 } });
      await c.get(`/tables/${f.tableId}/situations`).expect(403);
      expect((await api.as(f.privacy.token).get(`/tables/${f.tableId}/access-review`).expect(403)).body.code).toBe('UNDERTAKING_REQUIRED');
      // what is pending, and the text to read
      expect((await c.get('/auth/me').expect(200)).body.pendingUndertakings).toEqual([{ tableId: f.tableId, version: 1 }]);
      const pending = await c.get('/auth/me/undertakings').expect(200);
      expect(pending.body).toEqual([expect.objectContaining({ tableId: f.tableId, version: 1, textEn: TEXT_EN, textFr: TEXT_FR })]);
      expect((await c.get(`/tables/${f.tableId}/agreement`).expect(200)).body).toMatchObject({ published: true, version: 1, acceptedAt: null });
      // another table's members are not affected; they cannot read this table's agreement
      await api.as(f.stranger.token).get('/auth/me/undertakings').expect(200, []);
      await api.as(f.stranger.token).get(`/tables/${f.tableId}/agreement`).expect(404);
      await api.as(f.stranger.token).post(`/tables/${f.tableId}/agreement/accept`, { version: 1 }).expect(404);
      // accepting: the current version only
      expect((await c.post(`/tables/${f.tableId}/agreement/accept`, { version: 2 }).expect(409)).body.details.reason).toBe('AGREEMENT_VERSION_NOT_CURRENT');
      const accepted = await c.post(`/tables/${f.tableId}/agreement/accept`, { version: 1 }).expect(200);
      expect(accepted.body).toMatchObject({ tableId: f.tableId, version: 1 });
      await c.get(`/tables/${f.tableId}`).expect(200);
      expect((await c.post(`/tables/${f.tableId}/agreement/accept`, { version: 1 }).expect(200)).body.acceptedAt).toBe(accepted.body.acceptedAt);
      expect((await c.get('/auth/me').expect(200)).body.pendingUndertakings).toEqual([]);
      const entries = await trail('agreement.accept');
      expect(entries.filter((e) => e.actor_id === f.coordinator.id)).toEqual([expect.objectContaining({ chain_id: f.tableId, details: { version: 1 } })]);
      expect((await trail('agreement.publish')).at(-1)).toMatchObject({ actor_id: f.admin.id, details: { version: 1 } });
      // the refusals are in the table's trail (the first of a minute at once, the others folded)
      await t.app.get(AuditService).flushRefusals(true);
      const refusals = await owner.query(`SELECT details FROM audit_entries WHERE table_id = $1 AND actor_id = $2 AND outcome = 'DENIED'`, [f.tableId, f.coordinator.id]);
      expect(refusals.rows.map((r: { details: string }) => r.details).join(' ')).toContain('undertaking_required');
      // the officer's view and the administrator's
      await api.as(f.privacy.token).post(`/tables/${f.tableId}/agreement/accept`, { version: 1 }).expect(200);
      const rev = await review();
      expect(rev.body.agreement).toMatchObject({ version: 1, publishedByName: 'Test Admin' });
      expect(grantOf(rev.body.grants, f.coordinator.id, 'COORDINATOR')).toMatchObject({ undertaking: 'ACCEPTED', acceptedVersion: 1 });
      expect(grantOf(rev.body.grants, f.analyst.id, 'ANALYST')).toMatchObject({ undertaking: 'PENDING', acceptedVersion: null });
      const admin = await a.get(`/tables/${f.tableId}/agreement/versions`).expect(200);
      expect(admin.body).toMatchObject({ currentVersion: 1, versions: [{ version: 1, acceptances: 2 }] });
      expect(admin.body.pending).toBe(admin.body.holders - 2);
      // a new version needs a new acceptance
      await a.post(`/tables/${f.tableId}/agreement/versions`, { textEn: `${TEXT_EN} Version two.`, textFr: `${TEXT_FR} Version deux.` }).expect(201);
      expect((await c.get(`/tables/${f.tableId}`).expect(403)).body.details).toEqual({ tableId: f.tableId, version: 2 });
      expect((await c.post(`/tables/${f.tableId}/agreement/accept`, { version: 1 }).expect(409)).body.details.reason).toBe('AGREEMENT_VERSION_NOT_CURRENT');
      await c.post(`/tables/${f.tableId}/agreement/accept`, { version: 2 }).expect(200);
      await c.get(`/tables/${f.tableId}`).expect(200);
      // the routes are the administrator's and the members'
      await c.post(`/tables/${f.tableId}/agreement/versions`, { textEn: TEXT_EN, textFr: TEXT_FR }).expect(403);
      await a.get(`/tables/${f.tableId}/agreement`).expect(404);
    });

    it('reaches the other servers: a new version blocks a principal another server had cached, an acceptance unblocks it (LISTEN/NOTIFY)', async () => {
      const b = await createTestApp();
      try {
        const apiB = new Api(b);
        const r = f.reps.police;
        await api.as(r.token).post(`/tables/${f.tableId}/agreement/accept`, { version: 2 }).expect(200);
        await apiB.as(r.token).get(`/tables/${f.tableId}`).expect(200); // cached on B
        await api
          .as(f.admin.token)
          .post(`/tables/${f.tableId}/agreement/versions`, { textEn: `${TEXT_EN} Three.`, textFr: `${TEXT_FR} Trois.` })
          .expect(201);
        const until = async (status: number): Promise<number> => {
          let seen = 0;
          for (let i = 0; i < 200 && seen !== status; i++) seen = (await apiB.as(r.token).get(`/tables/${f.tableId}`)).status;
          return seen;
        };
        expect(await until(403)).toBe(403);
        await api.as(r.token).post(`/tables/${f.tableId}/agreement/accept`, { version: 3 }).expect(200);
        expect(await until(200)).toBe(200);
      } finally {
        await b.close();
      }
    });
  });
});
