// The Spark job's Kafka client settings: the user's SCRAM login and the CA inline, read back by
// java.util.Properties as the job reads them (a PEM's line breaks survive, nothing else is added).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Secret } from '../../src/security/secret.js';
import { jobKafkaProperties, propertyValue } from '../../src/spark/kafka-config.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-kafka-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CA = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\nAbC+/=\n-----END CERTIFICATE-----\n';
const security = { ca: CA, sasl: { username: 'spark-pages', password: new Secret('p4ss_word-0123456789abcdefghijkl') } };

/** Every entry as java.util.Properties loads the file: key, TAB, the value with line breaks as ⏎. */
function loadWithJava(text: string): string[] {
  const file = join(dir, 'job.properties');
  writeFileSync(file, text);
  const program = join(dir, 'Load.java');
  writeFileSync(program, `import java.io.*; import java.util.*;
public class Load { public static void main(String[] a) throws Exception {
  Properties p = new Properties(); try (Reader r = new FileReader(a[0])) { p.load(r); }
  new TreeSet<>(p.stringPropertyNames()).forEach(k -> System.out.println(k + "\\t" + p.getProperty(k).replace("\\n", "⏎"))); } }`);
  return execFileSync('java', [program, file], { encoding: 'utf8' }).trimEnd().split('\n');
}

describe('jobKafkaProperties', () => {
  it('SASL_SSL as the user, SCRAM-SHA-512, the CA inline as PEM: what Java reads back', () => {
    expect(loadWithJava(jobKafkaProperties(security))).toEqual([
      'sasl.jaas.config\torg.apache.kafka.common.security.scram.ScramLoginModule required username="spark-pages" password="p4ss_word-0123456789abcdefghijkl";',
      'sasl.mechanism\tSCRAM-SHA-512',
      'security.protocol\tSASL_SSL',
      `ssl.truststore.certificates\t${CA.trimEnd().replaceAll('\n', '⏎')}`,
      'ssl.truststore.type\tPEM',
    ]);
  }, 60_000);

  it('escapes backslashes and line breaks only', () => {
    expect(propertyValue('a\\b\r\nc\nd')).toBe('a\\\\b\\nc\\nd');
  });

  it('needs a SCRAM user', () => {
    expect(() => jobKafkaProperties({ ca: CA })).toThrow(/SCRAM user/);
  });
});
