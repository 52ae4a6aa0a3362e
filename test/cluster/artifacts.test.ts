import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchServiceLog, logTailCommand, meaningfulLines } from '../../src/cluster/artifacts.js';

const dir = mkdtempSync(join(tmpdir(), 'kcp-artifacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOG = `[2026-11-25] ERROR Exiting Kafka due to fatal exception (kafka.Kafka$)
org.apache.kafka.common.config.ConfigException: Invalid value not-a-number for configuration num.io.threads: Not a number of type INT
\tat org.apache.kafka.common.config.ConfigDef.parseType(ConfigDef.java:776)
\tat kafka.Kafka.main(Kafka.scala)
\t... 3 more
`;

describe('service log artifacts', () => {
  it('drops stack frames so the exception message stays in view', () => {
    expect(meaningfulLines(LOG)).toEqual(LOG.split('\n').slice(0, 2));
  });
  it('exact tail command', () => {
    expect(logTailCommand('/var/log/kafka/server.log')).toBe('if [ -f /var/log/kafka/server.log ]; then tail -n 200 -- /var/log/kafka/server.log; fi');
  });
  it('saves both logs under <dir>/<host>/ and returns their last meaningful lines', async () => {
    const session = {
      name: 'node02',
      exec: async (script: string) => ({ stdout: script.includes('server.log') ? LOG : '', stderr: '', code: 0 }),
    };
    const r = await fetchServiceLog(session, 'kafka', dir);
    expect(r.file).toBe(`${join(dir, 'node02', 'kafka.log')}, ${join(dir, 'node02', 'kafka.out')}`);
    expect(r.tail).toEqual(['/var/log/kafka/server.log:', ...LOG.split('\n').slice(0, 2)]);
    expect(readFileSync(join(dir, 'node02', 'kafka.log'), 'utf8')).toBe(LOG);
  });
});
