import { describe, expect, it } from 'vitest';
import type { PathFact } from '../../src/facts/paths.js';
import { fileAction, sha256Of } from '../../src/ops/files.js';
import type { RenderedFile } from '../../src/render/types.js';

const file: RenderedFile = { path: '/etc/kafka/server.properties', content: 'broker.id=0\n', mode: 0o640, owner: 'root', group: 'kafka', service: 'kafka', kind: 'file' };
const fact = (over: Partial<PathFact>): PathFact => ({ path: file.path, type: 'file', mode: 0o640, owner: 'root', group: 'kafka', sha256: sha256Of(file.content), ...over });

describe('fileAction', () => {
  it('does nothing when hash, owner and mode match', () => {
    expect(fileAction(file, fact({}))).toEqual({ kind: 'none', file, reason: 'up to date' });
  });
  it('uploads a missing file or one with other content', () => {
    expect(fileAction(file, fact({ type: 'missing' })).kind).toBe('upload');
    expect(fileAction(file, undefined)).toMatchObject({ kind: 'upload', reason: 'new file' });
    expect(fileAction(file, fact({ sha256: 'f'.repeat(64) }))).toMatchObject({ kind: 'upload', reason: 'content changed' });
    expect(fileAction(file, fact({ type: 'dir', sha256: null }))).toMatchObject({ kind: 'upload', reason: 'replaces a dir' });
  });
  it('fixes owner and mode in place without uploading', () => {
    expect(fileAction(file, fact({ owner: 'kafka', mode: 0o644 }))).toEqual({
      kind: 'attrs',
      file,
      reason: 'owner kafka:kafka -> root:kafka, mode 0644 -> 0640',
      commands: ['chown -- root:kafka /etc/kafka/server.properties', 'chmod -- 0640 /etc/kafka/server.properties'],
    });
  });
});

describe('fileAction on a shipped jar', () => {
  it('compares the bytes by sha256 like a rendered file', () => {
    const jar = { ...file, path: '/opt/kafka-cluster/lib/a.jar', content: Buffer.from([0xca, 0xfe, 0x00, 0xff]), service: null, kind: 'file' as const };
    expect(fileAction(jar, fact({ path: jar.path, sha256: sha256Of(jar.content) })).kind).toBe('none');
    expect(fileAction(jar, fact({ path: jar.path })).kind).toBe('upload');
  });
});
