import { describe, expect, it } from 'vitest';
import { parseExposition, sumOf } from '../../src/metrics/exposition.js';

const text = `# HELP kafka_server_replicamanager_underreplicatedpartitions Attribute exposed for management
# TYPE kafka_server_replicamanager_underreplicatedpartitions gauge
kafka_server_replicamanager_underreplicatedpartitions 0.0
kafka_network_requestmetrics_requests_total{request="Produce",version="9",} 1234.0
kafka_network_requestmetrics_requests_total{request="Metadata",version="12",} 7.0
kafka_network_requestmetrics_totaltimems{request="Produce",quantile="0.99",} 12.5
odd{path="a \\"quoted\\", with\\\\ and\\nline"} +Inf 1700000000000
nan_metric NaN
`;

describe('parseExposition', () => {
  it('reads names, labels (escapes and trailing commas) and values; skips comments', () => {
    const samples = parseExposition(text);
    expect(samples).toHaveLength(6);
    expect(samples[0]).toEqual({ name: 'kafka_server_replicamanager_underreplicatedpartitions', labels: {}, value: 0 });
    expect(samples[1]).toEqual({ name: 'kafka_network_requestmetrics_requests_total', labels: { request: 'Produce', version: '9' }, value: 1234 });
    expect(samples[4]).toEqual({ name: 'odd', labels: { path: 'a "quoted", with\\ and\nline' }, value: Infinity });
    expect(samples[5]!.value).toBeNaN();
  });

  it('refuses what it cannot read, quoting the line', () => {
    expect(() => parseExposition('9bad 1\n')).toThrow(/unreadable line: 9bad 1/);
    expect(() => parseExposition('m{a="x} 1\n')).toThrow(/unterminated label value/);
    expect(() => parseExposition('m{a=x} 1\n')).toThrow(/unreadable labels/);
    expect(() => parseExposition('m one\n')).toThrow(/unreadable value in: m one/);
    expect(() => parseExposition('m\n')).toThrow(/unreadable value/);
  });
});

describe('sumOf', () => {
  it('sums the samples that match the labels; null when there are none', () => {
    const samples = parseExposition(text);
    expect(sumOf(samples, 'kafka_network_requestmetrics_requests_total')).toBe(1241);
    expect(sumOf(samples, 'kafka_network_requestmetrics_requests_total', { request: 'Metadata' })).toBe(7);
    expect(sumOf(samples, 'missing')).toBeNull();
  });
});
