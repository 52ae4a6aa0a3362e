import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { javaClientProperties, librdkafkaProperties, localUsers, removeUserFiles, userFiles, userPassword, writeUserFiles } from '../../src/security/user-files.js';
import { Secret } from '../../src/security/secret.js';

const settings = { cluster: 'demo', user: 'alice', password: new Secret('pw_123-abc'), bootstrapServers: 'a:9092,b:9092', caFile: '/keys/demo/ca.crt' };

describe('client settings files', () => {
  it('Java: SASL_SSL, SCRAM-SHA-512 in a JAAS line, the CA as a PEM trust store', () => {
    const text = javaClientProperties(settings);
    expect(text).toContain('bootstrap.servers=a:9092,b:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n');
    expect(text).toContain('sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="pw_123-abc";\n');
    expect(text).toContain('ssl.truststore.type=PEM\nssl.truststore.location=/keys/demo/ca.crt\n');
  });

  it('librdkafka (kcat -F): its own names for the same settings', () => {
    const text = librdkafkaProperties(settings);
    expect(text).toContain('security.protocol=SASL_SSL\nsasl.mechanisms=SCRAM-SHA-512\nsasl.username=alice\nsasl.password=pw_123-abc\nssl.ca.location=/keys/demo/ca.crt\n');
  });
});

describe('user files on this machine', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'users-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const cluster = () => ({ baseDir: dir, name: 'demo', bootstrapServers: 'a:9092' });

  it('written 0600 in a 0700 folder, read back, listed, removed', async () => {
    expect(await userPassword(cluster(), 'alice')).toBeNull();
    const files = await writeUserFiles(cluster(), 'alice', new Secret('pw-1234567890123456'));
    expect(files).toEqual(userFiles(cluster(), 'alice'));
    expect((await stat(join(dir, '.kcp-secrets', 'demo', 'users'))).mode & 0o777).toBe(0o700);
    for (const f of Object.values(files)) expect((await stat(f)).mode & 0o777, f).toBe(0o600);
    expect((await userPassword(cluster(), 'alice'))!.reveal()).toBe('pw-1234567890123456');
    expect(await readFile(files.javaProperties, 'utf8')).toContain(`ssl.truststore.location=${join(dir, '.kcp-secrets', 'demo', 'ca.crt')}`);
    await writeUserFiles(cluster(), 'bob', new Secret('pw-bbbbbbbbbbbbbbbb'));
    expect(await localUsers(cluster())).toEqual(['alice', 'bob']);
    await removeUserFiles(cluster(), 'alice');
    expect(await localUsers(cluster())).toEqual(['bob']);
    expect(await userPassword(cluster(), 'alice')).toBeNull();
  });
});
