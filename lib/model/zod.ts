import { z } from 'zod';

// The zod every module the browser loads imports, configured once before any schema exists.
// Zod 4 compiles object parsers with `new Function` unless it is jitless, and probes for that on
// the first object schema. Pages run under a CSP without 'unsafe-eval' (lib/server/security-headers.ts),
// where the probe, though caught, is reported as a violation; jitless parses without eval.
z.config({ jitless: true });

export { z };
