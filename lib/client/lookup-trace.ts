import { z } from '@/lib/model/zod';
import { fetchJson } from './fetch-json';

export const ZLookupResult = z.union([
  z.object({ found: z.literal(true), traceId: z.string(), spanId: z.string().nullable(), format: z.string() }),
  z.object({ found: z.literal(false), traceIds: z.array(z.string()), spanIds: z.array(z.string()), format: z.string() }),
]);
export type TLookupResult = z.infer<typeof ZLookupResult>;

/** Asks the server which stored trace pasted text names (GET /api/ui/lookup). */
export const lookupTrace = (text: string): Promise<TLookupResult> =>
  fetchJson(`/api/ui/lookup?q=${encodeURIComponent(text)}`, ZLookupResult, { okStatuses: [404] });
