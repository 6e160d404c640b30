// Response bodies of the Jaeger query APIs: v1's structured response (jaeger cmd/query
// http_handler.go) and api_v3's HTTP gateway error.

import { jsonResponse, type JsonResponseOptions } from '@/lib/api/json-response';

/** One entry of the v1 `errors` array. `code` is absent on per-id "trace not found" entries (Go omitempty). */
export type V1Error = { code?: number; msg: string; traceID?: string };

export type V1Envelope<T> = { data: T; total: number; limit: 0; offset: 0; errors: V1Error[] | null };

export type V1DataOptions = JsonResponseOptions & {
  /** filled only by the services/operations endpoints (= data.length) */
  total?: number;
  /** e.g. a lookup by trace ids answering 200 with `{"msg":"trace not found","traceID":…}` per missing id */
  errors?: V1Error[] | null;
};

export type V3ErrorBody = { error: { httpCode: number; message: string } };

/** `prettyPrint` as Jaeger reads it: any value but "false" (or none) turns it on. */
export const isPrettyPrint = (params: URLSearchParams): boolean => {
  const value = params.get('prettyPrint');
  return value !== null && value !== '' && value !== 'false';
};

/** The v1 success envelope `{"data":…,"total":…,"limit":0,"offset":0,"errors":null}`. */
export const v1DataResponse = <T>(data: T, { total = 0, errors = null, ...options }: V1DataOptions = {}): Response => {
  const body: V1Envelope<T> = { data, total, limit: 0, offset: 0, errors };
  return jsonResponse(body, options);
};

/** The v1 error body `{"data":null,…,"errors":[{"code":status,"msg":…}]}` with that HTTP status. */
export const v1ErrorResponse = (
  status: number,
  msg: string,
  options: Omit<JsonResponseOptions, 'status'> = {},
): Response => {
  const body: V1Envelope<null> = { data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] };
  return jsonResponse(body, { ...options, status });
};

/** The api_v3 error body `{"error":{"httpCode":status,"message":…}}` with that HTTP status. */
export const v3ErrorResponse = (
  status: number,
  message: string,
  options: Omit<JsonResponseOptions, 'status'> = {},
): Response => {
  const body: V3ErrorBody = { error: { httpCode: status, message } };
  return jsonResponse(body, { ...options, status });
};
