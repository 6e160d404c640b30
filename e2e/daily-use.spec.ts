import { expect, test } from '@playwright/test';
import { SearchPage } from '@/e2e/pages/search-page';
import { sendTraces, uniqueService } from '@/e2e/support/send-otlp';
import { randomTraceId } from '@/e2e/support/otlp-trace';
import { sendSpans } from '@/e2e/support/send-spans';
import { TracePage } from '@/e2e/pages/trace-page';

// The UI for daily use (issue 16): a long result list that stays light and comes back on Back
// without asking the server again, bad searches sent once, a server that cannot be reached said
// so on every page, and a dark theme from the system or a remembered toggle.

const searchRequests = (page: import('@playwright/test').Page) => {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/ui/search') urls.push(r.url());
  });
  return urls;
};

test('[SEARCH]: 150 results are a virtual list; Back from a trace shows them at the same scroll position with no new request', async ({ page, request }) => {
  const svc = uniqueService('many');
  const t0 = Date.now() - 300_000; // one a second, all in the past (the default spacing would run into the future)
  const ids = await sendTraces(request, Array.from({ length: 150 }, (_, i) => ({ startMs: t0 + i * 1000, root: { service: svc, name: `op-${i}`, kind: 2, durationMs: 10 + i } })));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/search?service=${svc}&limit=150`);
  const search = new SearchPage(page);
  await expect(search.count).toHaveText('150 traces match', { timeout: 60_000 }); // 150 summaries: slow on a loaded machine
  await expect(page.getByTestId('result-list')).toHaveAttribute('data-virtual', 'true');
  // only the rows near the viewport are in the DOM, and the page is as tall as all of them
  expect(await search.results.count()).toBeLessThan(40);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(150 * 88);

  // scroll far down: rows deep in the list are rendered there. The list reacts to the scroll in a
  // later frame, so wait until its first rendered row is deep before choosing one (choosing at once
  // can pick a row of the top, which the list then drops: CI, stop 26).
  await page.evaluate(() => window.scrollTo(0, 8000));
  const firstRendered = () =>
    page.evaluate(() => Math.min(...Array.from(document.querySelectorAll('[data-testid="result-list"] > li'), (li) => Number(li.getAttribute('aria-posinset')))));
  await expect.poll(firstRendered).toBeGreaterThan(50);
  // the first row wholly inside the viewport
  const traceId = await page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="result-item"]'));
    return rows.find((r) => r.getBoundingClientRect().top >= 0)?.getAttribute('data-trace-id') ?? '';
  });
  expect(ids).toContain(traceId);
  // where the click will leave the page: a click first scrolls its row fully into view
  await search.row(traceId).scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(7000);

  const requests = searchRequests(page);
  // by its id: a position in the rendered rows names another row once the window moves
  await search.row(traceId).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}`));
  await expect(page.getByTestId('span-row').first()).toBeVisible({ timeout: 20_000 });
  await page.goBack();
  await expect(search.row(traceId)).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled - 100);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(100);
  expect(requests).toEqual([]); // the results came from the cache

  // pressing Search again does ask the server
  await page.evaluate(() => window.scrollTo(0, 0));
  await search.submit();
  await expect.poll(() => requests.length).toBeGreaterThan(0);
});

test('[SEARCH]: a search the server refuses (400) is sent once, not retried', async ({ page }) => {
  const requests = searchRequests(page);
  await page.goto('/search?service=x&minDuration=1parsec');
  await expect(page.getByTestId('search-error')).toBeVisible({ timeout: 20_000 });
  await page.waitForTimeout(1500); // a retry would come after ~1 s
  expect(requests).toHaveLength(1);
});

test('[SEARCH]: when the server cannot be reached, search, the lookup box and the trace page say so', async ({ page, request }) => {
  const svc = uniqueService('down');
  const [traceId] = await sendTraces(request, [{ root: { service: svc, name: 'GET /', kind: 2, durationMs: 5 } }]);
  const search = await SearchPage.open(page, `service=${svc}`);
  await expect(search.results).toHaveCount(1);

  // from here every API request fails as it does when the server is down (connection refused)
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await search.submit(); // the same search again: the old results must not pass for fresh ones
  await expect(page.getByTestId('search-error')).toContainText('cannot be reached');

  await page.getByTestId('trace-lookup-input').fill(traceId);
  await page.getByTestId('trace-lookup-input').press('Enter');
  await expect(page.getByTestId('trace-lookup-error')).toContainText('cannot be reached');

  await page.goto(`/trace/${traceId}`); // the page itself is served; its data request fails
  await expect(page.getByTestId('trace-error')).toContainText('cannot be reached', { timeout: 20_000 });
});

