import { accessSync, constants } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';

// Every setting comes from the environment, validated once at start with messages that name
// the variable and what it accepts. The README's configuration table mirrors this file.

const port = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `must be a TCP port from 1 to 65535, or 0 to disable; got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const positiveInt = (fallback: number, what: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number ≥ 1 (${what}); got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

export const ZEnv = z.object({
  PORT: port(16686),
  HOST: z.string().optional().transform((v) => (v && v.trim()) || '0.0.0.0'),
  DATA_DIR: z.string().optional().transform((v) => (v && v.trim()) || './data'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      if (!/^postgres(ql)?:\/\//.test(v)) {
        ctx.addIssue({ code: 'custom', message: `must be a postgres:// or postgresql:// connection URL; got "${v}"` });
        return z.NEVER;
      }
      return v;
    }),
  OTLP_HTTP_PORT: port(4318),
  OTLP_GRPC_PORT: port(4317),
  JAEGER_HTTP_PORT: port(14268),
  JAEGER_AGENT_COMPACT_PORT: port(6831),
  JAEGER_AGENT_BINARY_PORT: port(6832),
  ZIPKIN_PORT: port(9411),
  JAEGER_SAMPLING_PORT: port(5778),
  TEMPO_HTTP_PORT: port(3200),
  INGEST_TOKENS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '')),
  JAEGER_AGENT_ALLOW_UNAUTHENTICATED: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? '').trim().toLowerCase();
      if (s === '' || s === 'false' || s === '0') return false;
      if (s === 'true' || s === '1') return true;
      ctx.addIssue({ code: 'custom', message: `must be true or false; got "${v}"` });
      return z.NEVER;
    }),
  SAMPLING_STRATEGIES_FILE: z.string().optional().transform((v) => (v && v.trim()) || undefined),
  RETENTION_DAYS: positiveInt(30, 'days of spans kept'),
  INGEST_MAX_BODY_BYTES: positiveInt(20 * 1024 * 1024, 'largest accepted ingest request body, after gunzip'),
  INGEST_QUEUE_SPANS: positiveInt(200_000, 'spans received but not yet committed before ingest answers 503'),
  INGEST_MAX_WAIT_MS: positiveInt(3_000, 'ms a request may expect to wait for its commit before ingest answers 503 instead'),
  // the read side's budgets; lib/store/read-budget.ts reads them (with these defaults) once validated here
  QUERY_TIMEOUT_MS: positiveInt(5_000, 'ms a UI/API read may run, or wait for its turn, before it is stopped'),
  QUERY_POOL_SIZE: positiveInt(3, 'PostgreSQL connections for reads; ingest has its own 4'),
  QUERY_WORK_MEM_MB: positiveInt(32, 'memory (MiB) one sort or hash of a read may use before spilling to disk'),
  QUERY_HEAVY_CONCURRENCY: positiveInt(1, 'dependency and service-metric queries running at once'),
  QUERY_NICE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return 10;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 19) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from 0 to 19 (how much lower the CPU priority of the read connections' PostgreSQL processes is; 0 leaves it alone); got "${v}"` });
        return z.NEVER;
      }
      return n;
    }),
  QUERY_MAX_SPANS: positiveInt(100_000, 'spans one answer of whole traces may hold'),
  QUERY_MAX_BYTES: positiveInt(32 * 1024 * 1024, 'bytes of span data one answer of whole traces may read'),
  QUERY_ATTRIBUTE_VALUE_LENGTH: positiveInt(16 * 1024, 'characters of an attribute value sent in a trace; longer ones are cut, with a marker'),
  INGEST_MEMORY_BYTES: positiveInt(128 * 1024 * 1024, 'bytes ingest may hold (bodies, decoded spans, write queue) before it answers 503'),
  // read access control (lib/server/guard-read-access.ts); all unset = off, as before
  QUERY_TOKENS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '')),
  AUTH_USERS_FILE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const file = (v ?? '').trim();
      if (file === '') return undefined;
      try {
        accessSync(file, constants.R_OK);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `must name a readable file of user:hash lines (npm run auth:hash-password); "${file}": ${(err as Error).message}` });
        return z.NEVER;
      }
      return file;
    }),
  AUTH_PROXY_HEADER: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const name = (v ?? '').trim().toLowerCase();
      if (name === '') return undefined;
      if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name) || name === 'authorization' || name === 'cookie') {
        ctx.addIssue({ code: 'custom', message: `must be an HTTP header name such as X-Forwarded-User; got "${v}"` });
        return z.NEVER;
      }
      return name;
    }),
  AUTH_PROXY_ADDRESSES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const items = (v ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
      for (const item of items) {
        const [address, bits, extra] = item.split('/');
        const family = isIP(address);
        const max = family === 6 ? 128 : 32;
        const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
        if (family === 0 || !okBits || extra !== undefined) {
          ctx.addIssue({ code: 'custom', message: `must be comma-separated IP addresses or CIDR ranges (10.0.0.5, 10.0.0.0/8, ::1); got "${item}"` });
          return z.NEVER;
        }
      }
      return items;
    }),
  EMBEDDED_PG_PORT: port(0),
  // on a Citus coordinator: the shard count of spans and trace_summaries when they are first distributed (lib/store/citus.ts)
  CITUS_SHARD_COUNT: positiveInt(4, 'shards of the distributed tables on Citus, used when they are first distributed'),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const level = (v ?? 'info').trim() || 'info';
      if (!['debug', 'info', 'warn', 'error'].includes(level)) {
        ctx.addIssue({ code: 'custom', message: `must be one of debug, info, warn, error; got "${v}"` });
        return z.NEVER;
      }
      return level as 'debug' | 'info' | 'warn' | 'error';
    }),
});

export type TEnv = z.infer<typeof ZEnv>;

// the proxy's user header means something only together with the addresses it may come from
const ZEnvChecked = ZEnv.superRefine((config, ctx) => {
  if (config.AUTH_PROXY_HEADER !== undefined && config.AUTH_PROXY_ADDRESSES.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_PROXY_HEADER'], message: 'needs AUTH_PROXY_ADDRESSES: the addresses of the proxy whose header is trusted' });
  }
  if (config.AUTH_PROXY_ADDRESSES.length > 0 && config.AUTH_PROXY_HEADER === undefined) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_PROXY_ADDRESSES'], message: 'is set but AUTH_PROXY_HEADER is not: name the header the proxy sets (X-Forwarded-User)' });
  }
});

/** Whether any form of read access control is configured. */
export const readAccessControlOn = (config: TEnv): boolean =>
  config.QUERY_TOKENS.length > 0 || config.AUTH_USERS_FILE !== undefined || config.AUTH_PROXY_HEADER !== undefined;

export class EnvError extends Error {}

/** Parses the environment; throws EnvError listing every bad variable. */
export const parseEnv = (source: NodeJS.ProcessEnv = process.env): TEnv => {
  const result = ZEnvChecked.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
  throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
};

let cached: TEnv | undefined;

/** The validated environment of this process (parsed on first use). */
export const env = (): TEnv => (cached ??= parseEnv());
