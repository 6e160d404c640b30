import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { otlpTypes } from '@/lib/ingest/otlp/otlp-proto';

// The loads of the memory-bound test and benchmark: concurrent OTLP/HTTP protobuf clients that
// behave as exporters do (a 503 is retried after its Retry-After), while the server's resident
// memory is sampled from /proc. What every client had acknowledged is then counted in PostgreSQL.

/** The resident set size of a process, in bytes (Linux /proc). */
export const rssOf = (pid: number): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
};

/** Samples `pid`'s RSS every `everyMs` until stopped; `stop()` gives the peak in bytes. */
export const sampleRss = (pid: number, everyMs = 25): { stop: () => number } => {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // the process is gone; the peak stays what it was
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export type FatRequestShape = {
  service: string;
  spans: number;
  /** characters of the one big string attribute of each span (0: none) */
  attributeChars: number;
};

/** One OTLP protobuf request of `spans` spans of one new trace, each with a `payload` attribute of `attributeChars` characters. */
export const fatRequest = ({ service, spans, attributeChars }: FatRequestShape): Uint8Array => {
  const traceId = Buffer.from(hex(16), 'hex');
  const startNs = BigInt(Date.now() - 60_000) * 1_000_000n;
  const value = attributeChars > 0 ? hex(Math.ceil(attributeChars / 2)).slice(0, attributeChars) : '';
  const message = otlpTypes.ExportTraceServiceRequest.fromObject({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            spans: Array.from({ length: spans }, (_, i) => ({
              traceId,
              spanId: Buffer.from(hex(8), 'hex'),
              name: `op-${i % 20}`,
              kind: 2,
              startTimeUnixNano: String(startNs + BigInt(i) * 1000n),
              endTimeUnixNano: String(startNs + BigInt(i) * 1000n + 500_000n),
              attributes: [
                { key: 'http.route', value: { stringValue: `/r/${i % 50}` } },
                ...(value !== '' ? [{ key: 'payload', value: { stringValue: value } }] : []),
              ],
            })),
          },
        ],
      },
    ],
  });
  return otlpTypes.ExportTraceServiceRequest.encode(message).finish();
};

export type LoadResult = { acknowledgedSpans: number; refusals: number; connectionErrors: number; peakRssBytes: number; seconds: number };

/**
 * `clients` concurrent clients, each sending `requestsPerClient` requests built by `make` to
 * `${otlpUrl}/v1/traces` and retrying a 503 after its Retry-After, until each is acknowledged.
 */
export const runFatLoad = async ({
  otlpUrl,
  pid,
  clients,
  requestsPerClient,
  shape,
}: {
  otlpUrl: string;
  pid: number;
  clients: number;
  requestsPerClient: number;
  shape: FatRequestShape;
}): Promise<LoadResult> => {
  const sampler = sampleRss(pid);
  const started = Date.now();
  let acknowledgedSpans = 0;
  let refusals = 0;
  let connectionErrors = 0;
  const client = async () => {
    for (let r = 0; r < requestsPerClient; r++) {
      let body: Uint8Array | undefined = fatRequest(shape);
      for (;;) {
        let res: Response;
        try {
          res = await fetch(`${otlpUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body: body as Uint8Array<ArrayBuffer> });
          await res.arrayBuffer();
        } catch {
          // a connection closed under the request: not acknowledged, so retried, as exporters do
          connectionErrors++;
          await new Promise((resolve) => setTimeout(resolve, 500));
          continue;
        }
        if (res.status === 200) break;
        if (res.status !== 503) throw new Error(`ingest answered ${res.status}`);
        refusals++;
        await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? '1') * 1000 * (0.5 + Math.random())));
      }
      body = undefined;
      acknowledgedSpans += shape.spans;
    }
  };
  let peakRssBytes = 0;
  try {
    await Promise.all(Array.from({ length: clients }, client));
  } finally {
    peakRssBytes = sampler.stop();
  }
  return { acknowledgedSpans, refusals, connectionErrors, peakRssBytes, seconds: (Date.now() - started) / 1000 };
};
