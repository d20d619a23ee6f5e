import { Client } from 'pg';
import { EmailSender } from '../../src/modules/notifications/email-sender';
import { Api, buildTable, TableFixture } from '../support/api';
import { pdfText } from '../support/pdf-text';
import { BELOW, MEETS, submit, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';
import { Mailbox } from '../support/mailbox';

const PUBLIC_URL = 'https://situations.example.test';
const DAY = 86_400_000;
const RATIONALE = 'The school alone can respond to this; below what the table handles.';
const AGAINST = 'The table finds a single agency can respond to this referral.';

describe('Issue 16: minutes approved at the next meeting (then immutable), as PDF in English and French; meeting e-mails', () => {
  const mailbox = new Mailbox();
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    await mailbox.start();
    ({ t, api, f, owner, close } = await openWorld({
      env: { SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`, MAIL_FROM: 'Situation Table <no-reply@example.test>', PUBLIC_URL },
    }));
  });
  afterAll(async () => {
    await close();
    await mailbox.stop();
  });

  const meeting = async (g: TableFixture, at: Date): Promise<string> =>
    (await api.as(g.coordinator.token).post(`/tables/${g.tableId}/meetings`, { scheduledFor: at.toISOString(), kind: 'REGULAR' }).expect(201)).body.id;
  const audits = async (action: string, meetingId: string) =>
    (await owner.query(`SELECT actor_id, details FROM audit_entries WHERE action = $1 ORDER BY seq`, [action])).rows
      .map((r: { actor_id: string; details: string }) => ({ actor: r.actor_id, details: JSON.parse(r.details) as Record<string, unknown> }))
      .filter((r) => r.details.meetingId === meetingId);

  let approvedId = '';
  let approvedBody: Record<string, unknown> = {};
  let refs: { against: string; below: string } = { against: '', below: '' };

  it('approves a closed meeting at the next one: the codes of each refusal, the roles, the audit; the decisions carry their rationale', async () => {
    const c = api.as(f.coordinator.token);
    // 03:00 UTC on 30 November: still the 29th in the table's time zone (America/Toronto)
    const first = await meeting(f, new Date('2026-11-30T03:00:00Z'));
    const against = await submit(api, f);
    const below = await submit(api, f, f.reps.school.token, BELOW);
    refs = { against: against.reference, below: below.reference };
    await c.put(`/meetings/${first}/attendance`, { agencyIds: [f.agencies.police.id, f.agencies.health.id] }).expect(200);
    await c.post(`/situations/${against.id}/decision`, { outcome: 'NOT_AER', rationale: AGAINST, meetingId: first }).expect(200);
    await c.post(`/situations/${below.id}/decision`, { outcome: 'NOT_AER', rationale: RATIONALE, meetingId: first }).expect(200);

    const approve = (token: string, id = first) => api.as(token).post(`/meetings/${id}/minutes/approval`);
    expect((await approve(f.coordinator.token).expect(409)).body.details).toEqual({ reason: 'MEETING_NOT_CLOSED' });
    const closed = await c.post(`/meetings/${first}/close`).expect(200);
    expect(closed.body.decisions.map((d: { reference: string; rationale: string }) => [d.reference, d.rationale])).toEqual([
      [against.reference, AGAINST],
      [below.reference, RATIONALE],
    ]);

    const draft = await api.as(f.reps.police.token).get(`/meetings/${first}/minutes`).expect(200);
    expect(draft.body).toMatchObject({ status: 'DRAFT', approvedAt: null, approvedBy: null, approvedAtMeetingId: null, approvableAtMeetingId: null });
    expect((await approve(f.coordinator.token).expect(409)).body.details).toEqual({ reason: 'NO_NEXT_MEETING' });

    const second = await meeting(f, new Date('2026-12-07T14:00:00Z'));
    expect((await c.get(`/meetings/${first}/minutes`).expect(200)).body.approvableAtMeetingId).toBe(second);
    await approve(f.reps.police.token).expect(403);
    await approve(f.privacy.token).expect(403);
    await approve(f.analyst.token).expect(403);
    await approve(f.stranger.token).expect(404);
    await api.as(f.analyst.token).get(`/meetings/${first}/minutes`).expect(403);
    await api.as(f.analyst.token).get(`/meetings/${first}/minutes.pdf`).expect(403);

    const approved = await approve(f.coordinator.token).expect(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', approvedBy: 'Test User', approvedAtMeetingId: second, approvableAtMeetingId: null });
    expect(Date.parse(approved.body.approvedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(approved.body.decisions.map((d: { rationale: string }) => d.rationale)).toEqual([AGAINST, RATIONALE]);
    expect((await approve(f.coordinator.token).expect(409)).body.details).toEqual({ reason: 'MINUTES_ALREADY_APPROVED' });
    const french = await api.as(f.coordinator.token).post(`/meetings/${first}/minutes/approval`, {}, { 'accept-language': 'fr' }).expect(409);
    expect(french.body.message).toContain('Ce procès-verbal est déjà approuvé.');

    expect(await audits('meeting.minutes.approve', first)).toEqual([
      { actor: f.coordinator.id, details: { meetingId: first, approvedAtMeetingId: second, decisions: 2, assignments: 0, updates: 0, closures: 0 } },
    ]);
    // the audit trail holds ids and counts, never the rationale
    const trail = await owner.query(`SELECT details FROM audit_entries WHERE details LIKE '%' || $1 || '%'`, [first]);
    expect(trail.rows.some((r: { details: string }) => r.details.includes('single agency'))).toBe(false);
    approvedId = first;
    approvedBody = approved.body;
  });

  it('serves the approved document as it was approved after later changes; the database refuses any change to it, even to the owner', async () => {
    expect(approvedId).not.toBe('');
    // later: an agency renamed (the draft would show the new name), attendance changed behind the application's back
    await owner.query(`UPDATE agencies SET name = 'Renamed Invented Police' WHERE id = $1`, [f.agencies.police.id]);
    await owner.query(`UPDATE meetings SET attendance = '{}' WHERE id = $1`, [approvedId]);
    const later = await api.as(f.privacy.token).get(`/meetings/${approvedId}/minutes`).expect(200);
    expect(later.body).toEqual(approvedBody);
    expect(later.body.attendance.map((a: { name: string }) => a.name)).not.toContain('Renamed Invented Police');
    expect(later.body.attendance).toHaveLength(2);

    const app = new Client({ connectionString: t.appUrl });
    await app.connect();
    try {
      await expect(app.query(`UPDATE meeting_minutes SET document = '{}'::jsonb WHERE meeting_id = $1`, [approvedId])).rejects.toThrow(
        /approved minutes are immutable: UPDATE refused/,
      );
      await expect(app.query(`UPDATE meeting_minutes SET approved_by_name = 'Someone Else' WHERE meeting_id = $1`, [approvedId])).rejects.toThrow(/immutable/);
      await expect(app.query(`DELETE FROM meeting_minutes WHERE meeting_id = $1`, [approvedId])).rejects.toThrow(/approved minutes are immutable: DELETE refused/);
      await expect(app.query(`TRUNCATE meeting_minutes`)).rejects.toThrow();
    } finally {
      await app.end();
    }
    await expect(owner.query(`DELETE FROM meeting_minutes WHERE meeting_id = $1`, [approvedId])).rejects.toThrow(/immutable/);
    await expect(owner.query('TRUNCATE meeting_minutes')).rejects.toThrow(/immutable/);
    expect((await owner.query(`SELECT count(*)::int AS n FROM meeting_minutes WHERE meeting_id = $1`, [approvedId])).rows[0].n).toBe(1);
    expect((await api.as(f.coordinator.token).get(`/meetings/${approvedId}/minutes`).expect(200)).body).toEqual(approvedBody);
  });

  it('refuses an approval once the next meeting is closed (NEXT_MEETING_CLOSED), and at another table', async () => {
    const g = await buildTable(api);
    const c = api.as(g.coordinator.token);
    const a = await meeting(g, new Date(Date.now() - 14 * DAY));
    const b = await meeting(g, new Date(Date.now() - 7 * DAY));
    await c.post(`/meetings/${a}/close`).expect(200);
    await c.post(`/meetings/${b}/close`).expect(200);
    expect((await c.post(`/meetings/${a}/minutes/approval`).expect(409)).body.details).toEqual({ reason: 'NEXT_MEETING_CLOSED' });
    expect((await c.get(`/meetings/${a}/minutes`).expect(200)).body).toMatchObject({ status: 'DRAFT', approvableAtMeetingId: null });
    // a meeting of another table is no "next meeting", and another table's coordinator finds nothing
    await api.as(f.coordinator.token).post(`/meetings/${a}/minutes/approval`).expect(404);
    await c.post(`/meetings/not-a-uuid/minutes/approval`).expect(404);
  });

  it('gives the minutes as a PDF in English and French (headings, rationale, approval, dates in the table time zone), audited as a read', async () => {
    const c = api.as(f.coordinator.token);
    const en = await c.get(`/meetings/${approvedId}/minutes.pdf?lang=en`).buffer(true).expect(200);
    expect(en.headers['content-type']).toBe('application/pdf');
    expect(en.headers['content-disposition']).toBe('attachment; filename="minutes-2026-11-29.pdf"');
    const enBytes = en.body as Buffer;
    expect(enBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(enBytes.toString('latin1')).toMatch(/\/Type \/Page\b/);
    const enText = pdfText(enBytes).replace(/\s+/g, ' ');
    for (const s of ['Minutes of the meeting of November 29, 2026', 'Decisions (2)', 'Rationale', 'Agencies present (2)', 'Approved on', 'by Test User', refs.against]) {
      expect(enText).toContain(s);
    }
    expect(enText).toContain(AGAINST);

    const fr = await api.as(f.reps.health.token).get(`/meetings/${approvedId}/minutes.pdf?lang=fr`).buffer(true).expect(200);
    expect(fr.headers['content-type']).toBe('application/pdf');
    const frText = pdfText(fr.body as Buffer).replace(/\s+/g, ' ');
    for (const s of [
      'Procès-verbal de la rencontre du 29 novembre 2026',
      RATIONALE,
      'Décisions (2)',
      'Justification',
      'Organismes présents (2)',
      'Approuvé le',
      'refusée (pas de risque très élevé)',
      "contraire à l'avis",
    ]) {
      expect(frText).toContain(s);
    }
    expect(frText).not.toContain('Minutes of the meeting');
    expect(enText).not.toContain('Procès-verbal');
    // nothing of the referral's narrative
    expect(frText).not.toContain(MEETS.narrative.slice(0, 30));

    await c.get(`/meetings/${approvedId}/minutes.pdf?lang=de`).expect(400);
    await c.get(`/meetings/${approvedId}/minutes.pdf?lang=fr&extra=1`).expect(400);
    await api.as(f.stranger.token).get(`/meetings/${approvedId}/minutes.pdf`).expect(404);
    const reads = (await audits('meeting.minutes.read', approvedId)).filter((r) => r.details.format === 'pdf');
    expect(reads).toEqual([
      { actor: f.coordinator.id, details: { meetingId: approvedId, status: 'APPROVED', format: 'pdf', lang: 'en' } },
      { actor: f.reps.health.id, details: { meetingId: approvedId, status: 'APPROVED', format: 'pdf', lang: 'fr' } },
    ]);
  });

  it('gives a draft as a PDF too, saying it is a draft', async () => {
    const g = await buildTable(api);
    const id = await meeting(g, new Date(Date.now() + DAY));
    const res = await api.as(g.coordinator.token).get(`/meetings/${id}/minutes.pdf?lang=fr`).buffer(true).expect(200);
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('Projet\u00a0: pas encore approuvé');
    expect(text).toContain('encore ouverte');
  });

  it('publishes the agenda once and mails the members who want it: the date and a link, no situation; closing mails that the minutes are ready', async () => {
    const g = await buildTable(api);
    const c = api.as(g.coordinator.token);
    await walkTo(api, g, 'ASSIGNED');
    const sender = t.app.get(EmailSender);
    await sender.sendDue();
    mailbox.received.length = 0;
    await api
      .as(g.reps.school.token)
      .put('/notifications/preferences', { emailKinds: ['SITUATION_ASSIGNED'], emailLanguage: null })
      .expect(200);
    await api
      .as(g.reps.health.token)
      .put('/notifications/preferences', { emailKinds: ['AGENDA_PUBLISHED', 'MINUTES_READY'], emailLanguage: 'fr' })
      .expect(200);
    const id = await meeting(g, new Date('2026-12-10T15:00:00Z'));

    await api.as(g.reps.police.token).post(`/meetings/${id}/agenda/publish`).expect(403);
    await api.as(g.analyst.token).post(`/meetings/${id}/agenda/publish`).expect(403);
    const published = await c.post(`/meetings/${id}/agenda/publish`).expect(200);
    expect(published.body).toMatchObject({ id, status: 'OPEN', agendaPublishedAt: expect.any(String) });
    expect((await c.post(`/meetings/${id}/agenda/publish`).expect(409)).body.details).toEqual({ reason: 'AGENDA_ALREADY_PUBLISHED' });
    expect((await c.get(`/meetings/${id}`).expect(200)).body.agendaPublishedAt).toBe(published.body.agendaPublishedAt);
    expect(await audits('meeting.agenda.publish', id)).toEqual([{ actor: g.coordinator.id, details: { meetingId: id } }]);

    const queued = async (kind: string) =>
      (
        await owner.query(
          `SELECT u.email FROM email_outbox o JOIN notifications n ON n.id = o.notification_id JOIN users u ON u.id = o.user_id
           WHERE n.kind = $1 AND n.payload->>'meetingId' = $2 ORDER BY u.email`,
          [kind, id],
        )
      ).rows.map((r: { email: string }) => r.email);
    const inApp = async (kind: string) =>
      (await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = $1 AND payload->>'meetingId' = $2 AND situation_id IS NULL`, [kind, id])).rows[0].n;
    // coordinators and agency representatives; the school's representative turned it off (in-app stays)
    const members = [g.coordinator.email, g.reps.police.email, g.reps.health.email, g.reps.housing.email];
    expect(await queued('AGENDA_PUBLISHED')).toEqual([...members].sort());
    expect(await inApp('AGENDA_PUBLISHED')).toBe(5);

    expect(await sender.sendDue()).toBe(4);
    const housing = mailbox.received.filter((m) => m.to.includes(g.reps.housing.email));
    expect(housing).toHaveLength(1);
    expect(housing[0].text).toContain('Subject: Agenda published: meeting of 2026-12-10 / Ordre du jour publié\u00a0: rencontre du 2026-12-10');
    expect(housing[0].text).toContain(`${PUBLIC_URL}/meetings/${id}`);
    expect(housing[0].text).toContain("This e-mail holds only the meeting's date and a link");
    expect(housing[0].text).not.toMatch(/situations\//);
    const health = mailbox.received.filter((m) => m.to.includes(g.reps.health.email));
    expect(health).toHaveLength(1);
    expect(health[0].text).toContain("L'ordre du jour de la rencontre de la table d'intervention du 2026-12-10 est publié.");
    expect(health[0].text).not.toContain('Agenda published');
    expect(mailbox.received.some((m) => m.to.includes(g.reps.school.email))).toBe(false);
    expect(mailbox.received.some((m) => m.to.includes(g.privacy.email) || m.to.includes(g.analyst.email))).toBe(false);

    mailbox.received.length = 0;
    await c.post(`/meetings/${id}/close`).expect(200);
    expect(await queued('MINUTES_READY')).toEqual([...members].sort());
    await c.post(`/meetings/${id}/agenda/publish`).expect(409);
    expect(await sender.sendDue()).toBe(4);
    const ready = mailbox.received.find((m) => m.to.includes(g.coordinator.email));
    expect(ready?.text).toContain('Subject: Minutes ready for review: meeting of 2026-12-10');
    expect(ready?.text).toContain('ready for review before the next meeting');
    // the link opens the minutes page, which every case role of the table reads
    expect(ready?.text).toContain(`${PUBLIC_URL}/meetings/${id}/minutes`);
    for (const m of mailbox.received) expect(m.text).not.toMatch(/[A-Z]{2,}-\d{4}-\d{4}/);
  });
});
