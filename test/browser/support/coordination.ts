import type { Page } from '@playwright/test';
import { call, login, type BrowserTable } from './api';
import { expect, openApp, type Lang } from './ui';

import { BELOW as E2E_BELOW, MEETS as E2E_MEETS } from '../../support/intakes';

/**
 * Fixtures of the coordinator's screens, through the API (invented, de-identified content only): the
 * e2e suites' intakes (test/support/intakes.ts). MEETS meets the default threshold (4 factors, 4
 * categories, 3 sectors named as needed, 2 confirmed); BELOW has one suspected factor.
 */
export const MEETS = { ...E2E_MEETS, narrative: 'Adult living in a vehicle since spring; heavy alcohol use; two falls this month.' };

export const BELOW = E2E_BELOW;

export interface Submitted {
  id: string;
  reference: string;
}

const tokens = new Map<string, string>();
/** A token per user, reused across a spec file (sign-in is rate limited and slow). */
export async function tokenOf(user: { email: string; password: string }): Promise<string> {
  let t = tokens.get(user.email);
  if (!t) {
    t = await login(user.email, user.password);
    tokens.set(user.email, t);
  }
  return t;
}

export async function submitReferral(world: BrowserTable, rep: keyof BrowserTable['reps'] = 'police', body: object = MEETS): Promise<Submitted> {
  const res = await call<Submitted>('POST', `/tables/${world.tableId}/situations`, await tokenOf(world.reps[rep]), body, 201);
  return { id: res.body.id, reference: res.body.reference };
}

export async function createMeeting(world: BrowserTable, kind: 'REGULAR' | 'EMERGENCY' = 'REGULAR'): Promise<string> {
  const res = await call<{ id: string }>('POST', `/tables/${world.tableId}/meetings`, await tokenOf(world.coordinator), { scheduledFor: new Date().toISOString(), kind }, 201);
  return res.body.id;
}

export async function decide(world: BrowserTable, id: string, outcome: 'AER' | 'NOT_AER' = 'AER', meetingId?: string): Promise<void> {
  await call(
    'POST',
    `/situations/${id}/decision`,
    await tokenOf(world.coordinator),
    { outcome, rationale: 'The table agrees with the advice given.', ...(meetingId ? { meetingId } : {}) },
    200,
  );
}

export async function assign(world: BrowserTable, id: string): Promise<void> {
  await call(
    'POST',
    `/situations/${id}/assignment`,
    await tokenOf(world.coordinator),
    { leadAgencyId: world.agencies.housing.id, assistingAgencyIds: [world.agencies.health.id] },
    200,
  );
}

export async function mobilize(world: BrowserTable, id: string): Promise<void> {
  await call('POST', `/situations/${id}/mobilization`, await tokenOf(world.reps.housing), { mobilizedAt: new Date().toISOString(), services: ['HOUSING_SHELTER'] }, 200);
}

export async function closeSituation(world: BrowserTable, id: string, conclusion = 'CONNECTED_TO_SERVICES', consentStatus = 'OBTAINED'): Promise<void> {
  await call('POST', `/situations/${id}/closure`, await tokenOf(world.coordinator), { conclusion, consentStatus }, 200);
}

export async function situationStatus(world: BrowserTable, id: string): Promise<string> {
  const res = await call<{ status: string }>('GET', `/situations/${id}`, await tokenOf(world.coordinator), undefined, 200);
  return res.body.status;
}

/**
 * Signs in from a deep link: the app sends the visitor to the sign-in screen and back to `path`
 * after it (a `page.goto` after signing in would reload the app, which forgets the session: the
 * token lives in memory only).
 */
export async function signInAt(page: Page, user: { email: string; password: string }, lang: Lang, path: string): Promise<void> {
  await openApp(page, lang, path);
  await page.locator('#signin-email').fill(user.email);
  await page.locator('#signin-password').fill(user.password);
  await page.locator('form button[type=submit]').click();
  await expect(page.getByTestId('sign-out')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/]/g, '\\/')}$`));
}
