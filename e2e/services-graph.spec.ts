import { expect, test, type Locator } from '@playwright/test';
import { ServicesPage } from '@/e2e/pages/services-page';
import { sendTraces, uniqueService, type SpanSpec } from '@/e2e/support/send-otlp';

// The dependency graph: fitted to its box, zoomed and panned by wheel, drag and buttons, a
// service's neighbours lit on hover or focus, edges coloured by the callee's error rate.

/** A chain a → b → … of `names`, each call a client span with the callee's server span under it. */
const chain = (names: string[], error = false): SpanSpec => {
  const [head, ...rest] = names;
  const root: SpanSpec = { service: head, name: 'GET /', kind: 2, durationMs: 50, children: [] };
  let at = root;
  for (const name of rest) {
    const server: SpanSpec = { service: name, name: 'handle', kind: 2, offsetMs: 1, durationMs: 30, error: error && name === rest[rest.length - 1], children: [] };
    at.children!.push({ service: at.service, name: `call ${name}`, kind: 3, offsetMs: 1, durationMs: 40, children: [server] });
    at = server;
  }
  return root;
};

const box = async (l: Locator) => (await l.boundingBox())!;

test('[GRAPH]: a graph wider than its box is fitted into it; zoom and pan by buttons, wheel and drag; Fit restores', async ({ page, request }) => {
  const names = Array.from({ length: 9 }, (_, i) => uniqueService(`hop${i}`)); // 9 columns: wider than 1,280 px at natural size
  await sendTraces(request, [{ root: chain(names) }]);
  const services = await ServicesPage.open(page);
  const graphBox = await box(page.getByTestId('graph-box'));
  for (const name of [names[0], names[8]]) {
    const b = await box(services.node(name));
    expect(b.x).toBeGreaterThanOrEqual(graphBox.x - 1);
    expect(b.x + b.width).toBeLessThanOrEqual(graphBox.x + graphBox.width + 1);
    expect(b.y + b.height).toBeLessThanOrEqual(graphBox.y + graphBox.height + 1);
  }
  const fitted = await box(services.node(names[0]));
  await expect(page.getByTestId('graph-fit')).toBeDisabled();

  // keyboard: the zoom button by Enter, then a pan button by Space
  await page.getByTestId('graph-zoom-in').focus();
  await page.keyboard.press('Enter');
  const zoomed = await box(services.node(names[0]));
  expect(zoomed.width).toBeCloseTo(fitted.width * 1.25, 0);
  await page.getByTestId('graph-pan-right').focus();
  await page.keyboard.press('Space');
  expect((await box(services.node(names[0]))).x).toBeCloseTo(zoomed.x - 80, 0);

  await page.getByTestId('graph-fit').click();
  expect((await box(services.node(names[0]))).width).toBeCloseTo(fitted.width, 0);

  // the wheel zooms the graph, not the page
  const scrollY = await page.evaluate(() => window.scrollY);
  await page.mouse.move(graphBox.x + graphBox.width / 2, graphBox.y + graphBox.height / 2);
  await page.mouse.wheel(0, -200);
  await expect.poll(async () => (await box(services.node(names[0]))).width).toBeGreaterThan(fitted.width * 1.2);
  expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);

  // dragging the background pans by the distance dragged
  await page.getByTestId('graph-fit').click();
  const before = await box(services.node(names[0]));
  await page.mouse.move(graphBox.x + 3, graphBox.y + 3); // the fitted drawing's margin: background, not a service
  await page.mouse.down();
  await page.mouse.move(graphBox.x + 103, graphBox.y - 27, { steps: 5 });
  await page.mouse.up();
  const after = await box(services.node(names[0]));
  expect(after.x - before.x).toBeCloseTo(100, 0);
  expect(after.y - before.y).toBeCloseTo(-30, 0);
});

test("[GRAPH]: hovering or focusing a service lights up its callers and callees and dims the rest; Enter opens its search", async ({ page, request }) => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => uniqueService(`lit${n}`));
  await sendTraces(request, [{ root: chain([a, b, c, d]) }]);
  const services = await ServicesPage.open(page);
  await expect(services.node(a)).toHaveAttribute('data-state', 'normal');

  await services.node(b).hover();
  for (const name of [a, b, c]) await expect(services.node(name)).toHaveAttribute('data-state', /normal|lit/);
  await expect(services.node(b)).toHaveAttribute('data-state', 'lit');
  await expect(services.node(d)).toHaveAttribute('data-state', 'dim');
  await expect(services.edge(a, b)).toHaveAttribute('data-state', 'lit');
  await expect(services.edge(c, d)).toHaveAttribute('data-state', 'dim');
  await page.mouse.move(0, 0);
  await expect(services.node(d)).toHaveAttribute('data-state', 'normal');

  await services.node(d).focus();
  await expect(services.node(c)).toHaveAttribute('data-state', 'lit');
  await expect(services.node(a)).toHaveAttribute('data-state', 'dim');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/search\\?service=${d}$`));
});

test("[GRAPH]: an edge is coloured by its callee's error rate, with a legend in light and in dark", async ({ page, request }) => {
  const [front, ok, bad] = ['front', 'ok', 'bad'].map((n) => uniqueService(`err${n}`));
  await sendTraces(request, [{ root: chain([front, ok]) }, { root: chain([front, bad], true) }]);
  const services = await ServicesPage.open(page);
  await expect(services.edge(front, ok)).toHaveAttribute('data-grade', 'none');
  await expect(services.edge(front, bad)).toHaveAttribute('data-grade', 'high');
  await expect(services.edge(front, bad)).toContainText(`${bad}'s requests 100% errors`);
  const stroke = (l: Locator) => l.locator('path').first().evaluate((p) => getComputedStyle(p).stroke);
  const errorColour = () => page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--chart-error)';
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  });
  expect(await stroke(services.edge(front, bad))).toBe(await errorColour());
  expect(await stroke(services.edge(front, ok))).not.toBe(await stroke(services.edge(front, bad)));
  const legend = page.getByTestId('graph-legend');
  await expect(legend).toContainText("Edge colour: error rate of the callee's requests");
  await expect(legend).toContainText('5% errors or more');

  const light = await errorColour();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(errorColour).not.toBe(light);
  expect(await stroke(services.edge(front, bad))).toBe(await errorColour());
  await expect(legend).toBeVisible();
});
