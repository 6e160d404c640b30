import { expect, type Locator, type Page } from '@playwright/test';

/** The services page (`/services`). */
export class ServicesPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, window = '1h'): Promise<ServicesPage> {
    await page.goto(`/services?window=${window}`);
    await expect(page.getByRole('heading', { name: 'Services' })).toBeVisible();
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
