import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { buildTrace } from '@/lib/view/trace/build-trace';
import type { CompactTrace } from '@/lib/api/pages/compact-trace';
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

/** One trace, transformed once by buildTrace() where it enters the cache. */
export const useTrace = (traceId: string) =>
  useQuery({
    queryKey: traceKey(traceId),
    queryFn: async () => {
      const wire = await fetchJson(`/api/ui/traces/${traceId}`, ZCompactTrace);
      performance.mark('spanscope:trace-fetched'); // read by e2e/bench/trace-paint.bench.ts
      const trace = buildTrace(wire);
      performance.mark('spanscope:trace-built');
      return trace;
    },
    staleTime: 60_000, // spans of a fresh trace may still be arriving; a reload refetches
    retry: false,
  });
