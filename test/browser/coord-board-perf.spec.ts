import type { Page } from '@playwright/test';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildTable, type BrowserTable } from './support/api';
import { BELOW, createMeeting, MEETS, signInAt, submitReferral, type Submitted } from './support/coordination';
import { expect, SCREENSHOTS, setTabHidden, test } from './support/ui';

/**
 * The meeting board with 100 situations on the agenda (seeded through the API): how long until
 * the 100 rows are on screen, until a situation's panel opens, and how fast the rationale field
 * takes keystrokes with 100 rows around it; then its polling: a read that changed nothing renders
 * nothing (React commits, counted through the devtools hook), a hidden tab reads nothing, and the
 * tab shown again does not burst. The figures go to test/browser/screenshots/board-perf.json.
 *
 * The polling has a test of its own, on the page's clock (Playwright's, moved on by the test; in real
 * time otherwise): it counts reads and commits, not time, and each poll interval passes at once
 * instead of 8 s of waiting. The timings are taken on the browser's own clock: the page's clock would
 * run its animation frames on a timer, and the keystrokes are timed to the next real frame.
 */
const SIZE = 100;
// Budgets for a shared 2-core machine; the figures measured are in the report (README).
const BUDGET = { renderMs: 5_000, openPanelMs: 500, panelReadyMs: 3_000, perKeyMs: 50 };
/** The board's poll interval (web/src/api/queries.ts LIVE_MS). */
const LIVE_MS = 8_000;

let world: BrowserTable;
let referrals: Submitted[];
/** The figures of both tests, written after each (the file has those of the tests that ran). */
const figures: Record<string, unknown> = { situations: SIZE };
function report(part: Record<string, unknown>): void {
  Object.assign(figures, part, { budget: BUDGET });
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, 'board-perf.json'), JSON.stringify(figures, null, 2));
  test.info().annotations.push({ type: 'board-perf', description: JSON.stringify(part) });
  console.log(`board with ${SIZE} situations: ${JSON.stringify(part)}`);
}

/** Counts React's commits (a devtools hook: React reports each commit to one when it is there, production builds too). */
async function countCommits(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __commits: number };
    w.__commits = 0;
    w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => undefined,
      onScheduleFiberRoot: () => undefined,
      onCommitFiberRoot: () => void w.__commits++,
      onPostCommitFiberRoot: () => undefined,
      onCommitFiberUnmount: () => undefined,
    };
  });
}
test.beforeAll(async () => {
  test.setTimeout(300_000);
  world = await buildTable({ code: 'PERF' });
  const reps = ['police', 'health', 'housing', 'school'] as const;
  referrals = [];
  for (let i = 0; i < SIZE; i += 10) {
    referrals.push(...(await Promise.all(Array.from({ length: Math.min(10, SIZE - i) }, (_, j) => submitReferral(world, reps[(i + j) % 4], (i + j) % 3 ? MEETS : BELOW)))));
  }
});

