import { expect, test } from '@playwright/test';
import { checkoutTrace } from '@/e2e/support/checkout-trace';
import { randomTraceId, type SpanSpec } from '@/e2e/support/otlp-trace';
import { sendSpans } from '@/e2e/support/send-spans';
import { uniqueService } from '@/e2e/support/send-otlp';
import { FlameGraphView, TracePage } from '@/e2e/pages/trace-page';
import { SearchPage } from '@/e2e/pages/search-page';

// Where did the time go: the flame graph shares the timeline's selection, two traces compared
// path by path (from the trace page and from picked search results), and "linked from" opens the
// trace whose span links here. Everything sent through the real ingest endpoint.

test('[FLAME]: clicking a block selects that span, and the timeline shows the same selection', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);
  const flame = new FlameGraphView(page);
  await flame.show();
  await expect(page).toHaveURL(/view=flame/);

  // rows: GET /checkout; PlaceOrder and render; reserve-stock and Charge (40–90 ms of 120); SELECT balance
  await flame.clickAt(65 / 120, 2);
  await expect(page).toHaveURL(/span=a000000000000004/);
  await expect(tracePage.detail.getByTestId('span-detail-name')).toHaveText('Charge');
  await expect(flame.canvas).toHaveAttribute('data-selected-span', 'a000000000000004');

  // the keyboard walks the graph: up to the parent
  await page.getByTestId('flame-scroll').focus();
  await page.keyboard.press('ArrowUp');
  await expect(tracePage.detail.getByTestId('span-detail-name')).toHaveText('PlaceOrder');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(tracePage.detail.getByTestId('span-detail-name')).toHaveText('Charge');

  await page.getByTestId('trace-view-timeline').click();
  await expect(tracePage.row('Charge')).toHaveAttribute('aria-selected', 'true');
  await expect(tracePage.rows.and(page.locator('[aria-selected="true"]'))).toHaveCount(1);

  // and the other way: a row picked on the timeline is the block outlined in the graph
  await tracePage.row('render').click();
  await flame.show();
  await expect(flame.canvas).toHaveAttribute('data-selected-span', 'a000000000000006');
});

const shopTrace = (service: string, dbMs: number, withAuth: boolean): SpanSpec[] => [
  { spanId: 'b000000000000001', service, name: 'GET /cart', startMs: 0, durationMs: dbMs + (withAuth ? 80 : 50), kind: 2 },
  { spanId: 'b000000000000002', parentSpanId: 'b000000000000001', service: 'cart-db', name: 'SELECT cart', startMs: 5, durationMs: dbMs },
  ...(withAuth ? [{ spanId: 'b000000000000003', parentSpanId: 'b000000000000001', service: 'auth', name: 'check token', startMs: dbMs + 10, durationMs: 20 }] : []),
];

test('[COMPARE]: "compare with…" on the trace page shows the added span and the slower one', async ({ page, request }) => {
  const shop = uniqueService('shop');
  const [a, b] = [randomTraceId(), randomTraceId()];
  await sendSpans(request, a, shopTrace(shop, 30, false));
  await sendSpans(request, b, shopTrace(shop, 300, true));
  await TracePage.open(page, a);

  await page.getByTestId('compare-with').click();
  await page.getByTestId('compare-with-input').fill(`traceparent: 00-${b}-b000000000000001-01`);
  await page.getByTestId('compare-with-submit').click();
  await expect(page).toHaveURL(new RegExp(`/compare/${a}\\.\\.\\.${b}$`));
  await expect(page.getByTestId('compare-page')).toBeVisible({ timeout: 20_000 });

  const rows = page.getByTestId('compare-row');
  // biggest change first: the root (80 → 380 ms), the slower query in it, then the added call
  await expect(rows.getByTestId('compare-row-operation')).toHaveText(['GET /cart', 'SELECT cart', 'check token']);
  await expect(rows.nth(1).getByTestId('compare-row-status')).toHaveText('slower');
  await expect(rows.nth(1).getByTestId('compare-row-delta')).toHaveText('+270ms');
  await expect(rows.nth(2).getByTestId('compare-row-status')).toHaveText('only in B');
  await page.getByTestId('compare-filter-only-b').click();
  await expect(rows.getByTestId('compare-row-operation')).toHaveText(['check token']);
});

test('[COMPARE]: two traces picked on the search results open the comparison', async ({ page, request }) => {
  const shop = uniqueService('shop');
  const [a, b] = [randomTraceId(), randomTraceId()];
  await sendSpans(request, a, shopTrace(shop, 30, false));
  await sendSpans(request, b, shopTrace(shop, 300, true));
  const search = await SearchPage.open(page, `service=${shop}`);
  await expect(search.results).toHaveCount(2);
  const picks = page.getByTestId('result-pick');
  await picks.nth(0).check();
  await expect(page.getByTestId('compare-bar')).toContainText('Pick one more');
  await picks.nth(1).check();
  await page.getByTestId('compare-picked').click();
  await expect(page.getByTestId('compare-page')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('compare-row').getByTestId('compare-row-operation').first()).toHaveText('GET /cart');
  await expect(page.getByTestId('compare-summary')).toContainText('1 only in');
});

test('[LINKS]: "linked from" lists the span linking here by service and operation, and a click opens that trace with that span selected', async ({ page, request }) => {
  const target = randomTraceId();
  const linking = randomTraceId();
  await sendSpans(request, target, checkoutTrace());
  await sendSpans(request, linking, [
    { spanId: 'c000000000000001', service: 'refunds', name: 'refund batch', startMs: 0, durationMs: 40 },
    { spanId: 'c000000000000002', parentSpanId: 'c000000000000001', service: 'refunds', name: 'refund order', startMs: 5, durationMs: 10,
      links: [{ traceId: target, spanId: 'a000000000000004' }] },
  ]);
  const tracePage = await TracePage.open(page, target);
  await expect(page.getByTestId('trace-incoming-links')).toHaveText('Linked from 1 trace');

  await tracePage.openDetail('Charge');
  const linkedFrom = tracePage.detail.getByTestId('linked-from-link');
  await expect(linkedFrom.getByTestId('link-target-name')).toHaveText('refunds · refund order');
  await expect(linkedFrom).toContainText(`${linking} / c000000000000002`);
  await linkedFrom.click();
  await expect(page).toHaveURL(new RegExp(`/trace/${linking}\\?span=c000000000000002`));
  await expect(tracePage.detail.getByTestId('span-detail-name')).toHaveText('refund order');
  // and back: the linking span's own link points at Charge
  const link = tracePage.detail.getByTestId('span-link');
  await expect(link.getByTestId('link-target-name')).toHaveText('payments · Charge');
  await expect(link).toContainText(`${target} / a000000000000004`);
});
