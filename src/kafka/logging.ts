// kafkajs logs to stdout at INFO by default, which would break `--json` (stdout = one document).
// This log creator writes one line per entry to stderr, from warn up unless asked otherwise.
import { logLevel, type logCreator } from 'kafkajs';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

const LEVELS: Record<KafkaLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

const NAMES: Partial<Record<logLevel, string>> = {
  [logLevel.ERROR]: 'ERROR',
  [logLevel.WARN]: 'WARN',
  [logLevel.INFO]: 'INFO',
  [logLevel.DEBUG]: 'DEBUG',
};

export function toKafkajsLevel(level: KafkaLogLevel): logLevel {
  return LEVELS[level];
}

/** KAFKA_LOG_LEVEL=debug|info|warn|error|nothing overrides the default (warn). */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaLogLevel {
  const wanted = env.KAFKA_LOG_LEVEL?.toLowerCase();
  return wanted && wanted in LEVELS ? (wanted as KafkaLogLevel) : 'warn';
}

/** Formats one kafkajs log entry as a single line (pure, for tests). */
export function formatLogLine(level: logLevel, namespace: string, entry: { message: string; [k: string]: unknown }): string {
  const { message, timestamp: _t, logger: _l, ...extra } = entry;
  const details = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : '';
  return `kafkajs ${NAMES[level] ?? level} [${namespace}] ${message}${details}`;
}

/**
 * kafkajs logs every error RESPONSE at ERROR even when it retries it ("coordinator is loading",
 * "not leader" during a broker restart). Those are demoted to INFO; a failure that survives the
 * retries still surfaces as an exception to the caller.
 */
export function effectiveLevel(level: logLevel, namespace: string, message: string): logLevel {
  return level === logLevel.ERROR && namespace === 'Connection' && message.startsWith('Response ') ? logLevel.INFO : level;
}

export function stderrLogCreator(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): logCreator {
  return (threshold) =>
    ({ namespace, level, log }) => {
      const effective = effectiveLevel(level, namespace, log.message);
      if (effective <= threshold) write(formatLogLine(effective, namespace, log));
    };
}
