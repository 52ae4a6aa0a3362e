import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { parseBenchArgs } from '../../bench/support/args.js';

describe('parseBenchArgs', () => {
  it('runs every bench by default', () => {
    expect(parseBenchArgs([])).toEqual({ only: ['startup', 'lab', 'cluster', 'popularity', 'perf', 'kraft', 'security', 'migration', 'dashboard', 'spark'], json: false, help: false });
  });

  it('--only keeps the suite order, --json', () => {
    expect(parseBenchArgs(['--only', 'perf, lab', '--json'])).toEqual({ only: ['lab', 'perf'], json: true, help: false });
  });

  it('refuses unknown benches and flags as bad input', () => {
    expect(() => parseBenchArgs(['--only', 'lab,disk'])).toThrow(InputError);
    expect(() => parseBenchArgs(['--only', 'lab,disk'])).toThrow('--only: unknown bench disk (known: startup, lab, cluster, popularity, perf, kraft, security, migration, dashboard, spark)');
    expect(() => parseBenchArgs(['--only', ','])).toThrow(/at least one/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(InputError);
  });
});
