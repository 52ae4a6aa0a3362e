// `npm run perf` options -> a checked PerfOptions. Bad values are input errors (exit 2) before
// anything is contacted. Defaults are modest: the lab shares two cores with everything else.
import { InputError } from '../core/errors.js';
import { DEFAULT_PRODUCER_PROPS } from './command.js';

export interface PerfOptions {
  records: number;
  recordSize: number;
  /** records/s; -1 = unthrottled */
  throughput: number;
  partitions: number;
  /** producer properties besides bootstrap.servers (defaults + --producer-prop, later wins) */
  producerProps: Record<string, string>;
  /** where each of producerProps comes from: the seed, Kafka's default, or --producer-prop */
  producerPropSources: Record<string, string>;
  keepTopic: boolean;
  /** broker host (inventory name) to run the client on; default the first broker's host */
  host: string | null;
}

export interface PerfArgs {
  records?: string;
  'record-size'?: string;
  throughput?: string;
  partitions?: string;
  'producer-prop'?: string[];
  'keep-topic'?: boolean;
  host?: string;
}

export const PERF_DEFAULTS = { records: 200_000, recordSize: 1024, throughput: -1, partitions: 3 } as const;

function integer(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InputError(`--${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

export function parseProducerProp(text: string): [string, string] {
  const eq = text.indexOf('=');
  const key = eq > 0 ? text.slice(0, eq).trim() : '';
  if (!/^[a-z][a-z0-9.-]*$/.test(key)) throw new InputError(`--producer-prop must be key=value with a Kafka property name, got "${text}"`);
  if (key === 'bootstrap.servers') throw new InputError('--producer-prop bootstrap.servers is set from the inventory');
  return [key, text.slice(eq + 1)];
}

function producerProps(given: string[]): Pick<PerfOptions, 'producerProps' | 'producerPropSources'> {
  const entries = [
    ...Object.entries(DEFAULT_PRODUCER_PROPS).map(([key, d]) => [key, d.value, d.from] as const),
    ...given.map(parseProducerProp).map(([key, value]) => [key, value, '--producer-prop'] as const),
  ];
  return {
    producerProps: Object.fromEntries(entries.map(([key, value]) => [key, value])),
    producerPropSources: Object.fromEntries(entries.map(([key, , from]) => [key, from])),
  };
}

export function perfOptions(args: PerfArgs): PerfOptions {
  const throughput = integer('throughput', args.throughput, PERF_DEFAULTS.throughput, -1, 10_000_000);
  if (throughput === 0) throw new InputError('--throughput must be -1 (unthrottled) or a positive rate in records/s');
  return {
    records: integer('records', args.records, PERF_DEFAULTS.records, 1, 100_000_000),
    // the broker's default message.max.bytes is 1 MiB including overhead
    recordSize: integer('record-size', args['record-size'], PERF_DEFAULTS.recordSize, 1, 1_000_000),
    throughput,
    partitions: integer('partitions', args.partitions, PERF_DEFAULTS.partitions, 1, 1000),
    ...producerProps(args['producer-prop'] ?? []),
    keepTopic: args['keep-topic'] ?? false,
    host: args.host ?? null,
  };
}

/** How long the remote run may take: the throttled duration (or a bound for -1) plus start-up. */
export function perfTimeoutSeconds(o: Pick<PerfOptions, 'records' | 'recordSize' | 'throughput'>): number {
  // unthrottled: assume no worse than 0.5 MB/s (a very busy lab) before calling it hung
  const seconds = o.throughput > 0 ? o.records / o.throughput : (o.records * o.recordSize) / 500_000;
  return Math.ceil(seconds) + 120;
}
