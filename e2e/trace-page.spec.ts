import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { checkoutTrace } from '@/e2e/support/checkout-trace';
import { randomTraceId } from '@/e2e/support/otlp-trace';
import { sendSpans } from '@/e2e/support/send-spans';
import { TracePage } from '@/e2e/pages/trace-page';

// The trace page, fed through the real ingest endpoint (POST /v1/traces).

test('[TRACE]: the page shows every span, every service and the trace summary', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);

  await expect(tracePage.rows).toHaveCount(6);
  for (const name of ['GET /checkout', 'PlaceOrder', 'reserve-stock', 'Charge', 'SELECT balance', 'render']) {
    await expect(tracePage.row(name)).toBeVisible();
  }
  await expect(page.getByTestId('trace-service')).toHaveCount(3);
  await expect(page.getByTestId('trace-services')).toContainText('frontend');
  await expect(page.getByTestId('trace-services')).toContainText('checkout');
  await expect(page.getByTestId('trace-services')).toContainText('payments');
  await expect(page.getByTestId('trace-title')).toHaveText('frontend: GET /checkout');
  await expect(page.getByTestId('trace-span-count')).toHaveText('6');
  await expect(page.getByTestId('trace-error-count')).toHaveText('1');
  await expect(page.getByTestId('trace-depth')).toHaveText('4');
  await expect(page.getByTestId('trace-duration')).toHaveText('120ms');
  await expect(tracePage.row('Charge').getByTestId('error-mark')).toBeVisible();
  await expect(tracePage.row('Charge').getByTestId('event-tick')).toHaveCount(1);
});

test('[TRACE]: collapsing a span hides its descendants; expanding shows them again', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);

  await tracePage.toggleChildren('PlaceOrder');
  await expect(tracePage.rows).toHaveCount(3);
  await expect(tracePage.row('Charge')).toHaveCount(0);
  await expect(tracePage.row('render')).toBeVisible();
  await tracePage.toggleChildren('PlaceOrder');
  await expect(tracePage.rows).toHaveCount(6);

  await page.getByTestId('collapse-all').click();
  await expect(tracePage.rows).toHaveCount(1);
  await page.getByTestId('expand-one').click();
  await expect(tracePage.rows).toHaveCount(3);
  await page.getByTestId('expand-all').click();
  await page.getByTestId('collapse-one').click();
  await expect(tracePage.row('SELECT balance')).toHaveCount(0);
  await expect(tracePage.rows).toHaveCount(5);
});

test("[TRACE]: a span's detail shows its typed attributes, events, status, resource and scope", async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);

  await tracePage.openDetail('GET /checkout');
  const attrs = tracePage.detail.getByTestId('span-attributes');
  await expect(tracePage.attribute(attrs, 'http.status_code').getByTestId('attribute-value')).toHaveText('200');
  await expect(tracePage.attribute(attrs, 'http.status_code').getByTestId('attribute-type')).toHaveText('int');
  await expect(tracePage.attribute(attrs, 'cart.total').getByTestId('attribute-type')).toHaveText('double');
  await expect(tracePage.attribute(attrs, 'http.retry').getByTestId('attribute-value')).toHaveText('false');
  await expect(tracePage.attribute(attrs, 'http.method').getByTestId('attribute-type')).toHaveText('string');
  // in the order the client sent them, not sorted
  await expect(attrs.getByTestId('attribute-key')).toHaveText(['http.method', 'http.status_code', 'http.retry', 'cart.total']);
  await expect(tracePage.detail.getByTestId('event-name')).toHaveText(['cart.loaded']);
  const resource = tracePage.detail.getByTestId('resource-attributes');
  await expect(tracePage.attribute(resource, 'service.name').getByTestId('attribute-value')).toHaveText('frontend');
  await expect(tracePage.detail.getByTestId('span-scope')).toHaveText('@spanscope/e2e 1.0.0');

  await tracePage.openDetail('Charge');
  await expect(tracePage.detail.getByTestId('span-detail-status')).toHaveText('error: card declined');
  const event = tracePage.detail.getByTestId('span-event');
  await expect(event.getByTestId('event-name')).toHaveText('exception');
  await expect(tracePage.attribute(event, 'exception.message').getByTestId('attribute-value')).toHaveText('insufficient funds');
  await expect(page).toHaveURL(/[?&]span=a000000000000004/);
});

test('[TRACE]: a deep link to a span opens its detail; find highlights matches and is kept in the URL', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId, '?span=a000000000000005');
  await expect(tracePage.detail.getByTestId('span-detail-name')).toHaveText('SELECT balance');

  await tracePage.findInput.fill('payments');
  await expect(tracePage.findCount).toHaveText('0 / 2');
  await expect(page.locator('[data-testid="span-row"][data-match]')).toHaveCount(2);
  await expect(page).toHaveURL(/[?&]find=payments/);
  await tracePage.findInput.press('Enter');
  await expect(tracePage.findCount).toHaveText('1 / 2');
  await page.getByTestId('find-next').click();
  await expect(tracePage.findCount).toHaveText('2 / 2');

  await page.reload();
  await expect(tracePage.findInput).toHaveValue('payments');
  await expect(page.locator('[data-testid="span-row"][data-match]')).toHaveCount(2);
});

