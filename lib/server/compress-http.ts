import type http from 'node:http';
import zlib from 'node:zlib';

// Compresses the JSON answers of the API (/api/...) by the request's Accept-Encoding, as they are
// written. It has to happen here, on the Node response, and not in the route handlers: Next.js
// hides Accept-Encoding from route handlers and drops a Content-Encoding they set, and its own
// compression covers pages but not route handlers (measured: a 10,000-span trace went out as
// 1.39 MB of plain JSON whatever the client accepted). zlib streams run on libuv's thread pool,
// so compressing a large trace does not stall the event loop.

export type ContentEncoding = 'gzip' | 'br';

/**
 * The encoding to answer with for an Accept-Encoding header (RFC 9110 §12.5.3: q-values, `*`,
 * q=0 refuses), or none. On equal q gzip wins: on a 10,000-span trace gzip level 6 made 159 KB in
 * 74 ms, brotli quality 5 141 KB in 154 ms; the trace page waits for the whole answer.
 */
export const pickEncoding = (acceptEncoding: string | undefined): ContentEncoding | undefined => {
  if (!acceptEncoding) return undefined;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (name: ContentEncoding) => q.get(name) ?? q.get('*') ?? 0;
  return (['gzip', 'br'] as const).filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a))[0];
};

const createEncoder = (encoding: ContentEncoding) =>
  encoding === 'gzip' ? zlib.createGzip({ level: 6 }) : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });

// Next.js sets headers with appendHeader, so a header read back may be an array of values
const headerText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : '');
const isJson = (contentType: unknown) => /^application\/(?:[\w.+-]+\+)?json\b/i.test(headerText(contentType));

type Chunk = string | Uint8Array;
const toBuffer = (chunk: Chunk, encoding?: BufferEncoding) => (typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);

/**
 * Makes `res` compress what it writes when `req` is for /api/..., accepts gzip or br, and the
 * answer turns out to be JSON (decided when the head is written). Call before handing both on.
 */
export const compressApiAnswers = (req: http.IncomingMessage, res: http.ServerResponse): void => {
  if (!req.url?.startsWith('/api/') || req.method === 'HEAD') return;
  const encoding = pickEncoding(req.headers['accept-encoding']);
  if (!encoding) return;

  const write = res.write.bind(res) as (chunk: Chunk, cb?: (err?: Error | null) => void) => boolean;
  const end = res.end.bind(res) as (cb?: () => void) => http.ServerResponse;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  let encoder: zlib.Gzip | zlib.BrotliCompress | undefined;
  let decided = false;

  const decide = () => {
    if (decided) return;
    decided = true;
    if (!isJson(res.getHeader('content-type')) || res.getHeader('content-encoding') || res.statusCode === 204 || res.statusCode === 304) return;
    res.removeHeader('content-length');
    res.setHeader('content-encoding', encoding);
    const vary = res.getHeader('vary');
    res.setHeader('vary', vary ? `${headerText(vary)}, Accept-Encoding` : 'Accept-Encoding');
    encoder = createEncoder(encoding);
    encoder.on('data', (chunk: Buffer) => {
      if (!write(chunk)) encoder!.pause();
    });
    res.on('drain', () => encoder!.resume());
    // write() answers the encoder's backpressure, so a writer waiting for 'drain' (Next.js does)
    // must hear the encoder's drain as the response's
    encoder.on('drain', () => res.emit('drain'));
    encoder.on('end', () => end());
    res.on('close', () => encoder!.destroy()); // a client that went away leaves no zlib stream behind
  };

  // writeHead(status[, message][, headers]): its headers count for the decision too
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((r) => typeof r === 'object' && r !== null);
    if (headers && !Array.isArray(headers)) for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v as string);
    res.statusCode = status;
    decide();
    const message = rest.find((r) => typeof r === 'string');
    return message === undefined ? writeHead(status) : writeHead(status, message);
  }) as typeof res.writeHead;

  res.write = ((chunk: Chunk, encodingOrCb?: BufferEncoding | ((err?: Error | null) => void), cb?: (err?: Error | null) => void) => {
    decide();
    if (!encoder) return typeof encodingOrCb === 'function' ? write(chunk, encodingOrCb) : write(toBuffer(chunk, encodingOrCb), cb);
    const callback = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
    return encoder.write(toBuffer(chunk, typeof encodingOrCb === 'string' ? encodingOrCb : undefined), callback);
  }) as typeof res.write;

  res.end = ((chunk?: Chunk | (() => void), encodingOrCb?: BufferEncoding | (() => void), cb?: () => void) => {
    decide();
    const callback = [chunk, encodingOrCb, cb].find((a) => typeof a === 'function') as (() => void) | undefined;
    const data = typeof chunk === 'function' ? undefined : chunk;
    if (!encoder) {
      if (data !== undefined && data !== null) write(toBuffer(data, typeof encodingOrCb === 'string' ? encodingOrCb : undefined));
      return end(callback);
    }
    if (callback) res.once('finish', callback);
    if (data !== undefined && data !== null) encoder.end(toBuffer(data, typeof encodingOrCb === 'string' ? encodingOrCb : undefined));
    else encoder.end();
    return res;
  }) as typeof res.end;
};
