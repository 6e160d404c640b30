import type { Locator, Page } from '@playwright/test';

/** The trace page's analyses as a user sees them: critical-path controls and summary, the statistics view. */
export class TraceAnalysis {
  readonly summary: Locator;
  readonly onlyCritical: Locator;
  readonly markCritical: Locator;
  readonly statistics: Locator;
  readonly statsRows: Locator;

  constructor(readonly page: Page) {
    this.summary = page.getByTestId('critical-path-summary');
    this.onlyCritical = page.getByTestId('critical-only-toggle');
    this.markCritical = page.getByTestId('critical-mark-toggle');
    this.statistics = page.getByTestId('trace-statistics');
    this.statsRows = page.getByTestId('stats-row');
  }

  /** "service share" for each service in the summary, in its order */
  async summaryShares() {
    const items = this.summary.getByTestId('critical-path-service');
    const out: string[] = [];
    for (let i = 0; i < (await items.count()); i++) {
      const item = items.nth(i);
      out.push(`${await item.getAttribute('data-service')} ${await item.getByTestId('critical-path-share').textContent()}`);
    }
    return out;
  }

  async openStatistics() {
    await this.page.getByTestId('trace-view-stats').click();
  }

  sortBy(column: string) {
    return this.page.getByTestId(`stats-sort-${column}`);
  }

  /** the text of one column, top to bottom */
  column(column: string) {
    return this.statistics.getByTestId(`stats-cell-${column}`).allTextContents();
  }
}
