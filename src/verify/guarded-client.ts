// A Kafka client for the cluster of an inventory, created only after every broker address has
// passed the lab's route check (in lab mode no packet may go anywhere but the lab bridge).
import type { Cluster } from '../inventory/model.js';
import { createKafkaClient } from '../kafka/client.js';
import { adminSecrets, brokerClientSecurity } from '../security/cluster-secrets.js';
import { levelFromEnv } from '../kafka/logging.js';
import type { KafkaClientPort } from '../kafka/types.js';
import { guardLabAddress } from '../lab/guard.js';

export async function guardAddresses(cluster: Cluster, addresses: string[]): Promise<void> {
  for (const address of new Set(addresses)) await guardLabAddress(cluster, address);
}

export async function guardedKafkaClient(cluster: Cluster, clientId: string): Promise<KafkaClientPort> {
  await guardAddresses(cluster, cluster.brokers.map((b) => b.address));
  const secrets = await adminSecrets(cluster);
  return createKafkaClient({
    security: secrets && brokerClientSecurity(secrets),
    brokers: cluster.bootstrapServers.split(','),
    clientId,
    // kafkajs logs retried protocol errors at ERROR; the checks report what matters, so the
    // client is quiet unless KAFKA_LOG_LEVEL asks otherwise
    logLevel: process.env.KAFKA_LOG_LEVEL ? levelFromEnv() : 'nothing',
    connectionTimeoutMs: 3_000,
    requestTimeoutMs: 15_000,
  });
}
