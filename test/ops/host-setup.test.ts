import { describe, expect, it } from 'vitest';
import type { PathFact } from '../../src/facts/paths.js';
import { dirSteps, userStep, type DirSpec } from '../../src/ops/host-setup.js';

const data: DirSpec = { path: '/var/lib/kafka/data', owner: 'kafka', group: 'kafka', mode: 0o750 };
const fact = (over: Partial<PathFact>): PathFact => ({ path: data.path, type: 'dir', mode: 0o750, owner: 'kafka', group: 'kafka', sha256: null, ...over });

describe('host setup', () => {
  it('creates a missing folder with owner and mode', () => {
    expect(dirSteps([data], new Map([[data.path, fact({ type: 'missing' })]]))).toEqual([
      { what: data.path, reason: 'new folder', command: 'install -d -o kafka -g kafka -m 0750 -- /var/lib/kafka/data' },
    ]);
  });
  it('fixes a folder with the wrong owner, leaves a right one alone', () => {
    expect(dirSteps([data], new Map([[data.path, fact({ owner: 'root', mode: 0o755 })]]))[0]?.reason).toBe('root:kafka 0755 -> kafka:kafka 0750');
    expect(dirSteps([data], new Map([[data.path, fact({})]]))).toEqual([]);
  });
  it('refuses to turn a file into a folder', () => {
    expect(() => dirSteps([data], new Map([[data.path, fact({ type: 'file' })]]))).toThrow(/should be a folder/);
  });
  it('creates the service user only when missing', () => {
    expect(userStep(998)).toBeNull();
    expect(userStep(null)?.command).toBe(
      'getent group kafka >/dev/null || groupadd --system kafka; useradd --system --gid kafka --no-create-home --home-dir /var/lib/kafka --shell /usr/sbin/nologin kafka',
    );
  });
});
