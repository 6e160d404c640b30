import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { logger } from '@/lib/log';
import { parseStrategiesFile, type SamplingStrategies, type SamplingStrategyResponse } from './parse-strategies';

// The active sampling strategies: from SAMPLING_STRATEGIES_FILE, re-read whenever the file changes
// (polled, so an editor's save-by-rename or a ConfigMap's symlink swap is seen too); a file that
// does not parse keeps the strategies in force and logs why. Without a file every service samples
// everything (probabilistic 1.0): Spanscope is where people try their tracing, and a trial that
// shows one trace in a thousand looks broken. Kept on globalThis: the launcher loads it, and the
// route handlers that Next.js bundles separately read it.

const log = logger('sampling');
const POLL_MS = 1000;

/** The strategy every service gets when no file is configured. */
export const NO_FILE_STRATEGY: SamplingStrategyResponse = { strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 1 } };

export type SamplingSnapshot = {
  /** the file, or undefined when the built-in default is in force */
  file?: string;
  loadedAt: number;
  /** why the last change to the file was refused, if it was */
  lastError?: string;
  strategies: SamplingStrategies;
};

export class SamplingStore {
  private current: SamplingSnapshot;

  constructor(private readonly file: string | undefined) {
    this.current = { file, loadedAt: Date.now(), strategies: { defaultStrategy: NO_FILE_STRATEGY, serviceStrategies: new Map() } };
  }

  /** Loads the file (throws if it is unreadable or malformed: the start should stop) and watches it. */
  start(): void {
    if (!this.file) return;
    const file = this.file;
    this.current = { file, loadedAt: Date.now(), strategies: this.read(file) };
    log.info(`sampling strategies loaded from ${file}`);
    watchFile(file, { interval: POLL_MS }, (now, before) => {
      if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino) return;
      this.reload();
    });
  }

  /** Re-reads the file; a bad file keeps the strategies in force. */
  reload(): void {
    if (!this.file) return;
    try {
      this.current = { file: this.file, loadedAt: Date.now(), strategies: this.read(this.file) };
      log.info(`sampling strategies reloaded from ${this.file}`);
    } catch (err) {
      this.current = { ...this.current, lastError: (err as Error).message };
      log.warn(`${(err as Error).message}; keeping the strategies loaded before`);
    }
  }

  stop(): void {
    if (this.file) unwatchFile(this.file);
  }

  private read(file: string): SamplingStrategies {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`cannot read SAMPLING_STRATEGIES_FILE ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    try {
      return parseStrategiesFile(text);
    } catch (err) {
      throw new Error(`SAMPLING_STRATEGIES_FILE ${file} is not a valid Jaeger strategies file: ${(err as Error).message}`);
    }
  }

  /** What a client of `service` is told. */
  strategyFor(service: string): SamplingStrategyResponse {
    const { strategies } = this.current;
    return strategies.serviceStrategies.get(service) ?? strategies.defaultStrategy;
  }

  snapshot(): SamplingSnapshot {
    return this.current;
  }
}

const KEY = Symbol.for('spanscope.sampling');
const store = globalThis as typeof globalThis & { [KEY]?: SamplingStore };

/** The process's sampling store, created on first use from SAMPLING_STRATEGIES_FILE. */
export const samplingStore = (file: string | undefined = process.env.SAMPLING_STRATEGIES_FILE?.trim() || undefined): SamplingStore =>
  (store[KEY] ??= new SamplingStore(file));
