import { useQuery } from '@tanstack/react-query';
import { z } from '@/lib/model/zod';
import { buildTrace } from '@/lib/view/trace/build-trace';
import { SPAN_COUNT_HEADER, type CompactTrace } from '@/lib/api/pages/compact-trace';
import { fetchJson } from './fetch-json';

// The envelope is checked at the boundary; the 100,000 span objects inside are not walked one by
// one (that alone would cost more than parsing), they are the server's own serializer output.
const ZCompactTrace = z.object({
  traceId: z.string(),
  startUs: z.number(),
  startNs: z.string(),
  strings: z.array(z.string()),
  resources: z.array(z.any()),
  scopes: z.array(z.any()),
  spans: z.custom<CompactTrace['spans']>((v) => Array.isArray(v)),
}) as z.ZodType<CompactTrace>;

const traceKey = (traceId: string) => ['trace', traceId] as const;

/** Where loading a trace is: its body arriving (span count from the header), then being built. */
export type TraceLoadProgress = { phase: 'fetching' | 'building'; spanCount?: number; receivedBytes: number };

const PROGRESS_EVERY_MS = 100; // a progress line needs no more; each update re-renders the loader

// lets the browser paint the latest progress line before a long synchronous step
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** One trace, transformed once by buildTrace() where it enters the cache; `onProgress` hears how far loading is. */
export const useTrace = (traceId: string, onProgress?: (progress: TraceLoadProgress) => void) =>
  useQuery({
    queryKey: traceKey(traceId),
    queryFn: async () => {
      let spanCount: number | undefined;
      let lastReport = 0;
      const wire = await fetchJson(`/api/ui/traces/${traceId}`, ZCompactTrace, {
        onProgress: ({ receivedBytes, response }) => {
          const count = Number(response.headers.get(SPAN_COUNT_HEADER));
          spanCount = Number.isFinite(count) && count > 0 ? count : undefined;
          const now = performance.now();
          if (now - lastReport < PROGRESS_EVERY_MS && receivedBytes > 0) return;
          lastReport = now;
          onProgress?.({ phase: 'fetching', spanCount, receivedBytes });
        },
      });
      performance.mark('spanscope:trace-fetched'); // read by e2e/bench/trace-paint.bench.ts
      if (onProgress && wire.spans.length > 5_000) {
        onProgress({ phase: 'building', spanCount: wire.spans.length, receivedBytes: 0 });
        await nextPaint();
      }
      const trace = buildTrace(wire);
      performance.mark('spanscope:trace-built');
      return trace;
    },
    staleTime: 60_000, // spans of a fresh trace may still be arriving; a reload refetches
    retry: false,
  });