const backgroundOfBody = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    // rgb()/oklch() → a lightness-ish number: the sum of the rendered RGB channels
    const c = document.createElement('canvas').getContext('2d')!;
    c.fillStyle = getComputedStyle(document.body).backgroundColor;
    c.fillRect(0, 0, 1, 1);
    const [r, g, b] = c.getImageData(0, 0, 1, 1).data;
    return r + g + b;
  });

test('[THEME]: dark when the system asks for it; the toggle overrides it and is remembered across pages', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/search');
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme', 'system');
  expect(await backgroundOfBody(page)).toBeLessThan(150); // a dark page

  await page.getByTestId('theme-toggle').click(); // system → light
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme', 'light');
  expect(await backgroundOfBody(page)).toBeGreaterThan(600);

  await page.goto('/services');
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme', 'light');
  await expect.poll(() => backgroundOfBody(page)).toBeGreaterThan(600);

  await page.getByTestId('theme-toggle').click(); // light → dark, with the system now light
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => backgroundOfBody(page)).toBeLessThan(150);
});

test("[TRACE]: jaeger-ui's compare URL /trace/A...B opens the comparison of A and B", async ({ page, request }) => {
  const svc = uniqueService('cmp');
  const [a, b] = await sendTraces(request, [
    { root: { service: svc, name: 'GET /a', kind: 2, durationMs: 5 } },
    { root: { service: svc, name: 'GET /a', kind: 2, durationMs: 9 } },
  ]);
  await page.goto(`/trace/${a}...${b}`);
  await expect(page).toHaveURL(new RegExp(`/compare/${a}\\.\\.\\.${b}`));
});

test('[TRACE]: a stack trace keeps its lines in a monospace block, JSON is pretty-printed, long values open with "show all"', async ({ page, request }) => {
  const traceId = randomTraceId();
  const stack = ['java.lang.IllegalStateException: card declined', ...Array.from({ length: 30 }, (_, i) => `\tat com.shop.Pay.step${i}(Pay.java:${i})`)].join('\n');
  await sendSpans(request, traceId, [{
    spanId: 'b000000000000001', service: 'payments', name: 'Charge', startMs: 0, durationMs: 20, kind: 2, error: 'declined',
    attributes: { 'app.request.body': '{"order":{"id":42,"items":[1,2]}}', 'http.request.header.cookie': `sid=${'z'.repeat(2000)}` },
    events: [{ name: 'exception', atMs: 5, attributes: { 'exception.stacktrace': stack } }],
  }]);
  const tracePage = await TracePage.open(page, traceId);
  await tracePage.row('Charge').click();
  const json = tracePage.attribute(tracePage.detail.getByTestId('span-attributes'), 'app.request.body');
  await expect(json.getByTestId('attribute-block')).toHaveText('{\n  "order": {\n    "id": 42,\n    "items": [\n      1,\n      2\n    ]\n  }\n}');

  const cookie = tracePage.attribute(tracePage.detail.getByTestId('span-attributes'), 'http.request.header.cookie');
  expect((await cookie.getByTestId('attribute-value').innerText()).length).toBeLessThan(400);
  await cookie.getByTestId('attribute-show-all').click();
  await expect(cookie.getByTestId('attribute-value')).toContainText('z'.repeat(2000));

  const trace = tracePage.detail.getByTestId('attribute-block').filter({ hasText: 'IllegalStateException' });
  await expect(trace).toHaveCSS('white-space', 'pre');
  const preview = (await trace.innerText()).split('\n'); // the first lines (at most 12, 300 characters) until "show all"
  expect(preview.length).toBeGreaterThan(5);
  expect(preview.length).toBeLessThanOrEqual(12);
  await tracePage.detail.getByTestId('attribute-show-all').last().click();
  await expect.poll(async () => (await trace.innerText()).split('\n').length).toBe(31);
});
