type LinkTargetProps = {
  traceId: string;
  spanId: string;
  /** the span's service and operation, when the store has the span */
  name?: { service?: string; operation?: string };
  /** the names are still being asked for */
  pending: boolean;
};

/** The span on the other side of a link: "service · operation" above its ids, or why there is no name. */
export function LinkTarget({ traceId, spanId, name, pending }: LinkTargetProps) {
  return (
    <span className="block min-w-0">
      {name?.service !== undefined ? (
        <span className="block font-medium break-words" data-testid="link-target-name">
          {name.service} · {name.operation}
        </span>
      ) : (
        !pending && <span className="block text-slate-500" data-testid="link-target-name">span not stored</span>
      )}
      <span className="block font-mono break-all">
        {traceId} / {spanId}
      </span>
    </span>
  );
}
