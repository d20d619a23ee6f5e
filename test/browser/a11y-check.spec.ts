import { checkA11y, expect, openApp, test } from './support/ui';

/**
 * The accessibility check itself (support/ui.ts): it finds what axe-core's WCAG 2.0/2.1 A and AA
 * rules find, names each violation, and evaluates axe-core once per document, on the app's own page
 * under its CSP as on a page with nothing to find.
 */
test('the accessibility check names the violations it finds, and evaluates axe-core once per document', async ({ page }) => {
  await openApp(page, 'en');
  await checkA11y(page, 'sign-in');
  // the app's one document keeps axe-core: a second check does not evaluate it again
  await page.evaluate(() => ((window as unknown as { axe: { marker?: number } }).axe.marker = 42));
  await checkA11y(page, 'sign-in again');
  expect(await page.evaluate(() => (window as unknown as { axe: { marker?: number } }).axe.marker)).toBe(42);
  // a page with an image without a text alternative and a field without a label
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>',
  );
  const failure = await checkA11y(page, 'broken page').then(
    () => null,
    (e: Error) => e.message,
  );
  expect(failure).toMatch(/axe violations on broken page/);
  expect(failure).toMatch(/image-alt \(critical\)/);
  expect(failure).toMatch(/label \(critical\)/);
});
