// One-line, timestamped log lines on stdout/stderr; LOG_LEVEL filters them.

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

const threshold = (): number => LEVELS[(process.env.LOG_LEVEL as Level) ?? 'info'] ?? LEVELS.info;

const write = (level: Level, scope: string, message: string) => {
  if (LEVELS[level] < threshold()) return;
  const line = `${new Date().toISOString()} ${level.padEnd(5)} [${scope}] ${message}`;
  if (LEVELS[level] >= LEVELS.warn) console.error(line);
  else console.log(line);
};

/** A logger for one part of the server. */
export const logger = (scope: string) => ({
  debug: (m: string) => write('debug', scope, m),
  info: (m: string) => write('info', scope, m),
  warn: (m: string) => write('warn', scope, m),
  error: (m: string) => write('error', scope, m),
});
