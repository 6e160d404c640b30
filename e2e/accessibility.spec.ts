import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { everyPage } from '@/e2e/support/every-page';

// axe-core on every page, in light and dark: no serious or critical violation (contrast included).

const seriousViolations = async (page: Page) => {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
};

const pages = everyPage();

for (const scheme of ['light', 'dark'] as const) {
  for (const [name, url, ready] of pages) {
    test(`[A11Y]: the ${name} page in ${scheme} mode has no serious axe violation`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url());
      await expect(page.getByTestId(ready)).toBeVisible({ timeout: 30_000 });
      await page.waitForLoadState('load');
    await page.waitForTimeout(1500); // not networkidle: a page may keep a request open
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}