test(`the board stays responsive with ${SIZE} situations on the agenda`, async ({ page }) => {
  test.setTimeout(180_000);
  const meetingId = await createMeeting(world);
  await signInAt(page, world.coordinator, 'en', '/meetings');
  await expect(page.getByTestId('open-meetings')).toBeVisible();

  // Render: from following the link to the board until the 100 rows are on screen.
  const t0 = Date.now();
  await page.getByTestId('open-meetings').getByRole('link').first().click();
  await expect(page.getByTestId('agenda-newSituations').getByTestId('agenda-row')).toHaveCount(SIZE);
  const renderMs = Date.now() - t0;
  expect(page.url()).toContain(meetingId);

  // Interaction, timed in the page (no test-driver overhead): from the click on the last row's
  // button to the focus on its open panel; then until its facts and forms are read.
  await page.evaluate(() => {
    const w = window as unknown as Record<string, number>;
    document.addEventListener('click', () => (w.__clickAt = performance.now()), { capture: true });
    document.addEventListener('focusin', (e) => {
      if ((e.target as Element).matches('[data-testid=situation-panel] h3')) w.__panelAt = performance.now();
    });
  });
  const last = referrals[referrals.length - 1];
  const t1 = Date.now();
  await page.locator(`#toggle-newSituations-${last.id}`).click();
  await expect(page.getByTestId('situation-panel').getByRole('heading', { level: 3 })).toBeFocused();
  const openPanelMs = Math.round(await page.evaluate(() => (window as unknown as Record<string, number>).__panelAt - (window as unknown as Record<string, number>).__clickAt));
  await expect(page.getByTestId('decision-form')).toBeVisible();
  const panelReadyMs = Date.now() - t1;

  // Typing in the rationale with the 100 rows around it: per keystroke, from keydown to the next
  // frame after React has rendered the new value (in the page).
  const field = page.locator(`#p-${last.id}-rationale`);
  await field.focus();
  await page.evaluate(() => {
    const w = window as unknown as { __keys: number[]; __down: number };
    w.__keys = [];
    document.addEventListener('keydown', () => (w.__down = performance.now()), { capture: true });
    document.addEventListener('input', () => requestAnimationFrame(() => w.__keys.push(performance.now() - w.__down)));
  });
  const text = 'The table discussed this situation at length and agrees with the advice given.';
  const t2 = Date.now();
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
  const typingMs = Date.now() - t2;
  const keys = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
  const perKeyMs = keys.reduce((a, b) => a + b, 0) / Math.max(1, keys.length);
  const maxKeyMs = Math.round(Math.max(...keys));

  // Switching to another situation closes the first panel and opens the next.
  const t3 = Date.now();
  await page.locator(`#toggle-newSituations-${referrals[0].id}`).click();
  await expect(page.getByTestId('situation-panel')).toHaveAttribute('data-reference', referrals[0].reference);
  const switchMs = Date.now() - t3;
  await expect(page.getByTestId('decision-form')).toBeVisible();

  // The browser's own view: the DOM and the heap.
  const inPage = await page.evaluate(() => ({
    domNodes: document.getElementsByTagName('*').length,
    heapMB: Math.round(((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6),
  }));
  report({ renderMs, openPanelMs, panelReadyMs, typingMs, keystrokes: keys.length, perKeyMs: Math.round(perKeyMs * 10) / 10, maxKeyMs, switchMs, ...inPage });

  expect(renderMs).toBeLessThan(BUDGET.renderMs);
  expect(openPanelMs).toBeLessThan(BUDGET.openPanelMs);
  expect(panelReadyMs).toBeLessThan(BUDGET.panelReadyMs);
  expect(perKeyMs).toBeLessThan(BUDGET.perKeyMs);
});

test(`the board's polling with ${SIZE} situations: nothing renders when nothing changed, nothing is read while hidden, no burst on return`, async ({ page }) => {
  test.setTimeout(180_000);
  const meetingId = await createMeeting(world);
  // The page's timers on a clock the test moves on (in real time otherwise): each poll interval passes at once.
  await page.clock.install();
  await countCommits(page);
  const reads: { at: number; url: string }[] = [];
  page.on('requestfinished', (r) => {
    if (r.method() === 'GET' && /\/api\/v1\/(meetings\/[^/]+\/agenda|meetings\/[^/?]+$|situations\/[^/?]+$)/.test(new URL(r.url()).pathname))
      reads.push({ at: Date.now(), url: r.url() });
  });
  const agendaReads = () => reads.filter((r) => r.url.includes('/agenda')).length;
  await signInAt(page, world.coordinator, 'en', `/meetings/${meetingId}`);
  await expect(page.getByTestId('agenda-newSituations').getByTestId('agenda-row')).toHaveCount(SIZE);
  await page.locator(`#toggle-newSituations-${referrals[0].id}`).click();
  await expect(page.getByTestId('situation-panel')).toHaveAttribute('data-reference', referrals[0].reference);

  // Polling with nothing changed: the agenda (100 rows), the meeting and the open situation are
  // read again, twice (one interval, then the next), and nothing renders (no React commit at all).
  await expect(page.getByTestId('decision-form')).toBeVisible();
  await page.waitForTimeout(1_000);
  const commits = () => page.evaluate(() => (window as unknown as { __commits: number }).__commits);
  const commitsBefore = await commits();
  const readsBefore = agendaReads();
  for (const n of [1, 2]) {
    await page.clock.fastForward(LIVE_MS);
    await expect.poll(agendaReads, { timeout: 3 * LIVE_MS }).toBeGreaterThanOrEqual(readsBefore + n);
  }
  await page.waitForTimeout(500);
  const pollCommits = (await commits()) - commitsBefore;
  const polledReads = agendaReads() - readsBefore;

  // Hidden: no read for longer than an interval (and time for one started to come back). Shown
  // again: no burst, then reads again.
  await setTabHidden(page, true);
  await page.waitForTimeout(500);
  const hiddenFrom = reads.length;
  await page.clock.runFor(LIVE_MS + 2_000);
  await page.waitForTimeout(1_000);
  const hiddenReads = reads.length - hiddenFrom;
  await setTabHidden(page, false);
  const shownAt = Date.now();
  await page.waitForTimeout(1_000);
  const burstReads = reads.filter((r) => r.at >= shownAt).length;
  await page.clock.fastForward(LIVE_MS);
  await expect.poll(() => reads.filter((r) => r.at >= shownAt && r.url.includes('/agenda')).length, { timeout: 2 * LIVE_MS }).toBeGreaterThanOrEqual(1);
  report({ polledReads, pollCommits, hiddenReads, burstReads });

  expect(polledReads).toBeGreaterThanOrEqual(2);
  expect(commitsBefore).toBeGreaterThan(0); // the hook counts: opening the board and its panels committed
  expect(pollCommits).toBe(0);
  expect(hiddenReads).toBe(0);
  // the three live queries (meeting, agenda, open situation) at most once each on return
  expect(burstReads).toBeLessThanOrEqual(3);
});
