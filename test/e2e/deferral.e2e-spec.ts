import { Client } from 'pg';
import { MeetingService } from '../../src/modules/meetings/meeting.service';
import { Api, TableFixture } from '../support/api';
import { BELOW, MEETS, submit, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const QUESTION = 'Which supports were already offered, and were any refused in the last month?';
const EDITED = {
  ...MEETS,
  riskFactors: [...MEETS.riskFactors, { code: 'HOUSING_UNSAFE', certainty: 'CONFIRMED' }],
  narrative: 'Adult male, 40-59; shelter offered twice and refused; outreach visit missed this week.',
};

describe('Issue 16: editing a referral, and deferring a decision for more information', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  const defer = (id: string, body: object = { outcome: 'DEFERRED', informationNeeded: QUESTION }, headers?: Record<string, string>) =>
    api.as(f.coordinator.token).post(`/situations/${id}/decision`, body, headers);
  const edit = (id: string, token = f.reps.police.token, body: object = EDITED, headers?: Record<string, string>) => api.as(token).patch(`/situations/${id}`, body, headers);

  describe('edit while SUBMITTED', () => {
    it('keeps the reference, bumps the version, recomputes the threshold, records the previous codes and audits', async () => {
      const s = await submit(api, f, f.reps.police.token, BELOW);
      const res = await edit(s.id).expect(200);
      expect(res.body).toMatchObject({ id: s.id, reference: s.reference, status: 'SUBMITTED', version: 2, narrative: EDITED.narrative });
      expect(res.body.riskFactors).toHaveLength(5);
      expect(res.body.threshold.meets).toBe(true);
      const tr = await owner.query(`SELECT action, from_status, to_status, details FROM situation_transitions WHERE situation_id = $1 ORDER BY id`, [s.id]);
      expect(tr.rows.map((r) => r.action)).toEqual(['SUBMIT', 'EDIT']);
      expect(tr.rows[1]).toMatchObject({ from_status: 'SUBMITTED', to_status: 'SUBMITTED' });
      expect(tr.rows[1].details.previous.riskFactors).toEqual(BELOW.riskFactors);
      expect(tr.rows[1].details.previousVersion).toBe(1);
      expect(JSON.stringify(tr.rows[1].details)).not.toContain('Rooming house');
      const audit = await owner.query(`SELECT action, outcome, details FROM audit_entries WHERE situation_id = $1 ORDER BY seq`, [s.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(['situation.submit', 'situation.edit']);
      // the trail says it was edited, not what the previous version held (that stays in the transition)
      expect(JSON.parse(audit.rows[1].details)).toMatchObject({ resubmitted: false, previousVersion: 1 });
      expect(JSON.parse(audit.rows[1].details).previous).toBeUndefined();
    });

    it('checks the body as intake does: codes 400, attestations 400, identifying narrative 422 (nothing changed)', async () => {
      const s = await submit(api, f);
      await edit(s.id, f.reps.police.token, { ...EDITED, riskFactors: [{ code: 'NOT_A_FACTOR', certainty: 'CONFIRMED' }] }).expect(400);
      await edit(s.id, f.reps.police.token, { ...EDITED, imminentHarm: false }).expect(400);
      await edit(s.id, f.reps.police.token, { ...EDITED, status: 'ACCEPTED' }).expect(400);
      const pii = await edit(s.id, f.reps.police.token, { ...EDITED, narrative: 'Neighbour Emily Harcourt called from 647-555-0102 about him.' }).expect(422);
      expect(pii.body.code).toBe('PII_DETECTED');
      const row = await owner.query('SELECT version, narrative FROM situations WHERE id = $1', [s.id]);
      expect(row.rows[0]).toEqual({ version: 1, narrative: MEETS.narrative });
    });

    it('answers 409 on a stale If-Match and accepts the current one', async () => {
      const s = await submit(api, f);
      const stale = await edit(s.id, f.reps.police.token, EDITED, { 'if-match': '"7"' }).expect(409);
      expect(stale.body.code).toBe('VERSION_MISMATCH');
      await edit(s.id, f.reps.police.token, EDITED, { 'if-match': '"1"' }).expect(200);
      await edit(s.id, f.reps.police.token, EDITED, { 'if-match': '"1"' }).expect(409);
    });

    it('refuses other agencies (403, audited), strangers (404), other roles (403)', async () => {
      const s = await submit(api, f);
      const other = await edit(s.id, f.reps.housing.token).expect(403);
      expect(other.body.code).toBe('FORBIDDEN');
      await edit(s.id, f.coordinator.token).expect(403); // coordinator of the health agency: not the originator
      await edit(s.id, f.stranger.token).expect(404);
      await edit(s.id, f.analyst.token).expect(403);
      await edit(s.id, f.privacy.token).expect(403);
      const denied = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND action = 'situation.edit' AND outcome = 'DENIED'`, [s.id]);
      expect(denied.rows[0].n).toBeGreaterThanOrEqual(2);
      // intake's rule: the originating agency's coordinator may edit what its agency filed
      const own = await submit(api, f, f.reps.health.token);
      await edit(own.id, f.coordinator.token).expect(200);
    });

    it.each(['ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ASSIGNED', 'CLOSED'] as const)('refuses an edit of a %s situation with 409', async (status) => {
      const id = await walkTo(api, f, status);
      const res = await edit(id).expect(409);
      expect(res.body.code).toBe('INVALID_TRANSITION');
      expect(res.body.details).toMatchObject({ status, action: 'EDIT' });
    });
  });

  describe('deferral', () => {
    it('needs 20+ characters of information needed; refuses identifying text with 422 and changes nothing', async () => {
      const s = await submit(api, f);
      const short = await defer(s.id, { outcome: 'DEFERRED', informationNeeded: 'More please.' }).expect(400);
      expect(short.body.details.fields.map((x: { field: string }) => x.field)).toEqual(['informationNeeded']);
      await defer(s.id, { outcome: 'DEFERRED' }).expect(400);
      await defer(s.id, { outcome: 'AER', informationNeeded: QUESTION }).expect(400);
      const pii = await defer(s.id, { outcome: 'DEFERRED', informationNeeded: 'Please ask Emily Harcourt at 647-555-0102 what happened.' }).expect(422);
      expect(pii.body.code).toBe('PII_DETECTED');
      expect(pii.body.details.findings.every((x: { field: string }) => x.field === 'informationNeeded')).toBe(true);
      expect(JSON.stringify(pii.body)).not.toContain('Harcourt');
      const row = await owner.query('SELECT status, information_needed FROM situations WHERE id = $1', [s.id]);
      expect(row.rows[0]).toEqual({ status: 'SUBMITTED', information_needed: null });
      expect(t.logs.join('')).not.toContain('Harcourt');
    });

    it('defer → edit (resubmitted) → back among the new referrals → decided once', async () => {
      const meeting = await api.as(f.coordinator.token).post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date().toISOString(), kind: 'REGULAR' }).expect(201);
      const s = await submit(api, f);
      const deferred = await defer(s.id, { outcome: 'DEFERRED', informationNeeded: QUESTION, meetingId: meeting.body.id }).expect(200);
      expect(deferred.body).toMatchObject({ status: 'DEFERRED', version: 2, decision: null, deferredOverdue: false });
      expect(deferred.body.deferral).toMatchObject({ informationNeeded: QUESTION, deferredBy: f.coordinator.id, ageDays: 0, limitDays: 14 });

      // deferred: waiting for the agency, not on the agenda; in the list by status
      let agenda = await api.as(f.coordinator.token).get(`/meetings/${meeting.body.id}/agenda`).expect(200);
      expect(agenda.body.newSituations.map((x: { situationId: string }) => x.situationId)).not.toContain(s.id);
      const list = await api.as(f.reps.police.token).get(`/tables/${f.tableId}/situations?status=DEFERRED`).expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(s.id);
      // deferred once at a time
      // the table's question is kept in the transition (the timeline reads it), never in the audit trail
      const trail = await owner.query(`SELECT details FROM audit_entries WHERE situation_id = $1 AND action = 'situation.defer'`, [s.id]);
      expect(trail.rows).toHaveLength(1);
      expect(trail.rows[0].details).not.toContain(QUESTION);
      const again = await defer(s.id).expect(409);
      expect(again.body.code).toBe('INVALID_TRANSITION');
      // a state refusal, before the body is validated: the same 409 whatever it holds
      for (const body of [{ outcome: 'DEFERRED' }, { outcome: 'DEFERRED', informationNeeded: 42 }, { outcome: 'DEFERRED', informationNeeded: QUESTION, sectorsNeeded: ['X'] }]) {
        expect((await defer(s.id, body).expect(409)).body.code).toBe('INVALID_TRANSITION');
      }
      // the originating agency sees the question
      const seen = await api.as(f.reps.police.token).get(`/situations/${s.id}`).expect(200);
      expect(seen.body.deferral.informationNeeded).toBe(QUESTION);

      await edit(s.id, f.reps.police.token, EDITED, { 'if-match': '"1"' }).expect(409);
      const answered = await edit(s.id, f.reps.police.token, EDITED, { 'if-match': '"2"' }).expect(200);
      expect(answered.body).toMatchObject({ status: 'SUBMITTED', version: 3, deferredOverdue: false });
      expect(answered.body.deferral.ageDays).toBeNull();

      agenda = await api.as(f.coordinator.token).get(`/meetings/${meeting.body.id}/agenda`).expect(200);
      const item = agenda.body.newSituations.find((x: { situationId: string }) => x.situationId === s.id);
      expect(item).toMatchObject({ status: 'SUBMITTED', resubmitted: true });
      expect(item.threshold.meets).toBe(true);

      const decided = await api.as(f.coordinator.token).post(`/situations/${s.id}/decision`, { outcome: 'AER' }).expect(200);
      expect(decided.body.status).toBe('ACCEPTED');
      await api.as(f.coordinator.token).post(`/situations/${s.id}/decision`, { outcome: 'NOT_AER', rationale: 'Changed our mind about this one.' }).expect(409);
      await defer(s.id).expect(409);
      await edit(s.id).expect(409);

      const tr = await owner.query(`SELECT action, from_status, to_status, meeting_id FROM situation_transitions WHERE situation_id = $1 ORDER BY id`, [s.id]);
      expect(tr.rows.map((r) => [r.action, r.from_status, r.to_status])).toEqual([
        ['SUBMIT', null, 'SUBMITTED'],
        ['DEFER', 'SUBMITTED', 'DEFERRED'],
        ['EDIT', 'DEFERRED', 'SUBMITTED'],
        ['DECIDE_AER', 'SUBMITTED', 'ACCEPTED'],
      ]);
      expect(tr.rows[1].meeting_id).toBe(meeting.body.id);
      const minutes = await api.as(f.coordinator.token).get(`/meetings/${meeting.body.id}/minutes`).expect(200);
      // the decision after the answer named no meeting: taken while the meeting is in progress, it belongs to it (issue 16)
      expect(tr.rows[3].meeting_id).toBe(meeting.body.id);
      expect(minutes.body.decisions).toEqual([
        expect.objectContaining({ situationId: s.id, outcome: 'DEFERRED', againstAdvice: false }),
        expect.objectContaining({ situationId: s.id, outcome: 'AER', againstAdvice: false }),
      ]);
      const audit = await owner.query(`SELECT action FROM audit_entries WHERE situation_id = $1 AND outcome = 'SUCCESS' AND action <> 'situation.read' ORDER BY seq`, [s.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['situation.defer', 'situation.edit', 'situation.decide']));
    });

    it('a deferred referral may be decided directly, or withdrawn by its agency; a rejection erases the question', async () => {
      const a = await submit(api, f);
      await defer(a.id).expect(200);
      const rejected = await api
        .as(f.coordinator.token)
        .post(`/situations/${a.id}/decision`, { outcome: 'NOT_AER', rationale: 'Below the threshold; the agency can respond alone.' })
        .expect(200);
      expect(rejected.body.status).toBe('REJECTED');
      const row = await owner.query('SELECT information_needed, narrative FROM situations WHERE id = $1', [a.id]);
      expect(row.rows[0]).toEqual({ information_needed: null, narrative: null });
      const b = await submit(api, f);
      await defer(b.id).expect(200);
      await api.as(f.reps.police.token).post(`/situations/${b.id}/withdraw`).expect(200);
    });

    it('only a coordinator defers', async () => {
      const s = await submit(api, f);
      await api.as(f.reps.police.token).post(`/situations/${s.id}/decision`, { outcome: 'DEFERRED', informationNeeded: QUESTION }).expect(403);
      await api.as(f.stranger.token).post(`/situations/${s.id}/decision`, { outcome: 'DEFERRED', informationNeeded: QUESTION }).expect(404);
    });

    it("flags a deferral past the table's limit and notifies the originating agency and the coordinators once", async () => {
      const service = t.app.get(MeetingService);
      while ((await service.notifyDeferralsOverdue()) > 0);
      const s = await submit(api, f);
      await defer(s.id).expect(200);
      expect(await service.notifyDeferralsOverdue()).toBe(0);
      await owner.query(`UPDATE situations SET deferred_at = now() - interval '15 days' WHERE id = $1`, [s.id]);
      const listed = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/situations?status=DEFERRED`).expect(200);
      const item = listed.body.items.find((x: { id: string }) => x.id === s.id);
      expect(item.deferredOverdue).toBe(true);
      expect(item.deferral.ageDays).toBe(15);

      expect(await service.notifyDeferralsOverdue()).toBe(1);
      expect(await service.notifyDeferralsOverdue()).toBe(0);
      const sent = await owner.query(`SELECT user_id, payload FROM notifications WHERE situation_id = $1 AND kind = 'DEFERRAL_OVERDUE'`, [s.id]);
      const users = sent.rows.map((r) => r.user_id).sort();
      expect(users).toEqual([f.reps.police.id, f.coordinator.id].sort());
      expect(sent.rows[0].payload).toEqual({ reference: s.reference, daysDeferred: 15 });
      const mine = await api.as(f.reps.police.token).get('/notifications').expect(200);
      expect(mine.body.items.map((n: { kind: string }) => n.kind)).toContain('DEFERRAL_OVERDUE');
      const audited = await owner.query(`SELECT count(*)::int AS n FROM audit_entries WHERE situation_id = $1 AND action = 'situation.deferral_overdue'`, [s.id]);
      expect(audited.rows[0].n).toBe(1);

      // the agency answers: no longer flagged
      const answered = await edit(s.id).expect(200);
      expect(answered.body.deferredOverdue).toBe(false);
    });

    it('takes the limit from the table policy (1-90, default 14)', async () => {
      const got = await api.as(f.coordinator.token).get(`/tables/${f.tableId}`).expect(200);
      expect(got.body.deferralLimitDays).toBe(14);
      await api.as(f.admin.token).patch(`/tables/${f.tableId}`, { deferralLimitDays: 0 }).expect(400);
      await api.as(f.admin.token).patch(`/tables/${f.tableId}`, { deferralLimitDays: 91 }).expect(400);
      const set = await api.as(f.admin.token).patch(`/tables/${f.tableId}`, { deferralLimitDays: 3 }).expect(200);
      expect(set.body.deferralLimitDays).toBe(3);
      const s = await submit(api, f);
      await defer(s.id).expect(200);
      await owner.query(`UPDATE situations SET deferred_at = now() - interval '4 days' WHERE id = $1`, [s.id]);
      expect(await t.app.get(MeetingService).notifyDeferralsOverdue()).toBe(1);
      await api.as(f.admin.token).patch(`/tables/${f.tableId}`, { deferralLimitDays: 14 }).expect(200);
    });

    it('counts deferred referrals in their own report cell (exact when a multiple of 5)', async () => {
      const now = await owner.query(`SELECT count(*)::int AS n FROM situations WHERE table_id = $1 AND status = 'DEFERRED'`, [f.tableId]);
      const more = 5 + ((5 - (now.rows[0].n % 5)) % 5);
      for (let i = 0; i < more; i++) await defer((await submit(api, f)).id).expect(200);
      const report = await api.as(f.coordinator.token).get(`/tables/${f.tableId}/reports/summary`).expect(200);
      const cell = report.body.byStatus.find((c: { code: string }) => c.code === 'DEFERRED');
      expect(cell).toMatchObject({ count: now.rows[0].n + more, suppressed: false });
    });

    it('labels the new status, outcome and notification in English and French', async () => {
      const fr = await api.as(f.analyst.token).get('/taxonomy', { 'accept-language': 'fr' }).expect(200);
      const label = (list: { code: string; label: string }[], code: string) => list.find((x) => x.code === code)?.label;
      expect(label(fr.body.labels.statuses, 'DEFERRED')).toBe('Reportée');
      expect(label(fr.body.labels.decisionOutcomes, 'DEFERRED')).toBe('Reportée, information requise');
      expect(label(fr.body.labels.notificationKinds, 'DEFERRAL_OVERDUE')).toBe("Demande d'intervention reportée sans réponse");
    });
  });
});
