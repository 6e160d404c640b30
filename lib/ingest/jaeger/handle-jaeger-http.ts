import { handleSpanPost } from '@/lib/ingest/handle-span-post';
import type { IngestHttpDeps } from '@/lib/ingest/ingest-deps';
import { decodeJaegerHttpBody } from './decode-jaeger-thrift';

// Jaeger's collector HTTP endpoint (cmd/collector/app/handler/http_thrift_handler.go): a
// binary-Thrift Batch, `application/x-thrift` or `application/vnd.apache.thrift.binary`, 202 Accepted.

/** POST /api/traces */
export const handleJaegerHttp = (req: Request, deps: IngestHttpDeps) =>
  handleSpanPost(req, deps, {
    protocol: 'Jaeger Thrift batch',
    metricsLabel: 'jaeger_http',
    decoders: {
      'application/x-thrift': decodeJaegerHttpBody,
      'application/vnd.apache.thrift.binary': decodeJaegerHttpBody,
    },
  });
