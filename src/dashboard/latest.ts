// The dashboard's slow reads (cluster status, job offsets), refreshed beside its ticks.

/**
 * A value read in the background: the first get() waits for it; later ones return the latest and
 * start a new read unless one is running. The cluster status and the job's offsets can take
 * seconds while a broker is down (SSH, Kafka timeouts and retries), and a tick must not wait for
 * them: a dead JVM shows at once through its metrics endpoint refusing connections.
 */
export class Latest<T> {
  private value: { v: T } | null = null;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly onError: (err: Error) => void,
  ) {}

  async get(): Promise<T> {
    if (this.value === null) {
      this.value = { v: await this.read() };
      return this.value.v;
    }
    this.reading ??= this.read()
      .then((v) => void (this.value = { v }), this.onError)
      .finally(() => (this.reading = null));
    return this.value.v;
  }

  async settled(): Promise<void> {
    await this.reading;
  }
}
