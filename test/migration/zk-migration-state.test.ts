import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../src/metrics/exposition.js';
import { agreedState, migrationViewOf, reached } from '../../src/migration/zk-migration-state.js';
import { migrationSource } from '../support/migration-inventory.js';

const controller = migrationSource().processes.find((p) => p.service === 'controller')!;
const view = (text: string) => migrationViewOf(controller, parseExposition(text));

describe("the controllers' ZkMigrationState", () => {
  it('is read from the JMX exporter by the byte Kafka gives each state', () => {
    const v = view('# TYPE kafka_controller_kafkacontroller_zkmigrationstate gauge\nkafka_controller_kafkacontroller_zkmigrationstate 1.0\nkafka_controller_kafkacontroller_migratingzkbrokercount 2.0\n');
    expect([v.state, v.zkBrokers, v.seen]).toEqual(['MIGRATION', 2, 'ZkMigrationState MIGRATION, 2 broker(s) in ZooKeeper mode']);
    expect(view('kafka_controller_kafkacontroller_zkmigrationstate 2.0\n').state).toBe('PRE_MIGRATION');
    expect(view('kafka_controller_kafkacontroller_zkmigrationstate 3.0\n').state).toBe('POST_MIGRATION');
    // nothing published yet (-1), or no metric at all: unknown
    expect(view('kafka_controller_kafkacontroller_zkmigrationstate -1.0\n').state).toBeNull();
    expect(view('jvm_threads_current 30\n').seen).toBe('no ZkMigrationState metric');
  });

  it('a gate for a state passes at it or beyond; the broker count matters only while migrating', () => {
    expect(reached({ state: 'PRE_MIGRATION', zkBrokers: 3 }, { state: 'MIGRATION' })).toBe(false);
    expect(reached({ state: 'MIGRATION', zkBrokers: 3 }, { state: 'MIGRATION' })).toBe(true);
    expect(reached({ state: 'MIGRATION', zkBrokers: 1 }, { state: 'MIGRATION', zkBrokers: 0 })).toBe(false);
    expect(reached({ state: 'MIGRATION', zkBrokers: 0 }, { state: 'MIGRATION', zkBrokers: 0 })).toBe(true);
    expect(reached({ state: 'POST_MIGRATION', zkBrokers: null }, { state: 'MIGRATION', zkBrokers: 0 })).toBe(true);
    expect(reached({ state: 'MIGRATION', zkBrokers: 0 }, { state: 'POST_MIGRATION' })).toBe(false);
    expect(reached({ state: null, zkBrokers: null }, { state: 'PRE_MIGRATION' })).toBe(false);
    expect(reached({ state: 'ZK', zkBrokers: null }, { state: 'PRE_MIGRATION' })).toBe(false);
  });

  it('the cluster\'s state is the one every controller reports, or none', () => {
    const a = view('kafka_controller_kafkacontroller_zkmigrationstate 1\n');
    const b = view('kafka_controller_kafkacontroller_zkmigrationstate 3\n');
    expect(agreedState([a, a])).toBe('MIGRATION');
    expect(agreedState([a, b])).toBeNull();
  });
});
