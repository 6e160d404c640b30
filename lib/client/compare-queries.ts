import { useQuery } from '@tanstack/react-query';
import { z } from '@/lib/model/zod';
import type { CompareAnswer } from '@/lib/api/pages/compare-answer';
import { fetchJson } from './fetch-json';

const ZSide = z.object({ count: z.number(), totalNs: z.string(), selfNs: z.string() }).nullable();
const ZTrace = z.object({ traceId: z.string(), rootService: z.string(), rootOperation: z.string(), durationNs: z.string(), spanCount: z.number() });
const ZBaseline = z.object({ baseline: z.literal(true), traceCount: z.number(), rootService: z.string(), rootOperation: z.string(), durationNs: z.string() });
const ZCompare = z.object({
  a: ZTrace,
  b: z.union([ZBaseline, ZTrace]),
  nodes: z.array(z.object({ path: z.array(z.string()), a: ZSide, b: ZSide })),
}) satisfies z.ZodType<CompareAnswer>;

/** Two traces matched by path (GET /api/ui/compare); `b` is a trace id or 'baseline'. */
export const useCompare = (a: string, b: string) =>
  useQuery({
    queryKey: ['compare', a, b] as const,
    queryFn: ({ signal }) => fetchJson(`/api/ui/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, ZCompare, { signal }),
    staleTime: 60_000,
    retry: false,
  });
