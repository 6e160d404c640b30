import { defineConfig } from '@playwright/test';

// e2e tests drive Debian's Chromium (/usr/bin/chromium; Playwright cannot download its own
// browser here) against Spanscope started exactly as `npm start` starts it, with an embedded
// PostgreSQL in a fresh data directory.

const PORT = Number(process.env.E2E_PORT ?? 16787);
const OTLP_PORT = Number(process.env.E2E_OTLP_PORT ?? 14418);

export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--disable-quic', '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'rm -rf data/e2e && node --max-old-space-size=1536 --import tsx lib/server/main.ts',
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { DATA_DIR: 'data/e2e', HOST: '127.0.0.1', PORT: String(PORT), OTLP_HTTP_PORT: String(OTLP_PORT), LOG_LEVEL: 'warn',
      // the other ingest listeners stay off, so e2e never collides with a Spanscope on their default ports
      OTLP_GRPC_PORT: '0', JAEGER_HTTP_PORT: '0', JAEGER_AGENT_COMPACT_PORT: '0', JAEGER_AGENT_BINARY_PORT: '0', ZIPKIN_PORT: '0', JAEGER_SAMPLING_PORT: '0', TEMPO_HTTP_PORT: '0' },
  },
});
