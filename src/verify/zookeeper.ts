// ZooKeeper checks: every ensemble member answers `ruok` with `imok` and `srvr` with a serving
// mode, and the ensemble has exactly one leader (or one standalone server when it has one member).
import { parseSrvr, type ZkMode } from '../facts/srvr.js';
import type { Cluster } from '../inventory/model.js';
import { fail, pass, type Check } from './check.js';
import { askFourLetterWord, parseSrvrFields } from './four-letter.js';

export interface ZkAnswer {
  host: string;
  /** "address:port" asked */
  endpoint: string;
  ruok: string | Error;
  srvr: string | Error;
}

export type AskWord = (address: string, port: number, word: string) => Promise<string>;

/** Asks every member; `guard` runs before any connection to an address (the lab route check). */
export async function askEnsemble(
  cluster: Pick<Cluster, 'ensemble' | 'zookeeper'>,
  guard: (address: string) => Promise<void>,
  ask: AskWord = askFourLetterWord,
): Promise<ZkAnswer[]> {
  const port = cluster.zookeeper.clientPort;
  return Promise.all(
    cluster.ensemble.map(async (m): Promise<ZkAnswer> => {
      const endpoint = `${m.address}:${port}`;
      try {
        await guard(m.address);
      } catch (err) {
        return { host: m.host, endpoint, ruok: err as Error, srvr: err as Error };
      }
      const [ruok, srvr] = await Promise.all(['ruok', 'srvr'].map((w) => ask(m.address, port, w).catch((err: Error) => err)));
      return { host: m.host, endpoint, ruok: ruok!, srvr: srvr! };
    }),
  );
}

const oneLine = (text: string): string => text.trim().replace(/\s*\n\s*/g, ' | ').slice(0, 200);

function ruokCheck(a: ZkAnswer): Check {
  const name = `zookeeper ${a.host} ruok`;
  if (a.ruok instanceof Error) return fail(name, a.ruok.message);
  if (a.ruok.trim() === 'imok') return pass(name, `imok from ${a.endpoint}`);
  return fail(name, `${a.endpoint} answered ${a.ruok.trim() === '' ? 'nothing' : `"${oneLine(a.ruok)}"`} instead of imok`);
}

export function srvrMode(a: ZkAnswer): ZkMode | null {
  return a.srvr instanceof Error ? null : parseSrvr(a.srvr).mode;
}

function srvrCheck(a: ZkAnswer): Check {
  const name = `zookeeper ${a.host} srvr`;
  if (a.srvr instanceof Error) return fail(name, a.srvr.message);
  const mode = srvrMode(a);
  if (!mode) return fail(name, `${a.endpoint} is not serving: ${a.srvr.trim() === '' ? 'empty answer' : `"${oneLine(a.srvr)}"`}`);
  const f = parseSrvrFields(a.srvr);
  const extra = [
    f['Zxid'] && `zxid ${f['Zxid']}`,
    f['Latency min/avg/max'] && `latency min/avg/max ${f['Latency min/avg/max']} ms`,
    f['Node count'] && `${f['Node count']} znodes`,
    f['Outstanding'] && `${f['Outstanding']} outstanding`,
  ].filter(Boolean);
  return pass(name, `Mode: ${mode}${extra.length > 0 ? `, ${extra.join(', ')}` : ''}`);
}

/** Exactly one leader and every other member a follower/observer; one member: standalone. */
export function ensembleCheck(answers: ZkAnswer[]): Check {
  const name = 'zookeeper ensemble has one leader';
  const modes = answers.map((a) => ({ host: a.host, mode: srvrMode(a) }));
  const list = (wanted: (m: ZkMode | null) => boolean) => modes.filter((m) => wanted(m.mode)).map((m) => m.host);
  const seen = modes.map((m) => `${m.host} ${m.mode ?? 'not serving'}`).join(', ');
  if (answers.length === 0) return fail(name, 'the inventory has no ZooKeeper host');
  if (answers.length === 1) {
    return modes[0]!.mode === 'standalone' ? pass(name, `${modes[0]!.host} standalone (single-member ensemble)`) : fail(name, seen);
  }
  const leaders = list((m) => m === 'leader');
  const followers = list((m) => m === 'follower' || m === 'observer');
  if (leaders.length === 1 && followers.length === answers.length - 1) {
    return pass(name, `leader ${leaders[0]}, followers ${followers.join(', ')}`);
  }
  if (leaders.length > 1) return fail(name, `${leaders.length} leaders (${leaders.join(', ')}): split ensemble? ${seen}`);
  if (leaders.length === 0) return fail(name, `no leader: ${seen}`);
  return fail(name, `leader ${leaders[0]}, but not every other member follows: ${seen}`);
}

export function zookeeperChecks(answers: ZkAnswer[]): Check[] {
  return [...answers.flatMap((a) => [ruokCheck(a), srvrCheck(a)]), ensembleCheck(answers)];
}
