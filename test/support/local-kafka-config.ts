// The files and JVM arguments of the local single-node ZooKeeper + Kafka (local-kafka.ts).
// Pure text builders, pinned by test/dist/local-kafka-config.test.ts.

export function zooCfg(dataDir: string, port: number): string {
  return [
    'tickTime=2000',
    `dataDir=${dataDir}`,
    `clientPort=${port}`,
    'clientPortAddress=127.0.0.1',
    'maxClientCnxns=0',
    'admin.enableServer=false',
    '4lw.commands.whitelist=srvr,ruok,mntr,stat',
    '',
  ].join('\n');
}

export function serverProperties(o: { port: number; zookeeper: string; logDir: string; partitions: number; extra: Record<string, string> }): string {
  const props: Record<string, string> = {
    'broker.id': '0',
    listeners: `PLAINTEXT://127.0.0.1:${o.port}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${o.port}`,
    'zookeeper.connect': o.zookeeper,
    'zookeeper.connection.timeout.ms': '18000',
    'log.dirs': o.logDir,
    'num.partitions': String(o.partitions),
    // single node: internal topics cannot have more replicas than brokers
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '5',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    ...o.extra,
  };
  return `${Object.entries(props).map(([k, v]) => `${k}=${v}`).join('\n')}\n`;
}

export function fileLog4j(logFile: string): string {
  return [
    'log4j.rootLogger=INFO, file',
    'log4j.appender.file=org.apache.log4j.FileAppender',
    `log4j.appender.file.File=${logFile}`,
    'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
    '',
  ].join('\n');
}

export function javaArgs(distHome: string, log4jFile: string, mainClass: string, args: string[]): string[] {
  return ['-Xms32m', '-Xmx256m', '-XX:+UseSerialGC', '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${log4jFile}`, '-cp', `${distHome}/libs/*`, mainClass, ...args];
}
