import { describe, expect, it } from 'vitest';
import { parseSparkBatches } from '../../bench/support/spark-batches.js';

describe("the Spark driver's batch lines", () => {
  it('reads every batch line and nothing else', () => {
    const log = [
      '26/12/03 14:35:01 WARN ProcessingTimeExecutor: Current batch is falling behind.',
      'batch 0: 20000 records in 100 pages, 17412 ms',
      '  top 10 of 100 pages (100 restored from the output topic at start):',
      '   1. page26               1029.0762825599995',
      'dlq batch 0: 3 malformed {empty=3} (3 since this driver started)',
      'batch 1: 812 records in 97 pages, 640 ms',
    ].join('\n');
    expect(parseSparkBatches(log)).toEqual([{ id: 0, records: 20000, ms: 17412 }, { id: 1, records: 812, ms: 640 }]);
  });
});
