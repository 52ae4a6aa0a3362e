import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseInventory } from '../../src/inventory/load.js';
import { monitoringFiles, scrapeTargets } from '../../src/render/prometheus.js';
import { defaultInventoryText, editInventory } from '../support/inventory-text.js';

// Dedicated controllers beside brokers: two exporters on one host, on two ports.
const separate = `cluster:
  name: sep
  kafka: { version: "4.4.0" }
hosts:
  - { name: n1, address: 10.9.0.1, controller_id: 1, broker_id: 11 }
  - { name: n2, address: 10.9.0.2, controller_id: 2 }
  - { name: n3, address: 10.9.0.3, broker_id: 13 }
`;

describe('scrapeTargets', () => {
  it('names every broker and controller exporter, none for ZooKeeper', () => {
    expect(scrapeTargets(parseInventory('i.yaml', separate).cluster)).toEqual([
      { target: '10.9.0.1:7072', host: 'n1', process: 'n1/controller', roles: 'controller' },
      { target: '10.9.0.1:7071', host: 'n1', process: 'n1/kafka', roles: 'broker' },
      { target: '10.9.0.2:7072', host: 'n2', process: 'n2/controller', roles: 'controller' },
      { target: '10.9.0.3:7071', host: 'n3', process: 'n3/kafka', roles: 'broker' },
    ]);
    expect(scrapeTargets(parseInventory('i.yaml', defaultInventoryText).cluster).map((t) => t.target)).toEqual([
      '192.168.56.11:7071',
      '192.168.56.12:7071',
      '192.168.56.13:7071',
    ]);
  });
});

describe('monitoringFiles', () => {
  it('a scrape config with the cluster label, and its alert rules beside it', () => {
    const [config, alerts] = monitoringFiles(parseInventory('i.yaml', defaultInventoryText).cluster, 'inventory.yaml');
    expect(config!.path).toBe('prometheus/prometheus.yml');
    const prom = parse(config!.content);
    expect(prom.rule_files).toEqual(['kafka-alerts.yml']);
    expect(prom.scrape_configs).toHaveLength(1);
    expect(prom.scrape_configs[0].job_name).toBe('kafka');
    expect(prom.scrape_configs[0].static_configs[0]).toEqual({
      targets: ['192.168.56.11:7071'],
      labels: { cluster: 'popularity-demo', host: 'node01', process: 'node01/kafka', roles: 'broker' },
    });

    expect(alerts!.path).toBe('prometheus/kafka-alerts.yml');
    const rules = parse(alerts!.content).groups[0].rules as Array<{ alert: string; expr: string; annotations: { summary: string } }>;
    expect(Object.fromEntries(rules.map((r) => [r.alert, r.expr]))).toEqual({
      KafkaUnderReplicatedPartitions: 'sum by (host) (kafka_server_replicamanager_underreplicatedpartitions{cluster="popularity-demo"}) > 0',
      KafkaUnderMinIsrPartitions: 'sum by (host) (kafka_server_replicamanager_underminisrpartitioncount{cluster="popularity-demo"}) > 0',
      KafkaOfflinePartitions: 'sum(kafka_controller_kafkacontroller_offlinepartitionscount{cluster="popularity-demo"}) > 0',
      KafkaActiveControllerCount: 'sum(kafka_controller_kafkacontroller_activecontrollercount{cluster="popularity-demo"}) != 1',
      KafkaTargetDown: 'up{job="kafka", cluster="popularity-demo"} == 0',
    });
    // Prometheus' own templates survive Handlebars
    expect(rules[0]!.annotations.summary).toMatch(/^\{\{ \$labels\.host \}\}: \{\{ \$value \}\} partitions/);
  });

  it('nothing when no process exports metrics', () => {
    const text = editInventory(['metrics_port: 7071', 'metrics_port: ~']);
    expect(monitoringFiles(parseInventory('i.yaml', text).cluster, 'i.yaml')).toEqual([]);
  });
});
