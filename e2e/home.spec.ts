import { expect, test } from '@playwright/test';
import { otlpRequest, otlpSpan } from '../lib/test/otlp-json-request';

// The landing page lists the services whose spans arrived through the real OTLP ingest.

test('[HOME]: a service that sent spans over OTLP/HTTP is listed', async ({ page, request }) => {
  const service = `e2e-home-${Date.now()}`;
  const res = await request.post('/v1/traces', {
    headers: { 'content-type': 'application/json' },
    data: otlpRequest(service, [otlpSpan({ traceId: crypto.randomUUID().replaceAll('-', ''), spanId: '00000000000000e2' })]),
  });
  expect(res.status()).toBe(200);

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Services' })).toBeVisible();
  await expect(page.getByTestId('service-item').filter({ hasText: service })).toBeVisible();
});
