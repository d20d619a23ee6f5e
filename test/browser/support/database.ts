import { Client } from 'pg';

/**
 * A connection to the browser suite's database, for what only time makes (idle days, a purge, a
 * past quarter's referrals): the global setup creates the database and sets ST_BROWSER_DATABASE_URL.
 */
export async function database<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const url = process.env.ST_BROWSER_DATABASE_URL;
  if (!url) throw new Error('ST_BROWSER_DATABASE_URL is not set: run the browser suite with DATABASE_URL (its global setup creates the database)');
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
