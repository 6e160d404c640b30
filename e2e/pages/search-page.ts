import { expect, type Locator, type Page } from '@playwright/test';

/** The search page (`/search`), driven the way a user drives it. */
export class SearchPage {
  readonly results: Locator;
  readonly points: Locator;
  readonly count: Locator;
  readonly showing: Locator;
  readonly loadMoreButton: Locator;

  constructor(readonly page: Page) {
    this.results = page.getByTestId('result-item');
    this.points = page.getByTestId('scatter-point');
    this.count = page.getByTestId('result-count');
    this.showing = page.getByTestId('result-showing');
    this.loadMoreButton = page.getByTestId('load-more');
  }

  static async open(page: Page, query = ''): Promise<SearchPage> {
    await page.goto(`/search${query ? `?${query}` : ''}`);
    const search = new SearchPage(page);
    await expect(page.getByTestId('search-form')).toBeVisible();
    // results arrive after hydration, which can take seconds on a busy machine
    await expect(page.getByTestId('search-results').or(page.getByTestId('search-error'))).toBeVisible({ timeout: 20_000 });
    return search;
  }

  async chooseService(name: string) {
    const input = this.page.getByTestId('service-select');
    await input.click();
    await input.fill(name);
    await this.page.getByRole('option', { name, exact: true }).click();
  }

  async chooseOperation(name: string) {
    const input = this.page.getByTestId('operation-select');
    await input.click();
    await input.fill(name);
    await this.page.getByRole('option').filter({ hasText: name }).first().click();
  }

  async chooseRootService(name: string) {
    const input = this.page.getByTestId('root-service-select');
    await input.click();
    await input.fill(name);
    await this.page.getByRole('option', { name, exact: true }).click();
  }

  async setTraceDurations(min: string, max: string) {
    await this.page.getByTestId('trace-min-duration').fill(min);
    await this.page.getByTestId('trace-max-duration').fill(max);
  }

  async setTags(logfmt: string) {
    await this.page.getByTestId('tags-input').fill(logfmt);
  }

  async setDurations(min: string, max: string) {
    await this.page.getByTestId('min-duration').fill(min);
    await this.page.getByTestId('max-duration').fill(max);
  }

  async submit() {
    await this.page.getByTestId('search-submit').click();
  }

  /** Picks a sort; the server sorts, so this waits for the new answer to replace the old one. */
  async sortBy(label: string) {
    const before = this.page.url();
    await this.page.getByTestId('sort-select').selectOption({ label });
    await expect(this.page).not.toHaveURL(before);
    await this.settled();
  }

  /** Loads the next page and waits for it to be listed. */
  async loadMore() {
    const before = await this.results.count();
    await this.loadMoreButton.click();
    await expect.poll(() => this.results.count()).toBeGreaterThan(before);
  }

  /** Waits until no search or page request is in flight. */
  async settled() {
    await expect(this.page.locator('[data-testid="search-results"][aria-busy="false"]')).toBeVisible();
  }

  /** Trace ids of the result rows, top to bottom. */
  async listedTraceIds(): Promise<string[]> {
    return this.results.evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id') ?? ''));
  }

  /** Trace ids of the scatter plot's points, sorted. */
  async plottedTraceIds(): Promise<string[]> {
    return (await this.points.evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id') ?? ''))).sort();
  }

  row(traceId: string): Locator {
    return this.page.locator(`[data-testid="result-item"][data-trace-id="${traceId}"]`);
  }

  point(traceId: string): Locator {
    return this.page.locator(`[data-testid="scatter-point"][data-trace-id="${traceId}"]`);
  }
}
