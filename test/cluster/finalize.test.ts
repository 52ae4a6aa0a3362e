import { describe, expect, it } from 'vitest';
import { parseFeatureArgs, planFeatures } from '../../src/cluster/finalize.js';
import type { FeatureLevels } from '../../src/kafka/types.js';

const levels = (metadataMax: number, finalized: Record<string, number>, extra: Record<string, { min: number; max: number }> = {}): FeatureLevels => ({
  finalized,
  supported: { 'metadata.version': { min: 7, max: metadataMax }, 'kraft.version': { min: 0, max: 1 }, 'group.version': { min: 0, max: 1 }, ...extra },
  epoch: 1,
});

describe('parseFeatureArgs', () => {
  it('reads NAME=LEVEL words', () => {
    expect(parseFeatureArgs(['group.version=1', 'share.version=2'])).toEqual(new Map([['group.version', 1], ['share.version', 2]]));
  });
  it('refuses malformed words, and kraft.version whatever its level', () => {
    expect(() => parseFeatureArgs(['group.version'])).toThrow(/NAME=LEVEL/);
    expect(() => parseFeatureArgs(['kraft.version=1'])).toThrow(/KAFKA-21426/);
  });
});

describe('planFeatures', () => {
  it('raises metadata.version to the highest level every node supports, and nothing else unless named', () => {
    const nodes = [
      { name: 'a/kafka', levels: levels(33, { 'metadata.version': 30, 'kraft.version': 1 }) },
      { name: 'b/kafka', levels: levels(33, { 'metadata.version': 30, 'kraft.version': 1 }) },
    ];
    expect(planFeatures(nodes, new Map())).toEqual([{ name: 'metadata.version', from: 30, to: 33, state: 'would raise' }]);
  });
  it('a node still on the old release holds metadata.version at its own highest level', () => {
    const nodes = [
      { name: 'a/kafka', levels: levels(33, { 'metadata.version': 30 }) },
      { name: 'b/kafka', levels: levels(30, { 'metadata.version': 30 }) },
    ];
    expect(planFeatures(nodes, new Map())).toEqual([{ name: 'metadata.version', from: 30, to: 30, state: 'already' }]);
  });
  it('named features after metadata.version; one no node supports that high, or a downgrade, is refused', () => {
    const nodes = [{ name: 'a/kafka', levels: levels(33, { 'metadata.version': 33, 'group.version': 0 }) }];
    expect(planFeatures(nodes, new Map([['group.version', 1]])).map((s) => [s.name, s.state])).toEqual([['metadata.version', 'already'], ['group.version', 'would raise']]);
    expect(() => planFeatures(nodes, new Map([['group.version', 2]]))).toThrow('group.version=2: not every node supports it (the highest level all support is 1)');
    expect(() => planFeatures(nodes, new Map([['metadata.version', 30]]))).toThrow(/would be a downgrade/);
  });
});
