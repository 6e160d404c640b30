import { expect, type Locator, type Page } from '@playwright/test';

/** The trace page (/trace/{id}) as a user sees it. */
export class TracePage {
  readonly rows: Locator;
  readonly detail: Locator;
  readonly findInput: Locator;
  readonly findCount: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('span-row');
    this.detail = page.getByTestId('span-detail');
    this.findInput = page.getByTestId('find-input');
    this.findCount = page.getByTestId('find-count');
  }

  static async open(page: Page, traceId: string, query = '') {
    await page.goto(`/trace/${traceId}${query}`);
    const tracePage = new TracePage(page);
    await expect(page.getByTestId('trace-page')).toBeVisible({ timeout: 30_000 });
    return tracePage;
  }

  row(name: string) {
    return this.rows.filter({ has: this.page.getByTestId('span-name').getByText(name, { exact: true }) });
  }

  /** Drags across the minimap from one fraction of its width to another: a zoom to that window, or a pan when it starts inside the zoomed range. */
  async dragMinimap(from: number, to: number) {
    const box = (await this.page.getByTestId('minimap-range').boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * from, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * to, y, { steps: 4 });
    await this.page.mouse.up();
  }

  async toggleChildren(name: string) {
    await this.row(name).getByTestId('toggle-children').click();
  }

  async openDetail(name: string) {
    await this.row(name).click();
    await expect(this.detail.getByTestId('span-detail-name')).toHaveText(name);
  }

  attribute(scope: Locator, key: string) {
    return scope.getByTestId('attribute-row').filter({ has: this.page.getByTestId('attribute-key').getByText(key, { exact: true }) });
  }
}

/** The flame graph view of the trace page (?view=flame). */
export class FlameGraphView {
  readonly canvas: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('flame-canvas');
  }

  async show() {
    await this.page.getByTestId('trace-view-flame').click();
    await expect(this.canvas).toBeVisible();
  }

  /** Clicks the block at `fraction` of the trace's duration on `row` (0 = the roots). */
  async clickAt(fraction: number, row: number) {
    const box = (await this.canvas.boundingBox())!;
    await this.canvas.click({ position: { x: box.width * fraction, y: row * 18 + 9 } });
  }
}
