import { jsonResponse } from '@/lib/api/json-response';

// The error body of the pages' own API (/api/ui/*, /api/storage): a bad parameter names the field,
// so the search form can show the message next to it; a query that does not parse also says where
// (`position`, offsets into the text), so the query box can underline it.

export type PagesErrorBody = { error: { message: string; param?: string; position?: { start: number; end: number } } };

/** `{"error":{"message":…,"param":…}}` with that HTTP status; `param` only for a bad parameter. */
export const pagesErrorResponse = (status: number, message: string, param?: string, detail?: Record<string, unknown>): Response => {
  const body: PagesErrorBody = { error: { message, ...(param !== undefined && { param }), ...detail } };
  return jsonResponse(body, { status });
};
