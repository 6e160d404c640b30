import { expect, test, type Page } from '@playwright/test';
import { checkoutTrace } from '@/e2e/support/checkout-trace';
import { randomTraceId } from '@/e2e/support/otlp-trace';
import { sendSpans } from '@/e2e/support/send-spans';
import { sendTraces, uniqueService } from '@/e2e/support/send-otlp';
import { TracePage } from '@/e2e/pages/trace-page';

// A 390 px wide phone: no page is wider than the screen, the lookup box is usable, search rows
// keep their title, the trace shows its bars, and span detail is a full-screen sheet.

test.use({ viewport: { width: 390, height: 844 } });

const documentWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('[SMALL SCREEN]: search, services, storage, sampling, explore and exceptions fit 390 px; the lookup box is full width', async ({ page, request }) => {
  const svc = uniqueService('phone');
  await sendTraces(request, [{ root: { service: svc, name: 'GET /a-rather-long-operation-name/with/segments', kind: 2, durationMs: 40 } }]);
  await page.goto(`/search?service=${svc}`);
  await expect(page.getByTestId('result-item')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByTestId('result-root')).toBeVisible();
  expect(await documentWidth(page)).toBeLessThanOrEqual(390);
  const lookup = await page.getByTestId('trace-lookup-input').boundingBox();
  expect(lookup!.width).toBeGreaterThan(300);
  expect(lookup!.x + lookup!.width).toBeLessThanOrEqual(390);

  for (const url of ['/services?window=1h', '/storage', '/sampling', '/explore', '/exceptions']) {
    await page.goto(url);
    await expect(page.getByTestId('main-nav')).toBeVisible();
    await page.waitForLoadState('load');
    await page.waitForTimeout(1500); // not networkidle: a page may keep a request open
    expect(await documentWidth(page), url).toBeLessThanOrEqual(390);
  }
});

test('[SMALL SCREEN]: the trace page shows bars at 390 px and span detail as a full-screen sheet', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);
  await expect(tracePage.rows).toHaveCount(6);
  expect(await documentWidth(page)).toBeLessThanOrEqual(390);
  const bar = await tracePage.rows.first().getByTestId('span-bar').boundingBox();
  expect(bar!.width).toBeGreaterThan(20);
  expect(bar!.x + bar!.width).toBeLessThanOrEqual(391);

  await tracePage.row('Charge').click();
  const sheet = await tracePage.detail.boundingBox();
  expect(sheet).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  await page.keyboard.press('Escape');
  await expect(tracePage.detail).toHaveCount(0);
});
