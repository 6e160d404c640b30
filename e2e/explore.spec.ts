import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { sendTraces, uniqueService } from '@/e2e/support/send-otlp';

// The explore and exceptions pages against spans sent through the real OTLP/HTTP ingest: group by
// an attribute, brush the duration histogram, follow a group into search; list exception groups
// and open their traces.

test('[EXPLORE]: group by an attribute, brush the slow durations, and follow a group to its traces', async ({ page, request }) => {
  const service = uniqueService('shop');
  const now = Date.now();
  await sendTraces(request, [
    ...[0, 1, 2, 3, 4, 5].map((i) => ({ root: { service, name: 'GET /cart', kind: 2, durationMs: 5, attributes: { tier: 'gold' } }, startMs: now - 120_000 + i * 1000 })),
    ...[0, 1, 2, 3].map((i) => ({ root: { service, name: 'GET /cart', kind: 2, durationMs: 300, attributes: { tier: 'silver' } }, startMs: now - 110_000 + i * 1000 })),
    ...[0, 1].map((i) => ({ root: { service, name: 'GET /cart', kind: 2, durationMs: 300, attributes: { tier: 'gold' } }, startMs: now - 100_000 + i * 1000 })),
  ]);

  await page.goto(`/explore?q=${encodeURIComponent(`{ resource.service.name = "${service}" }`)}&range=15m`);
  await page.getByTestId('group-by-0').fill('span.tier');
  await page.getByTestId('group-by-apply').click();
  await expect(page).toHaveURL(/groupBy=span.tier/);
  const rows = page.getByTestId('group-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('group-key')).toHaveText('gold');
  await expect(rows.nth(0).getByTestId('group-count')).toHaveText('8');
  await expect(rows.nth(1).getByTestId('group-count')).toHaveText('4');

  // two bars: the 5 ms spans and the 300 ms ones; drag across the slow bar
  const bars = page.getByTestId('histogram-chart').locator('.recharts-bar-rectangle');
  await expect(bars).toHaveCount(2);
  const box = (await bars.nth(1).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height - 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height - 2, { steps: 4 });
  await page.mouse.up();
  await expect(page).toHaveURL(/span%3Aduration\+%3E%3D/);
  await expect(page.getByTestId('brushed-range')).toBeVisible();
  await expect(page.getByTestId('histogram-chart').locator('.recharts-bar-rectangle')).toHaveCount(1);
  // the groups follow the filter: 2 slow gold spans, 4 silver
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('group-key')).toHaveText('silver');
  await expect(rows.nth(0).getByTestId('group-count')).toHaveText('4');
  await expect(rows.nth(1).getByTestId('group-count')).toHaveText('2');

  // what is different about the brushed (slow) spans: silver is 4 of the 6, and none of the 6 fast ones
  await page.getByTestId('compare-range').click();
  const first = page.getByTestId('difference-row').first();
  await expect(first.getByTestId('difference-value')).toHaveText('silver');
  await expect(first.getByTestId('difference-selected')).toHaveText('66.7%');
  await expect(first.getByTestId('difference-rest')).toHaveText('0%');

  // sorting by a column reorders the rows, and the sort is in the URL
  await page.getByTestId('sort-count').click();
  await expect(page).toHaveURL(/dir=asc/);
  await expect(rows.nth(0).getByTestId('group-key')).toHaveText('gold');

  // a group leads to the search page with the filter and the group added: exactly its traces
  await rows.nth(0).getByTestId('group-link').click();
  await expect(page).toHaveURL(/\/search\?q=/);
  expect(decodeURIComponent(page.url().replace(/\+/g, ' '))).toContain('span.tier = "gold"');
  await expect(page.getByTestId('result-item')).toHaveCount(2);
});

