import { describe, expect, it } from 'vitest';
import { HELD_BYTES_PER_BODY_BYTE, MemoryBudget, reservationForHttpBody } from './memory-budget';
import { admitIngestRequest } from './refuse-over-memory';
import { otlpTypes } from './otlp/otlp-proto';

const MiB = 1024 * 1024;

describe('MemoryBudget', () => {
  it('admits up to its limit, refuses beyond, and takes back what is released (once)', () => {
    const budget = new MemoryBudget(100);
    const a = budget.tryReserve(60)!;
    expect(budget.tryReserve(50)).toBeUndefined();
    const b = budget.tryReserve(40)!;
    expect(budget.used).toBe(100);
    a();
    a();
    expect(budget.used).toBe(40);
    b();
    expect(budget.used).toBe(0);
    expect(budget.refusals).toBe(1);
  });

  it('always admits a request alone, however large, so none is refused forever', () => {
    const budget = new MemoryBudget(100);
    expect(budget.tryReserve(1_000)).toBeDefined();
    expect(budget.tryReserve(1)).toBeUndefined();
  });
});

describe('what an HTTP ingest request reserves', () => {
  it.each([
    ['a declared length', '1000', undefined, 1000 * HELD_BYTES_PER_BODY_BYTE],
    ['no length (chunked): the body limit', undefined, undefined, 20 * MiB * HELD_BYTES_PER_BODY_BYTE],
    ['gzip: its expected expansion', '1000', 'gzip', 8000 * HELD_BYTES_PER_BODY_BYTE],
    ['gzip near the limit: capped by the limit', String(19 * MiB), 'gzip', 20 * MiB * HELD_BYTES_PER_BODY_BYTE],
  ])('%s', (_what, length, encoding, bytes) => {
    expect(reservationForHttpBody(length, encoding, 20 * MiB)).toBe(bytes);
  });
});

describe('admitIngestRequest', () => {
  const full = () => {
    const budget = new MemoryBudget(10 * MiB);
    budget.tryReserve(10 * MiB);
    return budget;
  };

  it('leaves requests other than ingest POSTs alone', () => {
    expect(admitIngestRequest('GET', '/api/traces', {}, full(), 20 * MiB)).toBeUndefined();
    expect(admitIngestRequest('POST', '/api/transform', {}, full(), 20 * MiB)).toBeUndefined();
  });

  it('refuses OTLP/HTTP protobuf with a 503, Retry-After and a google.rpc.Status body', async () => {
    const admission = admitIngestRequest('POST', '/v1/traces', { 'content-type': 'application/x-protobuf', 'content-length': '5000' }, full(), 20 * MiB);
    const res = (admission as { refused: Response }).refused;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    const status = otlpTypes.RpcStatus.decode(new Uint8Array(await res.arrayBuffer())) as unknown as { code: number; message: string };
    expect(status.code).toBe(14);
    expect(status.message).toMatch(/INGEST_MEMORY_BYTES/);
  });

  it.each(['/api/traces', '/api/v2/spans'])('refuses %s (Jaeger, Zipkin) with a 503 and Retry-After in text', async (path) => {
    const res = (admitIngestRequest('POST', path, { 'content-length': '5000' }, full(), 20 * MiB) as { refused: Response }).refused;
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.text()).toMatch(/memory budget is full/);
  });

  it('admits while there is room, and the reservation is given back by its release', () => {
    const budget = new MemoryBudget(100 * MiB);
    const admission = admitIngestRequest('POST', '/v1/traces', { 'content-length': String(MiB) }, budget, 20 * MiB) as { release: () => void };
    expect(budget.used).toBe(MiB * HELD_BYTES_PER_BODY_BYTE);
    admission.release();
    expect(budget.used).toBe(0);
  });
});
