import { createHash } from 'node:crypto';
import { isTraceOrder, type PageAfter, type TraceOrder } from '@/lib/model/trace-order';
import type { TraceQuery } from '@/lib/model/trace-query';
import type { TraceFilter } from '@/lib/filter/filter-ast';

// The opaque page token of a trace search: where the last page ended, and a fingerprint of the
// query it belongs to, so a token replayed against another query is refused rather than
// silently paging through something else. Not signed: a forged token can only read what the
// same caller could query anyway.

type TokenBody = { v: 1; o: TraceOrder; k: string; t: string; f: string };

/** A short hash of everything that selects and orders the matches (not the page size). */
export const queryFingerprint = (criteria: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(criteria, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)))
    .digest('base64url')
    .slice(0, 16);

/** The fingerprint of a trace search: its criteria (the window included) and order, not its page size. */
export const traceQueryFingerprint = (query: TraceQuery, orderBy: TraceOrder): string => {
  const { limit: _pageSize, ...criteria } = query;
  return queryFingerprint({ ...criteria, orderBy });
};

/** The fingerprint of a filtered search: the filter, the window and the order (not the page size). */
export const filterFingerprint = (filter: TraceFilter, window: { startMinNs: bigint; startMaxNs: bigint }, orderBy: TraceOrder): string =>
  queryFingerprint({ filter, startMinNs: window.startMinNs, startMaxNs: window.startMaxNs, orderBy });

export const encodePageToken = (order: TraceOrder, after: PageAfter, fingerprint: string): string =>
  Buffer.from(JSON.stringify({ v: 1, o: order, k: String(after.key), t: after.traceId, f: fingerprint } satisfies TokenBody)).toString('base64url');

/** The page boundary a token names; throws an Error saying what is wrong with it. */
export const decodePageToken = (token: string, order: TraceOrder, fingerprint: string): PageAfter => {
  let body: Partial<TokenBody>;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error();
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new Error('not a page token this server issued');
  }
  if (body?.v !== 1 || typeof body.o !== 'string' || !isTraceOrder(body.o) || typeof body.k !== 'string' || !/^-?\d{1,20}$/.test(body.k) ||
      typeof body.t !== 'string' || !/^[0-9a-f]{32}$/.test(body.t) || typeof body.f !== 'string') {
    throw new Error('not a page token this server issued');
  }
  if (body.o !== order || body.f !== fingerprint) {
    throw new Error('the token belongs to a different query (its criteria, time window or order differ); start again without a token');
  }
  return { key: BigInt(body.k), traceId: body.t };
};
