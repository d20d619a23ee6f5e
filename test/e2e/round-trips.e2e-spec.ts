import { Client as PgClient } from 'pg';
import { Api, TableFixture } from '../support/api';
import { walkTo } from '../support/situations';
import { openWorld } from '../support/world';

/**
 * Issue 18: on this kind of machine each round trip to PostgreSQL costs the server more CPU than
 * the query itself (the socket write and the parse of the answer), so the routes a person waits on
 * are held to the statements they need. Counted, not timed: the statements the application sends
 * while it serves one request (after a first request has filled its caches). The test app runs no
 * background jobs, so every statement counted is the request's.
 */
describe('round trips to PostgreSQL per request', () => {
  let api: Api;
  let f: TableFixture;
  let close: () => Promise<void>;
  let mobilized: string;
  const sent: string[] = [];
  const query = PgClient.prototype.query;

  beforeAll(async () => {
    ({ api, f, close } = await openWorld({ table: { code: 'TRIPS' } }));
    mobilized = await walkTo(api, f, 'MOBILIZED');
    // a spy, not a mock: every statement still runs on the real database
    PgClient.prototype.query = function (this: PgClient, ...args: unknown[]) {
      const q = args[0] as string | { text?: string; name?: string };
      sent.push(typeof q === 'string' ? q : `${q.name ?? ''} ${q.text ?? ''}`);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
  });
  afterAll(async () => {
    PgClient.prototype.query = query;
    await close();
  });

  /** The statements of the second of two identical requests. */
  async function statementsOf(path: string): Promise<string[]> {
    await api.as(f.coordinator.token).get(path).expect(200);
    sent.length = 0;
    await api.as(f.coordinator.token).get(path).expect(200);
    return [...sent];
  }

  it('reads a situation in one statement (with its actions counted and its mobilisations) beside its audit entry', async () => {
    const statements = await statementsOf(`/situations/${mobilized}`);
    expect(statements).toHaveLength(2);
    expect(statements.filter((s) => s.startsWith('situation.read '))).toHaveLength(1);
    expect(statements.filter((s) => s.includes('UPDATE audit_chain_heads'))).toHaveLength(1);
  });

  it('answers the list page (a mobilised situation on it) in two statements: the page with its mobilisations, its audit entry', async () => {
    expect(await statementsOf(`/tables/${f.tableId}/situations`)).toHaveLength(2);
  });

  it('answers the first screen from memory but for the notifications (one statement)', async () => {
    expect(await statementsOf('/auth/me')).toEqual([]);
    expect(await statementsOf('/taxonomy')).toEqual([]);
    expect(await statementsOf('/notifications')).toHaveLength(1);
  });

  it('answers the liveness probe without the database', async () => {
    expect(await statementsOf('/health/live')).toEqual([]);
  });
});
