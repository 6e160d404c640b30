import type { Locator, Page } from '@playwright/test';

/** The "open trace" box in the top bar of every page. */
export class LookupBox {
  readonly input: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId('trace-lookup-input');
  }

  async lookup(text: string) {
    await this.input.fill(text);
    await this.input.press('Enter');
  }
}
