import { describe, expect, it } from 'vitest';
import { clusterFigures, crossFigures, figuresOf, formatTarget, securityCrossFigures, withinTarget, type Figure } from '../../bench/support/figures.js';

const f = (value: number | null, target?: Figure['target']): Figure => ({ name: 'x', value, unit: 'ms', ...(target ? { target } : {}) });

describe('withinTarget', () => {
  it('compares with each operator, the boundary included only by <= and >=', () => {
    expect(withinTarget(f(2999, { op: '<', value: 3000 }))).toBe(true);
    expect(withinTarget(f(3000, { op: '<', value: 3000 }))).toBe(false);
    expect(withinTarget(f(3000, { op: '<=', value: 3000 }))).toBe(true);
    expect(withinTarget(f(0.8, { op: '>=', value: 0.8 }))).toBe(true);
    expect(withinTarget(f(0.799, { op: '>=', value: 0.8 }))).toBe(false);
    expect(withinTarget(f(0.8, { op: '>', value: 0.8 }))).toBe(false);
  });

  it('is null without a target and false without a value', () => {
    expect(withinTarget(f(5))).toBeNull();
    expect(withinTarget(f(null, { op: '<', value: 1 }))).toBe(false);
    expect(withinTarget(f(Number.NaN, { op: '<', value: 1 }))).toBe(false);
  });

  it('formats a target with its unit', () => {
    expect(formatTarget({ op: '>=', value: 0.8 }, '')).toBe('>= 0.8');
    expect(formatTarget({ op: '<', value: 3000 }, 'ms')).toBe('< 3000 ms');
  });
});

describe('figuresOf', () => {
  it('reads bench/lab.ts output', () => {
    expect(figuresOf('lab', { up_ms: 1200, down_ms: 800, targets_ms: { up: 3000, down: 2000 } })).toEqual([
      { name: 'lab up, 3 hosts (median)', value: 1200, unit: 'ms', target: { op: '<', value: 3000 } },
      { name: 'lab down, 3 hosts (median)', value: 800, unit: 'ms', target: { op: '<', value: 2000 } },
    ]);
  });

  it('reads bench/cluster.ts output, a missing field as n/a', () => {
    const figures = figuresOf('cluster', { cold_provision_start_s: 25.1, noop_provision_s: 1.2, targets_s: { cold: 30, noop: 3, rolling: 90 } });
    expect(figures.map((x) => [x.name, x.value, x.target?.value])).toEqual([
      ['cold provision + start to healthy, 3 ZooKeeper + 3 brokers', 25.1, 30],
      ['no-op provision', 1.2, 3],
      ['rolling restart, every service', null, 90],
    ]);
  });

  it("cluster: the cold start's phases beside it, failed sends of the rolling restart held against none", () => {
    const doc = { cold_provision_start_s: 16, cold_phases_s: { facts: 1.1, apply: 3.2, bad: 'x' }, rolling_restart_s: 29, rolling_sends_failed: 2, rolling_sends_acked: 900 };
    const figures = clusterFigures(doc);
    expect(figures[0]).toMatchObject({ value: 16, target: { op: '<=', value: 15 }, reference: 'facts 1.1 s, apply 3.2 s' });
    expect(withinTarget(figures[0]!)).toBe(false);
    expect(figures[2]).toMatchObject({ value: 29, target: { op: '<=', value: 30 } });
    const failed = figures.find((f) => f.name === 'rolling restart: failed acks=all sends')!;
    expect(failed).toMatchObject({ value: 2, reference: '900 acknowledged' });
    expect(withinTarget(failed)).toBe(false);
    expect(withinTarget({ ...failed, value: 0 })).toBe(true);
  });

  it("takes a bench's own figures, dropping malformed entries", () => {
    const own = { name: 'job / plain', value: 0.9, unit: '', target: { op: '>=', value: 0.8 } };
    expect(figuresOf('popularity', { figures: [own, { name: 3 }, null] })).toEqual([own]);
  });

  it('has nothing to say about an unknown document', () => {
    expect(figuresOf('perf', { records: 5 })).toEqual([]);
    expect(figuresOf('lab', null)).toEqual([]);
  });
});

describe('crossFigures', () => {
  it('KRaft cold start against ZooKeeper mode\'s, when both benches measured it', () => {
    expect(crossFigures({ kraft: { cold_provision_start_s: 12 }, cluster: { cold_provision_start_s: 30 } })).toEqual([
      { name: 'KRaft cold start / ZooKeeper-mode cold start (this run)', value: 0.4, unit: '', target: { op: '<=', value: 0.5 }, reference: '12 s vs 30 s' },
    ]);
    expect(crossFigures({ kraft: { cold_provision_start_s: 12 } })).toEqual([]);
    expect(crossFigures({ kraft: null, cluster: { cold_provision_start_s: 30 } })).toEqual([]);
  });
});

describe('securityCrossFigures', () => {
  it('the secured job against the plain KRaft job of the same run, when both measured it', () => {
    expect(securityCrossFigures({ security: { throughput: { job_median_msg_per_s: 45000 } }, kraft: { throughput: { job_median_msg_per_s: 60000 } } })).toEqual([
      { name: 'secured job / plain KRaft job (this run)', value: 0.75, unit: '', reference: '45,000 vs 60,000 msg/s' },
    ]);
    expect(securityCrossFigures({ security: { throughput: { job_median_msg_per_s: 45000 } } })).toEqual([]);
    expect(securityCrossFigures({ security: null, kraft: { throughput: { job_median_msg_per_s: 60000 } } })).toEqual([]);
  });
});
