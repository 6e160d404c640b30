import { expect, test } from '@playwright/test';

// The sampling page shows the strategies Jaeger clients are told; e2e runs without a strategies
// file, so it shows the built-in default, and the API on the main port agrees with it.

test('[SAMPLING]: the page shows the strategy in force, as /api/sampling answers it', async ({ page, request }) => {
  await page.goto('/sampling');
  await expect(page.getByRole('heading', { name: 'Sampling strategies' })).toBeVisible();
  await expect(page.getByTestId('sampling-source')).toContainText('No SAMPLING_STRATEGIES_FILE is set');
  await expect(page.getByTestId('sampling-default')).toContainText('probabilistic 1');
  // e2e turns the sampling port off (JAEGER_SAMPLING_PORT=0): the page says so rather than naming 5778
  await expect(page.getByTestId('sampling-source')).toContainText('The sampling port is off (JAEGER_SAMPLING_PORT=0)');
  const res = await request.get('/api/sampling?service=e2e');
  expect(await res.json()).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 1 } });
});
