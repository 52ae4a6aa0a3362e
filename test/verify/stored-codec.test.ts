import { describe, expect, it } from 'vitest';
import { dumpLogCommand, parseDumpLog, storedCodecDetail } from '../../src/verify/stored-codec.js';

// DumpLogSegments of Kafka 3.9.2, as it printed two partitions of a lab topic (batch lines cut
// after the fields that matter are kept whole here).
const batch = (base: number, last: number, codec: string, position: number) =>
  `baseOffset: ${base} lastOffset: ${last} count: ${last - base + 1} baseSequence: ${base} lastSequence: ${last} producerId: 0 producerEpoch: 0 partitionLeaderEpoch: 0 isTransactional: false isControl: false deleteHorizonMs: OptionalLong.empty position: ${position} CreateTime: 1796229699688 size: 72 magic: 2 compresscodec: ${codec} crc: 963609738 isvalid: true`;
const DUMP = [
  'Dumping /var/lib/kafka/data/t.x-0/00000000000000000000.log',
  'Log starting offset: 0',
  batch(0, 4, 'none', 0),
  batch(5, 6, 'gzip', 300),
  'Dumping /var/lib/kafka/data/t.x-2/00000000000000000000.log',
  'Log starting offset: 0',
  batch(0, 2, 'gzip', 0),
  '',
].join('\n');

describe('DumpLogSegments', () => {
  it('builds one JVM run over every segment of the partitions', () => {
    expect(dumpLogCommand({ kafkaHome: '/opt/kafka', dataDir: '/var/lib/kafka/data', topic: 't.x', partitions: [0, 2], mainClass: 'kafka.tools.DumpLogSegments' })).toBe([
      "files=$(find /var/lib/kafka/data/t.x-0 /var/lib/kafka/data/t.x-2 -maxdepth 1 -name '*.log' | sort | paste -sd, -)",
      'if [ -z "$files" ]; then echo "no log segments under /var/lib/kafka/data for t.x" >&2; exit 1; fi',
      'KAFKA_HEAP_OPTS=-Xmx128m /opt/kafka/bin/kafka-run-class.sh kafka.tools.DumpLogSegments --files "$files"',
    ].join('\n'));
  });

  it('reads each batch with its partition, offsets and codec', () => {
    expect(parseDumpLog(DUMP, 't.x')).toEqual([
      { partition: 0, baseOffset: 0, lastOffset: 4, codec: 'none' },
      { partition: 0, baseOffset: 5, lastOffset: 6, codec: 'gzip' },
      { partition: 2, baseOffset: 0, lastOffset: 2, codec: 'gzip' },
    ]);
    // another topic whose name contains this one is not mistaken for it
    expect(parseDumpLog(DUMP.replaceAll('/t.x-', '/at.x-'), 't.x')).toEqual([]);
  });
});

describe('storedCodecDetail', () => {
  const batches = parseDumpLog(DUMP, 't.x');
  const acks = (...at: Array<[number, number]>) => at.map(([partition, offset]) => ({ topic: 't.x', partition, offset }));

  it('passes when every acked message sits in a batch of the codec it was sent with', () => {
    expect(storedCodecDetail(acks([0, 5], [0, 6], [2, 1]), 'gzip', batches)).toBe('3 messages in 2 gzip batches on disk (0:5-6, 2:0-2)');
    expect(storedCodecDetail(acks([0, 0], [0, 4]), 'none', batches)).toBe('2 messages in 1 none batch on disk (0:0-4)');
  });

  it('fails on a message stored with another codec, or not found on disk', () => {
    expect(() => storedCodecDetail(acks([0, 5], [0, 3]), 'gzip', batches)).toThrow('0:3 stored none, sent gzip');
    expect(() => storedCodecDetail(acks([2, 7]), 'gzip', batches)).toThrow('2:7 is in no dumped batch');
    expect(() => storedCodecDetail([], 'gzip', batches)).toThrow(/nothing was acknowledged/);
  });
});
