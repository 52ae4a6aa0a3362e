import { describe, expect, it } from 'vitest';
import { PhaseClock } from '../../src/core/phase-clock.js';

describe('PhaseClock', () => {
  it('each mark closes the phase since the previous one, so the phases add up to the whole', () => {
    const times = [100, 350, 360, 1360.4];
    const clock = new PhaseClock(() => times.shift()!);
    clock.mark('facts');
    clock.mark('plan');
    clock.mark('apply');
    expect(clock.phases).toEqual([{ name: 'facts', ms: 250 }, { name: 'plan', ms: 10 }, { name: 'apply', ms: 1000 }]);
  });

  it('sums a phase marked twice in a row, keeps it apart when another came between', () => {
    const times = [0, 10, 30, 60, 100];
    const clock = new PhaseClock(() => times.shift()!);
    clock.mark('a');
    clock.mark('a');
    clock.mark('b');
    clock.mark('a');
    expect(clock.phases).toEqual([{ name: 'a', ms: 30 }, { name: 'b', ms: 30 }, { name: 'a', ms: 40 }]);
  });
});
