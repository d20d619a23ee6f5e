import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * The browser suite (test/browser): Chromium against the BUILT server (`node dist/src/main.js`,
 * started by the global setup on a free port and a fresh database). `npm test` builds first.
 */
const TIMED = /(coord-board-perf|performance)\.spec\.ts$/;

/**
 * Debian's Chromium: its headless shell when installed (the build Playwright itself runs headless:
 * no browser UI to start and composite, a fifth faster over the suite on 2 cores), else the full
 * browser in headless mode. CHROMIUM_PATH names another binary.
 */
const DEBIAN = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
export const CHROMIUM = process.env.CHROMIUM_PATH ?? DEBIAN.find((path) => existsSync(path)) ?? DEBIAN[1];
if (!existsSync(CHROMIUM)) {
  process.stderr.write(
    `Chromium not found at ${CHROMIUM}: install it (Debian/Ubuntu: sudo apt-get install -y chromium-headless-shell, or chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.\n`,
  );
  process.exit(1);
}

export default defineConfig({
  testDir: 'test/browser',
  testMatch: '*.spec.ts',
  globalSetup: './test/browser/support/global-setup.ts',
  // Two workers share the one server (each test builds its own table, users and situations): on 2
  // cores a test waits on the server, PostgreSQL or Chromium's layout about half of its time.
  // BROWSER_WORKERS=1 runs them one at a time. A file's tests run in order, in one worker.
  workers: Number(process.env.BROWSER_WORKERS ?? 2),
  fullyParallel: false,
  // The two specs that time the app run last, on their own (project `timed`), so that no other test's
  // load is in their figures.
  projects: [
    { name: 'screens', testIgnore: TIMED },
    { name: 'timed', testMatch: TIMED, dependencies: ['screens'] },
  ],
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test/browser/results',
  use: {
    browserName: 'chromium',
    headless: true,
    // The Debian package's binary (Playwright cannot download its own browser here); no `channel`.
    // Date and time inputs show the format of their `lang` (LangAttributeAwareFormControlUI; the app
    // gives each the locale of its language, fr-CA or en-CA), as they do for a user whose browser
    // speaks it. Without it they show the browser's interface locale whatever the context's locale,
    // and this Chromium ships its English interface only (--lang has no effect): mm/dd/yyyy in French.
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--enable-blink-features=LangAttributeAwareFormControlUI',
      ],
    },
    // English runs; a test naming "(fr)" in its title runs in fr-CA (support/ui.ts).
    locale: 'en-CA',
    trace: 'off',
    screenshot: 'only-on-failure',
    video: 'off',
  },
});
