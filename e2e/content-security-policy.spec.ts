import { expect, test } from '@playwright/test';
import { everyPage } from '@/e2e/support/every-page';

// Pages run under a CSP without 'unsafe-inline' for scripts (a per-request nonce Next.js puts on
// its own scripts, lib/server/security-headers.ts): Chromium reports no violation on any page,
// and the page is alive (React hydrated: the theme toggle works, the trace page draws its rows).

const pages = everyPage();

for (const [name, url, ready] of pages) {
  test(`[CSP]: the ${name} page runs with no CSP violation and hydrates`, async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const response = await page.goto(url());
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await expect(page.getByTestId(ready)).toBeVisible({ timeout: 30_000 });
    // hydrated: a client component's click handler runs
    const html = page.locator('html');
    const toggle = page.getByTestId('theme-toggle');
    const before = await html.getAttribute('class');
    await toggle.click();
    await expect.poll(() => html.getAttribute('class')).not.toBe(before);
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(violations).toEqual([]);
  });
}
