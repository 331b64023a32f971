import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export const msSince = (start: number): number => performance.now() - start;

/** One number per round, per measurement key ("select1.burrow"); medians at the end. */
export class RoundSamples {
  private readonly samples = new Map<string, number[]>();

  add(key: string, value: number): void {
    if (!Number.isFinite(value)) throw new Error(`${key}: not a finite sample (${value})`);
    const list = this.samples.get(key) ?? [];
    list.push(value);
    this.samples.set(key, list);
  }

  median(key: string): number {
    const list = this.samples.get(key);
    if (!list) throw new Error(`no samples for ${key}`);
    return median(list);
  }

  has(key: string): boolean {
    return this.samples.has(key);
  }

  all(key: string): readonly number[] {
    return this.samples.get(key) ?? [];
  }
}
