import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agentJarName, ensureMetricsAgent, mavenCopyArtifactArgs, METRICS_AGENT } from '../../src/dist/agent.js';
import { sha512OfBytes } from '../../src/dist/sha512.js';

describe('the metrics agent', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('is one pinned jar from Maven Central, copied with the pinned dependency plugin', () => {
    expect(agentJarName()).toBe('jmx_prometheus_javaagent-1.0.1.jar');
    expect(METRICS_AGENT.sha512).toMatch(/^[0-9a-f]{128}$/);
    expect(mavenCopyArtifactArgs(METRICS_AGENT, '/c/.build').join(' ')).toBe(
      '--batch-mode --no-transfer-progress -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy ' +
        '-Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1:jar -DoutputDirectory=/c/.build',
    );
  });

  it('is taken from the cache when its bytes have the pinned sha512, without Maven', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-'));
    dirs.push(dir);
    const bytes = 'not really a jar';
    const jar = { groupId: 'g', artifactId: 'a', version: '1', sha512: sha512OfBytes(bytes) };
    await writeFile(join(dir, 'a-1.jar'), bytes);
    expect(await ensureMetricsAgent(dir, () => {}, jar)).toEqual({ path: join(dir, 'a-1.jar'), sha512: jar.sha512 });
  });
});
