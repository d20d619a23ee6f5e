import { Api, TableFixture } from './api';
import { MEETS } from './intakes';

export { BELOW, MEETS } from './intakes';

export async function submit(api: Api, f: TableFixture, token = f.reps.police.token, body: object = MEETS): Promise<{ id: string; reference: string; version: number }> {
  const res = await api.as(token).post(`/tables/${f.tableId}/situations`, body);
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Walks a new situation to the given status through the API. */
export async function walkTo(api: Api, f: TableFixture, status: 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN' | 'ASSIGNED' | 'MOBILIZED' | 'CLOSED'): Promise<string> {
  const s = await submit(api, f);
  const c = api.as(f.coordinator.token);
  if (status === 'SUBMITTED') return s.id;
  if (status === 'WITHDRAWN') {
    await api.as(f.reps.police.token).post(`/situations/${s.id}/withdraw`).expect(200);
    return s.id;
  }
  if (status === 'REJECTED') {
    await c.post(`/situations/${s.id}/decision`, { outcome: 'NOT_AER', rationale: 'The table finds a single agency can respond to this.' }).expect(200);
    return s.id;
  }
  await c.post(`/situations/${s.id}/decision`, { outcome: 'AER', rationale: 'Meets the threshold.' }).expect(200);
  if (status === 'ACCEPTED') return s.id;
  await c.post(`/situations/${s.id}/assignment`, { leadAgencyId: f.agencies.housing.id, assistingAgencyIds: [f.agencies.health.id] }).expect(200);
  if (status === 'ASSIGNED') return s.id;
  await api
    .as(f.reps.housing.token)
    .post(`/situations/${s.id}/mobilization`, { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] })
    .expect(200);
  if (status === 'MOBILIZED') return s.id;
  await c.post(`/situations/${s.id}/closure`, { conclusion: 'CONNECTED_TO_SERVICES', consentStatus: 'OBTAINED' }).expect(200);
  return s.id;
}

/** Invented identity values, distinctive enough to search a database dump or the logs for. */
export const IDENTITY = {
  givenName: 'Zephyrine',
  familyName: 'Quillfeather',
  dateOfBirth: '1987-03-14',
  address: '4417 Imaginary Crescent, Unit 9',
  phone: '555-0147-98',
  legalAuthority: 'MFIPPA_S32_H',
};
