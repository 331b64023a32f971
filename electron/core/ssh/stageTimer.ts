import { performance } from 'node:perf_hooks';
import type { StageName, StageResult } from '../../../shared/diagnosis';
import { toErrorShape } from '../errors';

/** Times stages that follow one another: starting one ends the one before as passed. */
export class StageTimer {
  private current: { stage: StageName; startedAt: number } | null = null;

  constructor(private readonly results: StageResult[]) {}

  start(stage: StageName): void {
    if (this.current?.stage === stage) return;
    this.pass();
    this.current = { stage, startedAt: performance.now() };
  }

  /** Ends the running stage as passed. */
  pass(detail?: string): void {
    const current = this.take();
    if (current) this.results.push({ ...current, ok: true, ...(detail ? { detail } : {}) });
  }

  /** Ends the running stage as failed with `error`. */
  fail(error: unknown): void {
    const current = this.take();
    if (current) this.results.push({ ...current, ok: false, error: toErrorShape(error) });
  }

  private take(): { stage: StageName; ms: number } | null {
    const current = this.current;
    this.current = null;
    return current ? { stage: current.stage, ms: Math.round((performance.now() - current.startedAt) * 100) / 100 } : null;
  }
}
