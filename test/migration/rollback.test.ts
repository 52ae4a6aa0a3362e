import { describe, expect, it } from 'vitest';
import { parseMigrationZnodes } from '../../src/migration/rollback.js';

describe("what /controller and /migration hold, from zookeeper-shell's output", () => {
  it('a KRaft controller in /controller, and the migration\'s state', () => {
    const out = [
      'Connecting to node01:2181',
      '{"version":2,"brokerid":3003,"timestamp":"1796416301679","kraftControllerEpoch":4}',
      '{"version":0,"kraft_metadata_offset":277,"kraft_controller_id":3003,"kraft_metadata_epoch":4,"kraft_controller_epoch":4}',
    ].join('\n');
    expect(parseMigrationZnodes(out)).toEqual({
      controller: '{"version":2,"brokerid":3003,"timestamp":"1796416301679","kraftControllerEpoch":4}',
      kraftController: true,
      migration: '{"version":0,"kraft_metadata_offset":277,"kraft_controller_id":3003,"kraft_metadata_epoch":4,"kraft_controller_epoch":4}',
    });
  });

  it('a broker in /controller is left alone; a missing /migration is none', () => {
    const out = '{"version":2,"brokerid":1,"timestamp":"1796416301679"}\nNode does not exist: /migration\n';
    expect(parseMigrationZnodes(out)).toEqual({ controller: '{"version":2,"brokerid":1,"timestamp":"1796416301679"}', kraftController: false, migration: null });
  });
});
