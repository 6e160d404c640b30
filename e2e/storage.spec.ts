import { expect, test } from '@playwright/test';
import { otlpRequest, otlpSpan } from '@/lib/test/otlp-json-request';

// The storage page shows the retention setting and today's partition once spans arrived.

test('[STORAGE]: retention setting and the days kept are shown', async ({ page, request }) => {
  const res = await request.post('/v1/traces', {
    headers: { 'content-type': 'application/json' },
    data: otlpRequest('e2e-storage', [otlpSpan({ traceId: crypto.randomUUID().replaceAll('-', ''), spanId: '00000000000000e3' })]),
  });
  expect(res.status()).toBe(200);
  await page.goto('/search');
  await page.getByTestId('main-nav').getByRole('link', { name: 'Storage' }).click();
  await expect(page).toHaveURL(/\/storage$/);
  await expect(page.getByTestId('storage-summary')).toContainText('30 days');
  const today = new Date().toISOString().slice(0, 10);
  await expect(page.getByTestId('storage-day').filter({ hasText: today })).toBeVisible();
});
