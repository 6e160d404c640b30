import { expect, test } from '@playwright/test';
import { TracePage } from '@/e2e/pages/trace-page';
import { makeLargeTrace, randomTraceId } from '@/e2e/support/otlp-trace';
import { sendSpans } from '@/e2e/support/send-spans';

// A 10,000-span trace: the page must answer quickly and keep only about a screenful of rows in
// the DOM (virtualized), wherever the user scrolls.

test('[LARGE]: a 10,000-span trace stays responsive with a screenful of rows in the DOM', async ({ page, request }) => {
  test.setTimeout(180_000);
  const traceId = randomTraceId();
  const spans = makeLargeTrace(10_000);
  await sendSpans(request, traceId, spans);

  const started = Date.now();
  const tracePage = await TracePage.open(page, traceId);
  await expect(tracePage.rows.first()).toBeVisible({ timeout: 15_000 });
  expect(Date.now() - started, 'time to the first rows').toBeLessThan(15_000);
  await expect(page.getByTestId('trace-span-count')).toHaveText('10,000');

  const countRows = () => tracePage.rows.count();
  expect(await countRows()).toBeLessThan(100);

  const scroller = page.getByTestId('timeline-rows');
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  // the last row in depth-first order: from the root, keep taking the last child (4-ary tree by index)
  let lastIndex = 0;
  while (4 * lastIndex + 1 < spans.length) lastIndex = Math.min(4 * lastIndex + 4, spans.length - 1);
  const last = spans[lastIndex];
  await expect(page.locator(`[data-span-id="${last.spanId}"]`)).toBeVisible();
  expect(await countRows()).toBeLessThan(100);

  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect(tracePage.rows.first()).toBeVisible();
  expect(await countRows()).toBeLessThan(100);

  // still answers input promptly: open a span's detail, collapse the root, find across 10,000 spans
  const t0 = Date.now();
  await tracePage.rows.nth(5).click();
  await expect(tracePage.detail).toBeVisible({ timeout: 2_000 });
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  await tracePage.row('operation-0').first().getByTestId('toggle-children').click();
  await expect(tracePage.rows).toHaveCount(1, { timeout: 2_000 });
  await page.getByTestId('expand-all').click();
  await tracePage.findInput.fill('simulated failure');
  await expect(tracePage.findCount).toHaveText(`0 / ${Math.ceil(10_000 / 97)}`, { timeout: 3_000 });
  expect(Date.now() - t0, 'three interactions').toBeLessThan(8_000);
});
