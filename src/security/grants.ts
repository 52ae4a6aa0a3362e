// What a user may do, as ACLs: the grants `npm run user -- add` takes, turned into the bindings
// the StandardAuthorizer checks. Pure: the plan of what to create is computed here from what the
// cluster already holds, and tested without a cluster.
import { InputError } from '../core/errors.js';
import type { AclBinding, AclOperation, AclResource } from '../kafka/types.js';
import { deadLetterTopicOf, jobGroupOf, outputTopicOf } from '../popularity/output.js';
import { statsTopicOf } from '../popularity/job-stats.js';
import { ADMIN_USER, NODE_USER } from './openssl.js';

export interface GrantRequest {
  topics: string[];
  read: boolean;
  write: boolean;
  groups: string[];
  /** the popularity job on this input topic: read it, write its output, dead-letter and stats topics */
  job?: string;
  /**
   * the Spark popularity job on this input topic: read it, write its output and dead-letter
   * topics, and read its output back (a new driver restores the top ten from it). No group: Spark
   * assigns partitions and keeps its offsets in its checkpoint.
   */
  sparkJob?: string;
}

/** A SCRAM user name: what Kafka's principal and the files on this machine can both carry. */
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Kafka's own rule for topic names (Topic.validate), and the "*" of every topic. */
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function checkUserName(name: string): void {
  if (!USER_NAME.test(name)) throw new InputError(`user name "${name}": letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64`);
  if (name === ADMIN_USER || name === NODE_USER) throw new InputError(`user name "${name}" is the tool's own super user; choose another`);
}

export const principalOf = (user: string): string => `User:${user}`;

/** "orders" is that topic; "orders.*" every topic whose name starts with "orders."; "*" every topic. */
export function resourceOf(type: 'topic' | 'group', text: string): AclResource {
  const prefixed = text.length > 1 && text.endsWith('*');
  const name = prefixed ? text.slice(0, -1) : text;
  if (name !== '*' && !TOPIC_NAME.test(name)) throw new InputError(`--${type} "${text}": a name of letters, digits, ".", "_" and "-" (a trailing * for every name with that prefix, or * alone for all)`);
  return { type, name, pattern: prefixed ? 'prefixed' : 'literal' };
}

/**
 * Reading a topic needs Read and Describe on it (and Read on the consumer group); writing needs
 * Write and Describe, and Create so that a producer can make its topic, as kafka-acls --producer
 * grants. Write on a topic also lets a client be an idempotent producer (KIP-679, Kafka 3.0).
 */
const READ_TOPIC: AclOperation[] = ['read', 'describe'];
const WRITE_TOPIC: AclOperation[] = ['write', 'describe', 'create'];

export function grantBindings(user: string, g: GrantRequest): AclBinding[] {
  if (g.topics.length > 0 && !g.read && !g.write) throw new InputError('--topic needs --read, --write or both');
  if ((g.read || g.write) && g.topics.length === 0) throw new InputError('--read and --write apply to the --topic given; none was');
  const wanted: [AclResource, AclOperation[]][] = [];
  for (const t of g.topics) wanted.push([resourceOf('topic', t), [...(g.read ? READ_TOPIC : []), ...(g.write ? WRITE_TOPIC : [])]]);
  for (const gr of g.groups) wanted.push([resourceOf('group', gr), ['read']]);
  if (g.job !== undefined) {
    wanted.push([resourceOf('topic', g.job), READ_TOPIC], [resourceOf('group', jobGroupOf(g.job)), ['read']]);
    for (const out of [outputTopicOf(g.job), deadLetterTopicOf(g.job), statsTopicOf(g.job)]) wanted.push([resourceOf('topic', out), WRITE_TOPIC]);
  }
  if (g.sparkJob !== undefined) {
    wanted.push([resourceOf('topic', g.sparkJob), READ_TOPIC], [resourceOf('topic', outputTopicOf(g.sparkJob)), [...READ_TOPIC, ...WRITE_TOPIC]]);
    wanted.push([resourceOf('topic', deadLetterTopicOf(g.sparkJob)), WRITE_TOPIC]);
  }
  const bindings = wanted.flatMap(([resource, ops]) => ops.map((operation): AclBinding => ({ principal: principalOf(user), host: '*', resource, operation, permission: 'allow' })));
  return dedupe(bindings);
}

export const bindingKey = (b: AclBinding): string => `${b.permission} ${b.principal} ${b.host} ${b.operation} ${b.resource.type}:${b.resource.pattern}:${b.resource.name}`;

function dedupe(bindings: AclBinding[]): AclBinding[] {
  const seen = new Map<string, AclBinding>();
  for (const b of bindings) seen.set(bindingKey(b), b);
  return [...seen.values()];
}

/** What to create for `wanted` when the cluster holds `existing` (grants only add). */
export function missingBindings(wanted: AclBinding[], existing: AclBinding[]): AclBinding[] {
  const have = new Set(existing.map(bindingKey));
  return wanted.filter((b) => !have.has(bindingKey(b)));
}

/** "allow read topic pages", "allow read group pages-* (prefixed)": one line per binding, sorted. */
export function describeBinding(b: AclBinding): string {
  const pattern = b.resource.pattern === 'prefixed' ? '*' : '';
  return `${b.permission} ${b.operation} ${b.resource.type} ${b.resource.name}${pattern}${b.host === '*' ? '' : ` from ${b.host}`}`;
}
