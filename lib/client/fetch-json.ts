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

/** The status of a FetchError when no HTTP answer came at all (server down, network gone). */
export const UNREACHABLE = 0;

/** What every page says when fetch() itself fails. */
export const UNREACHABLE_MESSAGE = 'The Spanscope server cannot be reached. Check that it is running and try again.';

/** Whether an error is the server not answering at all (as opposed to answering with an error). */
export const isUnreachable = (err: unknown) => err instanceof FetchError && err.status === UNREACHABLE;

/** Whether an error is the server refusing the request as asked (4xx): asking again cannot help. */
export const isClientError = (err: unknown) => err instanceof FetchError && err.status >= 400 && err.status < 500;

export type FetchProgress = { receivedBytes: number; response: Response };

export type FetchJsonOptions = {
  signal?: AbortSignal;
  /** non-2xx statuses whose body is an answer, not an error (e.g. a lookup's 404) */
  okStatuses?: number[];
  /** called as the body arrives (bytes after decompression), for a progress line on large answers */
  onProgress?: (progress: FetchProgress) => void;
};

const readBody = async (res: Response, onProgress?: (p: FetchProgress) => void): Promise<unknown> => {
  if (!onProgress || !res.body) return res.json().catch(() => undefined);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let receivedBytes = 0;
  onProgress({ receivedBytes, response: res });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    receivedBytes += value.length;
    onProgress({ receivedBytes, response: res });
  }
  const text = await new Blob(chunks as BlobPart[]).text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** GETs JSON and checks its shape with Zod at the boundary; other non-2xx answers throw FetchError (status 0: no answer at all). */
export const fetchJson = async <T>(url: string, schema: z.ZodType<T>, { signal, okStatuses = [], onProgress }: FetchJsonOptions = {}): Promise<T> => {
  // no extra headers: a request must match a <link rel=preload as=fetch> exactly to reuse it
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new FetchError(UNREACHABLE_MESSAGE, UNREACHABLE);
  }
  const body = await readBody(res, onProgress).catch((err: unknown) => {
    if (signal?.aborted) throw err;
    throw new FetchError(UNREACHABLE_MESSAGE, UNREACHABLE); // the connection broke mid-answer
  });
  if (!res.ok && !okStatuses.includes(res.status)) {
    const { message, param } = messageOf(body);
    throw new FetchError(message ?? `${res.status} ${res.statusText}`, res.status, param);
  }
  return schema.parse(body);
};
