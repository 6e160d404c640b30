import { expect, test } from '@playwright/test';
import { SearchPage } from '@/e2e/pages/search-page';
import { sendTraces, uniqueService, type SpanSpec } from '@/e2e/support/send-otlp';

// The search page against spans sent through the real OTLP/HTTP ingest; every test uses
// service names of its own, so the shared database does not matter.

const call = (frontend: string, backend: string, ms: number, extra: Partial<SpanSpec> = {}): SpanSpec => ({
  service: frontend,
  name: 'GET /checkout',
  kind: 2,
  durationMs: ms,
  ...extra,
  children: [{ service: backend, name: 'charge', kind: 2, offsetMs: 1, durationMs: ms / 2 }],
});

test('[SEARCH]: a service search lists exactly its traces, and the scatter plot shows the same ones', async ({ page, request }) => {
  const shop = uniqueService('shop');
  const pay = uniqueService('pay');
  const other = uniqueService('other');
  const ids = await sendTraces(request, [
    { root: call(shop, pay, 40) },
    { root: call(shop, pay, 120, { error: true }) },
    { root: call(shop, pay, 80) },
    { root: { service: other, name: 'GET /', durationMs: 5 } },
  ]);

  await page.goto('/'); // the home page is the search page
  const search = new SearchPage(page);
  await search.chooseService(shop);
  await search.submit();

  await expect(page).toHaveURL(new RegExp(`service=${shop}`));
  await expect(search.results).toHaveCount(3);
  await expect(search.count).toHaveText('3 traces match');
  expect(await search.listedTraceIds()).toEqual([ids[2], ids[1], ids[0]]); // newest first
  expect(await search.plottedTraceIds()).toEqual(ids.slice(0, 3).sort());

  const failed = search.row(ids[1]);
  await expect(failed.getByTestId('result-root')).toHaveText(`${shop}: GET /checkout`);
  await expect(failed.getByTestId('result-span-count')).toHaveText('2 spans');
  await expect(failed.getByTestId('result-error-count')).toHaveText('1 error');
  await expect(failed.getByTestId('service-chip')).toHaveText([`${pay}1`, `${shop}1!1`]);
  await expect(search.point(ids[1])).toHaveAttribute('data-error', 'true');
  await expect(search.point(ids[0])).not.toHaveAttribute('data-error', 'true');
});

test('[SEARCH]: attributes in logfmt find only the traces with that attribute, and the box suggests keys and values', async ({ page, request }) => {
  const api = uniqueService('api');
  const ids = await sendTraces(request, [
    { root: { service: api, name: 'GET /a', kind: 2, durationMs: 10, attributes: { 'http.status_code': 500, 'http.route': '/a' } } },
    { root: { service: api, name: 'GET /b', kind: 2, durationMs: 10, attributes: { 'http.status_code': 200, 'http.route': '/b' } } },
  ]);

  const search = await SearchPage.open(page, `service=${api}`);
  const tags = page.getByTestId('tags-input');
  await tags.click();
  await tags.pressSequentially('http.st');
  await page.getByTestId('tag-suggestions').getByRole('option', { name: /http\.status_code/ }).click();
  await expect(tags).toHaveValue('http.status_code=');
  await expect(page.getByTestId('tag-suggestions').getByRole('option')).toHaveText([/^200/, /^500/]) // equally frequent: by value;
  await tags.press('ArrowDown');
  await tags.press('ArrowDown');
  await tags.press('Enter'); // picks the highlighted 500; Enter without a highlight would search
  await expect(tags).toHaveValue('http.status_code=500 ');
  await search.submit();

  await expect(page).toHaveURL(/tags=http.status_code%3D500/);
  await expect(search.results).toHaveCount(1);
  expect(await search.listedTraceIds()).toEqual([ids[0]]);
  expect(await search.plottedTraceIds()).toEqual([ids[0]]);
});

test('[SEARCH]: min and max duration keep the traces with a span inside the bounds', async ({ page, request }) => {
  const svc = uniqueService('dur');
  const ids = await sendTraces(request, [
    { root: { service: svc, name: 'fast', durationMs: 50 } },
    { root: { service: svc, name: 'medium', durationMs: 300 } },
    { root: { service: svc, name: 'slow', durationMs: 2000 } },
  ]);

  const search = await SearchPage.open(page, `service=${svc}`);
  await expect(search.results).toHaveCount(3);
  await search.setDurations('250ms', '1.5s');
  await search.submit();

  await expect(search.results).toHaveCount(1);
  expect(await search.listedTraceIds()).toEqual([ids[1]]);
  await expect(search.results.first().getByTestId('result-duration')).toHaveText('300ms');
  expect(await search.plottedTraceIds()).toEqual([ids[1]]);

  await search.setDurations('500us', '');
  await search.submit();
  await expect(search.results).toHaveCount(3);
});

