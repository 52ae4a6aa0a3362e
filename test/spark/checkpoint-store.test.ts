import { describe, expect, it } from 'vitest';
import { describeStore, parseCheckpointStore } from '../../src/spark/checkpoint-store.js';

describe('parseCheckpointStore', () => {
  it('reads an absolute path or a file: URL as a folder, normalised', () => {
    expect(parseCheckpointStore('/srv/kcp-shared/spark-checkpoints')).toEqual({ kind: 'folder', path: '/srv/kcp-shared/spark-checkpoints' });
    expect(parseCheckpointStore('/mnt/nfs//ckpt/')).toEqual({ kind: 'folder', path: '/mnt/nfs/ckpt' });
    expect(parseCheckpointStore('file:///mnt/nfs/spark%20ckpt')).toEqual({ kind: 'folder', path: '/mnt/nfs/spark ckpt' });
  });

  it('reads an hdfs: URL as the namenode and a path, port 8020 unless given', () => {
    expect(parseCheckpointStore('hdfs://nn1/spark/ckpt')).toEqual({ kind: 'hdfs', host: 'nn1', port: 8020, path: '/spark/ckpt' });
    expect(parseCheckpointStore('hdfs://10.0.0.5:9000/ckpt')).toEqual({ kind: 'hdfs', host: '10.0.0.5', port: 9000, path: '/ckpt' });
    expect(parseCheckpointStore('HDFS://[fd00::5]:9000/ckpt')).toEqual({ kind: 'hdfs', host: 'fd00::5', port: 9000, path: '/ckpt' });
  });

  it.each([
    ['relative', 'ckpt/dir', 'neither an absolute path nor a URL'],
    ['dot-dot', '/srv/../etc', 'has a "." or ".." part'],
    ['the root', '/', 'the root folder'],
    ['a file: URL with a host', 'file://nas/ckpt', 'names a host (nas)'],
    ['hdfs without a namenode', 'hdfs:///ckpt', 'names no namenode'],
    ['hdfs without a folder', 'hdfs://nn1:8020/', 'names no folder inside HDFS'],
    ['hdfs with a password', 'hdfs://u:secret@nn1/ckpt', 'carries credentials'],
    ['an object store', 's3a://bucket/ckpt', 'the scheme s3a: is not supported'],
    ['a bad port', 'hdfs://nn1:99999/ckpt', 'not a valid URL'],
  ])('refuses %s', (_, text, message) => {
    const r = parseCheckpointStore(text);
    expect('problem' in r && r.problem).toContain(message);
  });

  it('never repeats a password it refuses', () => {
    for (const text of ['hdfs://u:secret@nn1/ckpt', 's3a://AKIA:secret@bucket/c', 'hdfs://u:secret@nn1:99999/c']) {
      const r = parseCheckpointStore(text);
      expect('problem' in r && r.problem).toContain('***@');
      expect(JSON.stringify(r)).not.toContain('secret');
    }
  });

  it('describes a store as a message names it', () => {
    expect(describeStore({ kind: 'hdfs', host: 'fd00::5', port: 9000, path: '/c' })).toBe('hdfs://[fd00::5]:9000/c');
    expect(describeStore({ kind: 'folder', path: '/mnt/c' })).toBe('/mnt/c');
  });
});
