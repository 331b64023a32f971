/**
 * Whether a database connection is still usable, and who to tell when it dies on its own (server
 * gone, tunnel closed). Listeners hear about a loss once; a close on purpose tells no one.
 */
export class ConnectionLife {
  private readonly listeners: ((error: Error) => void)[] = [];
  private ended = false;

  get closed(): boolean {
    return this.ended;
  }

  onLost(listener: (error: Error) => void): void {
    this.listeners.push(listener);
  }

  lost(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.listeners) listener(error);
  }

  close(): void {
    this.ended = true;
  }
}
