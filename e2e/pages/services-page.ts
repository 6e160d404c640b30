import { expect, type Locator, type Page } from '@playwright/test';

/** The services page (`/services`). */
export class ServicesPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, window = '1h'): Promise<ServicesPage> {
    await page.goto(`/services?window=${window}`);
    await expect(page.getByRole('heading', { name: 'Services' })).toBeVisible();
    // the heading is server-rendered; the metrics and the graph come after hydration, which can
    // take seconds on a busy machine (the chart bundle is large): wait for both to have loaded
    const loaded = { timeout: 20_000 };
    await expect(page.getByTestId('service-list').or(page.getByTestId('services-empty'))).toBeVisible(loaded);
    await expect(page.getByRole('group', { name: 'Service dependency graph' }).or(page.getByTestId('dependencies-empty'))).toBeVisible(loaded);
    return new ServicesPage(page);
  }

  card(service: string): Locator {
    return this.page.locator(`[data-testid="service-card"][data-service="${service}"]`);
  }

  operation(service: string, operation: string): Locator {
    return this.card(service).locator(`[data-testid="operation-row"][data-operation="${operation}"]`);
  }

  edge(parent: string, child: string): Locator {
    return this.page.locator(`[data-testid="graph-edge"][data-parent="${parent}"][data-child="${child}"]`);
  }

  node(service: string): Locator {
    return this.page.locator(`[data-testid="graph-node"][data-service="${service}"]`);
  }
}
