// What differs between Kafka release lines, as data: the pom that assembles the distribution,
// the logging backend (reload4j on 3.x, log4j2 on 4.x) and how a JVM is pointed at its config,
// the jars a usable libs/ must hold, and the main classes of the tools this project runs.
// Everything version-dependent reads this table instead of testing versions itself.
export type LoggingBackend = 'log4j' | 'log4j2';

export interface Release {
  major: 3 | 4;
  /** under dist/ */
  pom: string;
  logging: LoggingBackend;
  /** the oldest Java the brokers and controllers of this line run on */
  minJava: number;
  /** the distribution's config for command-line tools (warnings to stderr), under config/ */
  toolsLogConfig: string;
  /** artifacts (beside kafka_<scala>, kafka-clients, kafka-tools) libs/ must contain */
  requiredArtifacts: string[];
  tools: {
    dumpLogSegments: string;
    producerPerformance: string;
    storage: string;
    metadataQuorum: string;
    feature: string;
    /** kafka-configs with --zookeeper (ZooKeeper mode's bootstrap of SCRAM users); null: no ZooKeeper in this line */
    zookeeperConfigs: string | null;
  };
}

const COMMON_TOOLS = {
  producerPerformance: 'org.apache.kafka.tools.ProducerPerformance',
  storage: 'kafka.tools.StorageTool',
  metadataQuorum: 'org.apache.kafka.tools.MetadataQuorumCommand',
  feature: 'org.apache.kafka.tools.FeatureCommand',
};

const RELEASES: Record<3 | 4, Release> = {
  3: {
    major: 3,
    pom: 'pom.xml',
    logging: 'log4j',
    minJava: 11,
    toolsLogConfig: 'tools-log4j.properties',
    requiredArtifacts: ['zookeeper', 'slf4j-api', 'slf4j-reload4j', 'reload4j', 'scala-library'],
    tools: { ...COMMON_TOOLS, dumpLogSegments: 'kafka.tools.DumpLogSegments', zookeeperConfigs: 'kafka.admin.ConfigCommand' },
  },
  4: {
    major: 4,
    pom: 'pom-4.xml',
    logging: 'log4j2',
    minJava: 17,
    toolsLogConfig: 'tools-log4j2.properties',
    requiredArtifacts: ['slf4j-api', 'log4j-slf4j-impl', 'log4j-core', 'log4j-api', 'scala-library'],
    tools: { ...COMMON_TOOLS, dumpLogSegments: 'org.apache.kafka.tools.DumpLogSegments', zookeeperConfigs: null },
  },
};

export function releaseOf(version: string): Release {
  const major = Number(version.split('.')[0]);
  if (major !== 3 && major !== 4) throw new Error(`Kafka ${version}: only the 3.x and 4.x release lines are known`);
  return RELEASES[major];
}

/** The JVM system property that points a process at its logging config file. */
export function loggingFlag(release: Pick<Release, 'logging'>, file: string): string {
  return release.logging === 'log4j2' ? `-Dlog4j2.configurationFile=${file}` : `-Dlog4j.configuration=file:${file}`;
}
