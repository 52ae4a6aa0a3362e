import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { effectiveLevel, formatLogLine, levelFromEnv, stderrLogCreator, toKafkajsLevel } from '../../src/kafka/logging.js';

describe('kafkajs logging', () => {
  it('defaults to warn and honours KAFKA_LOG_LEVEL', () => {
    expect(levelFromEnv({})).toBe('warn');
    expect(levelFromEnv({ KAFKA_LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(levelFromEnv({ KAFKA_LOG_LEVEL: 'loud' })).toBe('warn');
    expect(toKafkajsLevel('error')).toBe(logLevel.ERROR);
  });

  it('writes one line per entry through the given writer (stderr by default)', () => {
    const lines: string[] = [];
    const log = stderrLogCreator((l) => lines.push(l))(logLevel.WARN);
    log({ namespace: 'Consumer', level: logLevel.WARN, label: 'WARN', log: { message: 'rebalancing', timestamp: 'x', groupId: 'g' } });
    expect(lines).toEqual(['kafkajs WARN [Consumer] rebalancing {"groupId":"g"}']);
    expect(formatLogLine(logLevel.ERROR, 'X', { message: 'm' })).toBe('kafkajs ERROR [X] m');
  });

  it('demotes retried error responses below the warn threshold, keeps other errors', () => {
    const lines: string[] = [];
    const log = stderrLogCreator((l) => lines.push(l))(logLevel.WARN);
    log({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { message: 'Response GroupCoordinator(key: 10)', timestamp: 'x' } });
    log({ namespace: 'Consumer', level: logLevel.ERROR, label: 'ERROR', log: { message: 'Crash: boom', timestamp: 'x' } });
    log({ namespace: 'Consumer', level: logLevel.INFO, label: 'INFO', log: { message: 'joined', timestamp: 'x' } });
    expect(lines).toEqual(['kafkajs ERROR [Consumer] Crash: boom']);
    expect(effectiveLevel(logLevel.ERROR, 'Connection', 'Connection error: ECONNREFUSED')).toBe(logLevel.ERROR);
  });
});
