import type { z } from 'zod';

/** An API error with the server's message, its status, and for a bad search field the parameter it names. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

const messageOf = (body: unknown): { message?: string; param?: string } => {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'object' && error !== null) return error as { message?: string; param?: string };
  return { message: (body as { errors?: { msg?: string }[] }).errors?.[0]?.msg };
};

export type FetchJsonOptions = {
  signal?: AbortSignal;
  /** non-2xx statuses whose body is an answer, not an error (e.g. a lookup's 404) */
  okStatuses?: number[];
};

/** GETs JSON and checks its shape with Zod at the boundary; other non-2xx answers throw FetchError. */
export const fetchJson = async <T>(url: string, schema: z.ZodType<T>, { signal, okStatuses = [] }: FetchJsonOptions = {}): Promise<T> => {
  // no extra headers: a request must match a <link rel=preload as=fetch> exactly to reuse it
  const res = await fetch(url, { signal });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok && !okStatuses.includes(res.status)) {
    const { message, param } = messageOf(body);
    throw new FetchError(message ?? `${res.status} ${res.statusText}`, res.status, param);
  }
  return schema.parse(body);
};
