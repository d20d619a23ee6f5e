/**
 * Run before each DB test file (the `db` project's setupFiles): points TEST_DATABASE_URL and
 * TEST_APP_DATABASE_URL at this worker's own copy of the suite's database (global-setup.ts), so
 * files running at the same time in other workers never see each other's rows.
 */
const worker = process.env.JEST_WORKER_ID ?? '1';
const owner = process.env[`TEST_DATABASE_URL_${worker}`];
const app = process.env[`TEST_APP_DATABASE_URL_${worker}`];
if (owner && app) {
  process.env.TEST_DATABASE_URL = owner;
  process.env.TEST_APP_DATABASE_URL = app;
}
