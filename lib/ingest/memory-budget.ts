// One byte budget over everything ingest holds in memory: a request's body as it arrives, its
// decompressed bytes, the span records decoded from it, and those records waiting in the write
// queue until they are committed. A request reserves its share before its body is read and gives
// it back when it has been answered; while the budget is spent, new requests are refused at once
// (503 + Retry-After, gRPC RESOURCE_EXHAUSTED) instead of being read. Bounding by spans alone let
// 32 clients of 19 MiB requests drive the process to 2.3 GiB.
//
// One instance per process (lib/server/runtime.ts keeps it on globalThis), shared by the HTTP
// listeners and the gRPC server.

/**
 * Bytes held per byte of request body, from receipt to commit: the body, the records decoded from
 * it (attribute strings, ids), the COPY text built from them and what the PostgreSQL client
 * buffers. Measured with 1 MiB attribute values and with 5,000-span requests (see the README).
 */
export const HELD_BYTES_PER_BODY_BYTE = 4;

/**
 * Heap held per decoded span record beyond its strings (the object, its id strings, attribute
 * maps, the summary facts and COPY row built from it), so requests of many small spans are not
 * underestimated by their byte size. (Raising it to 6 KiB did not lower the peak RSS of 48
 * clients of 5,000-span requests, 642 vs 690 MiB: what is left there is V8's heap slack, see the
 * README's Memory section.)
 */
export const HELD_BYTES_PER_SPAN = 2_048;

/** A compressed body's expected expansion, for reserving before it is decompressed (capped by the body limit). */
export const EXPECTED_COMPRESSION_RATIO = 8;

export class MemoryBudget {
  private usedBytes = 0;
  /** requests refused since start, for /metrics */
  refusals = 0;

  constructor(readonly limitBytes: number) {}

  get used(): number {
    return this.usedBytes;
  }

  /**
   * Reserves `bytes`; returns the function that gives them back (idempotent), or undefined when
   * the budget cannot hold them. A request alone is always admitted, even over the limit, so one
   * request at INGEST_MAX_BODY_BYTES can never be refused forever; a request reserving a second
   * time (its decoded spans after its body) names what it holds already in `heldByCaller`.
   */
  tryReserve(bytes: number, heldByCaller = 0): (() => void) | undefined {
    // `heldByCaller`: what the same request reserved already (its body), so a request alone is still "alone"
    if (this.usedBytes - heldByCaller > 0 && this.usedBytes + bytes > this.limitBytes) {
      this.refusals++;
      return undefined;
    }
    this.usedBytes += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.usedBytes -= bytes;
    };
  }
}

/**
 * What an HTTP ingest request reserves, from its headers, before a byte of its body is read: its
 * declared length (or the body limit when it declares none, as a chunked request does), times the
 * expansion of a compressed body, times what is held per body byte.
 */
export const reservationForHttpBody = (contentLength: string | undefined, contentEncoding: string | undefined, maxBodyBytes: number): number => {
  const declared = Number(contentLength);
  const wire = contentLength !== undefined && Number.isFinite(declared) && declared >= 0 ? declared : maxBodyBytes;
  const compressed = contentEncoding !== undefined && !['', 'identity'].includes(contentEncoding.trim().toLowerCase());
  const body = Math.min(compressed ? wire * EXPECTED_COMPRESSION_RATIO : wire, maxBodyBytes);
  return Math.max(body, 1) * HELD_BYTES_PER_BODY_BYTE;
};

/** What the listener reserved for this request's body (the same computation, from the same headers). */
export const heldForBody = (req: Request, { maxBodyBytes }: { maxBodyBytes: number }): number =>
  reservationForHttpBody(req.headers.get('content-length') ?? undefined, req.headers.get('content-encoding') ?? undefined, maxBodyBytes);
