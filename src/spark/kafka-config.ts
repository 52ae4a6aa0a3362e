// The Kafka client settings of the Spark popularity job on a secured cluster (its --kafka-config
// FILE): the job's user's SCRAM login and the cluster's CA inline (ssl.truststore.certificates),
// so the executors, which get these settings with the query plan, need no file on their hosts.
// Put 0600 for the service user beside the driver's pidfile; it holds a password.
import type { ClientSecurity } from '../kafka/types.js';
import { javaScramLogin } from '../security/user-files.js';

/** A value of a Java properties file: backslashes doubled, line breaks as \n (Properties.load reads them back). */
export const propertyValue = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n');

export function jobKafkaProperties(security: ClientSecurity): string {
  if (!security.sasl) throw new Error('the Spark job connects with a SCRAM user');
  return [
    `# Kafka client settings of the Spark popularity job, as user ${security.sasl.username}; written by the tool.`,
    '# It holds the password: 0600, the service user\'s; removed when the job is stopped.',
    ...javaScramLogin(security.sasl.username, security.sasl.password),
    'ssl.truststore.type=PEM',
    `ssl.truststore.certificates=${propertyValue(security.ca.trimEnd())}`,
    '',
  ].join('\n');
}
