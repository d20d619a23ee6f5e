import { Client } from 'pg';
import { Api, TableFixture } from '../support/api';
import { MEETS, submit } from '../support/situations';
import { openWorld } from '../support/world';

/** Mental health and suicide: two categories of one mandate (the category map says 3 sectors). */
const ONE_MANDATE = {
  ...MEETS,
  riskFactors: [
    { code: 'MENTAL_HEALTH_PERSON_DIAGNOSED', certainty: 'CONFIRMED' },
    { code: 'SUICIDE_PERSON_IDEATION', certainty: 'CONFIRMED' },
    { code: 'OTHER_RISK_FACTOR', certainty: 'SUSPECTED' },
  ],
  sectorsNeeded: ['MENTAL_HEALTH_ADDICTIONS'],
  narrative: 'Adult, 40-59, recent crisis and thoughts of suicide; follow-up by one mental health team.',
};

type Criterion = { name: string; required: number | boolean; actual: number | boolean; met: boolean; sectors?: string[]; source?: string };
const sectorsOf = (threshold: { criteria: Criterion[] }): Criterion => threshold.criteria.find((c) => c.name === 'SECTORS')!;

describe('Issue 16: the threshold counts the sectors the situation needs', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
  });
  afterAll(() => close());

  const decide = (id: string, body: object) => api.as(f.coordinator.token).post(`/situations/${id}/decision`, body);

  describe('intake', () => {
    it('stores the sectors named, counts them (1, where the category map says 3) and explains required / actual / met with the sectors counted', async () => {
      const res = await api.as(f.reps.health.token).post(`/tables/${f.tableId}/situations`, ONE_MANDATE).expect(201);
      expect(res.body.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
      expect(res.body.threshold.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
      expect(sectorsOf(res.body.threshold)).toEqual({ name: 'SECTORS', required: 2, actual: 1, met: false, sectors: ['MENTAL_HEALTH_ADDICTIONS'], source: 'NAMED' });
      expect(res.body.threshold.meets).toBe(false);
      const row = await owner.query('SELECT sectors_needed FROM situations WHERE id = $1', [res.body.id]);
      expect(row.rows[0].sectors_needed).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
      const th = await api.as(f.coordinator.token).get(`/situations/${res.body.id}/threshold`).expect(200);
      expect(th.body.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
      expect(sectorsOf(th.body)).toMatchObject({ actual: 1, met: false, source: 'NAMED' });
      const audit = await owner.query(`SELECT details FROM audit_entries WHERE situation_id = $1 AND action = 'situation.submit'`, [res.body.id]);
      expect(JSON.parse(audit.rows[0].details).sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
    });

    it('two distinct sectors named: the criterion is met', async () => {
      const res = await api
        .as(f.reps.health.token)
        .post(`/tables/${f.tableId}/situations`, { ...ONE_MANDATE, sectorsNeeded: ['MENTAL_HEALTH_ADDICTIONS', 'POLICE'] })
        .expect(201);
      expect(sectorsOf(res.body.threshold)).toMatchObject({ actual: 2, met: true, sectors: ['MENTAL_HEALTH_ADDICTIONS', 'POLICE'] });
    });

    it('absent (a client from before): accepted, nothing named, the criterion counts the category map and says so', async () => {
      const { sectorsNeeded: _omitted, ...legacy } = ONE_MANDATE;
      const res = await api.as(f.reps.health.token).post(`/tables/${f.tableId}/situations`, legacy).expect(201);
      expect(res.body.sectorsNeeded).toBeNull();
      expect(res.body.threshold.sectorsNeeded).toBeNull();
      // MENTAL_HEALTH + SUICIDE + OTHER through the map: EMS_FIRE, HEALTH, MENTAL_HEALTH_ADDICTIONS, OTHER (as before issue 16).
      expect(sectorsOf(res.body.threshold)).toEqual({
        name: 'SECTORS',
        required: 2,
        actual: 4,
        met: true,
        sectors: ['EMS_FIRE', 'HEALTH', 'MENTAL_HEALTH_ADDICTIONS', 'OTHER'],
        source: 'CATEGORY_MAP',
      });
    });

    it('refuses an unknown sector, an empty list, a repeat and a non-list with 400 naming sectorsNeeded; nothing stored', async () => {
      const before = await owner.query('SELECT count(*)::int AS n FROM situations WHERE table_id = $1', [f.tableId]);
      for (const sectorsNeeded of [['NOT_A_SECTOR'], [], ['POLICE', 'POLICE'], 'POLICE']) {
        const res = await api
          .as(f.reps.health.token)
          .post(`/tables/${f.tableId}/situations`, { ...ONE_MANDATE, sectorsNeeded })
          .expect(400);
        expect(res.body.details.fields.map((x: { field: string }) => x.field)).toContain('sectorsNeeded');
      }
      const after = await owner.query('SELECT count(*)::int AS n FROM situations WHERE table_id = $1', [f.tableId]);
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });
  });

  describe('rows from before the column (NULL)', () => {
    it('keep their view and threshold: the category map, source CATEGORY_MAP', async () => {
      const s = await submit(api, f);
      await owner.query('UPDATE situations SET sectors_needed = NULL WHERE id = $1', [s.id]);
      const read = await api.as(f.coordinator.token).get(`/situations/${s.id}`).expect(200);
      expect(read.body.sectorsNeeded).toBeNull();
      // MEETS through the map: HEALTH, HOUSING, JUSTICE, MENTAL_HEALTH_ADDICTIONS, MUNICIPAL_SERVICES, POLICE.
      expect(sectorsOf(read.body.threshold)).toMatchObject({ actual: 6, met: true, source: 'CATEGORY_MAP' });
    });
  });

  describe('edit', () => {
    it('replaces the sectors when given, keeps them when absent, and records the previous ones', async () => {
      const s = await submit(api, f, f.reps.health.token, ONE_MANDATE);
      const edited = await api
        .as(f.reps.health.token)
        .patch(`/situations/${s.id}`, { ...ONE_MANDATE, sectorsNeeded: ['MENTAL_HEALTH_ADDICTIONS', 'HOUSING'] })
        .expect(200);
      expect(edited.body.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS', 'HOUSING']);
      expect(sectorsOf(edited.body.threshold)).toMatchObject({ actual: 2, met: true });
      const { sectorsNeeded: _omitted, ...legacy } = ONE_MANDATE;
      const kept = await api.as(f.reps.health.token).patch(`/situations/${s.id}`, legacy).expect(200);
      expect(kept.body.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS', 'HOUSING']);
      const tr = await owner.query(`SELECT details FROM situation_transitions WHERE situation_id = $1 AND action = 'EDIT' ORDER BY id`, [s.id]);
      expect(tr.rows.map((r) => r.details.previous.sectorsNeeded)).toEqual([['MENTAL_HEALTH_ADDICTIONS'], ['MENTAL_HEALTH_ADDICTIONS', 'HOUSING']]);
      await api
        .as(f.reps.health.token)
        .patch(`/situations/${s.id}`, { ...ONE_MANDATE, sectorsNeeded: ['NOWHERE'] })
        .expect(400);
    });
  });

  describe('decision', () => {
    it('the table adjusts the sectors: the advice compared against counts the adjusted set; recorded in the transition and the audit', async () => {
      const s = await submit(api, f, f.reps.health.token, ONE_MANDATE);
      // One sector named: AER would be against the advice. With police added, all criteria are met: no rationale needed.
      const res = await decide(s.id, { outcome: 'AER', sectorsNeeded: ['MENTAL_HEALTH_ADDICTIONS', 'POLICE'] }).expect(200);
      expect(res.body.decision.againstAdvice).toBe(false);
      expect(res.body.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS', 'POLICE']);
      expect(sectorsOf(res.body.threshold)).toMatchObject({ actual: 2, met: true, source: 'NAMED' });
      const th = await api.as(f.coordinator.token).get(`/situations/${s.id}/threshold`).expect(200);
      expect(th.body.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS', 'POLICE']);
      expect(th.body.meets).toBe(true);
      const tr = await owner.query(`SELECT details FROM situation_transitions WHERE situation_id = $1 AND action = 'DECIDE_AER'`, [s.id]);
      expect(tr.rows[0].details).toMatchObject({
        sectorsNeeded: ['MENTAL_HEALTH_ADDICTIONS', 'POLICE'],
        previousSectorsNeeded: ['MENTAL_HEALTH_ADDICTIONS'],
        againstAdvice: false,
      });
      const audit = await owner.query(`SELECT details FROM audit_entries WHERE situation_id = $1 AND action = 'situation.decide'`, [s.id]);
      expect(JSON.parse(audit.rows[0].details)).toMatchObject({ sectorsNeeded: ['MENTAL_HEALTH_ADDICTIONS', 'POLICE'], previousSectorsNeeded: ['MENTAL_HEALTH_ADDICTIONS'] });
    });

    it('without an adjustment, AER on one sector named is against the advice and needs a rationale', async () => {
      const s = await submit(api, f, f.reps.health.token, ONE_MANDATE);
      const refused = await decide(s.id, { outcome: 'AER' }).expect(400);
      expect(refused.body.details.fields.map((x: { field: string }) => x.field)).toEqual(['rationale']);
      const res = await decide(s.id, { outcome: 'AER', rationale: 'The table sees a police role in the safety plan here.' }).expect(200);
      expect(res.body.decision.againstAdvice).toBe(true);
      expect(res.body.sectorsNeeded).toEqual(['MENTAL_HEALTH_ADDICTIONS']);
    });

    it('adjusting down can make a decision against the advice: NOT_AER is then with it', async () => {
      const s = await submit(api, f);
      const res = await decide(s.id, { outcome: 'NOT_AER', sectorsNeeded: ['HOUSING'] }).expect(200);
      expect(res.body.decision.againstAdvice).toBe(false);
      const tr = await owner.query(`SELECT details FROM situation_transitions WHERE situation_id = $1 AND action = 'DECIDE_NOT_AER'`, [s.id]);
      expect(tr.rows[0].details).toMatchObject({ sectorsNeeded: ['HOUSING'], previousSectorsNeeded: MEETS.sectorsNeeded });
      const row = await owner.query('SELECT sectors_needed FROM situations WHERE id = $1', [s.id]);
      expect(row.rows[0].sectors_needed).toBeNull(); // erased with the rest of the rejected referral
    });

    it('refuses an unknown sector (400) and an adjustment with DEFERRED (400, in French too); nothing decided', async () => {
      const s = await submit(api, f, f.reps.health.token, ONE_MANDATE);
      const bad = await decide(s.id, { outcome: 'AER', sectorsNeeded: ['NOPE'] }).expect(400);
      expect(bad.body.details.fields.map((x: { field: string }) => x.field)).toContain('sectorsNeeded');
      const deferred = await api
        .as(f.coordinator.token)
        .post(
          `/situations/${s.id}/decision`,
          { outcome: 'DEFERRED', informationNeeded: 'Which supports were already offered this month?', sectorsNeeded: ['POLICE'] },
          { 'accept-language': 'fr' },
        )
        .expect(400);
      expect(deferred.body.details.fields).toEqual([expect.objectContaining({ field: 'sectorsNeeded' })]);
      expect(JSON.stringify(deferred.body)).toContain('Seulement avec la décision AER');
      const row = await owner.query('SELECT status, sectors_needed FROM situations WHERE id = $1', [s.id]);
      expect(row.rows[0]).toEqual({ status: 'SUBMITTED', sectors_needed: ['MENTAL_HEALTH_ADDICTIONS'] });
    });
  });
});
