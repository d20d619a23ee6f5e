import { Api, buildTable, TableFixture, unique } from '../support/api';
import { MEETS, submit, walkTo } from '../support/situations';
import { openWorld } from '../support/world';
import type { Client } from 'pg';

const DEFERRAL = 'Which services has the agency already offered him this month?';

describe('issue 16: duplicate referrals (POST /situations/:id/duplicate)', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  const mark = (id: string, body: unknown, token = f.coordinator.token, headers?: Record<string, string>) => api.as(token).post(`/situations/${id}/duplicate`, body, headers);
  const fields = (body: { details?: { fields?: { field: string; problem: string }[] } }) => body.details?.fields ?? [];

  it('closes a deferred referral as a duplicate of another (by reference, any case): a stub with the link, both timelines tell it, audited by ids', async () => {
    const original = await submit(api, f);
    const dup = await submit(api, f, f.reps.health.token);
    const c = api.as(f.coordinator.token);
    await c.post(`/situations/${dup.id}/decision`, { outcome: 'DEFERRED', informationNeeded: DEFERRAL }).expect(200);
    const before = await c.get(`/situations/${dup.id}`).expect(200);
    const res = await mark(dup.id, { duplicateOf: original.reference.toLowerCase() }, f.coordinator.token, { 'if-match': `"${before.body.version}"` }).expect(200);
    expect(res.body).toMatchObject({ id: dup.id, status: 'DUPLICATE', duplicateOfId: original.id, duplicateOfReference: original.reference });
    // the stub: no narrative, codes, deferral question or threshold
    for (const gone of ['narrative', 'riskFactors', 'ageBand', 'gender', 'threshold', 'deferral', 'sectorsNeeded', 'version']) expect(res.body).not.toHaveProperty(gone);
    const stored = await owner.query(
      'SELECT narrative, risk_factors, age_band, information_needed, sectors_needed, duplicate_of_id, duplicate_marked_at FROM situations WHERE id = $1',
      [dup.id],
    );
    expect(stored.rows[0]).toMatchObject({ narrative: null, risk_factors: null, age_band: null, information_needed: null, sectors_needed: null, duplicate_of_id: original.id });
    expect(stored.rows[0].duplicate_marked_at).not.toBeNull();
    // read again, and the threshold of a stub is gone
    const read = await c.get(`/situations/${dup.id}`).expect(200);
    expect(read.body).toMatchObject({ status: 'DUPLICATE', duplicateOfReference: original.reference });
    expect(JSON.stringify(read.body)).not.toContain(MEETS.narrative);
    await c.get(`/situations/${dup.id}/threshold`).expect(410);
    // the original lists its duplicates, and is unchanged otherwise
    const orig = await c.get(`/situations/${original.id}`).expect(200);
    expect(orig.body).toMatchObject({ status: 'SUBMITTED', duplicates: [{ id: dup.id, reference: dup.reference }], version: original.version, narrative: MEETS.narrative });
    // the transitions: MARK_DUPLICATE on the duplicate, LINK_DUPLICATE on the original (its status kept)
    const tr = await owner.query(
      `SELECT situation_id, action, from_status, to_status, details FROM situation_transitions WHERE action IN ('MARK_DUPLICATE', 'LINK_DUPLICATE') AND situation_id = ANY($1::uuid[]) ORDER BY id`,
      [[dup.id, original.id]],
    );
    expect(tr.rows).toEqual([
      {
        situation_id: dup.id,
        action: 'MARK_DUPLICATE',
        from_status: 'DEFERRED',
        to_status: 'DUPLICATE',
        details: { duplicateOfId: original.id, duplicateOfReference: original.reference },
      },
      {
        situation_id: original.id,
        action: 'LINK_DUPLICATE',
        from_status: 'SUBMITTED',
        to_status: 'SUBMITTED',
        details: { duplicateId: dup.id, duplicateReference: dup.reference },
      },
    ]);
    // timelines: the duplicate's keeps intake, the deferral (without its question) and the link
    const tl = await c.get(`/situations/${dup.id}/timeline?limit=100`).expect(200);
    expect(tl.body.items.map((e: { kind: string }) => e.kind)).toEqual(['INTAKE', 'DECISION', 'DUPLICATE']);
    expect(tl.body.items[1].details).toEqual({ outcome: 'DEFERRED' });
    expect(tl.body.items[2].details).toEqual({ duplicateOfId: original.id, duplicateOfReference: original.reference });
    expect(JSON.stringify(tl.body)).not.toContain(DEFERRAL);
    const otl = await c.get(`/situations/${original.id}/timeline?limit=100`).expect(200);
    const linked = otl.body.items.find((e: { kind: string }) => e.kind === 'DUPLICATE_LINKED');
    expect(linked.details).toEqual({ duplicateId: dup.id, duplicateReference: dup.reference });
    // audited: ids only, no reference, no text
    const audit = await owner.query(`SELECT outcome, details FROM audit_entries WHERE situation_id = $1 AND action = 'situation.mark_duplicate'`, [dup.id]);
    expect(audit.rows).toHaveLength(1);
    const details = JSON.parse(audit.rows[0].details);
    expect(audit.rows[0].outcome).toBe('SUCCESS');
    expect(details).toMatchObject({ from: 'DEFERRED', to: 'DUPLICATE', duplicateOfId: original.id });
    expect(audit.rows[0].details).not.toContain(original.reference);
    expect(audit.rows[0].details).not.toContain(MEETS.narrative);
  });

  it('marks a SUBMITTED referral by the original id; an original may have several duplicates, listed in order', async () => {
    const original = await walkTo(api, f, 'ACCEPTED');
    const a = await submit(api, f);
    const b = await submit(api, f);
    await mark(a.id, { duplicateOf: original.toUpperCase() }).expect(200);
    await mark(b.id, { duplicateOf: original }).expect(200);
    const orig = await api.as(f.coordinator.token).get(`/situations/${original}`).expect(200);
    expect(orig.body).toMatchObject({
      status: 'ACCEPTED',
      duplicates: [
        { id: a.id, reference: a.reference },
        { id: b.id, reference: b.reference },
      ],
    });
    const fresh = await api
      .as(f.coordinator.token)
      .get(`/situations/${(await submit(api, f)).id}`)
      .expect(200);
    expect(fresh.body.duplicates).toEqual([]);
  });

  it('the list filters on status=DUPLICATE, and its view carries the link', async () => {
    const original = await submit(api, f);
    const dup = await submit(api, f);
    await mark(dup.id, { duplicateOf: original.reference }).expect(200);
    const items: { id: string; status: string; duplicateOfId?: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: typeof items; nextCursor: string | null } } = await api
        .as(f.coordinator.token)
        .get(`/tables/${f.tableId}/situations?status=DUPLICATE&limit=200${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(items.every((s) => s.status === 'DUPLICATE')).toBe(true);
    expect(items.find((s) => s.id === dup.id)).toMatchObject({ duplicateOfId: original.id });
    const submitted = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/situations?status=SUBMITTED&limit=200`).expect(200);
    expect(submitted.body.items.map((s: { id: string }) => s.id)).not.toContain(dup.id);
    await api.as(f.coordinator.token).get(`/tables/${f.tableId}/situations?status=DUPLICATED`).expect(400);
  });

  it('the database keeps the link with the status: DUPLICATE exactly when linked, never to itself', async () => {
    const a = await submit(api, f);
    const b = await submit(api, f);
    await expect(owner.query(`UPDATE situations SET status = 'DUPLICATE' WHERE id = $1`, [a.id])).rejects.toThrow(/situations_duplicate_link_check/);
    await expect(owner.query('UPDATE situations SET duplicate_of_id = $2 WHERE id = $1', [a.id, b.id])).rejects.toThrow(/situations_duplicate_link_check/);
    await expect(owner.query(`UPDATE situations SET status = 'DUPLICATE', duplicate_of_id = id WHERE id = $1`, [a.id])).rejects.toThrow(/situations_duplicate_link_check/);
    await expect(owner.query(`UPDATE situations SET status = 'DUPLICATED' WHERE id = $1`, [a.id])).rejects.toThrow(/situations_status_check/);
    await expect(owner.query('UPDATE situations SET status = $2, duplicate_of_id = $3 WHERE id = $1', [a.id, 'DUPLICATE', b.id])).resolves.toBeDefined();
  });

  describe('refusals', () => {
    it('a referral that does not await a decision: 409, even with an invalid body (the step guard comes first)', async () => {
      const original = await submit(api, f);
      for (const status of ['ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const) {
        const id = await walkTo(api, f, status);
        const res = await mark(id, { duplicateOf: original.reference }).expect(409);
        expect(res.body.code).toBe('INVALID_TRANSITION');
        await mark(id, { duplicateOf: 42, extra: true }).expect(409);
        await mark(id, {}).expect(409);
      }
      // a duplicate cannot be marked again
      const dup = await submit(api, f);
      await mark(dup.id, { duplicateOf: original.reference }).expect(200);
      await mark(dup.id, { duplicateOf: original.reference }).expect(409);
      await mark(dup.id, { duplicateOf: 'not a reference' }).expect(409);
    });

    it('an original at another table (by id or reference) is answered as one that does not exist: 400 naming duplicateOf, nothing of the other table', async () => {
      const g = await buildTable(api, { code: 'OTHX' });
      const theirs = await submit(api, g);
      const mine = await submit(api, f);
      const byId = await mark(mine.id, { duplicateOf: theirs.id }).expect(400);
      const byRef = await mark(mine.id, { duplicateOf: theirs.reference }).expect(400);
      const nowhere = await mark(mine.id, { duplicateOf: 'OTHX-2020-9999' }).expect(400);
      const randomId = await mark(mine.id, { duplicateOf: '00000000-0000-4000-8000-000000000000' }).expect(400);
      for (const res of [byId, byRef, nowhere, randomId])
        expect(fields(res.body)).toEqual([{ field: 'duplicateOf', problem: 'no referral with this reference or id at this table' }]);
      expect({ ...byRef.body, requestId: undefined }).toEqual({ ...nowhere.body, requestId: undefined });
      expect(JSON.stringify(byId.body)).not.toContain(theirs.id);
      const still = await api.as(f.coordinator.token).get(`/situations/${mine.id}`).expect(200);
      expect(still.body.status).toBe('SUBMITTED');
    });

    it('itself, or a stub original (rejected, withdrawn, a duplicate): 400 naming duplicateOf', async () => {
      const mine = await submit(api, f);
      const self = await mark(mine.id, { duplicateOf: mine.reference }).expect(400);
      expect(fields(self.body)).toEqual([{ field: 'duplicateOf', problem: 'must be another referral than this one' }]);
      await mark(mine.id, { duplicateOf: mine.id }).expect(400);
      const rejected = await walkTo(api, f, 'REJECTED');
      const withdrawn = await walkTo(api, f, 'WITHDRAWN');
      const original = await submit(api, f);
      const dup = await submit(api, f);
      await mark(dup.id, { duplicateOf: original.id }).expect(200);
      for (const stub of [rejected, withdrawn, dup.id]) {
        const res = await mark(mine.id, { duplicateOf: stub }).expect(400);
        expect(fields(res.body)).toEqual([{ field: 'duplicateOf', problem: 'the original must not be rejected, withdrawn or itself a duplicate' }]);
      }
      // in French, the problem is French
      const fr = await mark(mine.id, { duplicateOf: mine.reference }, f.coordinator.token, { 'accept-language': 'fr' }).expect(400);
      expect(fields(fr.body)[0].problem).toBe("La valeur doit désigner une autre demande d'intervention que celle-ci.");
    });

    it('a stale If-Match: 409 VERSION_MISMATCH, nothing changed', async () => {
      const original = await submit(api, f);
      const mine = await submit(api, f);
      const res = await mark(mine.id, { duplicateOf: original.reference }, f.coordinator.token, { 'if-match': '"99"' }).expect(409);
      expect(res.body.code).toBe('VERSION_MISMATCH');
      const still = await api.as(f.coordinator.token).get(`/situations/${mine.id}`).expect(200);
      expect(still.body.status).toBe('SUBMITTED');
    });

    it('an agency representative (even the originating one), a privacy officer, an analyst: 403 whatever the body; a stranger 404', async () => {
      const original = await submit(api, f);
      const mine = await submit(api, f);
      for (const token of [f.reps.police.token, f.privacy.token, f.analyst.token]) {
        await mark(mine.id, { duplicateOf: original.reference }, token).expect(403);
        await mark(mine.id, { duplicateOf: 42 }, token).expect(403);
      }
      await mark(mine.id, { duplicateOf: original.reference }, f.stranger.token).expect(404);
      const still = await api.as(f.coordinator.token).get(`/situations/${mine.id}`).expect(200);
      expect(still.body.status).toBe('SUBMITTED');
    });

    it('an invalid body from the coordinator on a referral awaiting the decision: 400 naming the field', async () => {
      const mine = await submit(api, f);
      for (const body of [
        {},
        { duplicateOf: 42 },
        { duplicateOf: '' },
        { duplicateOf: 'Jane Doe' },
        { duplicateOf: 'TST-2026-0001', note: 'x' },
        { duplicateOf: 'x'.repeat(41) },
      ]) {
        const res = await mark(mine.id, body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe("intake: the seat of the caller's agency is checked before the body", () => {
    it('a representative whose agency has no seat at the table gets 403 whatever the body holds, audited', async () => {
      // an agency seated, given a representative, then unseated behind the application's back
      const admin = api.as(f.admin.token);
      const agency = await admin.post('/agencies', { name: unique('Agency unseated'), sector: 'HOUSING' }).expect(201);
      await admin.post(`/tables/${f.tableId}/agencies`, { agencyId: agency.body.id }).expect(201);
      const email = `${unique('unseated')}@example.test`;
      const user = await api.createUser(f.admin.token, { email, displayName: 'Test User', agencyId: agency.body.id });
      await admin.post(`/tables/${f.tableId}/roles`, { userId: user.id, role: 'AGENCY_REP' }).expect(201);
      await owner.query('DELETE FROM table_agencies WHERE table_id = $1 AND agency_id = $2', [f.tableId, agency.body.id]);
      const token = await api.login(email);
      const rep = api.as(token);
      const invalid = await rep.post(`/tables/${f.tableId}/situations`, { situationType: 'SPACESHIP', narrative: 42 }).expect(403);
      expect(invalid.body.code).toBe('FORBIDDEN');
      await rep.post(`/tables/${f.tableId}/situations`, {}).expect(403);
      await rep.post(`/tables/${f.tableId}/situations`, MEETS).expect(403);
      const denied = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE actor_id = $1 AND action = 'situation.submit' AND outcome = 'DENIED'`, [user.id]);
      expect(denied.rows[0].n).toBeGreaterThanOrEqual(3);
      // a seated representative with an invalid body: 400, as before
      await api.as(f.reps.police.token).post(`/tables/${f.tableId}/situations`, { situationType: 'SPACESHIP' }).expect(400);
    });
  });
});
