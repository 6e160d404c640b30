import { expect, test } from '@playwright/test';
import { toOtlpRequest, randomTraceId } from '@/e2e/support/otlp-trace';
import { checkoutTrace } from '@/e2e/support/checkout-trace';
import { SearchPage } from '@/e2e/pages/search-page';
import { TracePage } from '@/e2e/pages/trace-page';

// One time-zone setting for every page, remembered: set on one page, it holds on the others and
// after a reload. Kolkata is UTC+5:30, so local time and UTC never read alike.
test.use({ timezoneId: 'Asia/Kolkata' });

const shown = (ms: number, offsetMin: number) => new Date(ms + offsetMin * 60_000).toISOString().replace('T', ' ').slice(0, 23);

test('[TZ]: one setting, chosen on the trace page, holds on search and after a reload', async ({ page, request }) => {
  const traceId = randomTraceId();
  const startMs = Date.now() - 5 * 60_000;
  const res = await request.post('/v1/traces', { headers: { 'content-type': 'application/json' }, data: toOtlpRequest(traceId, checkoutTrace(), startMs) });
  expect(res.status()).toBe(200);

  await TracePage.open(page, traceId);
  const start = page.getByTestId('trace-start');
  await expect(start).toHaveText(`${shown(startMs, 330)} local`);
  await page.getByTestId('tz-toggle').click();
  await expect(start).toHaveText(`${shown(startMs, 0)} UTC`);

  const search = await SearchPage.open(page, 'service=frontend');
  await expect(page.getByTestId('tz-toggle')).toHaveAttribute('data-tz', 'utc');
  await expect(page.getByTestId('tz-utc')).toHaveAttribute('aria-pressed', 'true');
  await expect(search.row(traceId).getByTestId('result-start')).toHaveText(shown(startMs, 0));
  // the search form's own switch is the same setting
  await page.getByTestId('tz-local').click();
  await expect(search.row(traceId).getByTestId('result-start')).toHaveText(shown(startMs, 330));
  await expect(page.getByTestId('tz-toggle')).toHaveAttribute('data-tz', 'local');
  await page.getByTestId('tz-utc').click();
  expect(page.url()).not.toContain('tz=');

  await TracePage.open(page, traceId);
  await page.reload();
  await expect(page.getByTestId('trace-start')).toHaveText(`${shown(startMs, 0)} UTC`);
});

test('[TZ]: an old search link carrying tz=utc sets the setting and loses the parameter', async ({ page }) => {
  await SearchPage.open(page, 'tz=utc&lookback=15m');
  await expect(page.getByTestId('tz-toggle')).toHaveAttribute('data-tz', 'utc');
  await expect(page).toHaveURL(/\/search\?lookback=15m$/);
});
