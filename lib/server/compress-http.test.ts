import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compressApiAnswers, pickEncoding } from './compress-http';

describe('pickEncoding', () => {
  test.each([
    ['gzip, deflate, br, zstd', 'gzip'], // what Chromium sends
    ['br', 'br'],
    ['br;q=1, gzip;q=0.5', 'br'],
    ['gzip;q=0, br', 'br'],
    ['*', 'gzip'],
    ['*;q=0', undefined],
    ['identity', undefined],
    ['deflate', undefined],
    [undefined, undefined],
  ])('%j → %s', (header, expected) => expect(pickEncoding(header)).toBe(expected));
});

// a real server answering the ways Next.js does: headers set then chunks written, or writeHead with headers
const json = JSON.stringify({ spans: Array.from({ length: 2000 }, (_, i) => ({ i: i.toString(16).padStart(16, '0'), n: 'GET /checkout' })) });
let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    compressApiAnswers(req, res);
    if (req.url === '/api/chunks') {
      res.statusCode = 200;
      res.appendHeader('content-type', 'application/json; charset=utf-8'); // as Next.js does: read back, it is an array
      res.appendHeader('vary', 'rsc');
      res.write(json.slice(0, 1000));
      res.write(Buffer.from(json.slice(1000, 5000)));
      res.end(json.slice(5000));
    } else if (req.url === '/api/backpressure') {
      // as Next.js pipes a body: on write() === false, wait for 'drain' before the next chunk
      res.setHeader('content-type', 'application/json');
      void (async () => {
        for (let i = 0; i < json.length; i += 4096) {
          if (!res.write(json.slice(i, i + 4096))) await new Promise((resolve) => res.once('drain', resolve));
        }
        res.end();
      })();
    } else if (req.url === '/api/head') {
      res.writeHead(404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(json);
    } else {
      res.setHeader('content-type', req.url === '/api/text' ? 'text/plain' : 'text/html');
      res.end(json);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const rawGet = (path: string, acceptEncoding?: string) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http.get(`${base}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });

describe('compressApiAnswers', () => {
  test('gzips a JSON answer written in chunks, for a client that accepts gzip', async () => {
    const res = await rawGet('/api/chunks', 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.body.length).toBeLessThan(json.length / 5);
    expect(gunzipSync(res.body).toString()).toBe(json);
  });

  test('a writer that waits for drain on backpressure gets it, and the whole body arrives', async () => {
    const res = await rawGet('/api/backpressure', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(json);
  }, 10_000);

  test('brotli when only brotli is accepted; status and headers given to writeHead are kept', async () => {
    const res = await rawGet('/api/head', 'br');
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.body).toString()).toBe(json);
  });

  test('leaves alone clients that accept no compression, non-JSON answers and pages outside /api/', async () => {
    for (const [path, enc] of [['/api/chunks', undefined], ['/api/chunks', 'identity'], ['/api/text', 'gzip'], ['/search', 'gzip']] as const) {
      const res = await rawGet(path, enc);
      expect(res.headers['content-encoding'], `${path} ${enc}`).toBeUndefined();
      expect(res.body.toString()).toBe(json);
    }
  });
});
