import { describe, expect, it } from 'vitest';
import { emptyChaos } from '../../src/acceptance/chaos-mode.js';
import { checkAcceptance } from '../../src/acceptance/check.js';
import { buildAcceptanceReport, formatAcceptance, type ReportParts } from '../../src/acceptance/report.js';
import type { JobReport } from '../../src/popularity/report.js';

const ledger = [
  { id: 'r:0', key: 'page1', value: 'page1|1|1|1', partition: 0, offset: 0 },
  { id: 'r:1', key: 'page2', value: 'page2|2|0|0', partition: 1, offset: 0 },
];
const job = (final: Record<string, number>, extra: Partial<JobReport> = {}): JobReport => ({
  topic: 't', group: 'g', output_topic: 't-popularity', dlq_topic: 't-dlq', stats_topic: 't-popularity-stats', consumed: 2, malformed: 0, final,
  top10: Object.entries(final).sort((a, b) => b[1] - a[1]), batches: 3, intervals: 5, batch_ms_p50: 1, batch_ms_p99: 2, batch_ms_max: 2,
  records_read: 2, skipped_replays: 0, gaps: 0, dead_lettered: 0, published: 2, checkpoints: 2,
  partitions: [{ partition: 0, next_offset: 1, consumed: 1, malformed: 0 }, { partition: 1, next_offset: 1, consumed: 1, malformed: 0 }],
  started_at: '2025-11-25T09:00:00.000Z', duration_ms: 10, ...extra,
});

function parts(final: Record<string, number>, over: Partial<ReportParts> = {}): ReportParts {
  const j = job(final);
  return {
    topic: 't', group: 'g', produced: 2, acked: 2,
    check: checkAcceptance({ ledger, inDoubt: [], records: ledger.map((e) => ({ ...e })), partitions: [{ partition: 0, low: 0, high: 1 }, { partition: 1, low: 0, high: 1 }], readComplete: true, job: j }),
    job: j, engine: 'ts', jobExits: [], jobInstances: 1, resumedFrom: {}, chaos: emptyChaos('none'), outputDiff: [], inDoubt: 0,
    producer: { failed_attempts: 0, send_errors: {}, batches: 1, messages_per_second: 2 }, seed: 1, messages: 2, rate: 1000, replicationFactor: 3,
    timings: { total_ms: 5 }, stateDir: '/s', extraFailures: [], ...over,
  };
}

const exact = { page1: 2.6, page2: 1.6 };

describe('acceptance report', () => {
  it('carries the contract fields, exact run => ok', () => {
    const r = buildAcceptanceReport(parts(exact));
    expect(r).toMatchObject({ ok: true, topic: 't', produced: 2, acked: 2, consumed: 2, lost: 0, duplicates: 0, final: exact, top10: [['page1', 2.6], ['page2', 1.6]], chaos: { mode: 'none' }, failures: [] });
    expect(formatAcceptance(r)).toContain('OK: the job\'s final state equals the oracle');
  });

  it("the Spark job's outcome (no report of its own): the top 10 from its final state", () => {
    const r = buildAcceptanceReport(parts(exact, { engine: 'spark', job: { consumed: 2, final: exact, partitions: [{ partition: 0, next_offset: 1 }, { partition: 1, next_offset: 1 }] } }));
    expect(r).toMatchObject({ ok: true, engine: 'spark', top10: [['page1', 2.6], ['page2', 1.6]], job: { batches: null } });
    expect(formatAcceptance(r)).toContain('== acceptance t (the Spark job): final top 10 ==');
  });

  it('a wrong final state => ok false, the page listed in diff and in the text', () => {
    const r = buildAcceptanceReport(parts({ ...exact, page2: 1.5 }));
    expect(r.ok).toBe(false);
    expect(r.diff).toEqual([{ page: 'page2', expected: 1.6, actual: 1.5 }]);
    const text = formatAcceptance(r);
    expect(text).toContain('FAILED:');
    expect(text).toContain('  page2: 1.6 -> 1.5');
    expect(text).toContain('ledger, checkpoints and job logs in /s');
  });

  it('a lost acked message => ok false with lost = 1 and the loss explained', () => {
    const j = job({ page1: 2.6 }, { consumed: 1, partitions: [{ partition: 0, next_offset: 1, consumed: 1, malformed: 0 }, { partition: 1, next_offset: 0, consumed: 0, malformed: 0 }] });
    const check = checkAcceptance({ ledger, inDoubt: [], records: [{ ...ledger[0]! }], partitions: [{ partition: 0, low: 0, high: 1 }, { partition: 1, low: 0, high: 0 }], readComplete: true, job: j });
    const r = buildAcceptanceReport(parts({ page1: 2.6 }, { check, job: j }));
    expect(r).toMatchObject({ ok: false, lost: 1, duplicates: 0, consumed: 1 });
    expect(formatAcceptance(r)).toContain('lost r:1 partition 1 offset 0: offset 0 is at or beyond the high watermark 0');
  });

  it('a duplicate => ok false with duplicates = 1', () => {
    const j = job({ page1: 5.2, page2: 1.6 }, { consumed: 3 });
    const records = [...ledger.map((e) => ({ ...e })), { ...ledger[0]!, offset: 1 }];
    const check = checkAcceptance({ ledger, inDoubt: [], records, partitions: [{ partition: 0, low: 0, high: 2 }, { partition: 1, low: 0, high: 1 }], readComplete: true, job: { ...j, partitions: [{ partition: 0, next_offset: 2 }, { partition: 1, next_offset: 1 }] } });
    const r = buildAcceptanceReport(parts(j.final, { check, job: j }));
    expect(r).toMatchObject({ ok: false, duplicates: 1, duplicate_ids: ['r:0'], lost: 0 });
  });

  it('fails on a chaos that never happened or broke, a job error, and a stale output topic', () => {
    expect(buildAcceptanceReport(parts(exact, { chaos: emptyChaos('kill-broker') })).failures).toEqual(['chaos kill-broker was never injected']);
    const broken = { ...emptyChaos('partition'), injected_at_ms: 10, error: 'heal failed' };
    expect(buildAcceptanceReport(parts(exact, { chaos: broken })).failures).toEqual(['chaos partition did not complete: heal failed']);
    expect(buildAcceptanceReport(parts(exact, { outputDiff: [{ page: 'page1', expected: 2.6, actual: 1 }] })).failures).toEqual(['1 page(s) on t-popularity differ from the job\'s final state']);
    expect(buildAcceptanceReport(parts(exact, { job: job(exact, { error: 'boom' }) })).ok).toBe(false);
    expect(buildAcceptanceReport(parts(exact, { extraFailures: ['the job did not catch up'] })).failures).toEqual(['the job did not catch up']);
  });

  it('counts unexpected job exits and leaves their stderr out of the JSON', () => {
    const exits = [{ instance: 1, pid: 5, code: null, signal: 'SIGKILL', requested: true, stderr_tail: ['x'] }, { instance: 2, pid: 6, code: 1, signal: null, requested: false, stderr_tail: ['y'] }];
    const r = buildAcceptanceReport(parts(exact, { jobExits: exits, jobInstances: 3 }));
    expect(r.job).toMatchObject({ instances: 3, unexpected_exits: 1, exits: [{ instance: 1, pid: 5, code: null, signal: 'SIGKILL', requested: true }, { instance: 2, pid: 6, code: 1, signal: null, requested: false }] });
  });
});
