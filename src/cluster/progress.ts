// Progress on stderr: on a terminal a live view with one line per host (redrawn in place);
// otherwise (CI, a pipe) plain "[host] message" lines. stdout stays free for --json.
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

export class Progress {
  private readonly lines = new Map<string, string>();
  private drawn = 0;

  constructor(
    hosts: readonly string[],
    private readonly out: ProgressSink = { write: (t) => process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY) && process.env.CI !== 'true' },
  ) {
    for (const h of hosts) this.lines.set(h, 'waiting');
  }

  /** The current state of one host. */
  host(host: string, message: string): void {
    this.lines.set(host, message);
    if (this.out.isTTY) this.redraw();
    else this.out.write(`[${host}] ${message}\n`);
  }

  /** A line about the whole cluster (printed above the live view). */
  note(message: string): void {
    if (!this.out.isTTY) return this.out.write(`${message}\n`);
    this.clear();
    this.out.write(`${message}\n`);
    this.redraw();
  }

  /** Leaves the final view on screen. */
  done(): void {
    this.drawn = 0;
  }

  private clear(): void {
    if (this.drawn > 0) this.out.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private redraw(): void {
    this.clear();
    const width = Math.max(...[...this.lines.keys()].map((h) => h.length));
    const cols = (process.stderr.columns ?? 120) - 1;
    for (const [h, m] of this.lines) this.out.write(`${`  ${h.padEnd(width)}  ${m}`.slice(0, cols)}\n`);
    this.drawn = this.lines.size;
  }
}
