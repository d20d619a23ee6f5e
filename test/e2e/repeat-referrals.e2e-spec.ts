import { hkdfSync } from 'node:crypto';
import { Client } from 'pg';
import { cellDraw, randomRound } from '../../src/modules/reports/disclosure';
import { Api, TableFixture } from '../support/api';
import { walkTo } from '../support/situations';
import { TEST_MASTER_KEY } from '../support/test-app';
import { openWorld } from '../support/world';

/**
 * I14, repeat referrals (docs/evaluation.md): at each identity write, the blind index marks the
 * referral REPEAT when one of its persons had been referred to the same table in the 12 months
 * before it, NEW otherwise, and marks REPEAT the later referrals of the same person. Only the
 * marker is kept; the indicator counts it per period, and no situation view, list, timeline or
 * export ever shows it.
 */

const KEY = Buffer.from(hkdfSync('sha256', Buffer.from(TEST_MASTER_KEY, 'base64'), Buffer.alloc(0), 'situation-table/report-rounding/v1', 32));
const person = (i: number) => ({
  role: 'PRIMARY',
  givenName: `Rhosyn${'abcdefghijklmnop'[i]}`,
  familyName: 'Vantablackwood',
  dateOfBirth: `1990-01-${String(i + 1).padStart(2, '0')}`,
});

describe('repeat referrals (I14): marked through the blind index, counted, never shown', () => {
  let api: Api;
  let f: TableFixture;
  let owner: Client;
  let close: () => Promise<void>;
  const marker = async (id: string) => (await owner.query('SELECT marker FROM situation_repeat_markers WHERE situation_id = $1', [id])).rows[0]?.marker ?? null;
  const referral = async (createdAt: Date) => {
    const id = await walkTo(api, f, 'ASSIGNED');
    await owner.query('UPDATE situations SET created_at = $2 WHERE id = $1', [id, createdAt]);
    return id;
  };
  const writeSubject = (id: string, who: number) =>
    api
      .as(f.reps.police.token)
      .put(`/situations/${id}/subject`, { kind: 'PERSONS', legalAuthority: 'MFIPPA_S32_H', persons: [person(who)] })
      .expect(204);
  /** Dated in last year (a whole year, whatever today is): month 1-12, or 0 and below for the year before. */
  const YEAR = new Date().getFullYear() - 1;
  const on = (month: number, day = 10) => new Date(Date.UTC(YEAR, month - 1, day, 15));

  beforeAll(async () => {
    ({ api, f, owner, close } = await openWorld());
  }, 60_000);
  afterAll(() => close());

  it('marks a second referral of the same person within 12 months REPEAT, in either order of writing, and not after 13 months', async () => {
    const first = await referral(on(9));
    const second = await referral(on(11));
    await writeSubject(first, 0);
    expect(await marker(first)).toBe('NEW');
    await writeSubject(second, 0);
    expect([await marker(first), await marker(second)]).toEqual(['NEW', 'REPEAT']);
    // the later referral's identity written first: NEW, until the earlier one's identity says otherwise
    const earlier = await referral(on(7));
    const later = await referral(on(10));
    await writeSubject(later, 1);
    expect(await marker(later)).toBe('NEW');
    await writeSubject(earlier, 1);
    expect([await marker(earlier), await marker(later)]).toEqual(['NEW', 'REPEAT']);
    // a REPEAT stays one when its identity is written again
    await writeSubject(later, 1);
    expect(await marker(later)).toBe('REPEAT');
    // 13 months apart: two new referrals
    const old = await referral(on(-1));
    const recent = await referral(on(12));
    await writeSubject(old, 2);
    await writeSubject(recent, 2);
    expect([await marker(old), await marker(recent)]).toEqual(['NEW', 'NEW']);
    // another person: no marker change; a situation without an identity has none
    const other = await referral(on(11));
    await writeSubject(other, 3);
    expect(await marker(other)).toBe('NEW');
    expect(await marker(await referral(on(11)))).toBeNull();
    // only the marker: no column links the two referrals
    const columns = (await owner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'situation_repeat_markers' ORDER BY 1`)).rows.map(
      (r) => r.column_name,
    );
    expect(columns).toEqual(['marker', 'situation_id']);
  });

  it('publishes the share of repeats among the marked referrals of a period as the reference computes it, and no view shows the marker', async () => {
    // 6 people referred twice within the year, 6 referred once: 6 repeats of 18 marked referrals (and the first test's)
    const ids: string[] = [];
    for (let who = 5; who < 11; who++) {
      const a = await referral(on(8));
      const b = await referral(on(10));
      await writeSubject(a, who);
      await writeSubject(b, who);
      ids.push(a, b);
    }
    for (let who = 11; who < 16; who++) {
      const a = await referral(on(9));
      await writeSubject(a, who);
      ids.push(a);
    }
    const year = String(YEAR);
    const v = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/indicators?period=${year}`).expect(200)).body;
    const exact = (
      await owner.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE r.marker = 'REPEAT')::int AS repeats
         FROM situations s JOIN situation_repeat_markers r ON r.situation_id = s.id
         JOIN situation_tables t ON t.id = s.table_id
         WHERE s.table_id = $1 AND s.created_at >= make_timestamptz($2, 1, 1, 0, 0, 0, t.time_zone) AND s.created_at < make_timestamptz($2 + 1, 1, 1, 0, 0, 0, t.time_zone)`,
        [f.tableId, Number(year)],
      )
    ).rows[0];
    expect(exact.repeats).toBeGreaterThanOrEqual(6);
    expect(exact.n - exact.repeats).toBeGreaterThanOrEqual(5);
    const publish = (cell: string, n: number) => (n < 5 ? null : randomRound(n, cellDraw(KEY, [f.tableId, cell, String(n)])));
    const share = v.repeatReferralShare;
    if (!share.suppressed) {
      expect(share.n).toBe(publish('marked_people', exact.n));
      expect(share.value).toBe(Math.min(1, Math.round((publish('repeat_referral', exact.repeats)! / publish('marked_people', exact.n)!) * 1000) / 1000));
    } else expect(share).toEqual({ value: null, n: null, suppressed: true });
    // the trend's quarter says the same as the quarter's indicators
    const quarter = `${YEAR}-Q4`;
    const trend = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/trend?through=${quarter}`).expect(200)).body;
    const q = (await api.as(f.analyst.token).get(`/tables/${f.tableId}/reports/indicators?period=${quarter}`).expect(200)).body;
    expect(trend.quarters[7].repeatReferralShare).toEqual(q.repeatReferralShare);
    // never shown: not in a situation, its timeline, the lists, the RTD export or the audit trail
    const reads = [
      `/situations/${ids[1]}`,
      `/situations/${ids[1]}/timeline`,
      `/tables/${f.tableId}/situations?limit=100`,
      `/tables/${f.tableId}/reports/rtd-export.csv?period=${year}`,
      `/tables/${f.tableId}/audit?limit=100`,
    ];
    for (const path of reads) {
      const token = path.includes('/audit') || path.includes('rtd-export') ? f.privacy.token : f.coordinator.token;
      const res = await api.as(token).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, repeat: /repeat/i.test(res.text) }).toEqual({ path, repeat: false });
    }
  });
});
