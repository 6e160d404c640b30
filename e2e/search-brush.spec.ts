import { expect, test } from '@playwright/test';
import { SearchPage } from '@/e2e/pages/search-page';
import { sendTraces, uniqueService } from '@/e2e/support/send-otlp';

// Brushing a region of the scatter plot (start time × trace duration) searches it: the region
// becomes the search's absolute window and whole-trace duration bounds, in the URL and the form.

test('[SEARCH]: dragging a region over the scatter plot searches the traces inside it', async ({ page, request }) => {
  const svc = uniqueService('brush');
  const t0 = Date.now() - 20 * 60_000;
  const durations = [10, 20, 400, 500, 30, 600];
  const ids = await sendTraces(request, durations.map((durationMs, i) => ({ root: { service: svc, name: 'GET /', kind: 2, durationMs }, startMs: t0 + i * 2 * 60_000 })));
  const search = await SearchPage.open(page, `service=${svc}`);
  await expect(search.points).toHaveCount(6);

  // a rectangle around the 400 ms and 500 ms traces only
  const [a, b] = [(await search.point(ids[2]).boundingBox())!, (await search.point(ids[3]).boundingBox())!];
  const from = { x: Math.min(a.x, b.x) - 8, y: Math.min(a.y, b.y) - 8 };
  const to = { x: Math.max(a.x + a.width, b.x + b.width) + 8, y: Math.max(a.y + a.height, b.y + b.height) + 8 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await expect(page.getByTestId('scatter-brush')).toBeVisible();
  await page.mouse.up();

  await expect(page).toHaveURL(/lookback=custom&start=\d+&end=\d+.*traceMinDuration=.*traceMaxDuration=/);
  await expect(search.results).toHaveCount(2);
  expect((await search.listedTraceIds()).sort()).toEqual([ids[2], ids[3]].sort());
  // the form shows the search it now is: the range and the durations, editable as any other
  await expect(page.getByTestId('lookback-select')).toHaveValue('custom');
  await expect(page.getByTestId('range-start')).not.toHaveValue('');
  const min = await page.getByTestId('trace-min-duration').inputValue();
  const max = await page.getByTestId('trace-max-duration').inputValue();
  expect(min).toMatch(/^\d+(\.\d+)?(us|ms|s)$/);
  expect(max).toMatch(/^\d+(\.\d+)?(us|ms|s)$/);

  // a plain search: Back returns to the six traces
  await page.goBack();
  await expect(search.results).toHaveCount(6);
});

test('[SEARCH]: a click on a point still opens its trace (a drag under a few pixels is no region)', async ({ page, request }) => {
  const svc = uniqueService('brushclick');
  // two traces, so the one clicked is low on the plot, clear of the legend in its top corner
  const [id] = await sendTraces(request, [20, 400].map((durationMs) => ({ root: { service: svc, name: 'GET /', kind: 2, durationMs } })));
  const search = await SearchPage.open(page, `service=${svc}`);
  await search.point(id).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${id}`));
});
