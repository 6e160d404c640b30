import { useQuery } from '@tanstack/react-query';
import { z } from '@/lib/model/zod';
import { fetchJson } from './fetch-json';

const ZIngest = z.object({ endpoints: z.array(z.object({ protocol: z.string(), address: z.string() })) });

/** Where this Spanscope accepts spans (GET /api/ui/ingest); asked only when `enabled` (an empty store). */
export const useIngestEndpoints = (enabled: boolean) =>
  useQuery({
    queryKey: ['ingest-endpoints'],
    queryFn: async ({ signal }) => (await fetchJson('/api/ui/ingest', ZIngest, { signal })).endpoints,
    enabled,
    staleTime: Infinity,
  });
