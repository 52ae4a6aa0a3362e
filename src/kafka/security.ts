// ClientSecurity as both client libraries take it: node:tls options and SCRAM credentials. The
// secrets are revealed here, into the options handed to the library, and nowhere else.
import type { ClientSecurity } from './types.js';

/** The CA to trust, and the client certificate when there is one (hostname verification stays on). */
export function tlsOptions(security: ClientSecurity): { ca: string[]; cert?: string; key?: string } {
  return { ca: [security.ca], ...(security.cert ? { cert: security.cert.certPem, key: security.cert.key.reveal() } : {}) };
}

/** The SCRAM-SHA-512 user, or null on a listener that takes certificates only. */
export function scramCredentials(security: ClientSecurity): { username: string; password: string } | null {
  return security.sasl ? { username: security.sasl.username, password: security.sasl.password.reveal() } : null;
}
