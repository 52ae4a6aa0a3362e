import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMetaProperties, parseStorage, storageCommand, UNFORMATTED } from '../../src/facts/storage.js';
import { runLocal } from './local-bash.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-storage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// meta.properties as kafka-storage format 4.4 writes it
const META = '#\n#Wed Dec 02 17:10:41 UTC 2026\nnode.id=2\ndirectory.id=Rl9DC1paSRGGVxjiwzRNXA\nversion=1\ncluster.id=4L6g3nShT-eMCtK--X86sw\n';

describe('storage facts', () => {
  it('reads meta.properties of formatted folders, and says which are not formatted', () => {
    const formatted = join(dir, 'a');
    const empty = join(dir, 'b');
    mkdirSync(formatted);
    mkdirSync(empty);
    writeFileSync(join(formatted, 'meta.properties'), META);
    const dirs = [formatted, empty, join(dir, 'missing')];
    const facts = parseStorage(runLocal(storageCommand(dirs)).stdout, dirs);
    expect(facts.get(formatted)).toEqual({ clusterId: '4L6g3nShT-eMCtK--X86sw', nodeId: 2, directoryId: 'Rl9DC1paSRGGVxjiwzRNXA' });
    expect(facts.get(empty)).toEqual(UNFORMATTED);
    expect(facts.get(dirs[2]!)).toEqual(UNFORMATTED);
  });
  it('fails loudly on an answer that does not fit the question', () => {
    expect(() => parseStorage('/x -\n', ['/y'])).toThrow(/unreadable line for \/y/);
    expect(() => parseStorage('', ['/y'])).toThrow(/expected 1 lines/);
    expect(parseMetaProperties('version=1\n')).toEqual({ clusterId: null, nodeId: null, directoryId: null });
    // version 0, as a ZooKeeper-mode broker writes it and a migrated broker keeps it
    expect(parseMetaProperties('version=0\nbroker.id=2\ncluster.id=Zk-id\ndirectory.id=d2\n')).toEqual({ clusterId: 'Zk-id', nodeId: 2, directoryId: 'd2' });
  });
});
