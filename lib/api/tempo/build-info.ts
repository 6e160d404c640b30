import { jsonResponse } from '@/lib/api/json-response';
import pkg from '@/package.json';

// GET /api/status/buildinfo: the fields Tempo documents (version, revision, branch, buildDate,
// buildUser, goVersion). Grafana's Tempo data source reads `version` to decide which features to
// use: from 2.2.0 on it sends searches over gRPC streaming, which Spanscope does not serve, so
// we answer as the last Tempo before streaming; every HTTP endpoint Grafana then uses is served.
// `revision` says what really answers.

export const TEMPO_COMPATIBLE_VERSION = '2.1.1';

export const answerBuildInfo = (): Response =>
  jsonResponse({
    version: TEMPO_COMPATIBLE_VERSION,
    revision: `spanscope-${pkg.version}`,
    branch: 'spanscope',
    buildDate: '',
    buildUser: '',
    goVersion: `node ${process.version}`,
  });

/** GET /api/echo: Tempo's readiness answer for query UIs, the body `echo`. */
export const answerEcho = (): Response => new Response('echo', { headers: { 'content-type': 'text/plain; charset=utf-8' } });
