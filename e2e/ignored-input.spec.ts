import { expect, test } from '@playwright/test';
import { checkoutTrace } from '@/e2e/support/checkout-trace';
import { randomSpanId, randomTraceId } from '@/e2e/support/otlp-trace';
import { sendSpans } from '@/e2e/support/send-spans';
import { SearchPage } from '@/e2e/pages/search-page';
import { ServicesPage } from '@/e2e/pages/services-page';
import { TracePage } from '@/e2e/pages/trace-page';

// Inputs a page cannot use are said on the page, with what it did instead, never dropped in silence.

test('[IGNORED]: a search for a service no span has named says so', async ({ page, request }) => {
  await sendSpans(request, randomTraceId(), checkoutTrace()); // the store knows some services
  await SearchPage.open(page, 'service=nope-no-such-service');
  const notice = page.getByTestId('ignored-input');
  await expect(notice).toHaveRole('status');
  await expect(notice).toContainText('No span has come from a service named “nope-no-such-service”');
  await expect(page.getByTestId('search-empty')).toBeVisible();
  // a known service says nothing
  await SearchPage.open(page, 'service=frontend');
  await expect(page.getByTestId('search-results')).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('[IGNORED]: an unreadable lookback is named, and the search runs over the default hour', async ({ page, request }) => {
  await sendSpans(request, randomTraceId(), checkoutTrace());
  const search = await SearchPage.open(page, 'lookback=bogus');
  const notice = page.getByTestId('ignored-input');
  await expect(notice).toContainText('“lookback=bogus” was ignored');
  await expect(notice).toContainText('the default is used instead');
  await expect(page.getByTestId('lookback-select')).toHaveValue('1h');
  await expect(search.results.first()).toBeVisible();
  await notice.getByRole('button', { name: 'dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('[IGNORED]: an unknown services window is named, and the page shows the default hour', async ({ page }) => {
  await ServicesPage.open(page, '99y');
  await expect(page.getByTestId('ignored-input')).toContainText('“window=99y” was ignored');
  await expect(page.getByTestId('ignored-input')).toContainText('showing the last 1h');
  await expect(page.getByTestId('window-1h')).toHaveAttribute('aria-pressed', 'true');
  await ServicesPage.open(page, '6h');
  await expect(page.getByTestId('ignored-input')).toHaveCount(0);
});

test('[IGNORED]: a ?span= that is not in the trace is named, and the trace opens at its root', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const missing = randomSpanId();
  const tracePage = await TracePage.open(page, traceId, `?span=${missing}`);
  await expect(tracePage.rows).toHaveCount(6);
  await expect(page.getByTestId('missing-span')).toHaveRole('status');
  await expect(page.getByTestId('missing-span')).toContainText(`Span ${missing} is not in this trace`);
});
