// Waits until the machine is quiet before a figure that a busy CPU would distort (a command's
// start-up, timed as typed): the share of idle CPU over one second, read from /proc/stat, must
// reach `idle`. The JVMs of a cluster started seconds earlier still compile and collect; this
// waits for them to settle, up to a deadline, and says what it saw either way.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** The aggregate cpu line of /proc/stat: [idle + iowait, total] jiffies. */
export function parseCpuLine(stat: string): [number, number] {
  const line = stat.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('no aggregate cpu line in /proc/stat');
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  if (v.length < 5 || v.some((n) => !Number.isFinite(n))) throw new Error(`unexpected cpu line: ${line}`);
  return [v[3]! + v[4]!, v.slice(0, 8).reduce((a, b) => a + b, 0)];
}

/** Idle share between two readings (0..1). */
export function idleShare(before: [number, number], after: [number, number]): number {
  const total = after[1] - before[1];
  return total <= 0 ? 0 : (after[0] - before[0]) / total;
}

const readCpu = async (): Promise<[number, number]> => parseCpuLine(await readFile('/proc/stat', 'utf8'));

/** The idle share of the last second once it reaches `idle`, or the last one seen at the deadline. */
export async function waitForQuiet(o: { idle: number; deadlineMs: number; log: (line: string) => void }): Promise<{ idle: number; quiet: boolean; waited_s: number }> {
  const started = performance.now();
  let share = 0;
  for (;;) {
    const before = await readCpu();
    await sleep(1000); // the measuring window, not a stand-in for a condition
    share = idleShare(before, await readCpu());
    const waited = Math.round((performance.now() - started) / 100) / 10;
    if (share >= o.idle) return { idle: share, quiet: true, waited_s: waited };
    if (performance.now() - started >= o.deadlineMs) {
      o.log(`the machine stayed busy: ${Math.round(share * 100)}% idle after ${waited} s (wanted ${Math.round(o.idle * 100)}%)`);
      return { idle: share, quiet: false, waited_s: waited };
    }
  }
}
