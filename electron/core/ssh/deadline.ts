/**
 * A connect timeout that stops counting while the user is being asked something: time spent on a
 * host-key or MFA prompt is not the server's fault.
 */
export class PausableDeadline {
  private remaining: number;
  private startedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private paused = 0;
  private done = false;

  constructor(private readonly ms: number, private readonly onExpire: () => void) {
    this.remaining = ms;
    this.run();
  }

  get timeoutMs(): number {
    return this.ms;
  }

  async whilePaused<T>(work: () => Promise<T>): Promise<T> {
    this.pause();
    try {
      return await work();
    } finally {
      this.resume();
    }
  }

  pause(): void {
    if (this.done) return;
    if (this.paused++ === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.remaining -= performance.now() - this.startedAt;
    }
  }

  resume(): void {
    if (this.done || this.paused === 0) return;
    if (--this.paused === 0) this.run();
  }

  cancel(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.startedAt = performance.now();
    this.timer = setTimeout(() => {
      this.done = true;
      this.onExpire();
    }, Math.max(0, this.remaining));
  }
}
