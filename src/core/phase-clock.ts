// Where a long operation's time goes: each mark closes the phase that ran since the previous
// mark (or the start), so the phases add up to the whole. Reports carry them, and the bench
// prints them beside the total (#10: "measure where the time goes first").
export interface PhaseTime {
  name: string;
  ms: number;
}

export class PhaseClock {
  private last: number;
  readonly phases: PhaseTime[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  /** closes the phase `name`; a phase marked twice in a row is summed */
  mark(name: string): void {
    const t = this.now();
    const ms = Math.round(t - this.last);
    this.last = t;
    const previous = this.phases.at(-1);
    if (previous?.name === name) previous.ms += ms;
    else this.phases.push({ name, ms });
  }
}

/** A clock that records nothing, for callers that do not ask where the time went. */
export const NO_CLOCK = { mark: (_name: string): void => {} };
export type PhaseMarks = Pick<PhaseClock, 'mark'>;
