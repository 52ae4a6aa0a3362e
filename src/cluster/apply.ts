// Carries out a host's plan: user and folders, the distributions (upload, unpack, link switch),
// the rendered files (atomic put with owner and mode), the /etc/hosts block, and KRaft storage
// formats (they read the rendered config). Service starts and restarts are left to the caller,
// which orders them across the cluster.
import { distStampScript } from '../facts/host.js';
import { switchLinkScript, unpackScript } from '../ops/dist.js';
import type { Session } from '../remote/session.js';
import type { HostPlan } from './plan.js';

/** The steps of a host's apply, as its report times them. */
export type ApplyStep = 'setup' | 'upload' | 'unpack' | 'files' | 'format';

export interface Applied {
  host: string;
  uploaded: string[];
  commands: number;
  /** ms per step that had something to do */
  steps_ms: Partial<Record<ApplyStep, number>>;
}

export async function applyPlan(session: Pick<Session, 'exec' | 'put' | 'putFile'>, plan: HostPlan, say: (m: string) => void): Promise<Applied> {
  const uploaded: string[] = [];
  const steps_ms: Applied['steps_ms'] = {};
  let commands = 0;
  const step = async (name: ApplyStep, fn: () => Promise<void>): Promise<void> => {
    const t = performance.now();
    await fn();
    steps_ms[name] = (steps_ms[name] ?? 0) + Math.round(performance.now() - t);
  };
  if (plan.steps.length > 0) {
    await step('setup', async () => {
      say(`setting up ${plan.steps.map((s) => s.what).join(', ')}`);
      await session.exec(plan.steps.map((s) => s.command).join('\n'), { describe: 'create user and folders' });
      commands += plan.steps.length;
    });
  }
  for (const { target, plan: dist } of plan.dists) {
    const { tarball, dir, link } = target;
    if (dist.upload || dist.stamp) {
      await step('upload', async () => {
        if (dist.upload) {
          say(`uploading ${tarball}`);
          await session.putFile(target.localPath, tarball, { owner: 'root', group: 'root', mode: 0o644 });
          uploaded.push(tarball);
        }
        // after the verified upload (or beside a kept tarball whose sha512 was just read): the next
        // run takes the sha512 from the stamp instead of reading the whole tarball again
        await session.exec(distStampScript(tarball, target.localSha512), { describe: `stamp ${tarball}` });
        commands++;
      });
    }
    if (dist.unpack || dist.switchLink) {
      await step('unpack', async () => {
        if (dist.unpack) {
          say(`unpacking into ${dir}`);
          await session.exec(unpackScript(tarball, dir), { describe: `unpack ${tarball}`, timeoutMs: 300_000 });
          commands++;
        }
        if (dist.switchLink) {
          await session.exec(switchLinkScript(dir, link), { describe: `switch ${link}` });
          commands++;
        }
      });
    }
  }
  if (plan.files.some((a) => a.kind !== 'none') || plan.etcHosts) {
    await step('files', async () => {
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
    });
  }
  for (const s of plan.storage) {
    await step('format', async () => {
      say(s.what);
      await session.exec(s.command, { describe: s.what, timeoutMs: 120_000 });
      commands++;
    });
  }
  return { host: plan.host, uploaded, commands, steps_ms };
}
