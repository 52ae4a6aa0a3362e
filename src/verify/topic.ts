// The topic round trip: create a topic, describe it as `kafka-topics --describe` does, write the
// smoke-test messages with acks=all, read them back from the beginning with a fresh group,
// compare exactly, and delete the topic again (always, and check that it is gone).
import { randomBytes } from 'node:crypto';
import { formatTopicDescription } from '../kafka/describe-format.js';
import { readTopic } from '../kafka/read-topic.js';
import { renewingProducer } from '../kafka/renewing-producer.js';
import type { AckedMessage, KafkaAdminPort, KafkaClientPort, TopicDescription } from '../kafka/types.js';
import { poll } from '../core/poll.js';
import { CheckFailed, check, errorText, fail, type Check } from './check.js';
import { compareKind, describeKind, unexpectedRecords, verifyBatches, type MessageKind } from './messages.js';
import { storedCodecDetail, type StoredBatch } from './stored-codec.js';

export const verifyTopicName = (now = Date.now()): string => `kcp-verify-${now}-${randomBytes(3).toString('hex')}`;

export interface RoundTripOptions {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** deadline for reading everything back */
  readTimeoutMs?: number;
  /** deadline for the deleted topic to disappear from the topic list */
  deleteTimeoutMs?: number;
  log?: (line: string) => void;
  /**
   * The record batches the brokers stored for these partitions, read on the hosts of the given
   * leaders (DumpLogSegments). Without it the codec checks are skipped.
   */
  dumpBatches?: (leaders: Map<number, number[]>) => Promise<StoredBatch[]>;
}

/** The kinds whose stored codec is checked: the compressed one, and plain as the control. */
const STORED_KINDS: MessageKind[] = ['plain', 'gzip'];

export interface RoundTripResult {
  checks: Check[];
  /** the `kafka-topics --describe` text, when the topic could be described */
  description: string | null;
}

/** What is wrong with a fresh topic's description (empty when nothing). Pure. */
export function descriptionProblems(d: TopicDescription, partitions: number, replicationFactor: number): string[] {
  const problems: string[] = [];
  if (d.partitions.length !== partitions) problems.push(`${d.partitions.length} partitions, expected ${partitions}`);
  for (const p of d.partitions) {
    const where = `partition ${p.partition}`;
    if (p.replicas.length !== replicationFactor) problems.push(`${where}: ${p.replicas.length} replicas, expected ${replicationFactor}`);
    if (new Set(p.replicas).size !== p.replicas.length) problems.push(`${where}: a broker holds two replicas (${p.replicas.join(',')})`);
    if (p.leader < 0) problems.push(`${where}: no leader`);
    else if (!p.isr.includes(p.leader)) problems.push(`${where}: leader ${p.leader} not in ISR`);
    const outOfSync = p.replicas.filter((r) => !p.isr.includes(r));
    if (outOfSync.length > 0) problems.push(`${where}: replicas ${outOfSync.join(',')} not in ISR`);
    if (p.offline.length > 0) problems.push(`${where}: offline replicas ${p.offline.join(',')}`);
  }
  return problems;
}

async function describeOne(admin: KafkaAdminPort, topic: string): Promise<TopicDescription> {
  const [d] = await admin.describeTopics([topic]);
  if (!d) throw new CheckFailed(`${topic} is not in the cluster metadata`);
  return d;
}

