/**
 * A counting semaphore. Asana allows 50 concurrent GETs and 15 concurrent writes per token
 * (separate pools); going over earns 429s, so we queue instead.
 */
export class Pool {
  #active = 0;
  #peak = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  get active(): number {
    return this.#active;
  }

  /** The most slots ever held at once (for tests and benchmarks). */
  get peak(): number {
    return this.#peak;
  }

  /** Waits for a slot; call the returned function exactly once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.#active >= this.max) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active++;
    this.#peak = Math.max(this.#peak, this.#active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      this.#waiting.shift()?.();
    };
  }
}
