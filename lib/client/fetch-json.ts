import type { z } from 'zod';

/** An HTTP error from our own API, with its status so callers can tell "not found" apart. */
export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GETs JSON and checks its shape with a Zod schema at the boundary; `okStatuses` lists non-2xx answers that carry a body. */
export const fetchJson = async <T>(url: string, schema: z.ZodType<T>, okStatuses: number[] = []): Promise<T> => {
  // no extra headers: a request must match a <link rel=preload as=fetch> exactly to reuse it
  const res = await fetch(url);
  if (!res.ok && !okStatuses.includes(res.status)) {
    const body = await res.text().catch(() => '');
    throw new FetchError(res.status, `${res.status} ${res.statusText}${body ? `: ${body.slice(0, 300)}` : ''}`);
  }
  return schema.parse(await res.json());
};
