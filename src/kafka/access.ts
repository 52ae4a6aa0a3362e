// SCRAM users and ACLs over @platformatic/kafka's protocol layer (kafkajs has ACLs but no
// AlterUserScramCredentials). Sent to one broker: in KRaft it forwards changes to the active
// controller, and answers descriptions from its own metadata, which is how the caller sees that
// a change reached that broker.
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Secret } from '../security/secret.js';
import { nodeConnection, sendRaw, type NodeOptions, type Platformatic } from './node-connection.js';
import type { AccessPort, AclBinding, AclOperation, AclResource } from './types.js';

/** Kafka's wire numbers (org.apache.kafka.common.acl.AclOperation and friends). */
const RESOURCE_TYPES: Record<AclResource['type'], number> = { topic: 2, group: 3, cluster: 4, 'transactional-id': 5 };
const PATTERNS: Record<AclResource['pattern'], number> = { literal: 3, prefixed: 4 };
const OPERATIONS: Record<AclOperation, number> = {
  all: 2,
  read: 3,
  write: 4,
  create: 5,
  delete: 6,
  alter: 7,
  describe: 8,
  'cluster-action': 9,
  'describe-configs': 10,
  'alter-configs': 11,
  'idempotent-write': 12,
};
const PERMISSIONS: Record<AclBinding['permission'], number> = { deny: 2, allow: 3 };
const ANY = 1;
const SCRAM_SHA_512 = 2;
/** The iterations Kafka's own tools use for SCRAM-SHA-512 (and its minimum). */
export const SCRAM_ITERATIONS = 4096;

const byNumber = <K extends string>(table: Record<K, number>, what: string) => {
  const reverse = new Map(Object.entries(table).map(([k, v]) => [v as number, k as K]));
  return (n: number): K => {
    const k = reverse.get(n);
    if (k === undefined) throw new Error(`unknown ACL ${what} ${n} in the broker's answer`);
    return k;
  };
};
const resourceTypeOf = byNumber(RESOURCE_TYPES, 'resource type');
const patternOf = byNumber(PATTERNS, 'pattern type');
const operationOf = byNumber(OPERATIONS, 'operation');
const permissionOf = byNumber(PERMISSIONS, 'permission');

export interface WireAcl {
  resourceType: number;
  resourceName: string;
  resourcePatternType: number;
  principal: string;
  host: string;
  operation: number;
  permissionType: number;
}

export const toWire = (b: AclBinding): WireAcl => ({
  resourceType: RESOURCE_TYPES[b.resource.type],
  resourceName: b.resource.name,
  resourcePatternType: PATTERNS[b.resource.pattern],
  principal: b.principal,
  host: b.host,
  operation: OPERATIONS[b.operation],
  permissionType: PERMISSIONS[b.permission],
});

export const fromWire = (w: WireAcl): AclBinding => ({
  principal: w.principal,
  host: w.host,
  resource: { type: resourceTypeOf(w.resourceType), name: w.resourceName, pattern: patternOf(w.resourcePatternType) },
  operation: operationOf(w.operation),
  permission: permissionOf(w.permissionType),
});

/** Every ACL, or every ACL of `principal`, whatever the resource, operation or permission. */
const filterOf = (principal: string | null) => ({
  resourceType: ANY,
  resourceName: null,
  resourcePatternType: ANY,
  principal,
  host: null,
  operation: ANY,
  permissionType: ANY,
});

/**
 * A SCRAM-SHA-512 credential as AlterUserScramCredentials takes it (RFC 5802): the password is
 * salted here, and only the salted form crosses the network.
 */
export function scramUpsertion(user: string, password: Secret, salt: Buffer = randomBytes(64), iterations = SCRAM_ITERATIONS) {
  return { name: user, mechanism: SCRAM_SHA_512, iterations, salt, saltedPassword: pbkdf2Sync(password.reveal(), salt, iterations, 64, 'sha512') };
}

/** The DescribeUserScramCredentials request for every user (a null array; @platformatic writes only arrays). */
const allUsers = (lib: Platformatic) => () => lib.Writer.create().appendUnsignedVarInt(0).appendTaggedFields();

export function accessNode(endpoint: string, o: NodeOptions = {}): AccessPort {
  const node = nodeConnection(endpoint, o);
  const call = async <T>(what: string, fn: (c: Awaited<ReturnType<typeof node.ready>>) => Promise<T>): Promise<T> => {
    const ready = await node.ready();
    try {
      return await fn(ready);
    } catch (err) {
      throw node.failed(what, err);
    }
  };
  return {
    endpoint,
    upsertScramUser: (user, password, iterations = SCRAM_ITERATIONS) =>
      call(`AlterUserScramCredentials ${user}`, async ({ lib, conn }) => void (await lib.alterUserScramCredentialsV0.api.async(conn, [], [scramUpsertion(user, password, undefined, iterations)]))),
    scramUsers: () =>
      call('DescribeUserScramCredentials', async ({ lib, conn }) => {
        const api = lib.describeUserScramCredentialsV0;
        const res = await sendRaw(conn, 50, 0, allUsers(lib), (r) => api.parseResponse(0, 50, 0, r), true);
        return res.results
          .flatMap((r) => r.credentialInfos.filter((c) => c.mechanism === SCRAM_SHA_512).map((c) => ({ user: r.user, iterations: c.iterations })))
          .sort((a, b) => a.user.localeCompare(b.user));
      }),
    createAcls: (bindings) => call('CreateAcls', async ({ lib, conn }) => void (bindings.length > 0 && (await lib.createAclsV3.api.async(conn, bindings.map(toWire) as never)))),
    acls: (principal) =>
      call('DescribeAcls', async ({ lib, conn }) => {
        const res = await lib.describeAclsV3.api.async(conn, filterOf(principal ?? null) as never);
        return res.resources.flatMap((r) => r.acls.map((a) => fromWire({ ...r, ...a } as WireAcl)));
      }),
    deleteAcls: (principal) =>
      call('DeleteAcls', async ({ lib, conn }) => {
        const res = await lib.deleteAclsV3.api.async(conn, [filterOf(principal)] as never);
        return res.filterResults.flatMap((f) => f.matchingAcls.map((a) => fromWire(a as WireAcl)));
      }),
    close: node.close,
  };
}
