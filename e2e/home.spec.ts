import { expect, test } from '@playwright/test';

// The landing page lists the services whose spans arrived through the real OTLP ingest.

test('[HOME]: a service that sent spans over OTLP/HTTP is listed', async ({ page, request }) => {
  const service = `e2e-home-${Date.now()}`;
  const startNs = BigInt(Date.now()) * 1_000_000n;
  const res = await request.post('/v1/traces', {
    headers: { 'content-type': 'application/json' },
    data: {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: crypto.randomUUID().replaceAll('-', ''),
                  spanId: '00000000000000e2',
                  name: 'GET /',
                  startTimeUnixNano: String(startNs),
                  endTimeUnixNano: String(startNs + 5_000_000n),
                },
              ],
            },
          ],
        },
      ],
    },
  });
  expect(res.status()).toBe(200);

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Services' })).toBeVisible();
  await expect(page.getByTestId('service-item').filter({ hasText: service })).toBeVisible();
});
