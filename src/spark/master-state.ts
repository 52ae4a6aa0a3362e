// The Spark standalone master's own view of its cluster, from its web console's JSON
// (GET http://<master>:<webui_port>/json/): the master's status, each worker registration with
// its state, and the applications. A parser, pure; tested on the master's real answer.
export interface SparkWorker {
  /** worker-<date>-<host>-<port>: a new id per registration, so a restarted worker has a new one */
  id: string;
  host: string;
  port: number;
  /** ALIVE | DEAD | DECOMMISSIONED | UNKNOWN */
  state: string;
  cores: number;
  coresUsed: number;
  /** MiB */
  memory: number;
  memoryUsed: number;
}

export interface SparkApp {
  id: string;
  name: string;
  /** RUNNING | WAITING | FINISHED | KILLED | FAILED ... */
  state: string;
  cores: number;
}

export interface SparkMasterState {
  /** spark://host:port */
  url: string;
  /** ALIVE | STANDBY | RECOVERING | COMPLETING_RECOVERY */
  status: string;
  workers: SparkWorker[];
  activeApps: SparkApp[];
}

const str = (v: unknown, what: string): string => {
  if (typeof v !== 'string') throw new Error(`Spark master JSON: ${what} is not a string`);
  return v;
};
const num = (v: unknown, what: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`Spark master JSON: ${what} is not a number`);
  return v;
};
const list = (v: unknown, what: string): Array<Record<string, unknown>> => {
  if (!Array.isArray(v)) throw new Error(`Spark master JSON: ${what} is not a list`);
  return v as Array<Record<string, unknown>>;
};

export function parseMasterState(text: string): SparkMasterState {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`Spark master JSON: not JSON: ${text.slice(0, 120)}`);
  }
  return {
    url: str(doc.url, 'url'),
    status: str(doc.status, 'status'),
    workers: list(doc.workers, 'workers').map((w, i) => ({
      id: str(w.id, `workers[${i}].id`),
      host: str(w.host, `workers[${i}].host`),
      port: num(w.port, `workers[${i}].port`),
      state: str(w.state, `workers[${i}].state`),
      cores: num(w.cores, `workers[${i}].cores`),
      coresUsed: num(w.coresused, `workers[${i}].coresused`),
      memory: num(w.memory, `workers[${i}].memory`),
      memoryUsed: num(w.memoryused, `workers[${i}].memoryused`),
    })),
    activeApps: list(doc.activeapps ?? [], 'activeapps').map((a, i) => ({
      id: str(a.id, `activeapps[${i}].id`),
      name: str(a.name, `activeapps[${i}].name`),
      state: str(a.state, `activeapps[${i}].state`),
      cores: num(a.cores, `activeapps[${i}].cores`),
    })),
  };
}

/** The live registration of the worker on `host` (name or address), if any. */
export const aliveWorkerOn = (state: SparkMasterState, host: { name: string; address: string }): SparkWorker | undefined =>
  state.workers.find((w) => w.state === 'ALIVE' && (w.host === host.name || w.host === host.address));
