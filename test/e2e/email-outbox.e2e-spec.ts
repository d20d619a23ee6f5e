import { EMAIL_KINDS } from '../../src/modules/notifications/email-rules';
import { Client } from 'pg';
import { MeetingService } from '../../src/modules/meetings/meeting.service';
import { EmailSender } from '../../src/modules/notifications/email-sender';
import { Api, TableFixture } from '../support/api';
import { IDENTITY, MEETS, walkTo } from '../support/situations';
import { TestApp } from '../support/test-app';
import { openWorld } from '../support/world';
import { Mailbox } from '../support/mailbox';

const PUBLIC_URL = 'https://situations.example.test';

describe('Issue 16: e-mail notifications through a PostgreSQL outbox', () => {
  const mailbox = new Mailbox();
  let t: TestApp;
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  let sender: EmailSender;

  beforeAll(async () => {
    await mailbox.start();
    ({ t, api, f, owner, close } = await openWorld({
      env: { SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`, MAIL_FROM: 'Situation Table <no-reply@example.test>', PUBLIC_URL },
    }));
    sender = t.app.get(EmailSender);
  });
  afterAll(async () => {
    await close();
    await mailbox.stop();
  });

  /** The outbox rows of a situation's notifications, once the after-commit handler has written `n` of them. */
  async function queued(situationId: string, n: number) {
    const query = () =>
      owner.query<{ email: string; attempts: number; sent_at: Date | null; last_error: string | null; next_attempt_at: Date }>(
        `SELECT u.email, o.attempts, o.sent_at, o.last_error, o.next_attempt_at
         FROM email_outbox o JOIN notifications n ON n.id = o.notification_id JOIN users u ON u.id = o.user_id
         WHERE n.situation_id = $1 ORDER BY u.email`,
        [situationId],
      );
    for (let i = 0; i < 100; i++) {
      const rows = await query();
      if (rows.rows.length >= n) return rows.rows;
      await new Promise((r) => setTimeout(r, 50));
    }
    return (await query()).rows;
  }
  const referenceOf = async (id: string): Promise<string> => (await owner.query('SELECT reference FROM situations WHERE id = $1', [id])).rows[0].reference;
  const recipients = () => [f.reps.housing.email, f.reps.health.email, f.coordinator.email].sort();

  it('mails an assignment to the people of the assigned agencies: the reference and a link, no narrative, no identity, English and French', async () => {
    await sender.sendDue();
    const id = await walkTo(api, f, 'ASSIGNED');
    const reference = await referenceOf(id);
    expect((await queued(id, 3)).map((r) => r.email)).toEqual(recipients());
    await api.as(f.reps.police.token).put(`/situations/${id}/identity`, IDENTITY).expect(204);

    expect(await sender.sendDue()).toBe(3);
    const mail = mailbox.to(f.reps.housing.email, reference);
    expect(mail).toHaveLength(1);
    const { text, raw } = mail[0];
    expect(text).toContain(`${PUBLIC_URL}/situations/${id}`);
    expect(text).toMatch(new RegExp(`Subject: Situation ${reference} assigned to your agency / Situation ${reference} attribuée à votre organisme`));
    expect(text).toContain(`Situation ${reference} has been assigned to your agency`);
    expect(text).toContain(`La situation ${reference} a été attribuée à votre organisme`);
    expect(text).toContain('From: Situation Table <no-reply@example.test>');
    for (const secret of [
      MEETS.narrative,
      'living in his vehicle',
      'ALCOHOL',
      IDENTITY.givenName,
      IDENTITY.familyName,
      IDENTITY.address,
      IDENTITY.phone,
      IDENTITY.dateOfBirth,
      'Test User',
    ]) {
      expect(text).not.toContain(secret);
      expect(raw).not.toContain(secret);
    }
    for (const r of await queued(id, 3)) expect(r).toMatchObject({ attempts: 1, last_error: null, sent_at: expect.any(Date) });
    expect(mailbox.to(f.reps.school.email, reference)).toHaveLength(0);
    // sent once: a second run finds nothing due
    expect(await sender.sendDue()).toBe(0);
    expect(mailbox.to(f.reps.housing.email, reference)).toHaveLength(1);
  });

  it('lets each user choose: all on by default, a kind turned off is neither queued nor sent, a language chosen is the only one', async () => {
    const housing = api.as(f.reps.housing.token);
    const initial = await housing.get('/notifications/preferences').expect(200);
    expect(initial.body).toEqual({
      emailAvailable: true,
      kinds: [...EMAIL_KINDS],
      emailKinds: [...EMAIL_KINDS],
      emailLanguage: null,
    });
    await housing.put('/notifications/preferences', { emailKinds: ['NOT_A_KIND'], emailLanguage: null }).expect(400);
    await housing.put('/notifications/preferences', { emailKinds: [], emailLanguage: 'de' }).expect(400);
    await housing.put('/notifications/preferences', { emailKinds: 'SITUATION_ASSIGNED' }).expect(400);
    await housing.put('/notifications/preferences', { emailKinds: [], extra: true }).expect(400);
    const saved = await housing.put('/notifications/preferences', { emailKinds: ['MOBILIZATION_OVERDUE'], emailLanguage: null }).expect(200);
    expect(saved.body).toMatchObject({ emailKinds: ['MOBILIZATION_OVERDUE'], emailLanguage: null });
    expect((await housing.get('/notifications/preferences').expect(200)).body.emailKinds).toEqual(['MOBILIZATION_OVERDUE']);
    await api
      .as(f.reps.health.token)
      .put('/notifications/preferences', { emailKinds: ['SITUATION_ASSIGNED'], emailLanguage: 'fr' })
      .expect(200);
    const audit = await owner.query(`SELECT details FROM audit_entries WHERE actor_id = $1 AND action = 'me.notification_preferences.update'`, [f.reps.housing.id]);
    expect(audit.rows.map((r) => JSON.parse(r.details))).toEqual([{ emailOff: EMAIL_KINDS.filter((k) => k !== 'MOBILIZATION_OVERDUE'), emailLanguage: null }]);

    const id = await walkTo(api, f, 'ASSIGNED');
    const reference = await referenceOf(id);
    expect((await queued(id, 2)).map((r) => r.email)).toEqual([f.reps.health.email, f.coordinator.email].sort());
    const inApp = await housing.get('/notifications').expect(200);
    expect(inApp.body.items.some((n: { situationId: string }) => n.situationId === id)).toBe(true); // in-app stays
    expect(await sender.sendDue()).toBe(2);
    expect(mailbox.to(f.reps.housing.email, reference)).toHaveLength(0);
    const french = mailbox.to(f.reps.health.email, reference);
    expect(french).toHaveLength(1);
    expect(french[0].text).toContain(`Subject: Situation ${reference} attribuée à votre organisme\r\n`);
    expect(french[0].text).toContain('Ouvrir la situation (connexion requise)\u00a0:');
    expect(french[0].text).not.toContain('assigned to your agency');

    await housing.put('/notifications/preferences', { emailKinds: ['SITUATION_ASSIGNED', 'MOBILIZATION_OVERDUE', 'DEFERRAL_OVERDUE'], emailLanguage: null }).expect(200);
    await api
      .as(f.reps.health.token)
      .put('/notifications/preferences', { emailKinds: ['SITUATION_ASSIGNED', 'MOBILIZATION_OVERDUE', 'DEFERRAL_OVERDUE'], emailLanguage: null })
      .expect(200);
  });

  it('keeps the mail while the SMTP server is down, retries it later with a growing wait, and sends it once', async () => {
    await sender.sendDue();
    await mailbox.stop();
    const id = await walkTo(api, f, 'ASSIGNED');
    const reference = await referenceOf(id);
    await queued(id, 3);

    expect(await sender.sendDue()).toBe(0);
    let rows = await queued(id, 3);
    for (const r of rows) {
      expect(r).toMatchObject({ attempts: 1, sent_at: null, last_error: expect.stringMatching(/^(ECONNECTION|ESOCKET|ECONNREFUSED)/) });
      const wait = r.next_attempt_at.getTime() - t.clock.now().getTime();
      expect(wait).toBeGreaterThan(50_000);
      expect(wait).toBeLessThanOrEqual(60_000);
    }
    expect(await sender.sendDue()).toBe(0); // not due yet: nothing tried
    expect((await queued(id, 3)).every((r) => r.attempts === 1)).toBe(true);
    t.clock.advance(61_000);
    expect(await sender.sendDue()).toBe(0); // still down: the second wait is twice the first
    rows = await queued(id, 3);
    for (const r of rows) {
      expect(r.attempts).toBe(2);
      expect(r.next_attempt_at.getTime() - t.clock.now().getTime()).toBeGreaterThan(110_000);
    }

    await mailbox.start();
    t.clock.advance(121_000);
    expect(await sender.sendDue()).toBe(3);
    t.clock.advance(3_600_000);
    expect(await sender.sendDue()).toBe(0);
    for (const address of recipients()) expect(mailbox.to(address, reference)).toHaveLength(1);
    expect((await queued(id, 3)).every((r) => r.sent_at !== null && r.attempts === 3 && r.last_error === null)).toBe(true);
    t.clock.reset();
  });

  it('sends each mail once when two senders run at the same time (rows claimed with SKIP LOCKED)', async () => {
    await sender.sendDue();
    const ids = [await walkTo(api, f, 'ASSIGNED'), await walkTo(api, f, 'ASSIGNED'), await walkTo(api, f, 'ASSIGNED')];
    for (const id of ids) await queued(id, 3);
    const before = mailbox.received.length;
    const [a, b] = await Promise.all([sender.sendDue(), sender.sendDue()]);
    expect(a + b).toBe(9);
    expect(mailbox.received.length - before).toBe(9);
    for (const id of ids) {
      const reference = await referenceOf(id);
      for (const address of recipients()) expect(mailbox.to(address, reference)).toHaveLength(1);
    }
    expect(await sender.sendDue()).toBe(0);
  });

  it('does not send to a deactivated user, nor again to an address the server refuses for good: kept, marked cancelled with why', async () => {
    await sender.sendDue();
    const id = await walkTo(api, f, 'ASSIGNED');
    const reference = await referenceOf(id);
    await queued(id, 3);
    mailbox.refused.add(f.reps.health.email);
    await owner.query('UPDATE users SET active = false WHERE id = $1', [f.coordinator.id]);
    try {
      expect(await sender.sendDue()).toBe(1);
    } finally {
      await owner.query('UPDATE users SET active = true WHERE id = $1', [f.coordinator.id]);
      mailbox.refused.clear();
    }
    const rows = await owner.query<{ email: string; sent_at: Date | null; cancelled_at: Date | null; last_error: string | null }>(
      `SELECT u.email, o.sent_at, o.cancelled_at, o.last_error FROM email_outbox o JOIN notifications n ON n.id = o.notification_id JOIN users u ON u.id = o.user_id
       WHERE n.situation_id = $1`,
      [id],
    );
    const byEmail = new Map(rows.rows.map((r) => [r.email, r]));
    expect(byEmail.get(f.reps.housing.email)).toMatchObject({ sent_at: expect.any(Date), cancelled_at: null });
    expect(byEmail.get(f.reps.health.email)).toMatchObject({ sent_at: null, cancelled_at: expect.any(Date), last_error: 'EENVELOPE 550' });
    expect(byEmail.get(f.coordinator.email)).toMatchObject({ sent_at: null, cancelled_at: expect.any(Date), last_error: 'RECIPIENT_INACTIVE' });
    t.clock.advance(2 * 3_600_000);
    try {
      expect(await sender.sendDue()).toBe(0);
    } finally {
      t.clock.reset();
    }
    expect(mailbox.to(f.coordinator.email, reference)).toHaveLength(0);
    expect(mailbox.to(f.reps.health.email, reference)).toHaveLength(0);
  });

  // last: the 48-hour job notifies every late situation of the shared database, whose mails this sender then sends
  it('mails the 48-hour clock to the lead agency and the coordinators, once', async () => {
    const id = await walkTo(api, f, 'ASSIGNED');
    const reference = await referenceOf(id);
    await queued(id, 3);
    await sender.sendDue();
    t.clock.advance(50 * 3_600_000);
    try {
      const meetings = t.app.get(MeetingService);
      while ((await meetings.notifyOverdue()) > 0);
      while ((await sender.sendDue()) > 0);
    } finally {
      t.clock.reset();
    }
    const overdue = (address: string) => mailbox.to(address, reference).filter((m) => m.text.includes('no mobilisation after 48 hours'));
    expect(overdue(f.reps.housing.email)).toHaveLength(1);
    expect(overdue(f.coordinator.email)).toHaveLength(1);
    expect(overdue(f.reps.health.email)).toHaveLength(0); // assisting, not lead
    expect(overdue(f.reps.housing.email)[0].text).toContain(`Situation ${reference} : aucune mobilisation après 48 heures`.replace(' :', '\u00a0:'));
  });
});