test('[EXCEPTIONS]: exception groups are listed with their counts and open their traces', async ({ page, request }) => {
  const service = uniqueService('billing');
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const traceIds: string[] = [];
  const spans = [0, 1, 2, 3, 4].map((i) => {
    const traceId = randomBytes(16).toString('hex');
    traceIds.push(traceId);
    const start = nowNs - BigInt(120 - i) * 1_000_000_000n;
    const [type, message] = i < 3 ? ['InvoiceMissing', `invoice ${4000 + i} not found`] : ['CardDeclined', `card ending ${1000 + i} declined for "acct-${i}"`];
    return {
      traceId, spanId: randomBytes(8).toString('hex'), name: 'POST /pay', kind: 2, startTimeUnixNano: String(start), endTimeUnixNano: String(start + 9_000_000n), status: { code: 2 },
      events: [{ name: 'exception', timeUnixNano: String(start + 1_000_000n), attributes: [
        { key: 'exception.type', value: { stringValue: type } },
        { key: 'exception.message', value: { stringValue: message } },
        { key: 'exception.stacktrace', value: { stringValue: `${type}: ${message}\n    at pay (billing.js:${10 + i}:3)` } },
      ] }],
    };
  });
  const res = await request.post('/v1/traces', {
    headers: { 'content-type': 'application/json' },
    data: { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ spans }] }] },
  });
  expect(res.status()).toBe(200);

  await page.goto('/exceptions');
  await page.getByTestId('main-nav').getByRole('link', { name: 'Exceptions' }).click();
  await page.getByTestId('exceptions-service').fill(service);
  await page.getByTestId('exceptions-service').press('Enter');
  const rows = page.getByTestId('exception-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('exception-type')).toHaveText('InvoiceMissing');
  await expect(rows.nth(0).getByTestId('exception-fingerprint')).toHaveText('invoice <num> not found');
  await expect(rows.nth(0).getByTestId('exception-count')).toHaveText('3');
  await expect(rows.nth(1).getByTestId('exception-fingerprint')).toHaveText('card ending <num> declined for "<str>"');
  await expect(rows.nth(1).getByTestId('exception-count')).toHaveText('2');
  await expect(rows.nth(0).getByTestId('exception-sparkline')).toBeVisible();

  await rows.nth(0).getByTestId('exception-toggle').click();
  await expect(page.getByTestId('exception-message')).toHaveText('invoice 4002 not found');
  await expect(page.getByTestId('exception-stacktrace')).toContainText('at pay (billing.js:12:3)');

  await page.getByTestId('exception-search').click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByTestId('result-item')).toHaveCount(3);

  await page.goBack();
  await expect(rows).toHaveCount(2);
  const toggle = rows.nth(0).getByTestId('exception-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByTestId('exception-example-trace').click();
  await expect(page).toHaveURL(new RegExp(`/trace/${traceIds[2]}`));
  await expect(page.getByText('POST /pay').first()).toBeVisible();
});

test('[EXPLORE]: 250 groups: the 100 largest are shown and said so, and sort by a percentile', async ({ page, request }) => {
  const service = uniqueService('many');
  const now = Date.now();
  await sendTraces(request, Array.from({ length: 150 }, (_, i) => ({
    root: { service, name: `op-${i % 7}`, kind: 2, durationMs: 1 + (i % 40), attributes: { customer: `c-${i}` }, children: i < 100 ? [{ service, name: 'db', kind: 3, durationMs: 1, attributes: { customer: `c-${i}` } }] : [] },
    startMs: now - 200_000 + i * 500,
  })));
  await page.goto(`/explore?q=${encodeURIComponent(`{ resource.service.name = "${service}" }`)}&groupBy=span.customer,name&range=15m&chart=p95Ns`);
  await expect(page.getByTestId('group-row')).toHaveCount(100);
  await expect(page.getByTestId('groups-note')).toContainText('The 100 largest of 250 groups.');
  await page.getByTestId('sort-p99Ns').click();
  await expect(page).toHaveURL(/sort=p99Ns/);
  // the rows are in p99 order, the slowest first
  await expect(page.getByTestId('sort-p99Ns')).toHaveText('p99 ▼');
  const p99s = (await page.getByTestId('group-p99').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-ns')))));
  expect(p99s).toHaveLength(100);
  expect(p99s).toEqual([...p99s].sort((a, b) => b - a));
  expect(p99s[0]).toBeGreaterThan(p99s[99]);
});
