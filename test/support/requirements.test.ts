import { describe, expect, it } from 'vitest';
import { ciRequiresAll, requirementOutcome } from './requirements.js';

describe('ciRequiresAll', () => {
  it.each(['true', '1', 'TRUE', 'yes', 'github-actions'])('CI=%j is CI: a missing requirement fails', (CI) => {
    expect(ciRequiresAll({ CI })).toBe(true);
  });

  it.each([undefined, '', ' ', 'false', 'False', '0'])('CI=%j is not CI: a missing requirement skips', (CI) => {
    expect(ciRequiresAll({ CI })).toBe(false);
  });
});

describe('requirementOutcome', () => {
  it('runs when nothing is missing, else fails in CI and skips outside it', () => {
    expect(requirementOutcome(null, { CI: '1' })).toBe('run');
    expect(requirementOutcome(null, {})).toBe('run');
    expect(requirementOutcome('needs root (chown)', { CI: '1' })).toBe('fail');
    expect(requirementOutcome('needs root (chown)', { CI: 'false' })).toBe('skip');
    expect(requirementOutcome('needs root (chown)', {})).toBe('skip');
  });
});
