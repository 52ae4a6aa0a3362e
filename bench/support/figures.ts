// One figure of the README: a measured value and, when there is one, the goal it is held against
// (`target`, decides "within target") or only a figure to read it beside (`reference`).
// Benches of this suite print their own `figures`; lab.ts prints plain fields, read here (and
// cluster.ts's older documents, which had no figures).

export interface Target {
  op: '<' | '<=' | '>=' | '>';
  value: number;
}

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  target?: Target;
  reference?: string;
}

export function withinTarget(f: Figure): boolean | null {
  if (!f.target) return null;
  if (f.value === null || !Number.isFinite(f.value)) return false;
  const { op, value } = f.target;
  if (op === '<') return f.value < value;
  if (op === '<=') return f.value <= value;
  if (op === '>=') return f.value >= value;
  return f.value > value;
}

export const formatTarget = (t: Target, unit: string): string => `${t.op} ${t.value}${unit ? ` ${unit}` : ''}`;

type Doc = Record<string, unknown>;
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function labFigures(d: Doc): Figure[] {
  const t = (d.targets_ms ?? {}) as Doc;
  return [
    { name: 'lab up, 3 hosts (median)', value: num(d.up_ms), unit: 'ms', target: { op: '<', value: num(t.up) ?? 3000 } },
    { name: 'lab down, 3 hosts (median)', value: num(d.down_ms), unit: 'ms', target: { op: '<', value: num(t.down) ?? 2000 } },
  ];
}

/** "facts 1.1 s, apply 3.2 s, ..." from a { phase: seconds } object, in its order */
function phaseSummary(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const entries = Object.entries(x as Doc).filter((e): e is [string, number] => num(e[1]) !== null);
  if (entries.length === 0) return undefined;
  return entries.map(([name, s]) => `${name} ${s} s`).join(', ');
}

export function clusterFigures(d: Doc): Figure[] {
  const t = (d.targets_s ?? {}) as Doc;
  const failed = num(d.rolling_sends_failed);
  return [
    { name: 'cold provision + start to healthy, 3 ZooKeeper + 3 brokers', value: num(d.cold_provision_start_s), unit: 's', target: { op: '<=', value: num(t.cold) ?? 15 }, ...(phaseSummary(d.cold_phases_s) ? { reference: phaseSummary(d.cold_phases_s) } : {}) },
    { name: 'no-op provision', value: num(d.noop_provision_s), unit: 's', target: { op: '<', value: num(t.noop) ?? 1 } },
    ...(d.noop_provision_typed_s === undefined ? [] : [{
      name: 'no-op provision, npm run provision as typed', value: num(d.noop_provision_typed_s), unit: 's', target: { op: '<' as const, value: num(t.noop) ?? 1 },
      ...(num(d.noop_provision_typed_idle) === null ? {} : { reference: `median of 5, machine ${Math.round(num(d.noop_provision_typed_idle)! * 100)}% idle before` }),
    }]),
    { name: 'rolling restart, every service', value: num(d.rolling_restart_s), unit: 's', target: { op: '<=', value: num(t.rolling) ?? 30 } },
    ...(failed === null ? [] : [{ name: 'rolling restart: failed acks=all sends', value: failed, unit: '', target: { op: '<=' as const, value: 0 }, reference: `${num(d.rolling_sends_acked) ?? 0} acknowledged` }]),
  ];
}

function isFigure(x: unknown): x is Figure {
  const f = x as Figure;
  return typeof f === 'object' && f !== null && typeof f.name === 'string' && (f.value === null || typeof f.value === 'number') && typeof f.unit === 'string';
}

/** The figures of one bench's JSON document: its own `figures`, or read from the known fields. */
export function figuresOf(bench: string, doc: unknown): Figure[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const d = doc as Doc;
  if (Array.isArray(d.figures)) return d.figures.filter(isFigure);
  if (bench === 'lab') return labFigures(d);
  if (bench === 'cluster') return clusterFigures(d);
  return [];
}

/**
 * Figures that compare benches of one run: KRaft's cold provision + start against ZooKeeper
 * mode's (goal: at most half). Empty unless both ran and measured it.
 */
export function crossFigures(docs: Readonly<Record<string, unknown>>): Figure[] {
  const cold = (bench: string): number | null => num((docs[bench] as Doc | null | undefined)?.cold_provision_start_s);
  const [kraft, zookeeper] = [cold('kraft'), cold('cluster')];
  if (kraft === null || zookeeper === null || zookeeper === 0) return [];
  return [{
    name: 'KRaft cold start / ZooKeeper-mode cold start (this run)',
    value: Math.round((kraft / zookeeper) * 100) / 100,
    unit: '',
    target: { op: '<=', value: 0.5 },
    reference: `${kraft} s vs ${zookeeper} s`,
  }];
}

/**
 * The popularity job on a secured KRaft cluster against the same job on a plain one (the kraft
 * bench, Kafka 4.4.0 after its upgrade, three combined nodes, same heap) in one run: what TLS,
 * SCRAM and the authorizer cost. Empty unless both ran and measured it.
 */
export function securityCrossFigures(docs: Readonly<Record<string, unknown>>): Figure[] {
  const job = (bench: string): number | null => num(((docs[bench] as Doc | null | undefined)?.throughput as Doc | undefined)?.job_median_msg_per_s);
  const [secured, plain] = [job('security'), job('kraft')];
  if (secured === null || plain === null || plain === 0) return [];
  return [{
    name: 'secured job / plain KRaft job (this run)',
    value: Math.round((secured / plain) * 1000) / 1000,
    unit: '',
    reference: `${secured.toLocaleString('en-US')} vs ${plain.toLocaleString('en-US')} msg/s`,
  }];
}
