// Carries out a host's plan: user and folders, the distribution (upload, unpack, link switch),
// the rendered files (atomic put with owner and mode), the /etc/hosts block, and KRaft storage
// formats (they read the rendered config). Service starts and restarts are left to the caller,
// which orders them across the cluster.
import { switchLinkScript, unpackScript } from '../ops/dist.js';
import type { Session } from '../remote/session.js';
import type { HostPlan } from './plan.js';

export interface Applied {
  host: string;
  uploaded: string[];
  commands: number;
}

export async function applyPlan(session: Pick<Session, 'exec' | 'put' | 'putFile'>, plan: HostPlan, localTarball: string, say: (m: string) => void): Promise<Applied> {
  const uploaded: string[] = [];
  const { tarball, dir, link } = plan.target;
  let commands = 0;
  if (plan.steps.length > 0) {
    say(`setting up ${plan.steps.map((s) => s.what).join(', ')}`);
    await session.exec(plan.steps.map((s) => s.command).join('\n'), { describe: 'create user and folders' });
    commands += plan.steps.length;
  }
  if (plan.dist.upload) {
    say(`uploading ${tarball}`);
    await session.putFile(localTarball, tarball, { owner: 'root', group: 'root', mode: 0o644 });
    uploaded.push(tarball);
  }
  if (plan.dist.unpack) {
    say(`unpacking into ${dir}`);
    await session.exec(unpackScript(tarball, dir), { describe: `unpack ${tarball}` });
    commands++;
  }
  if (plan.dist.switchLink) {
    await session.exec(switchLinkScript(dir, link), { describe: `switch ${link}` });
    commands++;
  }
  for (const action of plan.files) {
    const f = action.file;
    if (action.kind === 'upload') {
      say(`writing ${f.path} (${action.reason})`);
      await session.put(f.path, f.content, { owner: f.owner, group: f.group, mode: f.mode });
      uploaded.push(f.path);
    } else if (action.kind === 'attrs') {
      await session.exec(action.commands.join('\n'), { describe: `fix owner/mode of ${f.path}` });
      commands += action.commands.length;
    }
  }
  if (plan.etcHosts) {
    const b = plan.etcHosts.block;
    say(`updating the managed block in ${b.path}`);
    await session.put(b.path, plan.etcHosts.content, { owner: b.owner, group: b.group, mode: b.mode });
    uploaded.push(b.path);
  }
  for (const step of plan.storage) {
    say(step.what);
    await session.exec(step.command, { describe: step.what, timeoutMs: 120_000 });
    commands++;
  }
  return { host: plan.host, uploaded, commands };
}