test('[TRACE]: find matches status, kind and duration too, and "Matches only" keeps the matches and the spans above them', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);
  await expect(tracePage.rows).toHaveCount(6);

  await tracePage.findInput.fill('status:error');
  await expect(tracePage.findCount).toHaveText('0 / 1');
  await tracePage.findInput.fill('kind:server duration>=100ms');
  await expect(tracePage.findCount).toHaveText('0 / 1'); // GET /checkout (120 ms), not PlaceOrder (90 ms)
  await tracePage.findInput.fill('payments');
  await expect(tracePage.findCount).toHaveText('0 / 2');

  await page.getByTestId('find-only').click();
  await expect(page.getByTestId('find-only')).toHaveAttribute('aria-pressed', 'true');
  // Charge and SELECT balance, with GET /checkout and PlaceOrder above them; not reserve-stock, not render
  await expect(tracePage.rows.getByTestId('span-name')).toHaveText(['GET /checkout', 'PlaceOrder', 'Charge', 'SELECT balance']);
  await page.getByTestId('find-only').click();
  await expect(tracePage.rows).toHaveCount(6);
});

test('[TRACE]: the name column and the span detail resize by drag or keyboard, and keep their widths across a reload', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  await page.setViewportSize({ width: 1400, height: 900 });
  const tracePage = await TracePage.open(page, traceId);
  const nameCell = tracePage.row('GET /checkout').getByTestId('span-name-cell');
  const widthOf = async (l: import('@playwright/test').Locator) => Math.round((await l.boundingBox())!.width);
  const before = await widthOf(nameCell);

  // drag the column's edge 120 px to the right
  const handle = page.getByTestId('name-column-resize');
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => widthOf(nameCell)).toBeGreaterThan(before + 100);
  const dragged = await widthOf(nameCell);

  // the keyboard: focused, → widens by 16 px
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => widthOf(nameCell)).toBe(dragged + 16);

  await tracePage.openDetail('Charge');
  const detail = page.getByTestId('span-detail');
  const detailBefore = await widthOf(detail);
  await page.getByTestId('span-detail-resize').focus();
  await page.keyboard.press('Shift+ArrowLeft'); // the panel's left edge: ← widens it by 64 px
  await expect.poll(() => widthOf(detail)).toBe(detailBefore + 64);

  await page.reload();
  await expect(tracePage.rows).toHaveCount(6);
  await expect.poll(() => widthOf(nameCell)).toBe(dragged + 16);
  await expect.poll(() => widthOf(page.getByTestId('span-detail'))).toBe(detailBefore + 64);
});

test('[TRACE]: a SQL statement reads a clause a line; copying it gives the statement as sent', async ({ page, request, context }) => {
  const traceId = randomTraceId();
  const sql = "SELECT id, total FROM orders WHERE status = $1 AND region = 'eu' ORDER BY total DESC LIMIT 20";
  const [root, ...rest] = checkoutTrace();
  await sendSpans(request, traceId, [{ ...root, attributes: { ...root.attributes, 'db.statement': sql } }, ...rest]);
  const tracePage = await TracePage.open(page, traceId);
  await tracePage.openDetail('GET /checkout');
  const statement = tracePage.attribute(tracePage.detail.getByTestId('span-attributes'), 'db.statement');
  await expect(statement.getByTestId('attribute-block')).toHaveText(
    ['SELECT id, total', 'FROM orders', 'WHERE status = $1', "  AND region = 'eu'", 'ORDER BY total DESC', 'LIMIT 20'].join('\n'),
  );
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await statement.getByRole('button', { name: 'Copy db.statement' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sql);
});

test('[TRACE]: the keyboard moves the selection, collapses, opens and closes the detail', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);
  const selected = page.locator('[data-testid="span-row"][aria-selected="true"]');

  await expect(selected.getByTestId('span-name')).toHaveText('GET /checkout');
  await page.keyboard.press('j');
  await expect(selected.getByTestId('span-name')).toHaveText('PlaceOrder');
  await page.keyboard.press('ArrowLeft');
  await expect(tracePage.rows).toHaveCount(3);
  await page.keyboard.press('ArrowRight');
  await expect(tracePage.rows).toHaveCount(6);
  await page.keyboard.press('Enter');
  await expect(tracePage.detail.getByTestId('span-detail-name')).toHaveText('PlaceOrder');
  await page.keyboard.press('Escape');
  await expect(tracePage.detail).toHaveCount(0);
  await page.keyboard.press('/');
  await expect(tracePage.findInput).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByTestId('keyboard-help')).toContainText('next / previous match');
});

