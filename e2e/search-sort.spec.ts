import { expect, test } from '@playwright/test';
import { SearchPage } from '@/e2e/pages/search-page';
import { sendTraces, uniqueService } from '@/e2e/support/send-otlp';

// The search page sorts and pages on the server over every match: with more traces than one
// page holds, "Longest first" must list the globally longest, not the longest of the newest page.

const TRACES = 30;
const PAGE = 10;

test('[SEARCH]: sort by longest across more traces than a page holds, then Load more reaches every trace once', async ({ page, request }) => {
  const svc = uniqueService('sorted');
  // the older the trace, the longer: the newest page holds the 10 shortest, so a sort done only
  // within the newest page would start with trace 20 (the longest of those), not trace 0
  const ids = await sendTraces(request, Array.from({ length: TRACES }, (_, i) => ({
    root: { service: svc, name: `op-${i}`, kind: 2, durationMs: (TRACES - i) * 10 + 5 },
  })));

  const search = await SearchPage.open(page, `service=${svc}&limit=${PAGE}`);
  await expect(search.count).toHaveText(`${TRACES} traces match`);
  await expect(search.showing).toHaveText(`, showing 1–${PAGE}`);
  await expect.poll(() => search.listedTraceIds()).toEqual(ids.slice(TRACES - PAGE).reverse()); // newest first

  await search.sortBy('Longest first');
  await expect(page).toHaveURL(/sort=longest/);
  await expect.poll(() => search.listedTraceIds()).toEqual(ids.slice(0, PAGE));
  await expect(search.results.first().getByTestId('result-duration')).toHaveText('305ms');
  expect(await search.plottedTraceIds()).toEqual(ids.slice(0, PAGE).sort()); // the plot shows the page it lists

  await search.loadMore();
  await expect.poll(() => search.listedTraceIds()).toEqual(ids.slice(0, 2 * PAGE));
  await expect(search.showing).toHaveText(`, showing 1–${2 * PAGE}`);
  await search.loadMore();
  const all = await search.listedTraceIds();
  expect(all).toEqual(ids); // every trace, longest first, none twice
  expect(new Set(all).size).toBe(TRACES);
  await expect(search.count).toHaveText(`${TRACES} traces match`);
  await expect(search.showing).toHaveText(`, showing 1–${TRACES}`);
  await expect(search.loadMoreButton).toHaveCount(0); // the last page
  expect(await search.plottedTraceIds()).toEqual([...ids].sort());

  // shortest first pages the other way round, from the global shortest
  await search.sortBy('Shortest first');
  await expect.poll(() => search.listedTraceIds()).toEqual(ids.slice(TRACES - PAGE).reverse());
});

test('[SEARCH]: trace duration and root service are criteria on the whole trace, kept in the URL', async ({ page, request }) => {
  const front = uniqueService('front');
  const back = uniqueService('back');
  const ids = await sendTraces(request, [
    { root: { service: front, name: 'GET /fast', kind: 2, durationMs: 20, children: [{ service: back, name: 'q', kind: 2, durationMs: 5 }] } },
    { root: { service: front, name: 'GET /slow', kind: 2, durationMs: 900, children: [{ service: back, name: 'q', kind: 2, durationMs: 5 }] } },
    { root: { service: back, name: 'job', kind: 1, durationMs: 800 } },
  ]);

  // every trace has a span of `back`; only two are rooted at `front`, and one of those is slow
  const search = await SearchPage.open(page, `service=${back}`);
  await expect(search.count).toHaveText('3 traces match');
  await search.chooseRootService(front);
  await search.setTraceDurations('500ms', '');
  await search.submit();

  await expect(page).toHaveURL(new RegExp(`rootService=${front}`));
  await expect(page).toHaveURL(/traceMinDuration=500ms/);
  await expect.poll(() => search.listedTraceIds()).toEqual([ids[1]]);
  await expect(search.count).toHaveText('1 trace matches');

  await search.setTraceDurations('', 'fast');
  await search.submit();
  await expect(page.getByTestId('traceMaxDuration-error')).toContainText('Write a duration');
});
