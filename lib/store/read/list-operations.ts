import type { SpanKind } from '@/lib/model/span-record';
import { db } from '@/lib/store/db';

export type ListOperationsOptions = { serviceName: string; kind?: SpanKind };
/** One operation of a service: a span name with its kind. */
export type Operation = { name: string; kind: SpanKind };

/** The (span name, kind) pairs a service has sent, sorted by name; [] for an unknown service. */
export const listOperations = async ({ serviceName, kind }: ListOperationsOptions): Promise<Operation[]> => {
  const service = await db().service.findUnique({ where: { name: serviceName }, select: { id: true } });
  if (!service) return [];
  const rows = await db().operation.findMany({
    where: { serviceId: service.id, ...(kind !== undefined ? { kind } : {}) },
    select: { name: true, kind: true },
    orderBy: [{ name: 'asc' }, { kind: 'asc' }],
  });
  return rows.map((r) => ({ name: r.name, kind: r.kind as SpanKind }));
};