test("[TRACE]: a span link opens the linked trace at the linked span; the trace's JSON downloads", async ({ page, request }) => {
  const otherTrace = randomTraceId();
  await sendSpans(request, otherTrace, checkoutTrace());
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace({ traceId: otherTrace, spanId: 'a000000000000003' }));
  const tracePage = await TracePage.open(page, traceId);

  await tracePage.openDetail('PlaceOrder');
  await expect(tracePage.detail.getByTestId('span-link').getByTestId('link-target-name')).toHaveText('checkout · reserve-stock');
  await tracePage.detail.getByTestId('span-link').click();
  await expect(page).toHaveURL(new RegExp(`/trace/${otherTrace}\\?span=a000000000000003`));
  await expect(page.getByTestId('trace-id')).toHaveText(otherTrace);
  await expect(tracePage.detail.getByTestId('span-detail-name')).toHaveText('reserve-stock');

  const download = page.waitForEvent('download');
  await page.getByTestId('trace-json-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`trace-${otherTrace}.json`);
  const json = JSON.parse(readFileSync(await file.path(), 'utf8'));
  const names = json.result.resourceSpans.flatMap((r: { scopeSpans: { spans: { name: string }[] }[] }) => r.scopeSpans.flatMap((s) => s.spans.map((x) => x.name)));
  expect(names.sort()).toEqual(['Charge', 'GET /checkout', 'PlaceOrder', 'SELECT balance', 'render', 'reserve-stock']);
});

test('[TRACE]: dragging across the minimap zooms the timeline; dragging the range pans it; reset restores', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);
  const firstTick = page.getByTestId('timeline').locator('span.absolute').first();
  await expect(firstTick).toHaveText('0µs');
  await expect(page.getByTestId('reset-zoom')).toBeDisabled();

  await tracePage.dragMinimap(0.25, 0.5);
  await expect(firstTick).toHaveText('30ms'); // 25% of 120ms
  await expect(page.getByTestId('reset-zoom')).toBeEnabled();
  // the root's bar now spans the whole view; 'render' (102–117ms) is off to the right
  await expect(tracePage.row('render').getByTestId('span-bar')).toHaveCount(0);

  await tracePage.dragMinimap(0.4, 0.5); // inside the zoomed range: a pan
  await expect(firstTick).toHaveText('42ms');

  await page.getByTestId('reset-zoom').click();
  await expect(firstTick).toHaveText('0µs');
  await expect(tracePage.row('render').getByTestId('span-bar')).toHaveCount(1);
});

test('[TRACE]: a long attribute value comes cut with a marker, and Show all fetches it whole', async ({ page, request }) => {
  const traceId = randomTraceId();
  const long = 'SELECT 1 -- ' + 'x'.repeat(39_988); // 40,000 characters: over the 16,384 sent with a trace
  const [root, ...rest] = checkoutTrace();
  await sendSpans(request, traceId, [{ ...root, attributes: { ...root.attributes, 'db.statement': long } }, ...rest]);
  const tracePage = await TracePage.open(page, traceId);

  await tracePage.openDetail('GET /checkout');
  const attrs = tracePage.detail.getByTestId('span-attributes');
  const value = tracePage.attribute(attrs, 'db.statement').getByTestId('attribute-value');
  const showAll = tracePage.attribute(attrs, 'db.statement').getByTestId('attribute-show-all');
  await expect(showAll).toHaveText('show all (40,000 characters)');
  await expect(value).not.toContainText('x'.repeat(17_000));
  await showAll.click();
  await expect(value.getByTestId('attribute-text')).toHaveText(long);
  await expect(showAll).toHaveText('show less');
});

test('[TRACE]: a minimap zoom while scrolled away scrolls to the first row whose bar starts inside the window', async ({ page, request }) => {
  const traceId = randomTraceId();
  // a 300 ms root and 299 children one after another, 1 ms apart: each row's bar is its own millisecond
  const steps = Array.from({ length: 299 }, (_, i) => ({
    spanId: `b${String(i + 1).padStart(15, '0')}`, parentSpanId: 'b000000000000000', service: 'steps', name: `step-${String(i + 1).padStart(3, '0')}`,
    startMs: i + 1, durationMs: 0.9,
  }));
  await sendSpans(request, traceId, [{ spanId: 'b000000000000000', service: 'steps', name: 'all-steps', startMs: 0, durationMs: 300 }, ...steps]);
  const tracePage = await TracePage.open(page, traceId);
  await page.getByTestId('timeline-rows').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(tracePage.row('step-299')).toBeInViewport();

  await tracePage.dragMinimap(0.1, 0.2);
  // the window is ~30–60 ms: its first rows are in view with their bars, the last ones are not
  await expect(tracePage.row('step-035')).toBeInViewport();
  await expect(tracePage.row('step-035').getByTestId('span-bar')).toHaveCount(1);
  await expect(tracePage.row('step-299')).not.toBeInViewport();
});
