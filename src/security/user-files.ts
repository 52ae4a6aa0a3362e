// What this machine keeps of each SCRAM user made by `npm run user`: its password, and ready-made
// client settings for Java clients (--command-config, --producer.config, ...) and for kcat and
// other librdkafka clients (kcat -F). All 0600 in <.kcp-secrets>/<cluster>/users/ (0700).
import { chmod, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { readTextIfExists } from '../fs/read-text-if-exists.js';
import type { Cluster } from '../inventory/model.js';
import type { ClientSecurity } from '../kafka/types.js';
import { securityDir, writeAtomically } from './ca.js';
import { adminSecrets, brokerClientSecurity } from './cluster-secrets.js';
import { ADMIN_USER } from './openssl.js';
import { Secret } from './secret.js';

type Where = Pick<Cluster, 'baseDir' | 'name'>;

export const usersDir = (cluster: Where): string => join(securityDir(cluster), 'users');

export interface UserFiles {
  password: string;
  /** Java clients: kafka-console-producer --producer.config, kafka-topics --command-config */
  javaProperties: string;
  /** librdkafka clients: kcat -F */
  librdkafkaProperties: string;
}

export const userFiles = (cluster: Where, user: string): UserFiles => {
  const dir = usersDir(cluster);
  return { password: join(dir, `${user}.password`), javaProperties: join(dir, `${user}.properties`), librdkafkaProperties: join(dir, `${user}.librdkafka.properties`) };
};

export interface ClientSettings {
  cluster: string;
  user: string;
  password: Secret;
  bootstrapServers: string;
  /** absolute path of the cluster's CA certificate on this machine */
  caFile: string;
}

const header = (s: ClientSettings, how: string) => [`# SCRAM user ${s.user} of Kafka cluster ${s.cluster}, written by npm run user (${how}).`, '# It holds the password: keep it 0600, never commit it.'];

/** A Java client's SASL_SSL login as `user` (SCRAM-SHA-512), as properties lines; the password is in the JAAS line. */
export const javaScramLogin = (user: string, password: Secret): string[] => [
  'security.protocol=SASL_SSL',
  'sasl.mechanism=SCRAM-SHA-512',
  `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${user}" password="${password.reveal()}";`,
];

/** A Java client's settings; the password is in the JAAS line, the CA read as PEM. */
export function javaClientProperties(s: ClientSettings): string {
  return [
    ...header(s, 'Java clients: --command-config, --producer.config, --consumer.config'),
    `bootstrap.servers=${s.bootstrapServers}`,
    ...javaScramLogin(s.user, s.password),
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${s.caFile}`,
    '',
  ].join('\n');
}

/** librdkafka's names for the same settings (kcat -F FILE). */
export function librdkafkaProperties(s: ClientSettings): string {
  return [
    ...header(s, 'librdkafka clients: kcat -F'),
    `bootstrap.servers=${s.bootstrapServers}`,
    'security.protocol=SASL_SSL',
    'sasl.mechanisms=SCRAM-SHA-512',
    `sasl.username=${s.user}`,
    `sasl.password=${s.password.reveal()}`,
    `ssl.ca.location=${s.caFile}`,
    '',
  ].join('\n');
}

/** The password of `user` on this machine, or null. */
export async function userPassword(cluster: Where, user: string): Promise<Secret | null> {
  const text = (await readTextIfExists(userFiles(cluster, user).password))?.trim();
  return text ? new Secret(text) : null;
}

/** Writes the password and both client settings files, each 0600; the folder 0700. */
export async function writeUserFiles(cluster: Pick<Cluster, 'baseDir' | 'name' | 'bootstrapServers'>, user: string, password: Secret): Promise<UserFiles> {
  const dir = usersDir(cluster);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const files = userFiles(cluster, user);
  const settings: ClientSettings = { cluster: cluster.name, user, password, bootstrapServers: cluster.bootstrapServers, caFile: join(securityDir(cluster), 'ca.crt') };
  await writeAtomically(files.password, `${password.reveal()}\n`, 0o600);
  await writeAtomically(files.javaProperties, javaClientProperties(settings), 0o600);
  await writeAtomically(files.librdkafkaProperties, librdkafkaProperties(settings), 0o600);
  return files;
}

export async function removeUserFiles(cluster: Where, user: string): Promise<void> {
  await Promise.all(Object.values(userFiles(cluster, user)).map((f) => rm(f, { force: true })));
}

/** The users this machine holds a password for. */
export async function localUsers(cluster: Where): Promise<string[]> {
  const names = await readdir(usersDir(cluster)).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.password')).map((n) => n.slice(0, -'.password'.length)).sort();
}

/**
 * How a client connects as `user` (--user of produce and popularity): the admin's credentials for
 * "admin", the password this machine keeps for any other user.
 */
export async function userClientSecurity(cluster: Cluster, user: string): Promise<ClientSecurity> {
  const secrets = await adminSecrets(cluster);
  if (!secrets) throw new InputError(`--user ${user}: cluster ${cluster.name} is not secured (cluster.security: none), so it has no users`);
  if (user === ADMIN_USER) return brokerClientSecurity(secrets);
  const password = await userPassword(cluster, user);
  if (!password) throw new InputError(`--user ${user}: this machine has no password for ${user} (${userFiles(cluster, user).password}); make the user with npm run user -- add ${user}`);
  return { ca: secrets.caPem, sasl: { username: user, password } };
}
