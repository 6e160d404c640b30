import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { IngestError } from './ingest-errors';

// Reads an ingest request body with a byte limit that holds both on the wire and after
// decompression (a small gzip bomb must not balloon in memory).

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

export type ReadBodyOptions = { maxBytes: number };

/** The request body as bytes, decompressed per Content-Encoding (identity, gzip, deflate). */
export const readBody = async (req: Request, { maxBytes }: ReadBodyOptions): Promise<Uint8Array> => {
  const encoding = (req.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (!['identity', 'gzip', 'x-gzip', 'deflate', ''].includes(encoding)) {
    throw new IngestError('unsupported-encoding', `unsupported Content-Encoding "${encoding}"; use gzip, deflate or none`);
  }
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  if (encoding === 'identity' || encoding === '') return raw;
  try {
    const opts = { maxOutputLength: maxBytes };
    return encoding === 'deflate' ? await inflate(raw, opts) : await gunzip(raw, opts);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooLarge(maxBytes);
    throw new IngestError('undecodable', `body is not valid ${encoding} data: ${(err as Error).message}`);
  }
};

const tooLarge = (maxBytes: number) =>
  new IngestError('too-large', `request body exceeds ${maxBytes} bytes (INGEST_MAX_BODY_BYTES)`);
