import { useQuery } from '@tanstack/react-query';
import { z } from '@/lib/model/zod';
import type { CriticalPathBody, TraceStatsBody } from '@/lib/api/pages/trace-analysis';
import { fetchJson } from './fetch-json';

// The trace page's analyses, computed by the server from the stored trace
// (lib/api/pages/trace-analysis.ts).

const ZCriticalPath = z.object({
  sections: z.array(z.object({ spanId: z.string(), startNs: z.string(), endNs: z.string() })),
}) satisfies z.ZodType<CriticalPathBody>;

const ZTraceStats = z.object({
  rows: z.array(
    z.object({
      service: z.string(),
      operation: z.string(),
      group: z.string().nullable().optional(),
      count: z.number(),
      totalNs: z.string(),
      selfNs: z.string(),
    }),
  ),
}) satisfies z.ZodType<TraceStatsBody>;

export const useCriticalPath = (traceId: string) =>
  useQuery({
    queryKey: ['trace', traceId, 'critical-path'] as const,
    queryFn: () => fetchJson(`/api/ui/traces/${traceId}/critical-path`, ZCriticalPath),
    staleTime: 60_000,
    retry: false,
  });

/** `groupBy` '' for no grouping. */
export const useTraceStats = (traceId: string, groupBy: string) =>
  useQuery({
    queryKey: ['trace', traceId, 'stats', groupBy] as const,
    queryFn: () => fetchJson(`/api/ui/traces/${traceId}/stats${groupBy ? `?groupBy=${encodeURIComponent(groupBy)}` : ''}`, ZTraceStats),
    staleTime: 60_000,
    retry: false,
    placeholderData: (previous) => previous,
  });
