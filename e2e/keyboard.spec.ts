import { expect, test } from '@playwright/test';
import { checkoutTrace } from '@/e2e/support/checkout-trace';
import { randomTraceId } from '@/e2e/support/otlp-trace';
import { sendSpans } from '@/e2e/support/send-spans';
import { sendTraces, uniqueService } from '@/e2e/support/send-otlp';
import { TracePage } from '@/e2e/pages/trace-page';

// The keyboard defects of issue 16, each as the user met it.

test('[KEYBOARD]: in the service picker Enter chooses and the list stays closed; Escape closes it', async ({ page, request }) => {
  const svc = uniqueService('kbd');
  await sendTraces(request, [{ root: { service: svc, name: 'GET /kbd', kind: 2, durationMs: 5 } }]);
  await page.goto('/search');
  const input = page.getByTestId('service-select');
  await input.focus();
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await input.fill(svc);
  await expect(page.getByRole('option', { name: svc, exact: true })).toBeVisible();
  await input.press('Enter');
  await expect(input).toHaveAttribute('aria-expanded', 'false');
  await expect(input).toHaveValue(svc);
  await expect(page.getByRole('listbox')).toHaveCount(0);

  await input.press('ArrowDown'); // opens the list again
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await input.press('Escape');
  await expect(input).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('listbox')).toHaveCount(0);
  await expect(input).toHaveValue(svc); // Escape does not undo the choice
});

test('[KEYBOARD]: Tab from the service field moves to the operation field, not to <body>', async ({ page }) => {
  await page.goto('/search');
  const service = page.getByTestId('service-select');
  // focus only counts once React has hydrated the field (its list opens on focus): before that,
  // a hydration that re-renders the form can drop the focus to <body> and Tab starts from the top
  await expect(async () => {
    await service.blur();
    await service.focus();
    await expect(service).toHaveAttribute('aria-expanded', 'true', { timeout: 500 });
  }).toPass();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('operation-select')).toBeFocused();
});

test('[KEYBOARD]: on the trace page Enter on a focused button presses the button and opens no span', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);
  await expect(tracePage.rows).toHaveCount(6);
  await page.getByTestId('collapse-all').focus();
  await page.keyboard.press('Enter');
  await expect(tracePage.rows).toHaveCount(1); // collapsed
  await expect(tracePage.detail).toHaveCount(0);
  await page.getByTestId('expand-all').focus();
  await page.keyboard.press('Enter');
  await expect(tracePage.rows).toHaveCount(6);
  await expect(tracePage.detail).toHaveCount(0);
});

test('[KEYBOARD]: Escape in find leaves the box and keeps the query, so n and N step through the matches', async ({ page, request }) => {
  const traceId = randomTraceId();
  await sendSpans(request, traceId, checkoutTrace());
  const tracePage = await TracePage.open(page, traceId);
  await page.keyboard.press('/');
  await expect(tracePage.findInput).toBeFocused();
  await page.keyboard.type('frontend');
  await expect(tracePage.findCount).toHaveText('0 / 2');
  await page.keyboard.press('Escape');
  await expect(tracePage.findInput).not.toBeFocused();
  await expect(tracePage.findInput).toHaveValue('frontend');
  await page.keyboard.press('n');
  await expect(tracePage.findCount).toHaveText('1 / 2');
  await page.keyboard.press('n');
  await expect(tracePage.findCount).toHaveText('2 / 2');
  await page.keyboard.press('N');
  await expect(tracePage.findCount).toHaveText('1 / 2');
});
