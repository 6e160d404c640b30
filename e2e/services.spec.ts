import { expect, test } from '@playwright/test';
import { ServicesPage } from '@/e2e/pages/services-page';
import { sendTraces, uniqueService, type SpanSpec } from '@/e2e/support/send-otlp';

// The services page against spans sent through the real OTLP/HTTP ingest.

const checkout = (front: string, back: string, ms: number, error = false): SpanSpec => ({
  service: front,
  name: 'GET /checkout',
  kind: 2,
  durationMs: ms,
  error,
  children: [
    { service: front, name: 'render', kind: 1, durationMs: 1 },
    { service: front, name: 'POST /charge', kind: 3, offsetMs: 2, durationMs: ms - 4, children: [{ service: back, name: 'charge', kind: 2, offsetMs: 1, durationMs: ms - 6 }] },
  ],
});

test('[SERVICES]: each service shows its requests, error rate and latency, per operation too', async ({ page, request }) => {
  const front = uniqueService('front');
  const back = uniqueService('back');
  await sendTraces(request, [10, 20, 30, 40].map((ms, i) => ({ root: checkout(front, back, ms, i === 3) })));

  const services = await ServicesPage.open(page);
  const card = services.card(front);
  // requests are entry spans: 4 server roots; the internal and client spans do not count
  await expect(card.getByTestId('service-requests')).toHaveText('4');
  await expect(card.getByTestId('service-error-rate')).toHaveText('25%');
  // nearest-rank p50 of 10/20/30/40 ms is 20 ms; read from the rollups, within 2% (19.6–20.4 ms)
  await expect(card.getByTestId('service-p50')).toHaveText(/^(19\.[6-9]|20(\.[0-4])?)ms$/);
  await expect(card.getByTestId('operation-row')).toHaveCount(1);
  await expect(services.operation(front, 'GET /checkout').getByTestId('operation-error-rate')).toHaveText('25%');
  await expect(services.card(back).getByTestId('service-requests')).toHaveText('4');
  await expect(services.card(back).getByTestId('service-error-rate')).toHaveText('0%');
  await card.scrollIntoViewIfNeeded(); // charts are drawn as their cards come near the viewport
  await expect(card.getByTestId('service-chart').getByTestId('chart-line')).toHaveCount(3); // p50, p95, p99
});

test('[SERVICES]: a click on a service or an operation leads to its search', async ({ page, request }) => {
  const front = uniqueService('front');
  const back = uniqueService('back');
  await sendTraces(request, [{ root: checkout(front, back, 15) }]);

  const services = await ServicesPage.open(page, '6h');
  await services.card(front).getByTestId('service-link').click();
  await expect(page).toHaveURL(new RegExp(`/search\\?service=${front}&lookback=6h$`));
  await expect(page.getByTestId('result-item')).toHaveCount(1);

  await page.goBack();
  await services.operation(front, 'GET /checkout').getByTestId('operation-link').click();
  await expect(page).toHaveURL(new RegExp(`/search\\?service=${front}&operation=GET\\+%2Fcheckout&lookback=6h$`));
  await expect(page.getByTestId('result-item')).toHaveCount(1);
});

test('[SERVICES]: the dependency graph draws caller → callee with its call count', async ({ page, request }) => {
  const front = uniqueService('front');
  const back = uniqueService('back');
  await sendTraces(request, [5, 6, 7].map((ms) => ({ root: checkout(front, back, ms + 10) })));

  const services = await ServicesPage.open(page);
  const edge = services.edge(front, back);
  await expect(edge).toHaveAttribute('data-calls', '3');
  await expect(edge).toContainText('3 calls');
  const frontBox = (await services.node(front).boundingBox())!;
  const backBox = (await services.node(back).boundingBox())!;
  expect(frontBox.x + frontBox.width).toBeLessThan(backBox.x); // callers left, callees right

  await services.node(back).click();
  await expect(page).toHaveURL(new RegExp(`/search\\?service=${back}$`));
});

test('[SERVICES]: a service that sent spans is listed (the former home page check)', async ({ page, request }) => {
  const lone = uniqueService('lone');
  await sendTraces(request, [{ root: { service: lone, name: 'GET /', kind: 2, durationMs: 5 } }]);
  const services = await ServicesPage.open(page, '15m');
  await expect(services.card(lone)).toBeVisible();
});

test('[SERVICES]: many services come card by card, and a chart is drawn when its card comes near the viewport', async ({ page, request }) => {
  const names = Array.from({ length: 14 }, (_, i) => uniqueService(`many${String(i).padStart(2, '0')}`));
  await sendTraces(request, names.map((service) => ({ root: { service, name: 'GET /', kind: 2, durationMs: 5 } })));
  const services = await ServicesPage.open(page, '15m');
  for (const name of names) await expect(services.card(name)).toHaveCount(1);
  const cards = page.getByTestId('service-card');
  // the last card now, by name: other tests' services may still be coming in below it
  const last = services.card((await cards.last().getAttribute('data-service'))!);
  // the last card is far below a 720 px viewport: its chart waits, without the chart library's cost
  await expect(last).not.toBeInViewport();
  await expect(last.getByTestId('service-chart-pending')).toHaveCount(1);
  await expect(last.getByTestId('service-chart')).toHaveCount(0);
  await expect(cards.first().getByTestId('service-chart')).toHaveCount(1);
  await last.scrollIntoViewIfNeeded();
  await expect(last.getByTestId('service-chart').getByTestId('chart-line')).toHaveCount(3);
});

test('[SERVICES]: the page asks for its window\'s metrics once, as it loads (its preload is what its query reads)', async ({ page, request }) => {
  const front = uniqueService('front');
  await sendTraces(request, [{ root: checkout(front, uniqueService('back'), 12) }]);
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/ui/service-metrics')) asked.push(new URL(r.url()).search);
  });
  const services = await ServicesPage.open(page, '6h');
  await expect(services.card(front).getByTestId('service-requests')).toHaveText('1');
  // asked from the HTML, before the page's scripts run, and not again by them
  await expect(page.locator('head link[rel="preload"][href="/api/ui/service-metrics?window=6h"]').first()).toBeAttached();
  expect(asked).toEqual(['?window=6h']);
});
