/**
 * Keeps other callers out while a transaction is open on a single connection. Without it, an
 * unrelated write issued while a transaction awaits would silently join (and roll back with)
 * that transaction.
 */
export class Gate {
  private held = false;
  private opened: Promise<void> = Promise.resolve();

  /** Resolves once no transaction holds the gate. */
  async pass(): Promise<void> {
    while (this.held) await this.opened;
  }

  async hold<T>(fn: () => Promise<T>): Promise<T> {
    while (this.held) await this.opened;
    this.held = true;
    let open!: () => void;
    this.opened = new Promise<void>((resolve) => { open = resolve; });
    try {
      return await fn();
    } finally {
      this.held = false;
      open();
    }
  }
}
