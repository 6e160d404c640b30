import { expect, test } from '@playwright/test';
import { LookupBox } from '@/e2e/pages/lookup-box';
import { randomSpanId, type SpanSpec } from '@/e2e/support/otlp-trace';
import { sendSpans } from '@/e2e/support/send-spans';

// The top bar's lookup box opens a trace from whatever people copy: ids, propagation headers,
// a header line or a block of response headers, or a span id.

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
const spans = (rootSpanId: string, service: string): SpanSpec[] => [
  { spanId: rootSpanId, service, name: 'GET /lookup', startMs: 0, durationMs: 10 },
  { spanId: randomSpanId(), parentSpanId: rootSpanId, service, name: 'child', startMs: 1, durationMs: 5 },
];

test('[LOOKUP]: every id form opens the trace', async ({ page, request }) => {
  const traceId = hex(32);
  const spanId = randomSpanId();
  await sendSpans(request, traceId, spans(spanId, 'lookup-svc'));
  // a 64-bit trace id (B3 / old Jaeger clients): 16 significant hex characters
  const short = `1${hex(15)}`;
  const shortSpan = randomSpanId();
  await sendSpans(request, short.padStart(32, '0'), spans(shortSpan, 'lookup-64'));

  // a form that names a span as well opens the trace at that span (?span=)
  const forms: [string, string, string, string?][] = [
    ['a 32-hex id', traceId, traceId],
    ['an upper-case id', traceId.toUpperCase(), traceId],
    ['a 64-bit id without leading zeros', short, short.padStart(32, '0')],
    ['a 64-bit id with leading zeros', short.padStart(32, '0').toUpperCase(), short.padStart(32, '0')],
    ['a W3C traceparent', `00-${traceId}-${spanId}-01`, traceId, spanId],
    ['a b3 single header', `b3: ${traceId}-${spanId}-1`, traceId, spanId],
    ['an X-B3-TraceId header', `X-B3-TraceId: ${traceId}`, traceId],
    ['a Jaeger uber-trace-id', `uber-trace-id: ${short}:${shortSpan}:0:1`, short.padStart(32, '0'), shortSpan],
    ['an AWS X-Ray id', `Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${spanId};Sampled=1`, traceId, spanId],
    ['an X-Trace-Id header line', `X-Trace-Id: ${traceId}`, traceId],
    ['a block of response headers', `HTTP/1.1 500 Internal Server Error\ncontent-type: text/plain\nx-trace-id: ${traceId}\nserver: envoy`, traceId],
  ];
  const box = new LookupBox(page);
  await page.goto('/');
  for (const [what, text, expected, atSpan] of forms) {
    await test.step(what, async () => {
      await box.lookup(text);
      await expect(page, what).toHaveURL(new RegExp(`/trace/${expected}${atSpan ? `\\?span=${atSpan}` : ''}$`));
      await expect(page.getByTestId('trace-id')).toHaveText(expected);
    });
  }
});

test('[LOOKUP]: a span id opens the trace that holds it, at that span', async ({ page, request }) => {
  const traceId = hex(32);
  const spanId = randomSpanId();
  await sendSpans(request, traceId, spans(spanId, 'lookup-span'));
  await page.goto('/');
  await new LookupBox(page).lookup(spanId.toUpperCase());
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?span=${spanId}$`));
  await expect(page.getByTestId('span-detail-name')).toHaveText('GET /lookup');
});

test('[LOOKUP]: /trace/{anything} normalises the same way', async ({ page, request }) => {
  const traceId = hex(32);
  const spanId = randomSpanId();
  await sendSpans(request, traceId, spans(spanId, 'lookup-url'));
  await page.goto(`/trace/${encodeURIComponent(`00-${traceId.toUpperCase()}-${spanId}-01`)}`);
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?span=${spanId}$`));
  await expect(page.getByTestId('span-detail-name')).toHaveText('GET /lookup');
  await expect(page.getByTestId('trace-id')).toHaveText(traceId);
});

test('[LOOKUP]: an unknown id shows the not-found page with the id and why it may be missing', async ({ page }) => {
  const missing = hex(32);
  await page.goto('/');
  await new LookupBox(page).lookup(`traceparent: 00-${missing}-${randomSpanId()}-01`);
  await expect(page.getByTestId('trace-not-found')).toBeVisible();
  await expect(page.getByTestId('not-found-id')).toHaveText(missing);
  const reasons = page.getByTestId('not-found-reasons');
  await expect(reasons).toContainText('not arrived yet');
  await expect(reasons).toContainText('outside retention');
  await expect(reasons).toContainText('wrong id');

  const res = await page.goto(`/trace/${missing.slice(16).toUpperCase()}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('not-found-id')).toHaveText(missing.slice(16).toUpperCase());
  await expect(page.getByTestId('trace-not-found')).toContainText(`span id ${missing.slice(16)}`);
});
