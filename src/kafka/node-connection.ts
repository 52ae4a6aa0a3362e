// One @platformatic/kafka connection to one Kafka node ("host:port"), for the requests that are
// sent to a node of our choosing rather than through a client's metadata: the KRaft requests
// (./kraft.ts) and the users and ACLs (./access.ts). Loaded on first use: importing the library
// costs about half a second, and most commands never ask.
import type { Connection, Reader, Writer } from '@platformatic/kafka';
import { scramCredentials, tlsOptions } from './security.js';
import type { ClientSecurity } from './types.js';

export type Platformatic = typeof import('@platformatic/kafka');
let loading: Promise<Platformatic> | null = null;
export const platformatic = (): Promise<Platformatic> => (loading ??= import('@platformatic/kafka'));

export interface NodeOptions {
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  security?: ClientSecurity | null;
}

/** @platformatic/kafka's tls and sasl connection options for `security`. */
function connectionSecurity(security: ClientSecurity | null | undefined): object {
  if (!security) return {};
  const scram = scramCredentials(security);
  return { tls: tlsOptions(security), ...(scram ? { sasl: { mechanism: 'SCRAM-SHA-512', ...scram } } : {}) };
}

/**
 * The detail of a failed request: @platformatic's ResponseError says only which API failed and
 * keeps each error code's message in `errors`.
 */
export function requestFailure(err: unknown): string {
  const e = err as { message?: string; errors?: { message?: string }[] };
  const details = (e.errors ?? []).map((x) => x.message).filter((m): m is string => !!m);
  return details.length > 0 ? details.join('; ') : (e.message ?? String(err));
}

export interface NodeConnection {
  readonly endpoint: string;
  ready(): Promise<{ lib: Platformatic; conn: Connection }>;
  /** the error of `what` at this node, with the broker's own words */
  failed(what: string, err: unknown): Error;
  close(): Promise<void>;
}

export function nodeConnection(endpoint: string, o: NodeOptions = {}): NodeConnection {
  const at = endpoint.lastIndexOf(':');
  const host = endpoint.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(endpoint.slice(at + 1));
  let conn: Connection | null = null;
  let connected: Promise<{ lib: Platformatic; conn: Connection }> | null = null;
  return {
    endpoint,
    ready: () =>
      (connected ??= (async () => {
        const lib = await platformatic();
        const c = (conn = new lib.Connection('kafka-cluster-provisioner', { connectTimeout: o.connectTimeoutMs ?? 3000, requestTimeout: o.requestTimeoutMs ?? 5000, ...connectionSecurity(o.security) }));
        // A socket error on an open connection (the node was killed: ECONNRESET) is emitted as an
        // 'error' event, which would be an uncaught exception without a listener; the requests in
        // flight fail on their own ("Connection closed"), and that is what the callers report.
        c.on('error', () => {});
        await c.connect(host, port);
        return { lib, conn: c };
      })()),
    failed: (what, err) => new Error(`${what} at ${endpoint}: ${requestFailure(err)}`, { cause: err }),
    async close() {
      if (conn) await conn.close().catch(() => undefined);
    },
  };
}

/** A request the library has no API object for (or one it writes wrongly), sent as given. */
export function sendRaw<T>(conn: Connection, apiKey: number, version: number, payload: () => Writer, parse: (r: Reader) => T, responseTagged: boolean): Promise<T> {
  return new Promise((resolve, reject) =>
    conn.send(apiKey, version, payload, (_cid, _key, _ver, reader) => parse(reader), true, responseTagged, (err, res) => (err ? reject(err) : resolve(res as T))),
  );
}
