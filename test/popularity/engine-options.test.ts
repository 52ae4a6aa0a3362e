import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { checkEngineOptions, parseEngine } from '../../src/popularity/engine-options.js';

describe('engine options', () => {
  it('accepts each engine with its own options and the shared ones', () => {
    expect(() => checkEngineOptions('ts', { topic: 't', group: 'g', 'checkpoint-dir': 'd', detach: false, stop: false, from: 'earliest' })).not.toThrow();
    expect(() => checkEngineOptions('spark', { topic: 't', detach: true, stop: false, 'interval-ms': '500' })).not.toThrow();
  });

  it('refuses --detach and --stop with the TypeScript job, naming both', () => {
    expect(() => checkEngineOptions('ts', { detach: true, stop: true })).toThrow(InputError);
    expect(() => checkEngineOptions('ts', { detach: true, stop: true })).toThrow('--detach, --stop apply only to the Spark job (--engine spark), not to the TypeScript job (--engine ts)');
    expect(() => checkEngineOptions('ts', { stop: true })).toThrow('--stop applies only to the Spark job');
  });

  it("refuses the TypeScript job's options with Spark", () => {
    expect(() => checkEngineOptions('spark', { group: 'g' })).toThrow('--group applies only to the TypeScript job (--engine ts), not to the Spark job (--engine spark)');
    expect(() => checkEngineOptions('spark', { bootstrap: 'h:1', report: 'r.json' })).toThrow('--bootstrap, --report apply only to the TypeScript job');
  });

  it('refuses --detach with --stop', () => {
    expect(() => checkEngineOptions('spark', { detach: true, stop: true })).toThrow('--detach and --stop exclude each other');
  });

  it('parses the engine name', () => {
    expect(parseEngine('spark')).toBe('spark');
    expect(() => parseEngine('flink')).toThrow('--engine must be ts or spark, got "flink"');
  });
});