test('[SEARCH]: the search lives in the URL: reload keeps it, Back returns to the previous one, sorting reorders', async ({ page, request }) => {
  const svc = uniqueService('url');
  const ids = await sendTraces(request, [
    { root: { service: svc, name: 'op-a', durationMs: 30 } },
    { root: { service: svc, name: 'op-b', durationMs: 900, children: [{ service: svc, name: 'db', durationMs: 5 }] } },
    { root: { service: svc, name: 'op-a', durationMs: 200 } },
  ]);

  const search = await SearchPage.open(page, `service=${svc}`);
  await expect(search.results).toHaveCount(3);
  await search.sortBy('Longest first');
  await expect(page).toHaveURL(/sort=longest/);
  await expect.poll(() => search.listedTraceIds()).toEqual([ids[1], ids[2], ids[0]]);
  await search.sortBy('Most spans');
  await expect.poll(async () => (await search.listedTraceIds())[0]).toBe(ids[1]);

  await search.chooseOperation('op-a');
  await search.submit();
  await expect(page).toHaveURL(/operation=op-a/);
  await expect(search.results).toHaveCount(2);

  await page.reload();
  await expect(search.results).toHaveCount(2);
  await expect(page.getByTestId('operation-select')).toHaveAttribute('placeholder', 'op-a');

  await page.goBack();
  await expect(page).not.toHaveURL(/operation=/);
  await expect(search.results).toHaveCount(3);
});

test('[SEARCH]: a click on a result row or on a scatter point opens /trace/{traceId}', async ({ page, request }) => {
  const svc = uniqueService('click');
  const ids = await sendTraces(request, [
    { root: { service: svc, name: 'first', durationMs: 20 } },
    { root: { service: svc, name: 'second', durationMs: 400 } },
  ]);

  const search = await SearchPage.open(page, `service=${svc}`);
  await search.row(ids[0]).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${ids[0]}$`));

  await page.goBack();
  await search.point(ids[1]).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${ids[1]}$`));
});

test('[SEARCH]: nothing found and a malformed attribute each say so clearly', async ({ page, request }) => {
  const svc = uniqueService('empty');
  await sendTraces(request, [{ root: { service: svc, name: 'op', durationMs: 5 } }]);

  const search = await SearchPage.open(page, `service=${svc}&minDuration=10s`);
  await expect(page.getByTestId('search-empty')).toContainText('No traces found');
  await expect(search.points).toHaveCount(0);

  await search.setTags('http.route="/unterminated');
  await search.submit();
  await expect(page.getByTestId('search-error')).toContainText('The search failed');
  await expect(page.getByTestId('tags-error')).toContainText("malformed 'tags' parameter");
});

test.describe('in a browser in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('[SEARCH]: the UTC toggle applies to shown times and to a typed absolute range', async ({ page, request }) => {
    const svc = uniqueService('range');
    const t0 = Date.now() - 30 * 60_000;
    const ids = await sendTraces(request, [
      { root: { service: svc, name: 'early', durationMs: 10 }, startMs: t0 },
      { root: { service: svc, name: 'late', durationMs: 10 }, startMs: t0 + 10 * 60_000 },
    ]);
    const utc = (ms: number) => new Date(ms).toISOString(); // 2026-11-22T05:41:07.123Z

    const search = await SearchPage.open(page, `service=${svc}`);
    await expect(search.results).toHaveCount(2);
    await expect(search.row(ids[0]).getByTestId('result-start')).not.toHaveText(utc(t0).slice(0, 10) + ' ' + utc(t0).slice(11, 23));
    await page.getByTestId('tz-utc').click();
    await expect(page.getByTestId('tz-toggle')).toHaveAttribute('data-tz', 'utc'); // the one setting of every page
    await expect(search.row(ids[0]).getByTestId('result-start')).toHaveText(utc(t0).slice(0, 10) + ' ' + utc(t0).slice(11, 23));

    await page.getByTestId('lookback-select').selectOption('custom');
    await page.getByTestId('range-start').fill(utc(t0 - 60_000).slice(0, 19));
    await page.getByTestId('range-end').fill(utc(t0 + 60_000).slice(0, 19));
    await search.submit();
    await expect(page).toHaveURL(/lookback=custom&start=\d+&end=\d+/);
    await expect(search.results).toHaveCount(1);
    expect(await search.listedTraceIds()).toEqual([ids[0]]);
  });
});
