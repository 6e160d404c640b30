import { jsonResponse } from '@/lib/api/json-response';

// The error body of the pages' own API (/api/ui/*, /api/storage): a bad parameter names the field,
// so the search form can show the message next to it.

export type PagesErrorBody = { error: { message: string; param?: string } };

/** `{"error":{"message":…,"param":…}}` with that HTTP status; `param` only for a bad parameter. */
export const pagesErrorResponse = (status: number, message: string, param?: string): Response => {
  const body: PagesErrorBody = { error: { message, ...(param !== undefined && { param }) } };
  return jsonResponse(body, { status });
};
