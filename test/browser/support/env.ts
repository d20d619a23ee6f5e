/** Shared by the global setup and the tests (workers inherit the environment the setup sets). */
export const ENV_BASE_URL = 'ST_BROWSER_BASE_URL';
/** The bootstrap administrator of the browser suite's server (invented). */
export const ADMIN_EMAIL = 'browser-admin@example.test';
export const ADMIN_PASSWORD = 'an-invented-admin-passphrase-93';
/** What the suite's users choose after their temporary password (invented). */
export const PASSWORD = 'a-long-invented-passphrase-42';
export const TEMPORARY_PASSWORD = 'an-invented-temporary-passphrase-17';

export function baseUrl(): string {
  const url = process.env[ENV_BASE_URL];
  if (!url) throw new Error(`${ENV_BASE_URL} is not set: run the browser suite with \`npx playwright test\` (its global setup starts the server)`);
  return url;
}
