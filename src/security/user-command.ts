// The arguments of npm run user, checked before anything connects: one action, its user name,
// and for add the grants (parsed further by grants.ts).
import { InputError } from '../core/errors.js';
import type { GrantRequest } from './grants.js';

export type UserCommand = { action: 'add'; user: string; grants: GrantRequest; newPassword: boolean } | { action: 'remove'; user: string } | { action: 'list' };

export interface UserFlags {
  topic?: string[];
  group?: string[];
  read?: boolean;
  write?: boolean;
  job?: string;
  'spark-job'?: string;
  'new-password'?: boolean;
}

export function parseUserCommand(positionals: string[], f: UserFlags): UserCommand {
  const [action, user, ...rest] = positionals;
  if (action !== 'add' && action !== 'remove' && action !== 'list') throw new InputError(`the action is add, remove or list, got "${action ?? ''}"`);
  if (rest.length > 0) throw new InputError(`unexpected argument "${rest[0]}"`);
  const addOnly = Object.entries({ topic: (f.topic?.length ?? 0) > 0, group: (f.group?.length ?? 0) > 0, read: !!f.read, write: !!f.write, job: f.job !== undefined, 'spark-job': f['spark-job'] !== undefined, 'new-password': !!f['new-password'] })
    .filter(([, given]) => given)
    .map(([name]) => `--${name}`);
  if (action !== 'add' && addOnly.length > 0) throw new InputError(`${addOnly.join(', ')} ${addOnly.length > 1 ? 'go' : 'goes'} with add, not with ${action}`);
  if (action === 'list') {
    if (user !== undefined) throw new InputError('list takes no user name');
    return { action };
  }
  if (user === undefined) throw new InputError(`${action} needs a user name`);
  if (action === 'remove') return { action, user };
  const grants: GrantRequest = { topics: f.topic ?? [], groups: f.group ?? [], read: !!f.read, write: !!f.write, ...(f.job === undefined ? {} : { job: f.job }), ...(f['spark-job'] === undefined ? {} : { sparkJob: f['spark-job'] }) };
  return { action, user, grants, newPassword: !!f['new-password'] };
}
