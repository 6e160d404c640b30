import http from 'node:http';
import type { Socket } from 'node:net';
import { errorResponseForPath } from '@/lib/api/unknown-api-path';
import { MAX_URL_BYTES } from '@/lib/model/input-limits';
import type { MemoryBudget } from '@/lib/ingest/memory-budget';
import { admitIngestRequest } from '@/lib/ingest/refuse-over-memory';
import { applySecurityHeaders } from './security-headers';
import { ingestProtocolOf, metrics } from './metrics';

// Every HTTP listener of the process (the main port and the ingest ports) is created here, so an
// overlong request line or header block gets one answer everywhere: a JSON error in the envelope
// of the API family, never a reset connection.
//
// Node's own limit (maxHeaderSize, 16 KiB by default, request line included) answers a bare 431
// and destroys the socket while the client is still writing, which clients see as ECONNRESET
// (a 70 KB query string "reset the connection"). So Node is given room to read a request of up
// to HEADER_ROOM_BYTES whole, and we refuse a target over MAX_URL_BYTES with 414 ourselves; only
// beyond HEADER_ROOM_BYTES does Node's parser stop, and then clientError answers 431 in JSON.

const HEADER_ROOM_BYTES = 256 * 1024;

const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return (q === -1 ? url : url.slice(0, q)) || '/';
};

// `close` for a request whose target we refused (nothing after it can be trusted to parse).
const writeResponse = async (res: http.ServerResponse, response: Response, close: boolean): Promise<void> => {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = Object.fromEntries(response.headers);
  res.writeHead(response.status, { 'content-type': 'application/json', ...headers, ...(close && { connection: 'close' }) });
  res.end(body);
};

const decodesAsUtf8 = (pathname: string): boolean => {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
};

/**
 * The JSON answer (in the path's API family envelope) for a request target no route may see, or
 * undefined: over MAX_URL_BYTES (414), or a path whose percent-encoding is not UTF-8 (`%zz`,
 * `%C0%AF`), which Next.js's router answers with a bare 500 when it decodes the path parameters.
 */
export const refuseRequestTarget = (url: string): Response | undefined => {
  const bytes = Buffer.byteLength(url);
  if (bytes > MAX_URL_BYTES) {
    const message = `the request URL is ${bytes} bytes; the limit is ${MAX_URL_BYTES} (send fewer or shorter parameters)`;
    return errorResponseForPath(pathOf(url).slice(0, 256), 414, message);
  }
  const pathname = pathOf(url);
  if (!decodesAsUtf8(pathname)) {
    return errorResponseForPath(pathname, 400, 'malformed path: its percent-encoding is not UTF-8 (write % as %25)');
  }
  return undefined;
};

const answerClientError = (err: NodeJS.ErrnoException, socket: Socket): void => {
  if (!socket.writable) return void socket.destroy();
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, message] = tooLarge
    ? [431, 'Request Header Fields Too Large', `the request line and headers exceed ${HEADER_ROOM_BYTES} bytes`]
    : [400, 'Bad Request', 'the request is not valid HTTP/1.1'];
  const body = JSON.stringify({ error: { message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
};

export type IngestMemory = { memory: MemoryBudget; maxBodyBytes: number };

/**
 * An http.Server that refuses overlong URLs, undecodable paths and unparsable requests in JSON
 * before `handler` sees them; with `ingest`, an ingest POST the memory budget cannot hold is
 * refused with its body unread, and one admitted holds its reservation until it is answered.
 */
export const createHttpServer = (handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, ingest?: IngestMemory): http.Server => {
  const server = http.createServer({ maxHeaderSize: HEADER_ROOM_BYTES }, (req, res) => {
    const url = req.url ?? '/';
    applySecurityHeaders(req, res, pathOf(url));
    const refusal = refuseRequestTarget(url);
    if (refusal !== undefined) return void writeResponse(res, refusal, true);
    if (ingest !== undefined) {
      const admission = admitIngestRequest(req.method ?? 'GET', pathOf(url), req.headers, ingest.memory, ingest.maxBodyBytes);
      if (admission !== undefined && 'refused' in admission) {
        metrics().ingest.requestRefused(ingestProtocolOf(pathOf(url)), 'overloaded');
        // read and discard the body first (nothing is kept), then answer: a 503 sent while the
        // client is still writing makes Node close the connection, which clients see as EPIPE
        req.resume();
        req.once('end', () => void writeResponse(res, admission.refused, false));
        req.once('error', () => res.destroy());
        return;
      }
      if (admission !== undefined) res.once('close', admission.release);
    }
    handler(req, res);
  });
  server.on('clientError', answerClientError);
  return server;
};
