import type { z } from 'zod';

/** An API error with the server's message and, for a bad search field, the parameter it names. */
export class FetchError extends Error {
  constructor(
    message: string,
    public status: number,
    public param?: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

const messageOf = (body: unknown): { message?: string; param?: string } => {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown; errors?: { msg?: string }[] }).error;
  if (typeof error === 'object' && error !== null) return error as { message?: string; param?: string };
  return { message: (body as { errors?: { msg?: string }[] }).errors?.[0]?.msg };
};

/** GETs JSON and checks its shape with Zod at the boundary; non-2xx answers throw FetchError. */
export const fetchJson = async <T>(url: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> => {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const { message, param } = messageOf(body);
    throw new FetchError(message ?? `${res.status} ${res.statusText}`, res.status, param);
  }
  return schema.parse(body);
};
