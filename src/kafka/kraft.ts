// The KRaft requests kafkajs does not speak (DescribeQuorum, UpdateFeatures, the finalized
// features of ApiVersions v3+, DescribeCluster v2 with fenced brokers), over @platformatic/kafka's
// protocol layer. One node per port: a DescribeQuorum or UpdateFeatures sent to a broker is
// forwarded to the active controller; sent to a controller, only the active one answers.
// This file and the kafkajs adapters are the only ones that name a client library.
import type { Reader } from '@platformatic/kafka';
import { nodeConnection, sendRaw, type NodeOptions } from './node-connection.js';
import type { BrokerRegistration, FeatureLevels, KraftNodePort, QuorumDescription, QuorumReplica } from './types.js';

export const METADATA_TOPIC = '__cluster_metadata';

/** Kafka prints a Uuid as unpadded base64url; @platformatic reads it as dashed hex. */
export const kafkaUuid = (hex: string): string => Buffer.from(hex.replaceAll('-', ''), 'hex').toString('base64url');

const num = (v: bigint | number): number => Number(v);

interface RawReplica {
  replicaId: number;
  replicaDirectoryId: string;
  logEndOffset: bigint;
  lastFetchTimestamp: bigint;
  lastCaughtUpTimestamp: bigint;
}

const replica = (r: RawReplica): QuorumReplica => ({
  id: r.replicaId,
  directoryId: kafkaUuid(r.replicaDirectoryId),
  logEndOffset: num(r.logEndOffset),
  lastFetchTimestamp: num(r.lastFetchTimestamp),
  lastCaughtUpTimestamp: num(r.lastCaughtUpTimestamp),
});

/** ApiVersions v3+: supported and finalized features are tagged fields @platformatic skips (KIP-584). */
function parseFeatures(r: Reader): FeatureLevels {
  const errorCode = r.readInt16();
  if (errorCode !== 0) throw new Error(`ApiVersions failed with error code ${errorCode}`);
  r.readArray((x) => [x.readInt16(), x.readInt16(), x.readInt16()]);
  r.readInt32(); // throttle
  const out: FeatureLevels = { finalized: {}, supported: {}, epoch: -1 };
  const tags = r.readUnsignedVarInt();
  for (let i = 0; i < tags; i++) {
    const tag = r.readUnsignedVarInt();
    const size = r.readUnsignedVarInt();
    if (tag === 0) for (const f of r.readArray((x) => ({ name: x.readString(), min: x.readInt16(), max: x.readInt16() }))) out.supported[f.name] = { min: f.min, max: f.max };
    else if (tag === 1) out.epoch = num(r.readInt64());
    else if (tag === 2) for (const f of r.readArray((x) => ({ name: x.readString(), max: x.readInt16(), min: x.readInt16() }))) out.finalized[f.name] = f.max;
    else r.skip(size);
  }
  return out;
}

/** DescribeCluster v2 (KIP-1073, Kafka 4.0+): every registered broker, fenced ones too. */
function parseBrokers(r: Reader): BrokerRegistration[] {
  r.readInt32(); // throttle
  const errorCode = r.readInt16();
  const message = r.readNullableString();
  if (errorCode !== 0) throw new Error(`DescribeCluster failed with error code ${errorCode}: ${message ?? ''}`);
  r.readInt8(); // endpoint type
  r.readString(); // cluster id
  r.readInt32(); // controller id
  return r.readArray((x) => ({ id: x.readInt32(), host: x.readString(), port: x.readInt32(), rack: x.readNullableString(), fenced: x.readBoolean() }))
    .map(({ id, host, port, fenced }) => ({ id, host, port, fenced }));
}

export type KraftNodeOptions = NodeOptions;

/** A client for one Kafka node (broker or controller endpoint, "host:port"). */
export function kraftNode(endpoint: string, o: KraftNodeOptions = {}): KraftNodePort {
  const node = nodeConnection(endpoint, o);
  const { ready } = node;
  const described = node.failed;
  return {
    endpoint,
    async describeQuorum(): Promise<QuorumDescription> {
      const { lib, conn } = await ready();
      const res = await lib.describeQuorumV2.api.async(conn, [{ topicName: METADATA_TOPIC, partitions: [{ partitionIndex: 0 }] }]).catch((e: unknown) => {
        throw described('DescribeQuorum', e);
      });
      const p = res.topics[0]?.partitions[0];
      if (!p) throw new Error(`DescribeQuorum at ${endpoint}: no ${METADATA_TOPIC} partition in the answer`);
      return {
        leaderId: p.leaderId,
        leaderEpoch: p.leaderEpoch,
        highWatermark: num(p.highWatermark),
        voters: p.currentVoters.map(replica),
        observers: p.observers.map(replica),
      };
    },
    async describeFeatures(): Promise<FeatureLevels> {
      const { lib, conn } = await ready();
      // ApiVersions answers with a v0 response header whatever the version (no tagged fields there)
      return sendRaw(conn, 18, 3, () => lib.Writer.create().appendString('kafka-cluster-provisioner').appendString('1').appendTaggedFields(), parseFeatures, false).catch((e: unknown) => {
        throw described('ApiVersions', e);
      });
    },
    async updateFeature(feature: string, level: number): Promise<void> {
      const { lib, conn } = await ready();
      await lib.updateFeaturesV1.api.async(conn, 30_000, [{ feature, maxVersionLevel: level, upgradeType: 1 }], false).catch((e: unknown) => {
        throw described(`UpdateFeatures ${feature}=${level}`, e);
      });
    },
    async describeBrokers(): Promise<BrokerRegistration[]> {
      const { lib, conn } = await ready();
      const request = () => lib.Writer.create().appendBoolean(false).appendInt8(1).appendBoolean(true).appendTaggedFields();
      return sendRaw(conn, 60, 2, request, parseBrokers, true).catch((e: unknown) => {
        throw described('DescribeCluster', e);
      });
    },
    close: node.close,
  };
}

/**
 * Runs `fn` against each endpoint in turn until one answers (a DescribeQuorum sent to a
 * controller that is not the leader fails); `before` runs ahead of each connection (the lab's
 * route check). Every failure is kept for the message.
 */
export async function askFirst<T>(endpoints: readonly string[], fn: (node: KraftNodePort) => Promise<T>, before: (endpoint: string) => Promise<void> = async () => {}, options: KraftNodeOptions = {}): Promise<T> {
  const errors: string[] = [];
  for (const endpoint of endpoints) {
    await before(endpoint);
    const node = kraftNode(endpoint, options);
    try {
      return await fn(node);
    } catch (err) {
      errors.push((err as Error).message);
    } finally {
      await node.close();
    }
  }
  throw new Error(errors.join('; ') || 'no node to ask');
}
