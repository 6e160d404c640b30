import { expect, test } from '@playwright/test';
import { SearchPage } from '@/e2e/pages/search-page';
import { TracePage } from '@/e2e/pages/trace-page';
import { ServicesPage } from '@/e2e/pages/services-page';
import { demoTraces } from '@/e2e/support/demo-traces';
import { sendTraces } from '@/e2e/support/send-otlp';

// The README's screenshots, of real data sent through the OTLP endpoint. Run on purpose, alone
// (plain service names, and it rewrites public/screenshots/):
//   SCREENSHOTS=1 npx playwright test -c e2e screenshots.spec.ts

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh public/screenshots/');

test.use({ viewport: { width: 1440, height: 1000 } });

test('[SCREENSHOTS]: the search page, a trace and the services page', async ({ page, request }) => {
  await sendTraces(request, demoTraces('', 160, 55 * 60_000));

  const search = await SearchPage.open(page, 'service=frontend&limit=40');
  await expect(search.results).toHaveCount(40);
  expect(await search.plottedTraceIds()).toEqual((await search.listedTraceIds()).sort());
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'public/screenshots/search.png' });

  // the slowest checkout, with its critical path marked and one span's detail open
  const ids = await search.listedTraceIds();
  const trace = await TracePage.open(page, ids[0]);
  await expect(trace.rows.first()).toBeVisible();
  await trace.rows.nth(1).click();
  await expect(trace.detail).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'public/screenshots/trace.png' });

  const services = await ServicesPage.open(page, '1h');
  await expect(services.edge('frontend', 'checkout')).toBeVisible();
  await expect(services.card('frontend').getByTestId('service-requests')).toHaveText('160');
  await page.screenshot({ path: 'public/screenshots/services.png' });
});

// every page in dark mode at 1440 px, and at 390 px (a phone) in light mode
test('[SCREENSHOTS]: every page dark, and every page at 390 px', async ({ page, request }) => {
  test.setTimeout(240_000);
  await sendTraces(request, demoTraces('', 60, 30 * 60_000));
  const search = await SearchPage.open(page, 'service=frontend&limit=40');
  await expect(search.results.first()).toBeVisible();
  const [a, b] = await search.listedTraceIds();
  const pages: [string, string][] = [
    ['search', '/search?service=frontend&limit=40'],
    ['trace', `/trace/${a}`],
    ['services', '/services?window=1h'],
    ['storage', '/storage'],
    ['sampling', '/sampling'],
    ['compare', `/compare/${a}...${b}`],
  ];
  const shoot = async (name: string, url: string, file: string) => {
    await page.goto(url);
    await expect(page.getByTestId('main-nav')).toBeVisible();
    await page.waitForLoadState('load');
    await page.waitForTimeout(1500); // not networkidle: a page may keep a request open
    if (name === 'trace') await expect(page.getByTestId('span-row').first()).toBeVisible({ timeout: 30_000 });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `public/screenshots/${file}.png` });
  };
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const [name, url] of pages) await shoot(name, url, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, url] of pages) await shoot(name, url, `${name}-390`);
});
