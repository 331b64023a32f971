import type { RawCell, ResultWriter, RunSink } from '../../electron/core/db/types';

/**
 * A result writer that asks the driver to wait `waitMs` each time `every` rows have arrived (as a
 * slow disk would), recording the rows (first cells), the waits, and any row pushed while it had
 * asked to wait: a driver that really pauses leaves that at 0.
 */
export function waitingWriter(every: number, waitMs: number) {
  const seen: string[] = [];
  const stats = { waits: 0, pushedWhileWaiting: 0 };
  let waiting: Promise<void> | null = null;
  let lastWaitAt = 0;
  const writer: ResultWriter = {
    push: (row: readonly RawCell[]) => {
      if (waiting) stats.pushedWhileWaiting++;
      seen.push(String(row[0]));
      return true;
    },
    ready: () => {
      if (waiting) return waiting;
      if (seen.length - lastWaitAt < every) return null;
      lastWaitAt = seen.length;
      stats.waits++;
      waiting = new Promise<void>((resolve) => setTimeout(resolve, waitMs)).then(() => {
        waiting = null;
      });
      return waiting;
    },
    markLimited: () => {},
    end: () => {},
  };
  const sink: RunSink = { beginRows: () => writer, command: () => {} };
  return { writer, sink, seen, stats };
}
