import { Client } from 'pg';
import { Api, buildTable, TableFixture } from './api';
import { createTestApp, TestApp } from './test-app';

/** What most e2e suites start from: the application, an Api on it, a table fixture and an owner connection. */
export interface World {
  t: TestApp;
  api: Api;
  f: TableFixture;
  /** a client connected as the database owner (t.ownerUrl), for checks behind the application's back */
  owner: Client;
  /** Ends the owner connection and closes the application. */
  close(): Promise<void>;
}

/**
 * createTestApp(env), new Api(t), buildTable(api, table) and an owner pg Client connected to
 * t.ownerUrl; `close()` undoes them. Use in beforeAll / afterAll:
 *
 *   beforeAll(async () => {
 *     ({ t, api, f, owner, close } = await openWorld());
 *   });
 *   afterAll(() => close());
 */
export async function openWorld(options: { env?: Record<string, string>; table?: Parameters<typeof buildTable>[1] } = {}): Promise<World> {
  const t = await createTestApp(options.env);
  let owner: Client | undefined;
  try {
    const api = new Api(t);
    const f = await buildTable(api, options.table);
    const connected = new Client({ connectionString: t.ownerUrl });
    owner = connected;
    await connected.connect();
    return {
      t,
      api,
      f,
      owner: connected,
      async close() {
        await connected.end();
        await t.close();
      },
    };
  } catch (err) {
    await owner?.end().catch(() => undefined);
    await t.close();
    throw err;
  }
}