export async function topicRoundTrip(client: KafkaClientPort, admin: KafkaAdminPort, o: RoundTripOptions): Promise<RoundTripResult> {
  const log = o.log ?? (() => {});
  const checks: Check[] = [];
  let description: string | null = null;
  let described: TopicDescription | null = null;
  const batches = verifyBatches(o.topic);
  const skipped = (why: string) => [
    fail('topic describe', `skipped: ${why}`),
    ...batches.map((b) => fail(`round trip ${b.kind}`, `skipped: ${why}`)),
  ];
  try {
    log(`creating ${o.topic} (${o.partitions} partitions, replication factor ${o.replicationFactor})`);
    const shape = `${o.partitions} partitions, replication factor ${o.replicationFactor}`;
    const created = await check('topic create', async () => {
      const made = await admin.createTopic({ topic: o.topic, partitions: o.partitions, replicationFactor: o.replicationFactor }).catch((err: unknown) => {
        throw new CheckFailed(`${o.topic} (${shape}): ${errorText(err)}`);
      });
      if (!made) throw new CheckFailed(`${o.topic} already existed`);
      return `${o.topic}: ${shape}, leaders elected`;
    });
    checks.push(created);
    if (!created.ok) {
      checks.push(...skipped('the topic was not created'));
      return { checks, description }; // the finally block below appends the delete check
    }

    checks.push(await check('topic describe', async () => {
      // leaders are elected (createTopic waits); followers may need a moment to join the ISR
      const d = await poll(() => describeOne(admin, o.topic), {
        deadlineMs: 15_000,
        describe: `${o.topic}: every replica in sync`,
        until: (x) => descriptionProblems(x, o.partitions, o.replicationFactor).length === 0,
      }).catch(() => describeOne(admin, o.topic));
      described = d;
      description = formatTopicDescription(d);
      const problems = descriptionProblems(d, o.partitions, o.replicationFactor);
      if (problems.length > 0) throw new CheckFailed(`${problems.join('; ')}\n${description}`);
      return description;
    }));

    const acks = new Map<string, AckedMessage[] | Error>();
    // each batch is sent once, the next one also after a failure: a new producer session then
    const producer = renewingProducer(await client.producer(), () => client.producer());
    try {
      for (const b of batches) {
        log(`sending ${b.messages.length} ${b.kind} messages${b.compression === 'none' ? '' : ` (${b.compression})`}`);
        acks.set(b.kind, await producer.send(o.topic, b.messages, { compression: b.compression }).catch((err: Error) => err));
      }
    } finally {
      await producer.disconnect();
    }

    log(`reading ${o.topic} back from the beginning`);
    const read = await readTopic(client, o.topic, { timeoutMs: o.readTimeoutMs ?? 60_000 }).catch((err: Error) => err);
    const allAcks = [...acks.values()].flatMap((a) => (a instanceof Error ? [] : a));
    for (const b of batches) {
      const name = `round trip ${b.kind}`;
      const acked = acks.get(b.kind)!;
      if (acked instanceof Error) checks.push(fail(name, `send failed: ${errorText(acked)}`));
      else if (read instanceof Error) checks.push(fail(name, `${b.messages.length} acknowledged; reading back failed: ${errorText(read)}`));
      else {
        const r = compareKind(b.kind, b.messages, acked, read.records);
        const late = read.complete ? '' : ' (the read deadline passed before the end of the topic)';
        checks.push({ name, ok: r.intact === r.sent, detail: `${describeKind(r, b.compression)}${r.intact === r.sent ? '' : late}` });
      }
    }
    if (!(read instanceof Error)) {
      const extra = unexpectedRecords(allAcks, read.records);
      if (extra.length > 0) checks.push(fail('no unexpected records', `the topic holds records no send of this run acknowledged: ${extra.join(', ')}`));
    }
    if (o.dumpBatches && described) checks.push(...(await storedChecks(o.dumpBatches, described, batches, acks, log)));
    return { checks, description };
  } finally {
    checks.push(await deleteAndConfirm(admin, o.topic, o.deleteTimeoutMs ?? 30_000, log));
  }
}

async function storedChecks(
  dump: NonNullable<RoundTripOptions['dumpBatches']>,
  topic: TopicDescription,
  batches: ReturnType<typeof verifyBatches>,
  acks: Map<string, AckedMessage[] | Error>,
  log: (line: string) => void,
): Promise<Check[]> {
  const leaders = new Map<number, number[]>();
  for (const p of topic.partitions) leaders.set(p.leader, [...(leaders.get(p.leader) ?? []), p.partition]);
  log(`reading the stored batches with DumpLogSegments on the leaders (${[...leaders.keys()].join(', ')})`);
  const stored = await dump(leaders).catch((err: Error) => err);
  return STORED_KINDS.map((kind) => {
    const b = batches.find((x) => x.kind === kind)!;
    const acked = acks.get(kind);
    const name = `stored ${kind}`;
    if (stored instanceof Error) return fail(name, `DumpLogSegments failed: ${errorText(stored)}`);
    if (!acked || acked instanceof Error) return fail(name, 'skipped: the send failed');
    try {
      return { name, ok: true, detail: storedCodecDetail(acked, b.compression, stored) };
    } catch (err) {
      return fail(name, errorText(err));
    }
  });
}

async function deleteAndConfirm(admin: KafkaAdminPort, topic: string, deadlineMs: number, log: (line: string) => void): Promise<Check> {
  return check('topic delete', async () => {
    const present = async () => (await admin.listTopics()).includes(topic);
    if (!(await present())) return `${topic} does not exist (nothing to delete)`;
    log(`deleting ${topic}`);
    const started = performance.now();
    await admin.deleteTopics([topic]);
    await poll(present, { deadlineMs, describe: `${topic} gone from the topic list`, until: (p) => !p });
    return `${topic} deleted, gone from the topic list after ${Math.round(performance.now() - started)} ms`;
  });
}
