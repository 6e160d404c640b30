import { expect, test } from '@playwright/test';
import { TraceAnalysis } from '@/e2e/pages/trace-analysis';
import { TracePage } from '@/e2e/pages/trace-page';
import { checkoutTrace } from '@/e2e/support/checkout-trace';
import { randomTraceId, type SpanSpec } from '@/e2e/support/otlp-trace';
import { sendSpans } from '@/e2e/support/send-spans';

// The critical path and the statistics view on the trace page, fed through real ingest.
//
// The checkout trace (GET /checkout 0-120 ms → PlaceOrder 10-100 → reserve-stock 12-32, Charge
// 40-90 → SELECT balance 45-55; render 102-117) plus work that overlaps it and so is off the
// path: warm-cache 15-25 (under PlaceOrder, hidden by reserve-stock) and audit-log 20-30 with
// two writes (under the root, hidden by PlaceOrder). On the path: payments 50 ms (Charge 35+5,
// SELECT 10), checkout 40 (PlaceOrder 10+8+2, reserve-stock 20), frontend 30 (root 3+2+10,
// render 15), of 120.
const analysedTrace = (): SpanSpec[] => [
  ...checkoutTrace(),
  { spanId: 'b000000000000001', parentSpanId: 'a000000000000002', service: 'checkout', name: 'warm-cache', startMs: 15, durationMs: 10 },
  { spanId: 'b000000000000002', parentSpanId: 'a000000000000001', service: 'audit', name: 'audit-log', startMs: 20, durationMs: 10, attributes: { 'http.status_code': 202 } },
  { spanId: 'b000000000000003', parentSpanId: 'b000000000000002', service: 'audit', name: 'write', startMs: 21, durationMs: 1 },
  { spanId: 'b000000000000004', parentSpanId: 'b000000000000002', service: 'audit', name: 'write', startMs: 23, durationMs: 1 },
];

test('[CRITICAL]: the critical path is marked on the bars, summed per service, and the toggle hides the rest', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, analysedTrace());
  const tracePage = await TracePage.open(page, traceId);
  const analysis = new TraceAnalysis(page);

  await expect(tracePage.rows).toHaveCount(10);
  // only the critical parts of a bar: the root's three stretches, Charge's two, none off the path
  await expect(tracePage.row('GET /checkout').getByTestId('critical-section')).toHaveCount(3);
  await expect(tracePage.row('Charge').getByTestId('critical-section')).toHaveCount(2);
  await expect(tracePage.row('SELECT balance').getByTestId('critical-section')).toHaveCount(1);
  await expect(tracePage.row('warm-cache').getByTestId('critical-section')).toHaveCount(0);
  await expect(tracePage.row('audit-log').getByTestId('critical-section')).toHaveCount(0);
  // a critical section covers part of its bar, not all of it: Charge is critical for 40 of its 50 ms
  const bar = await tracePage.row('Charge').getByTestId('span-bar').boundingBox();
  const marks = tracePage.row('Charge').getByTestId('critical-section');
  const marked = (await marks.nth(0).boundingBox())!.width + (await marks.nth(1).boundingBox())!.width;
  expect(marked / bar!.width).toBeCloseTo(0.8, 1);

  await expect.poll(() => analysis.summaryShares()).toEqual(['payments 42%', 'checkout 33%', 'frontend 25%']);

  await analysis.onlyCritical.click();
  await expect(analysis.onlyCritical).toHaveAttribute('aria-pressed', 'true');
  await expect(tracePage.rows).toHaveCount(6);
  for (const name of ['warm-cache', 'audit-log', 'write']) await expect(tracePage.row(name)).toHaveCount(0);
  await expect(tracePage.row('SELECT balance')).toBeVisible();

  // keyboard: the toggle answers Enter
  await analysis.onlyCritical.focus();
  await page.keyboard.press('Enter');
  await expect(tracePage.rows).toHaveCount(10);

  await analysis.markCritical.click();
  await expect(page.getByTestId('critical-section')).toHaveCount(0);
});

test('[CRITICAL]: the statistics table sorts by any column and groups by an attribute', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, analysedTrace());
  await TracePage.open(page, traceId);
  const analysis = new TraceAnalysis(page);
  await analysis.openStatistics();
  await expect(page).toHaveURL(/[?&]view=stats/);

  // most self time first: Charge 40 ms, PlaceOrder and reserve-stock 20, …, the two writes 2
  await expect(analysis.statsRows).toHaveCount(9);
  expect(await analysis.column('operation')).toEqual(['Charge', 'PlaceOrder', 'reserve-stock', 'GET /checkout', 'render', 'warm-cache', 'SELECT balance', 'audit-log', 'write']);
  await expect(analysis.statsRows.first().getByTestId('stats-cell-selfUs')).toHaveText('40ms');
  await expect(analysis.statsRows.first().getByTestId('stats-cell-share')).toHaveText('33.3%');

  await analysis.sortBy('count').click();
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Count');
  expect((await analysis.column('operation'))[0]).toBe('write');
  expect((await analysis.column('count'))[0]).toBe('2');
  await analysis.sortBy('count').click();
  await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Count');
  expect((await analysis.column('operation')).at(-1)).toBe('write');

  // by keyboard: Tab to a header and press Enter
  await analysis.sortBy('service').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Service');
  expect(await analysis.column('service')).toEqual(['audit', 'audit', 'checkout', 'checkout', 'checkout', 'frontend', 'frontend', 'payments', 'payments']);

  await page.getByTestId('stats-level').selectOption('service');
  await expect(analysis.statsRows).toHaveCount(4);
  await page.getByTestId('stats-group-by').selectOption('http.status_code');
  await expect(page.getByTestId('stats-cell-group')).toHaveCount(6);
  // still by service; within one, spans without the attribute first
  const without = 'without http.status_code';
  expect(await analysis.column('group')).toEqual([without, '202', without, without, '200', without]);
  expect(await analysis.column('service')).toEqual(['audit', 'audit', 'checkout', 'frontend', 'frontend', 'payments']);
});

test('[CRITICAL]: at 390 px the controls, the summary and the statistics stay usable', async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const traceId = randomTraceId();
  await sendSpans(request, traceId, analysedTrace());
  const tracePage = await TracePage.open(page, traceId);
  const analysis = new TraceAnalysis(page);
  // the bars keep room beside the names, so the critical sections show
  const mark = (await tracePage.row('Charge').getByTestId('critical-section').first().boundingBox())!; // 55-90 ms of 120
  expect(mark.width).toBeGreaterThan(10);
  expect(mark.x + mark.width).toBeLessThanOrEqual(390);
  for (const control of [analysis.onlyCritical, analysis.markCritical, page.getByTestId('trace-view-stats'), analysis.summary]) {
    const box = (await control.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await analysis.openStatistics();
  await expect(analysis.statsRows).toHaveCount(9);
  const table = (await page.getByTestId('stats-table').locator('..').boundingBox())!;
  expect(table.x + table.width).toBeLessThanOrEqual(390);
  await analysis.sortBy('share').click();
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Share');
});
