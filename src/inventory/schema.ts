// Shape of inventory.yaml (DESIGN.md "Inventory contract"). Types, ranges and unknown keys are
// checked here; relations between fields (duplicates, clashes, derived keys) in rules.ts.
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseCheckpointStore } from '../spark/checkpoint-store.js';

const port = z.number().int('must be a whole number').min(1, 'must be a port number 1..65535').max(65535, 'must be a port number 1..65535');
const heap = z.string().regex(/^\d+[kKmMgG]$/, 'must be a JVM heap size such as 512m or 2g');
const configValue = z.union([z.string(), z.number(), z.boolean()], {
  error: 'must be a string, number or boolean (properties are flat key=value)',
});
// extra JVM flags of a kind of process, after the tool's own; a collector named here replaces G1
const jvmOptions = z
  .array(
    z
      .string()
      .regex(/^-\S/, 'must be a JVM option such as -XX:+UseSerialGC')
      .refine((o) => !/^-Xm[sx]/.test(o), 'the heap is set by this section\'s heap key, not -Xms/-Xmx')
      // every user of a host reads a JVM's command line (ps): no secret goes there
      .refine((o) => !/pass(word|phrase)?=|secret|credential/i.test(o), 'a JVM command line is readable by every user of the host (ps): keep passwords and secrets out of jvm_options'),
  )
  .default([]);
const configMap = z.record(z.string(), configValue).nullish().transform((v) => v ?? {});

export const hostNamePattern = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

const hostSchema = z
  .object({
    name: z.string().regex(hostNamePattern, 'must be a host name (letters, digits, "-"; no dots)'),
    address: z.string().refine((a) => isIP(a) !== 0, 'must be an IPv4 or IPv6 address'),
    zookeeper_id: z.number().int('must be a whole number').min(1, 'must be 1..255 (ZooKeeper myid)').max(255, 'must be 1..255 (ZooKeeper myid)').nullish(),
    broker_id: z.number().int('must be a whole number').min(0, 'must be 0 or more').nullish(),
    controller_id: z.number().int('must be a whole number').min(0, 'must be 0 or more').nullish(),
    broker_config: configMap,
    spark_master: z.boolean({ error: 'must be true or false' }).default(false),
    spark_worker: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .strict();

export const inventorySchema = z
  .object({
    cluster: z
      .object({
        name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'must be letters, digits, ".", "_" or "-"'),
        security: z.enum(['none', 'secure'], { error: 'must be none or secure' }).default('secure'),
        kafka: z
          .object({
            version: z.string().regex(/^[34]\.\d+\.\d+$/, 'must be a Kafka 3.x or 4.x release such as "3.9.2" or "4.4.0"').default('3.9.2'),
            mode: z.enum(['zookeeper', 'kraft'], { error: 'must be zookeeper or kraft' }).nullish(),
            scala: z.enum(['2.12', '2.13'], { error: 'must be "2.12" or "2.13"' }).default('2.13'),
            source: z.enum(['maven', 'url', 'file'], { error: 'must be maven, url or file' }).default('maven'),
            url: z.string().url('must be a URL').nullish(),
            sha512: z.string().regex(/^[0-9a-fA-F]{128}$/, 'must be 128 hex digits').nullish(),
            file: z.string().min(1).nullish(),
            heap: heap.default('512m'),
            jvm_options: jvmOptions,
          })
          .strict()
          .prefault({}),
        zookeeper: z
          .object({
            client_port: port.default(2181),
            peer_port: port.default(2888),
            election_port: port.default(3888),
            heap: heap.default('256m'),
            jvm_options: jvmOptions,
            config: configMap,
          })
          .strict()
          .prefault({}),
        broker: z
          .object({
            port: port.default(9092),
            // security: secure: the brokers' mutual-TLS listener between each other
            replication_port: port.default(9091),
            metrics_port: port.nullable().default(7071),
            config: configMap,
          })
          .strict()
          .prefault({}),
        controller: z
          .object({
            port: port.default(9093),
            metrics_port: port.nullable().default(7072),
            heap: heap.default('512m'),
            jvm_options: jvmOptions,
            // a quorum made by a migration from ZooKeeper: fixed by controller.quorum.voters
            static_quorum: z.boolean().default(false),
            config: configMap,
          })
          .strict()
          .prefault({}),
        spark: z
          .object({
            version: z.string().regex(/^4\.\d+\.\d+$/, 'must be a Spark 4.x release such as "4.2.0"').default('4.2.0'),
            scala: z.enum(['2.13'], { error: 'must be "2.13" (Spark 4 is built for Scala 2.13 only)' }).default('2.13'),
            master_port: port.default(7077),
            webui_port: port.default(8080),
            worker_port: port.default(7078),
            worker_webui_port: port.default(8081),
            worker_cores: z.number().int('must be a whole number').min(1, 'must be at least 1').default(1),
            worker_memory: heap.default('1g'),
            heap: heap.default('256m'),
            jvm_options: jvmOptions,
            // read once, here: the text as given and the store it names
            checkpoint_dir: z
              .string()
              .transform((text, ctx) => {
                const store = parseCheckpointStore(text);
                if (!('problem' in store)) return { text, store };
                ctx.addIssue({ code: 'custom', message: store.problem });
                return z.NEVER;
              })
              .prefault('/srv/kcp-shared/spark-checkpoints'),
          })
          .strict()
          .prefault({}),
        ssh: z
          .object({
            user: z.string().regex(/^[a-z_][a-z0-9_-]*\$?$/i, 'must be a user name').default('root'),
            port: port.default(22),
            identity_file: z.string().min(1).default('.lab/ssh/id_ed25519'),
            known_hosts: z.string().min(1).default('.lab/ssh/known_hosts'),
          })
          .strict()
          .prefault({}),
      })
      .strict(),
    hosts: z.array(hostSchema).min(1, 'must list at least one host'),
  })
  .strict();

export type InventoryInput = z.input<typeof inventorySchema>;
export type InventoryDoc = z.output<typeof inventorySchema>;
