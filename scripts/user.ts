#!/usr/bin/env tsx
// npm run user -- add NAME [--topic T ... --read --write] [--group G ...] [--job TOPIC] [--spark-job TOPIC] [--new-password]
// npm run user -- remove NAME
// npm run user -- list
// SCRAM users and their ACLs on a secured cluster (cluster.security: secure), as the admin.
import { runCli } from '../src/cli/run.js';
import { loadInventory } from '../src/inventory/load.js';
import { parseUserCommand } from '../src/security/user-command.js';
import { addUser, formatAdded, formatList, formatRemoved, listUsers, removeUser, type AddedUser, type ListedUser, type RemovedUser } from '../src/security/users.js';

const USAGE = `usage: npm run user -- add NAME [--topic T ... [--read] [--write]] [--group G ...] [--job TOPIC] [--spark-job TOPIC] [--new-password] [--inventory F] [--json]
       npm run user -- remove NAME [--inventory F] [--json]
       npm run user -- list [--inventory F] [--json]
SCRAM-SHA-512 users of a secured cluster and what they may do (ACLs; everything else is denied).
  --topic T     a topic (repeatable); "T*" every topic starting with T, "*" every topic
  --read        read the topics given (Read, Describe)
  --write       write them (Write, Describe, Create; enough for an idempotent producer)
  --group G     join consumer group G (repeatable; "G*" as for topics)
  --job TOPIC   what the popularity job on TOPIC needs: read TOPIC with its group, write its
                output, dead-letter and stats topics
  --spark-job TOPIC  what the Spark popularity job on TOPIC needs: read TOPIC, write its output
                and dead-letter topics, read its output (no group)
  --new-password  replace the password of an existing user
add only adds: the user keeps the ACLs it had. The password and the client settings (NAME.properties
for Java clients, NAME.librdkafka.properties for kcat -F) are written 0600 next to the cluster's
keys (.kcp-secrets/<cluster>/users/); the password is never printed.`;

type Result = { action: 'add'; user: AddedUser } | { action: 'remove'; user: RemovedUser } | { action: 'list'; users: ListedUser[] };

await runCli({
  usage: USAGE,
  allowPositionals: true,
  options: {
    topic: { type: 'string', multiple: true },
    group: { type: 'string', multiple: true },
    read: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    job: { type: 'string' },
    'spark-job': { type: 'string' },
    'new-password': { type: 'boolean', default: false },
  },
  async main({ values: v, positionals, log }): Promise<Result> {
    const command = parseUserCommand(positionals, v);
    const { cluster, warnings } = await loadInventory(v.inventory);
    warnings.forEach(log);
    if (command.action === 'list') return { action: 'list', users: await listUsers(cluster) };
    if (command.action === 'remove') return { action: 'remove', user: await removeUser(cluster, command.user, { log }) };
    return { action: 'add', user: await addUser(cluster, command.user, command.grants, { newPassword: command.newPassword, log }) };
  },
  human: (r) => (r.action === 'list' ? formatList(r.users) : r.action === 'add' ? formatAdded(r.user) : formatRemoved(r.user)),
});
