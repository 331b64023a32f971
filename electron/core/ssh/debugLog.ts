import { redact } from '../redact';

/** A hop's ssh2 protocol trace: redacted lines, the newest `capacity` kept (a long session keeps its end). */
export class DebugLog {
  private readonly lines: string[] = [];
  private dropped = 0;

  constructor(private readonly capacity = 500) {}

  add(line: string): void {
    this.lines.push(`${new Date().toISOString().slice(11, 23)} ${redact(line)}`);
    if (this.lines.length > this.capacity) {
      this.lines.shift();
      this.dropped++;
    }
  }

  snapshot(): string[] {
    return this.dropped > 0 ? [`… ${this.dropped} earlier lines dropped`, ...this.lines] : [...this.lines];
  }
}
