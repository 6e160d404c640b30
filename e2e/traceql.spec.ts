import { expect, test } from '@playwright/test';
import { SearchPage } from '@/e2e/pages/search-page';
import { sendTraces, uniqueService } from '@/e2e/support/send-otlp';

// The TraceQL query box of the search page, against spans sent through the real OTLP/HTTP ingest:
// a query typed with the suggestions (scopes, keys and values from what was stored), its
// results, the URL that carries it, and the message for a query that does not parse.

test('[TRACEQL]: a query typed with suggestions finds its traces, and its URL finds them again', async ({ page, request }) => {
  const shop = uniqueService('shop');
  const pay = uniqueService('pay');
  const ids = await sendTraces(request, [
    { root: { service: shop, name: 'GET /checkout', kind: 2, durationMs: 40, children: [{ service: pay, name: 'charge', kind: 2, offsetMs: 1, durationMs: 20, attributes: { 'payment.method': 'card' } }] } },
    { root: { service: shop, name: 'GET /checkout', kind: 2, durationMs: 90, children: [{ service: pay, name: 'charge', kind: 2, offsetMs: 1, durationMs: 60, error: true, attributes: { 'payment.method': 'card' } }] } },
    { root: { service: shop, name: 'GET /items', kind: 2, durationMs: 5 } },
  ]);

  const search = await SearchPage.open(page, `service=${shop}`);
  const box = page.getByTestId('traceql-input');
  const suggestions = page.getByTestId('traceql-suggestions');
  // the form's criteria, written as TraceQL, are where the box starts
  await expect(box).toHaveValue(new RegExp(`resource\\.service\\.name = "${shop}"`));

  await box.click();
  await box.press('ControlOrMeta+a');
  await box.press('Delete');
  await box.pressSequentially('{ resource.serv');
  await expect(suggestions.getByRole('option', { name: 'resource.service.name' })).toBeVisible();
  await box.press('Tab'); // accepts the highlighted suggestion
  await expect(box).toHaveValue('{ resource.service.name ');
  await box.pressSequentially(`= "${pay.slice(0, -3)}`);
  // values come from what was stored, narrowed by what was typed (on the server when there are
  // more services than one list offers, as in a store every e2e test has written to)
  await suggestions.getByRole('option', { name: pay }).click();
  await expect(box).toHaveValue(`{ resource.service.name = "${pay}" `);
  await box.pressSequentially('&& span.payment.m');
  await expect(suggestions.getByRole('option', { name: 'span.payment.method' })).toBeVisible();
  await box.press('ArrowDown');
  await box.press('ArrowUp');
  await box.press('Enter');
  await expect(box).toHaveValue(`{ resource.service.name = "${pay}" && span.payment.method `);
  await box.pressSequentially('= "card" && status = error }');
  await box.press('Escape');
  await expect(suggestions).toBeHidden();
  await box.press('Enter'); // runs the query

  await expect(page).toHaveURL(/[?&]q=/);
  await expect(search.results).toHaveCount(1);
  expect(await search.listedTraceIds()).toEqual([ids[1]]);

  // the URL alone reproduces the search: a fresh page shows the same query and the same traces
  const url = page.url();
  const fresh = await page.context().newPage();
  await fresh.goto(url);
  const again = new SearchPage(fresh);
  await expect(fresh.getByTestId('traceql-input')).toHaveValue(`{ resource.service.name = "${pay}" && span.payment.method = "card" && status = error }`);
  await expect(again.results).toHaveCount(1, { timeout: 20_000 });
  expect(await again.listedTraceIds()).toEqual([ids[1]]);
});

test('[TRACEQL]: a broken query is underlined where it breaks, says why, and is not run', async ({ page }) => {
  await SearchPage.open(page);
  const box = page.getByTestId('traceql-input');
  await box.click();
  await box.press('ControlOrMeta+a');
  await box.press('Delete');
  await box.pressSequentially('{ span.http.status_code >= }');
  await box.press('Escape');
  const message = page.getByTestId('traceql-error');
  await expect(message).toHaveAttribute('role', 'alert');
  await expect(message).toContainText('at character 28');
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('traceql-run')).toBeDisabled();
  const before = page.url();
  await box.press('Enter');
  expect(page.url()).toBe(before);
});

test('[TRACEQL]: at 390 px the box and its suggestions fit the screen and work from the keyboard alone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await SearchPage.open(page);
  const box = page.getByTestId('traceql-input');
  await box.focus();
  await box.press('ControlOrMeta+a');
  await box.press('Delete');
  await box.pressSequentially('{ span:st');
  const list = page.getByTestId('traceql-suggestions');
  await expect(list.getByRole('option').first()).toHaveText(/^span:status/);
  for (const el of [page.getByTestId('traceql-box'), list]) {
    const b = (await el.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(390);
  }
  // keyboard: the arrow keys move the highlighted option, Enter takes it, Esc closes the next list
  await box.press('ArrowDown');
  await box.press('ArrowUp');
  await expect(list.getByRole('option', { selected: true })).toHaveCount(1);
  const chosen = await list.getByRole('option', { selected: true }).locator('span').first().textContent();
  await box.press('Enter');
  await expect(box).toHaveValue(`{ ${chosen} `);
  await expect(list).toBeVisible(); // the operators
  await box.press('Escape');
  await expect(list).toBeHidden();
  if (process.env.SCREENSHOTS) await page.screenshot({ path: 'test-results/traceql-390.png' });
});
