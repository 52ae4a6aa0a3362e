import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationError } from '../../src/core/errors.js';
import { parseInventory } from '../../src/inventory/load.js';
import { certificateProblems } from '../../src/security/certificate.js';
import { adminSecrets, brokerClientSecurity, certificateClientSecurity, clusterSecrets } from '../../src/security/cluster-secrets.js';
import { adminIdentity, processIdentity } from '../../src/security/openssl.js';

const kraftText = readFileSync(join(import.meta.dirname, '..', '..', 'inventory.kraft.yaml'), 'utf8');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'secrets-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const load = (secure: boolean) =>
  parseInventory(join(dir, 'inventory.yaml'), secure ? kraftText : kraftText.replace(/^  security: secure .*$/m, '  security: none')).cluster;

describe('clusterSecrets', () => {
  it('none for a cluster that is not secured', async () => {
    expect(await clusterSecrets(load(false))).toBeNull();
    expect(await adminSecrets(load(false))).toBeNull();
  });

  it('the admin\'s secrets are only read: a machine without the keys says where they should be', async () => {
    const err = await adminSecrets(load(true)).catch((e: Error) => e);
    expect(err).toBeInstanceOf(OperationError);
    expect((err as Error).message).toMatch(/is secured, but this machine has no keys for it \(.*\.kcp-secrets\/popularity-kraft\): run npm run provision .*; a cluster made without security needs security: none in its inventory \(secure is the default\)$/);
  });

  it('makes the CA, a key and certificate per Kafka process, the admin\'s certificate and password, then reads the same', async () => {
    const cluster = load(true);
    const made = (await clusterSecrets(cluster))!;
    expect([...made.processes.keys()]).toEqual(['kraft01/kafka', 'kraft02/kafka', 'kraft03/kafka']);
    for (const p of cluster.processes) {
      const m = made.processes.get(p.name)!;
      expect(certificateProblems({ certPem: m.certPem, key: m.key, caPem: made.caPem, identity: processIdentity(cluster, p) })).toEqual([]);
    }
    expect(certificateProblems({ certPem: made.admin.tls.certPem, key: made.admin.tls.key, caPem: made.caPem, identity: adminIdentity(cluster) })).toEqual([]);
    expect(made.admin.password.reveal()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const password = join(dir, '.kcp-secrets', 'popularity-kraft', 'admin.password');
    expect((await stat(password)).mode & 0o777).toBe(0o600);
    expect((await readFile(password, 'utf8')).trim()).toBe(made.admin.password.reveal());

    const read = (await adminSecrets(cluster))!;
    expect((await clusterSecrets(cluster))!.processes.get('kraft02/kafka')!.certPem).toBe(made.processes.get('kraft02/kafka')!.certPem);
    expect(read.caPem).toBe(made.caPem);
    expect(read.admin.password.reveal()).toBe(made.admin.password.reveal());
    expect(read.admin.tls.certPem).toBe(made.admin.tls.certPem);
    expect(brokerClientSecurity(read)).toEqual({ ca: read.caPem, sasl: { username: 'admin', password: read.admin.password } });
    expect(certificateClientSecurity(read)).toEqual({ ca: read.caPem, cert: { certPem: read.admin.tls.certPem, key: read.admin.tls.key } });
  });
});

