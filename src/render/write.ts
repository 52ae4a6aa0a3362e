// `render --out DIR`: DIR/<host>/<remote path> for every rendered file, so a user can read
// exactly what each host will get. Touches no host.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MonitoringFile } from './prometheus.js';
import type { HostFiles } from './types.js';

export async function writeRendered(outDir: string, hosts: HostFiles[]): Promise<string[]> {
  const written: string[] = [];
  for (const { host, files } of hosts) {
    for (const file of files) {
      const target = join(outDir, host, file.path);
      await mkdir(dirname(target), { recursive: true });
      // a key or a password stays where it is kept (.kcp-secrets): the copy here only says so
      const content = file.secret ? `# ${file.path}: ${file.content.length} bytes that hold a key or a password, not written here\n` : file.content;
      await writeFile(target, content, { mode: file.mode });
      written.push(target);
    }
  }
  return written;
}

/** The Prometheus files, under their own folder of DIR. */
export async function writeMonitoring(outDir: string, files: MonitoringFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const target = join(outDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { mode: 0o644 });
    written.push(target);
  }
  return written;
}
