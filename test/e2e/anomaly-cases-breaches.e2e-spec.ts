import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Api, buildTable, TableFixture, unique } from '../support/api';
import { walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';

const IDENTITY = { givenName: 'Ottoline', familyName: 'Brackenridge', legalAuthority: 'MFIPPA_S32_H' };

/** Issue 17, section 3: anomaly cases, per-table anomaly thresholds and the privacy breach log (PRIVACY_OFFICER). */
describe('the privacy officer governs: anomaly cases, thresholds, breach log', () => {
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let situationId: string;
  let reference: string;
  let window: { from: string; to: string };
  let secondOfficer: { id: string; token: string };

  const entries = async (action: string): Promise<{ details: Record<string, unknown>; outcome: string }[]> =>
    (await owner.query('SELECT details, outcome FROM audit_entries WHERE chain_id = $1 AND action = $2 ORDER BY seq', [f.tableId, action])).rows.map((r) => ({
      details: JSON.parse(r.details),
      outcome: r.outcome,
    }));

  beforeAll(async () => {
    ({ t, api, f, owner, close } = await openWorld());
    situationId = await walkTo(api, f, 'ASSIGNED');
    reference = (await api.as(f.coordinator.token).get(`/situations/${situationId}`).expect(200)).body.reference;
    await api.as(f.reps.police.token).put(`/situations/${situationId}/identity`, IDENTITY).expect(204);
    // four reads by housing (under the default 10 an hour), one refusal of the school's representative
    for (let i = 0; i < 4; i++) await api.as(f.reps.housing.token).get(`/situations/${situationId}/identity?purposeCode=SAFETY_PLANNING&purpose=review+plan+${i}`).expect(200);
    await api.as(f.reps.school.token).get(`/situations/${situationId}/identity?purposeCode=OTHER&purpose=just+curious`).expect(403);
    const now = t.clock.now().getTime();
    window = { from: new Date(now - 86_400_000).toISOString(), to: new Date(now + 1000).toISOString() };
    const email = `${unique('po2')}@example.test`;
    const user = await api.createUser(f.admin.token, { email, displayName: 'Second Officer', agencyId: f.agencies.police.id });
    await api.as(f.admin.token).post(`/tables/${f.tableId}/roles`, { userId: user.id, role: 'PRIVACY_OFFICER' }).expect(201);
    secondOfficer = { id: user.id, token: await api.login(email) };
  });
  afterAll(() => close());

  describe('thresholds per table', () => {
    it('reads the defaults until the table sets its own, and the anomalies use the table thresholds', async () => {
      const p = api.as(f.privacy.token);
      const defaults = await p.get(`/tables/${f.tableId}/audit/anomaly-thresholds`).expect(200);
      expect(defaults.body).toMatchObject({ maxReadsPerHour: 10, officeStartHour: 7, officeEndHour: 19, closedDays: 30, maxRefusals: 5, maxGuesses: 2, custom: false, version: 0 });
      const before = await p.get(`/tables/${f.tableId}/audit/anomalies?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`).expect(200);
      expect(before.body.flags.map((x: { kind: string }) => x.kind)).not.toContain('UNUSUAL_READ_RATE');
      expect(before.body.thresholds.maxReadsPerHour).toBe(10);

      const set = await p.put(`/tables/${f.tableId}/audit/anomaly-thresholds`, { ...pick(defaults.body), maxReadsPerHour: 3 }, { 'If-Match': '0' }).expect(200);
      expect(set.body).toMatchObject({ maxReadsPerHour: 3, custom: true, version: 1, updatedBy: f.privacy.id });
      const after = await p.get(`/tables/${f.tableId}/audit/anomalies?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`).expect(200);
      const burst = after.body.flags.find((x: { kind: string }) => x.kind === 'UNUSUAL_READ_RATE');
      expect(burst).toMatchObject({ actorId: f.reps.housing.id, count: 4 });
      expect(after.body.thresholds.maxReadsPerHour).toBe(3);
      // the query may still try another value without changing the table's
      const tried = await p.get(`/tables/${f.tableId}/audit/anomalies?maxReadsPerHour=50&from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`).expect(200);
      expect(tried.body.flags.map((x: { kind: string }) => x.kind)).not.toContain('UNUSUAL_READ_RATE');

      const audited = await entries('audit.anomaly_thresholds.update');
      expect(audited).toHaveLength(1);
      expect(audited[0].details).toMatchObject({ from: { maxReadsPerHour: 10 }, to: { maxReadsPerHour: 3 }, changed: ['maxReadsPerHour'], version: 1 });
    });

    it('validates each threshold within its bounds (400 naming the field) and refuses a stale version (409)', async () => {
      const p = api.as(f.privacy.token);
      const current = (await p.get(`/tables/${f.tableId}/audit/anomaly-thresholds`).expect(200)).body;
      const bad = async (patch: object, field: string) => {
        const res = await p.put(`/tables/${f.tableId}/audit/anomaly-thresholds`, { ...pick(current), ...patch }, { 'If-Match': String(current.version) }).expect(400);
        expect(res.body.details.fields.map((x: { field: string }) => x.field)).toContain(field);
      };
      await bad({ maxReadsPerHour: 0 }, 'maxReadsPerHour');
      await bad({ officeStartHour: 24 }, 'officeStartHour');
      await bad({ officeEndHour: 25 }, 'officeEndHour');
      await bad({ officeStartHour: 18, officeEndHour: 9 }, 'officeEndHour');
      await bad({ closedDays: -1 }, 'closedDays');
      await bad({ maxRefusals: 1.5 }, 'maxRefusals');
      await bad({ maxGuesses: 'two' }, 'maxGuesses');
      await p.put(`/tables/${f.tableId}/audit/anomaly-thresholds`, { ...pick(current), closedDays: 60 }, { 'If-Match': '0' }).expect(409);
      // the version before the content (api.md): a stale If-Match is 409 whatever the body holds
      await p.put(`/tables/${f.tableId}/audit/anomaly-thresholds`, { ...pick(current), maxReadsPerHour: 0 }, { 'If-Match': '0' }).expect(409);
      // the other roles: 403, another table's officer: 404
      await api.as(f.coordinator.token).put(`/tables/${f.tableId}/audit/anomaly-thresholds`, pick(current)).expect(403);
      const other = await buildTable(api);
      await api.as(other.privacy.token).get(`/tables/${f.tableId}/audit/anomaly-thresholds`).expect(404);
      expect((await p.get(`/tables/${f.tableId}/audit/anomaly-thresholds`).expect(200)).body.version).toBe(current.version);
    });
  });

  describe('anomaly cases', () => {
    let caseId: string;

    it('opens a case on a flag, keeping its rule, actor and window; the same flag twice is 409', async () => {
      const p = api.as(f.privacy.token);
      const body = { kind: 'IDENTITY_REFUSED', actorId: f.reps.school.id, ...window };
      const res = await p.post(`/tables/${f.tableId}/anomaly-cases`, body).expect(201);
      caseId = res.body.id;
      expect(res.body).toMatchObject({ kind: 'IDENTITY_REFUSED', actorId: f.reps.school.id, actorName: 'Test User', status: 'OPEN', flagCount: 1, version: 1, notes: [] });
      expect(res.body.windowFrom).toBe(window.from);
      expect(res.body.assignable.map((u: { userId: string }) => u.userId).sort()).toEqual([f.privacy.id, secondOfficer.id].sort());
      const again = await p.post(`/tables/${f.tableId}/anomaly-cases`, body).expect(409);
      expect(again.body.details).toMatchObject({ reason: 'ANOMALY_CASE_EXISTS', caseId });
      // concurrent openings of one flag: one case
      const racing = { kind: 'UNUSUAL_READ_RATE', actorId: f.reps.housing.id, ...window };
      const both = await Promise.all([p.post(`/tables/${f.tableId}/anomaly-cases`, racing), p.post(`/tables/${f.tableId}/anomaly-cases`, racing)]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      // a flag that does not exist in the window (the housing representative was never refused)
      const none = await p.post(`/tables/${f.tableId}/anomaly-cases`, { kind: 'IDENTITY_REFUSED', actorId: f.reps.housing.id, ...window }).expect(400);
      expect(none.body.details.fields[0].field).toBe('kind');
      await p.post(`/tables/${f.tableId}/anomaly-cases`, { ...body, from: window.to, to: window.from }).expect(400);
      const opened = await entries('anomaly_case.open');
      expect(opened).toHaveLength(2);
      expect(opened[0].details).toMatchObject({ caseId, kind: 'IDENTITY_REFUSED', actorId: f.reps.school.id, count: 1 });
    });

    it('takes de-identified notes only (422 with a name), each bumping the version (If-Match)', async () => {
      const p = api.as(f.privacy.token);
      const named = await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/notes`, { text: 'Spoke with Marie Tremblay about the refusal' }, { 'If-Match': '1' }).expect(422);
      expect(named.body.code).toBe('PII_DETECTED');
      // the flag's entries name the situation: a note is checked against its identity too
      expect((await p.get(`/tables/${f.tableId}/anomaly-cases/${caseId}`).expect(200)).body.situations).toEqual([{ id: situationId, reference }]);
      await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/notes`, { text: 'Asked whether Brackenridge had consented' }, { 'If-Match': '1' }).expect(422);
      const ok = await p
        .post(`/tables/${f.tableId}/anomaly-cases/${caseId}/notes`, { text: 'The representative asked without a purpose; reminded of the rules.' }, { 'If-Match': '1' })
        .expect(201);
      expect(ok.body).toMatchObject({ version: 2, noteCount: 1 });
      expect(ok.body.notes[0]).toMatchObject({ authorId: f.privacy.id, text: expect.stringContaining('reminded of the rules') });
      await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/notes`, { text: 'A second look at the trail.' }, { 'If-Match': '1' }).expect(409);
      const stored = await owner.query('SELECT text FROM anomaly_case_notes WHERE case_id = $1', [caseId]);
      expect(stored.rows.map((r) => r.text).join(' ')).not.toContain('Tremblay');
      const audited = await entries('anomaly_case.note');
      expect(audited.map((e) => e.outcome)).toEqual(['DENIED', 'DENIED', 'SUCCESS']);
      expect(audited[1].details).toMatchObject({ knownValueMatch: true });
      expect(JSON.stringify(audited)).not.toContain('reminded');
    });

    it('assigns only to an active privacy officer of the table', async () => {
      const p = api.as(f.privacy.token);
      const coordinator = await p.put(`/tables/${f.tableId}/anomaly-cases/${caseId}/assignee`, { assigneeId: f.coordinator.id }, { 'If-Match': '2' }).expect(400);
      expect(coordinator.body.details.fields[0].field).toBe('assigneeId');
      const other = await buildTable(api);
      await p.put(`/tables/${f.tableId}/anomaly-cases/${caseId}/assignee`, { assigneeId: other.privacy.id }, { 'If-Match': '2' }).expect(400);
      const res = await p.put(`/tables/${f.tableId}/anomaly-cases/${caseId}/assignee`, { assigneeId: secondOfficer.id }, { 'If-Match': '2' }).expect(200);
      expect(res.body).toMatchObject({ assigneeId: secondOfficer.id, assigneeName: 'Second Officer', version: 3 });
      const mine = await api.as(secondOfficer.token).get(`/tables/${f.tableId}/anomaly-cases?assigneeId=${secondOfficer.id}`).expect(200);
      expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
      expect((await entries('anomaly_case.assign'))[0].details).toMatchObject({ caseId, from: null, to: secondOfficer.id });
    });

    it('closes with an outcome; BREACH_SUSPECTED links a breach record of the table; a closed case is final', async () => {
      const p = api.as(secondOfficer.token);
      const missing = await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/closure`, { outcome: 'BREACH_SUSPECTED' }, { 'If-Match': '3' }).expect(400);
      expect(missing.body.details.fields[0].field).toBe('breachId');
      const other = await buildTable(api);
      const foreign = await api
        .as(other.privacy.token)
        .post(`/tables/${other.tableId}/breaches`, { kind: 'LOSS', description: 'A printed agenda was left in a meeting room.', discoveredAt: new Date().toISOString() })
        .expect(201);
      await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/closure`, { outcome: 'BREACH_SUSPECTED', breachId: foreign.body.id }, { 'If-Match': '3' }).expect(400);
      const breach = await p
        .post(`/tables/${f.tableId}/breaches`, {
          kind: 'UNAUTHORIZED_ACCESS',
          description: 'Identity read attempts without a purpose by one representative.',
          discoveredAt: new Date().toISOString(),
          situationReferences: [reference],
        })
        .expect(201);
      await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/closure`, { outcome: 'NO_ISSUE', breachId: breach.body.id }, { 'If-Match': '3' }).expect(400);
      const closed = await p
        .post(`/tables/${f.tableId}/anomaly-cases/${caseId}/closure`, { outcome: 'BREACH_SUSPECTED', breachId: breach.body.id }, { 'If-Match': '3' })
        .expect(200);
      expect(closed.body).toMatchObject({ status: 'CLOSED', outcome: 'BREACH_SUSPECTED', breachId: breach.body.id, closedByName: 'Second Officer', version: 4 });
      const linked = await p.get(`/tables/${f.tableId}/breaches/${breach.body.id}`).expect(200);
      expect(linked.body.anomalyCaseIds).toEqual([caseId]);
      await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/closure`, { outcome: 'NO_ISSUE' }).expect(409);
      await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/notes`, { text: 'Late thought after closing.' }).expect(409);
      await p.put(`/tables/${f.tableId}/anomaly-cases/${caseId}/assignee`, { assigneeId: null }).expect(409);
      // state and version before the content (api.md): a closed case is 409 whatever the body holds
      await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/closure`, { outcome: 'MAYBE' }).expect(409);
      await p.post(`/tables/${f.tableId}/anomaly-cases/${caseId}/notes`, { text: 5 }).expect(409);
      await p.put(`/tables/${f.tableId}/anomaly-cases/${caseId}/assignee`, { assigneeId: 'nobody' }).expect(409);
      await p.post(`/tables/${f.tableId}/anomaly-cases/not-a-case/notes`, { text: 5 }).expect(404);
      await p.post(`/tables/${f.tableId}/anomaly-cases/${randomUUID()}/closure`, { outcome: 'MAYBE' }).expect(404);
      const list = await p.get(`/tables/${f.tableId}/anomaly-cases?status=CLOSED`).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
      const open = await p.get(`/tables/${f.tableId}/anomaly-cases?status=OPEN&kind=UNUSUAL_READ_RATE`).expect(200);
      expect(open.body.items).toHaveLength(1);
      // an open case: a stale If-Match is 409 before a bad body's 400; with its version the bad body is 400
      const openId = open.body.items[0].id as string;
      const openVersion = String(open.body.items[0].version);
      await p.post(`/tables/${f.tableId}/anomaly-cases/${openId}/closure`, { outcome: 'MAYBE' }, { 'If-Match': '999' }).expect(409);
      await p.post(`/tables/${f.tableId}/anomaly-cases/${openId}/closure`, { outcome: 'MAYBE' }, { 'If-Match': openVersion }).expect(400);
      expect((await entries('anomaly_case.close'))[0].details).toMatchObject({ caseId, outcome: 'BREACH_SUSPECTED', breachId: breach.body.id });
      expect((await entries('anomaly_cases.read')).length).toBeGreaterThanOrEqual(3);
    });

    it('is for the privacy officers of the table only', async () => {
      for (const who of [f.coordinator, f.analyst, f.reps.police]) {
        await api.as(who.token).get(`/tables/${f.tableId}/anomaly-cases`).expect(403);
        await api.as(who.token).get(`/tables/${f.tableId}/anomaly-cases/${caseId}`).expect(403);
      }
      await api.as(f.stranger.token).get(`/tables/${f.tableId}/anomaly-cases`).expect(404);
      const other = await buildTable(api);
      await api.as(other.privacy.token).get(`/tables/${f.tableId}/anomaly-cases/${caseId}`).expect(404);
      await api.as(other.privacy.token).get(`/tables/${other.tableId}/anomaly-cases/${caseId}`).expect(404);
    });
  });

  describe('privacy breach log', () => {
    let breachId: string;

    it('records a suspected breach by situation reference only; a reference of another table is refused', async () => {
      const p = api.as(f.privacy.token);
      const other = await buildTable(api, { code: 'OTR' });
      const theirs = await walkTo(api, other, 'SUBMITTED');
      const theirRef = (await api.as(other.coordinator.token).get(`/situations/${theirs}`).expect(200)).body.reference;
      const base = { kind: 'MISDIRECTED', description: 'Minutes e-mailed to a wrong distribution list, recalled.', discoveredAt: new Date(Date.now() - 3600_000).toISOString() };
      const foreign = await p.post(`/tables/${f.tableId}/breaches`, { ...base, situationReferences: [reference, theirRef] }).expect(400);
      expect(foreign.body.details.fields[0].field).toBe('situationReferences');
      await p.post(`/tables/${f.tableId}/breaches`, { ...base, situationReferences: ['TST-1999-9999'] }).expect(400);
      await p.post(`/tables/${f.tableId}/breaches`, { ...base, discoveredAt: new Date(Date.now() + 86_400_000).toISOString() }).expect(400);
      await p.post(`/tables/${f.tableId}/breaches`, { ...base, occurredAt: new Date().toISOString() }).expect(400);
      await p.post(`/tables/${f.tableId}/breaches`, { ...base, kind: 'GOSSIP' }).expect(400);
      // the description is checked, also against the identity of the situation named
      const named = await p
        .post(`/tables/${f.tableId}/breaches`, { ...base, description: 'The minutes named Brackenridge in the subject line.', situationReferences: [reference] })
        .expect(422);
      expect(named.body.code).toBe('PII_DETECTED');
      // several candidate names and a phone number in one text: refused, marked a guess, and the answer
      // does not say which word matched the stored identity (the finding covers the whole field)
      const text = 'Names heard: bouchard, gauthier, brackenridge, morin; call 613-555-0142 about it.';
      const probe = await p.post(`/tables/${f.tableId}/breaches`, { ...base, description: text, situationReferences: [reference] }).expect(422);
      const byName = probe.body.details.findings.filter((x: { kind: string }) => x.kind === 'NAME');
      expect(byName).toEqual([{ field: 'description', kind: 'NAME', start: 0, end: text.length }]);
      expect((await entries('breach.record')).filter((e) => e.details.knownValueMatch === true).length).toBeGreaterThanOrEqual(1);
      const res = await p
        .post(`/tables/${f.tableId}/breaches`, { ...base, occurredAt: new Date(Date.now() - 7200_000).toISOString(), situationReferences: [reference.toLowerCase()] })
        .expect(201);
      breachId = res.body.id;
      expect(res.body).toMatchObject({ kind: 'MISDIRECTED', status: 'OPEN', situations: [{ id: situationId, reference }], containmentSteps: [], version: 1, ipcNotifiedAt: null });
      expect(JSON.stringify(res.body)).not.toContain(IDENTITY.familyName);
      const audited = await entries('breach.record');
      expect(audited.filter((e) => e.outcome === 'SUCCESS').map((e) => e.details.breachId)).toContain(breachId);
      expect(audited.find((e) => e.details.breachId === breachId)?.details).toMatchObject({ kind: 'MISDIRECTED', situationIds: [situationId] });
      expect(JSON.stringify(audited)).not.toContain('distribution list');
    });

    it('records dated containment steps and the notifications of the IPC and the person, versioned', async () => {
      const p = api.as(f.privacy.token);
      const at = new Date(Date.now() - 1800_000).toISOString();
      await p
        .post(`/tables/${f.tableId}/breaches/${breachId}/containment-steps`, { takenAt: at, description: 'Called Brackenridge to apologise' }, { 'If-Match': '1' })
        .expect(422);
      await p
        .post(
          `/tables/${f.tableId}/breaches/${breachId}/containment-steps`,
          { takenAt: new Date(Date.now() - 86_400_000).toISOString(), description: 'Recall requested.' },
          { 'If-Match': '1' },
        )
        .expect(400);
      const step = await p
        .post(
          `/tables/${f.tableId}/breaches/${breachId}/containment-steps`,
          { takenAt: at, description: 'Recall requested from every recipient; deletion confirmed.' },
          { 'If-Match': '1' },
        )
        .expect(201);
      expect(step.body).toMatchObject({ version: 2, containmentStepCount: 1 });
      expect(step.body.containmentSteps[0]).toMatchObject({ takenAt: at, description: expect.stringContaining('deletion confirmed') });
      const noMethod = await p
        .put(`/tables/${f.tableId}/breaches/${breachId}/notifications`, { ipcNotifiedAt: at, personsNotifiedAt: at, personsNotificationMethod: null }, { 'If-Match': '2' })
        .expect(400);
      expect(noMethod.body.details.fields[0].field).toBe('personsNotificationMethod');
      await p
        .put(`/tables/${f.tableId}/breaches/${breachId}/notifications`, { ipcNotifiedAt: at, personsNotifiedAt: null, personsNotificationMethod: null }, { 'If-Match': '1' })
        .expect(409);
      const notified = await p
        .put(`/tables/${f.tableId}/breaches/${breachId}/notifications`, { ipcNotifiedAt: at, personsNotifiedAt: at, personsNotificationMethod: 'MAIL' }, { 'If-Match': '2' })
        .expect(200);
      expect(notified.body).toMatchObject({ ipcNotifiedAt: at, personsNotifiedAt: at, personsNotificationMethod: 'MAIL', version: 3 });
      expect((await entries('breach.notification'))[0].details).toMatchObject({ breachId, ipcNotifiedAt: at, personsNotificationMethod: 'MAIL' });
      expect((await entries('breach.containment')).filter((e) => e.outcome === 'SUCCESS')).toHaveLength(1);
    });

    it('closes with an outcome (a confirmed breach once contained) and is final; lists by status', async () => {
      const p = api.as(f.privacy.token);
      const fresh = await p
        .post(`/tables/${f.tableId}/breaches`, { kind: 'LOSS', description: 'A notebook was lost on a bus.', discoveredAt: new Date().toISOString() })
        .expect(201);
      const uncontained = await p.post(`/tables/${f.tableId}/breaches/${fresh.body.id}/closure`, { outcome: 'CONFIRMED' }).expect(400);
      expect(uncontained.body.details.fields[0].field).toBe('outcome');
      await p.post(`/tables/${f.tableId}/breaches/${fresh.body.id}/closure`, { outcome: 'NOT_A_BREACH' }, { 'If-Match': '1' }).expect(200);
      const closed = await p.post(`/tables/${f.tableId}/breaches/${breachId}/closure`, { outcome: 'CONFIRMED' }, { 'If-Match': '3' }).expect(200);
      expect(closed.body).toMatchObject({ status: 'CLOSED', outcome: 'CONFIRMED', version: 4 });
      await p.post(`/tables/${f.tableId}/breaches/${breachId}/containment-steps`, { takenAt: new Date().toISOString(), description: 'Too late now.' }).expect(409);
      await p.post(`/tables/${f.tableId}/breaches/${breachId}/closure`, { outcome: 'NOT_A_BREACH' }).expect(409);
      // state and version before the content: closed, or a stale If-Match, is 409 whatever the body holds
      await p.post(`/tables/${f.tableId}/breaches/${breachId}/containment-steps`, { takenAt: 'yesterday' }).expect(409);
      await p.put(`/tables/${f.tableId}/breaches/${breachId}/notifications`, { personsNotificationMethod: 'PIGEON' }).expect(409);
      await p.post(`/tables/${f.tableId}/breaches/${breachId}/closure`, { outcome: 'MAYBE' }).expect(409);
      const stale = await p.post(`/tables/${f.tableId}/breaches`, { kind: 'LOSS', description: 'A folder was left in a car.', discoveredAt: new Date().toISOString() }).expect(201);
      await p.post(`/tables/${f.tableId}/breaches/${stale.body.id}/containment-steps`, { takenAt: 'yesterday' }, { 'If-Match': '999' }).expect(409);
      await p.post(`/tables/${f.tableId}/breaches/${stale.body.id}/containment-steps`, { takenAt: 'yesterday' }, { 'If-Match': '1' }).expect(400);
      await p.post(`/tables/${f.tableId}/breaches/${randomUUID()}/closure`, { outcome: 'MAYBE' }).expect(404);
      const list = await p.get(`/tables/${f.tableId}/breaches?status=CLOSED`).expect(200);
      expect(list.body.items.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining([breachId, fresh.body.id]));
      expect(list.body.items.every((b: { status: string }) => b.status === 'CLOSED')).toBe(true);
      expect((await entries('breach.close')).map((e) => e.details.outcome).sort()).toEqual(['CONFIRMED', 'NOT_A_BREACH']);
      expect((await entries('breaches.read')).length).toBeGreaterThanOrEqual(1);
      for (const who of [f.coordinator, f.analyst, f.reps.housing]) await api.as(who.token).get(`/tables/${f.tableId}/breaches`).expect(403);
      await api.as(f.stranger.token).get(`/tables/${f.tableId}/breaches/${breachId}`).expect(404);
    });
  });
});

function pick(b: Record<string, unknown>) {
  return {
    maxReadsPerHour: b.maxReadsPerHour,
    officeStartHour: b.officeStartHour,
    officeEndHour: b.officeEndHour,
    closedDays: b.closedDays,
    maxRefusals: b.maxRefusals,
    maxGuesses: b.maxGuesses,
  };
}
