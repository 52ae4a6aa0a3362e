// The arithmetic of the pressure test (#10), pure: which reference runs when, and the figures.
// (a) a stock single broker, (b) a stock cluster of the inventory's shape, both with Kafka's
// default configuration, (c) the cluster as this tool renders it; each measured with the same
// ProducerPerformance from the same host, in rounds whose order alternates (c b a, then a b c) so
// that a drift of the machine's load does not favour one of them. Ratios are taken within a
// round (runs minutes apart), then the median over the rounds.
import type { Figure } from './figures.js';
import { median, ratio } from './stats.js';

export type PressureTarget = 'a' | 'b' | 'c';

export const PRESSURE_TARGETS: Record<PressureTarget, string> = {
  a: 'stock single broker, Kafka defaults, replication factor 1',
  b: "stock cluster of the inventory's shape, Kafka defaults",
  c: 'the cluster as rendered',
};

/** even rounds c, b, a (the rendered cluster is up first); odd rounds a, b, c */
export const roundOrder = (round: number): PressureTarget[] => (round % 2 === 0 ? ['c', 'b', 'a'] : ['a', 'b', 'c']);

export interface PressureRun {
  target: PressureTarget;
  round: number;
  records_per_sec: number;
  p99_ms: number;
  /** 1-minute load average when the run started */
  load_average: number;
}

const ofTarget = (runs: PressureRun[], t: PressureTarget): PressureRun[] => runs.filter((r) => r.target === t).sort((x, y) => x.round - y.round);
const list = (xs: Array<number | null>): string => xs.map((x) => (x === null ? 'n/a' : x.toLocaleString('en-US'))).join(', ');

/** x/y per round (rounds where both ran), in round order */
export function perRound(runs: PressureRun[], x: PressureTarget, y: PressureTarget): number[] {
  const ys = new Map(ofTarget(runs, y).map((r) => [r.round, r.records_per_sec]));
  return ofTarget(runs, x).flatMap((r) => {
    const q = ys.has(r.round) ? ratio(r.records_per_sec, ys.get(r.round)!) : null;
    return q === null ? [] : [q];
  });
}

const roundTo = (x: number | null, digits: number): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function pressureFigures(runs: PressureRun[], recordSize: number): Figure[] {
  const rate = (t: PressureTarget): Figure => {
    const rs = ofTarget(runs, t);
    return {
      name: `pressure (${t}) ${PRESSURE_TARGETS[t]}, ${recordSize} B, acks=all`,
      value: roundTo(median(rs.map((r) => r.records_per_sec)), 0),
      unit: 'records/s',
      reference: `rounds ${list(rs.map((r) => Math.round(r.records_per_sec)))}; p99 ${list(rs.map((r) => r.p99_ms))} ms; load ${list(rs.map((r) => r.load_average))}`,
    };
  };
  const quotient = (x: PressureTarget, y: PressureTarget, extra: Partial<Figure>): Figure => {
    const qs = perRound(runs, x, y);
    return { name: `pressure ${x}/${y}`, value: roundTo(median(qs), 3), unit: '', ...extra, reference: [`rounds ${list(qs)}`, extra.reference].filter(Boolean).join('; ') };
  };
  return [
    rate('a'),
    rate('b'),
    rate('c'),
    quotient('b', 'a', { reference: 'three replicas: every record written three times on the same cores and disk' }),
    quotient('c', 'b', { target: { op: '>=', value: 0.95 }, reference: 'the rendered configuration against the defaults' }),
    quotient('c', 'a', {}),
  ];
}
