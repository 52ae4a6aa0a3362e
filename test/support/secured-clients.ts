// What the security e2e files ask of a secured cluster as a client would: whether a producer's
// send goes through, and what certificate a TLS listener presents or why a client refuses it.
import { connect as connectTls } from 'node:tls';
import type { KafkaClientPort } from '../../src/kafka/index.js';
import type { ClusterSecrets } from '../../src/security/cluster-secrets.js';

/** "sent", or the error a producer of `client` gets when it sends one record to `topic`. */
export async function sendAs(client: KafkaClientPort, topic: string): Promise<string> {
  try {
    const producer = await client.producer();
    try {
      await producer.send(topic, [{ key: 'k', value: 'v' }]);
      return 'sent';
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  } catch (err) {
    return (err as Error).message;
  }
}

/** null when a TLS client expecting the name `servername` accepts the listener, else its error. */
export function tlsRefusal(address: string, port: number, ca: string, servername: string): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connectTls({ host: address, port, ca, servername });
    socket.once('secureConnect', () => (socket.destroy(), resolve(null)));
    socket.once('error', (err) => resolve(err.message));
  });
}

/** The fingerprint of the certificate a listener presents to the tool, checked against the CA and `host`. */
export function presentedCertificate(secrets: ClusterSecrets, host: string, address: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connectTls({ host: address, port, ca: secrets.caPem, servername: host, cert: secrets.admin.tls.certPem, key: secrets.admin.tls.key.reveal() });
    socket.once('secureConnect', () => (resolve(socket.getPeerCertificate().fingerprint256), socket.destroy()));
    socket.once('error', reject);
  });
}
