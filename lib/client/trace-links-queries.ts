import { useQuery } from '@tanstack/react-query';
import { z } from '@/lib/model/zod';
import type { TraceLinksAnswer } from '@/lib/api/pages/trace-links-answer';
import { fetchJson } from './fetch-json';

const ZLink = z.object({ spanId: z.string(), traceId: z.string(), linkedSpanId: z.string(), service: z.string().optional(), operation: z.string().optional() });
const ZTraceLinks = z.object({ outgoing: z.array(ZLink), incoming: z.array(ZLink), incomingTruncated: z.boolean() }) satisfies z.ZodType<TraceLinksAnswer>;

/** A trace's span links both ways (GET /api/ui/traces/{id}/links); the header and the span panel share one request. */
export const useTraceLinks = (traceId: string) =>
  useQuery({
    queryKey: ['trace-links', traceId] as const,
    queryFn: ({ signal }) => fetchJson(`/api/ui/traces/${traceId}/links`, ZTraceLinks, { signal }),
    staleTime: 60_000,
    retry: false,
  });
