import { test } from '@playwright/test';
import { comparePath } from '@/lib/view/compare/compare-pair';
import { checkoutTrace } from './checkout-trace';
import { randomTraceId } from './otlp-trace';
import { sendSpans } from './send-spans';

/** A page of the UI: its name, its URL (known once the traces are sent), and a test id that is there once it has drawn. */
export type EveryPageCase = [name: string, url: () => string, ready: string];

/**
 * Every page of the UI, for the specs that check a property of all of them (axe, CSP): sends two
 * traces before the spec's tests (the trace and compare pages show them) and lists the pages.
 */
export const everyPage = (): EveryPageCase[] => {
  let traceA = '';
  let traceB = '';
  test.beforeAll(async ({ request }) => {
    traceA = randomTraceId();
    traceB = randomTraceId();
    await sendSpans(request, traceA, checkoutTrace());
    await sendSpans(request, traceB, checkoutTrace());
  });
  return [
    ['search', () => '/search?lookback=1h', 'search-form'],
    ['trace', () => `/trace/${traceA}`, 'trace-page'],
    ['services', () => '/services', 'main-nav'],
    ['storage', () => '/storage', 'main-nav'],
    ['sampling', () => '/sampling', 'main-nav'],
    ['compare', () => comparePath(traceA, traceB), 'main-nav'],
    ['explore', () => '/explore?groupBy=service,span.http.route&range=1h', 'groups-table'],
    ['exceptions', () => '/exceptions', 'exceptions-table'],
  ];
};
