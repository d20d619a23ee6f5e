import { Client } from 'pg';
import { Api, TableFixture } from '../support/api';
import { MEETS } from '../support/situations';
import { openWorld } from '../support/world';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Issue 16's "one week of a table", through the routes only, in the order a table lives it: a family
 * referral deferred at one meeting, edited by its agency, accepted at the next; the lead declines and
 * the table reassigns; each agency's actions, contact attempts and mobilisation; the minutes of the
 * first meeting approved at the second; closure, then a reopening. Invented names only.
 */
describe('a week of a table, through the follow-through routes (issue 16)', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  it('a family referral from intake to a reopening, with the meetings that carried it', async () => {
    const c = api.as(f.coordinator.token);
    const school = api.as(f.reps.school.token);
    const housing = api.as(f.reps.housing.token);
    const health = api.as(f.reps.health.token);

    // Monday: the school refers a family (Filter 1), naming the sectors it believes are needed.
    const family = {
      ...MEETS,
      situationType: 'FAMILY',
      sectorsNeeded: ['EDUCATION', 'HOUSING', 'HEALTH'],
      narrative: 'Parent and two children facing eviction this month; the older child has stopped attending.',
    };
    const referral = (await school.post(`/tables/${f.tableId}/situations`, family).expect(201)).body;
    expect(referral).toMatchObject({ status: 'SUBMITTED', situationType: 'FAMILY' });

    // Tuesday's meeting, under way: attendance by person; the housing sector is not in the room.
    const first = (await c.post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date(Date.now() - 2 * HOUR).toISOString(), kind: 'REGULAR' }).expect(201)).body.id;
    await c.post(`/meetings/${first}/agenda/publish`).expect(200);
    const attendance = await c
      .put(`/meetings/${first}/attendance`, { attendees: [{ userId: f.coordinator.id }, { userId: f.reps.school.id }, { userId: f.reps.police.id }] })
      .expect(200);
    expect(attendance.body.sectorsPresent).toEqual(['EDUCATION', 'HEALTH', 'POLICE']);
    const item = (await c.get(`/meetings/${first}/agenda`).expect(200)).body.items.find((i: { situationId: string }) => i.situationId === referral.id);
    expect(item).toMatchObject({ sectorsAbsent: ['HOUSING'] });

    // The table defers it: more information needed (no meetingId: the meeting under way takes it).
    const deferred = await c
      .post(`/situations/${referral.id}/decision`, { outcome: 'DEFERRED', informationNeeded: 'Has the landlord already filed with the tribunal, and when is the hearing?' })
      .expect(200);
    expect(deferred.body).toMatchObject({ status: 'DEFERRED' });
    await c.post(`/meetings/${first}/agenda/items/${referral.id}/discussed`).expect(200);
    const firstMinutes = (await c.post(`/meetings/${first}/close`).expect(200)).body;
    expect(firstMinutes.decisions).toEqual([expect.objectContaining({ situationId: referral.id, outcome: 'DEFERRED', sectorsAbsent: ['HOUSING'] })]);

    // Wednesday: the school answers by editing its referral (same reference, a new version).
    const edited = await school
      .patch(
        `/situations/${referral.id}`,
        { ...family, narrative: `${family.narrative} The hearing is set for next week; filing confirmed.` },
        { 'if-match': `"${deferred.body.version}"` },
      )
      .expect(200);
    expect(edited.body).toMatchObject({ status: 'SUBMITTED', reference: referral.reference });

    // The next meeting: the first one's minutes approved there, then immutable.
    const second = (await c.post(`/tables/${f.tableId}/meetings`, { scheduledFor: new Date(Date.now() - 10 * MINUTE).toISOString(), kind: 'REGULAR' }).expect(201)).body.id;
    const approved = await c.post(`/meetings/${first}/minutes/approval`).expect(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', approvedAtMeetingId: second });
    await expect(owner.query(`UPDATE meeting_minutes SET document = '{}'::jsonb WHERE meeting_id = $1`, [first])).rejects.toThrow();

    // Accepted (Filter 2) and assigned (Filter 3): housing leads, health assists.
    const accepted = await c
      .post(`/situations/${referral.id}/decision`, { outcome: 'AER', rationale: 'Eviction within days and a child out of school: acute and multi-sector.' })
      .expect(200);
    expect(accepted.body.status).toBe('ACCEPTED');
    await c.post(`/situations/${referral.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] }).expect(200);

    // The family in the vault: a parent and two children, each with a role.
    await school
      .put(`/situations/${referral.id}/subject`, {
        kind: 'PERSONS',
        persons: [
          { role: 'PRIMARY', givenName: 'Orlaith', familyName: 'Brindlewick' },
          { role: 'CHILD', givenName: 'Tamsin', familyName: 'Brindlewick', dateOfBirth: '2014-05-02' },
          { role: 'CHILD', givenName: 'Corwin', familyName: 'Brindlewick', dateOfBirth: '2017-09-19' },
        ],
        legalAuthority: 'MFIPPA_S32_H',
      })
      .expect(204);

    // Housing declines the lead (capacity): back to the coordinator, who reassigns to health.
    const declined = await housing.post(`/situations/${referral.id}/lead-answer`, { answer: 'DECLINE', reasonCode: 'CAPACITY' }).expect(200);
    expect(declined.body).toMatchObject({ status: 'ACCEPTED', leadAgencyId: null, leadAnswer: 'DECLINED' });
    await c.post(`/situations/${referral.id}/assignment`, { leadAgencyId: f.agencies.health.id, assistingAgencyIds: [f.agencies.housing.id] }).expect(200);
    await health.post(`/situations/${referral.id}/lead-answer`, { answer: 'ACCEPT' }).expect(200);

    // Each agency's part: an action agreed at the meeting, a contact attempt, mobilisation per agency.
    const action = await health.post(`/situations/${referral.id}/actions`, { description: 'Book a joint home visit with the housing worker.', dueDate: '2099-01-08' }).expect(201);
    expect(action.body).toMatchObject({ ownerAgencyId: f.agencies.health.id, status: 'PLANNED', meetingId: second });
    await housing.post(`/situations/${referral.id}/contact-attempts`, { attemptedAt: new Date().toISOString(), outcome: 'MESSAGE_LEFT' }).expect(201);
    const mobilized = await health.post(`/situations/${referral.id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['MENTAL_HEALTH'] }).expect(200);
    expect(mobilized.body.status).toBe('MOBILIZED');
    await housing.post(`/situations/${referral.id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] }).expect(200);
    // a child's first name in a status update is refused: every person of the subject is checked
    await health.post(`/situations/${referral.id}/updates`, { note: 'Visit done; Tamsin is back in class.' }).expect(422);
    await health.post(`/situations/${referral.id}/updates`, { note: 'Visit done; the older child is back in class.' }).expect(201);
    await health.patch(`/situations/${referral.id}/actions/${action.body.id}`, { status: 'DONE' }).expect(200);

    const secondMinutes = (await c.post(`/meetings/${second}/close`).expect(200)).body;
    expect(secondMinutes.decisions).toEqual([expect.objectContaining({ situationId: referral.id, outcome: 'AER', rationale: expect.stringContaining('Eviction') })]);
    expect(secondMinutes.assignments.map((a: { leadAgencyId: string }) => a.leadAgencyId)).toEqual([f.agencies.housing.id, f.agencies.health.id]);
    expect(secondMinutes.actions).toEqual([expect.objectContaining({ actionId: action.body.id, ownerAgencyId: f.agencies.health.id, dueDate: '2099-01-08' })]);
    expect(secondMinutes.mobilizations.map((m: { agencyId: string }) => m.agencyId).sort()).toEqual([f.agencies.health.id, f.agencies.housing.id].sort());
    const pdf = await c.get(`/meetings/${second}/minutes.pdf?lang=fr`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    // Friday: closed; then reopened within the table's period, with a rationale.
    const closed = await c.post(`/situations/${referral.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
    const reopened = await c
      .post(`/situations/${referral.id}/reopen`, { rationale: 'The hearing was moved up and the family risks losing the unit again.' }, { 'if-match': `"${closed.body.version}"` })
      .expect(200);
    expect(reopened.body.status).toBe('MOBILIZED');

    // The timeline tells it, agency and time on each entry, identity never.
    const timeline = (await school.get(`/situations/${referral.id}/timeline?limit=200`).expect(200)).body;
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toEqual([
      'INTAKE',
      'DECISION',
      'EDIT',
      'DECISION',
      'ASSIGNMENT',
      'STATUS_CHANGE',
      'ASSIGNMENT',
      'STATUS_CHANGE',
      'ACTION',
      'CONTACT_ATTEMPT',
      'MOBILIZATION',
      'MOBILIZATION',
      'UPDATE',
      'ACTION',
      'CLOSURE',
      'REOPENING',
    ]);
    const text = JSON.stringify(timeline);
    for (const name of ['Orlaith', 'Tamsin', 'Corwin', 'Brindlewick']) expect(text).not.toContain(name);
  });
});
