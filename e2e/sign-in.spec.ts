import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '@/lib/test/hash-test-password';
import { startTestServer, type TestServer } from '@/lib/test/test-server';

// The sign-in flow of read access control (AUTH_USERS_FILE), in Chromium, on a server of its
// own: a page asked for without a session lands on the form, a wrong password says so, the right
// one (typed and submitted with the keyboard) lands where the user was going, and sign-out ends
// the session. The form is readable in light and dark and fits 390 px.

const PASSWORD = 'tracing is fun 42';
let server: TestServer;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'spanscope-e2e-users-')), 'users');
  writeFileSync(file, `carol:${await hashPassword(PASSWORD)}\n`);
  server = await startTestServer({ env: { AUTH_USERS_FILE: file } });
});
test.afterAll(async () => server?.stop());

const fill = async (page: Page, user: string, password: string) => {
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
};

test('[SIGN-IN]: wrong password says so; the right one lands on next; sign-out ends the session', async ({ page }) => {
  await page.goto(`${server.baseUrl}/services?window=1h`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fservices%3Fwindow%3D1h$/);
  await expect(page.getByLabel('User name')).toBeFocused();

  await fill(page, 'carol', 'not the password');
  await expect(page.getByText('Wrong user name or password.')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\?error=1&next=%2Fservices%3Fwindow%3D1h$/);

  await fill(page, 'carol', PASSWORD);
  await expect(page).toHaveURL(`${server.baseUrl}/services?window=1h`);
  await expect(page.getByTestId('main-nav')).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'spanscope_session')!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

  // keyboard: tab to Sign out and press it
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await signOut.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${server.baseUrl}/sign-in`);
  await page.goto(`${server.baseUrl}/search`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsearch$/);
  // the old cookie, replayed, no longer opens anything
  const replay = await page.request.get(`${server.baseUrl}/api/ui/search?lookback=1h`, { headers: { cookie: `spanscope_session=${cookie.value}` } });
  expect(replay.status()).toBe(401);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`[SIGN-IN]: the form in ${scheme} mode at 390 px has no serious axe violation and fits`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${server.baseUrl}/sign-in?error=1`);
    await expect(page.getByText('Wrong user name or password.')).toBeVisible();
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
}
