import { describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames } from '../../../shared/contract';

// The preload runs in Electron's sandbox; here its electron import is replaced by a recorder.
const exposed: Record<string, unknown> = {};
const invoked: [string, unknown][] = [];
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      invoked.push([channel, payload]);
      return { ok: true, value: null };
    },
    on: (event: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(event, listener),
    removeListener: (event: string) => listeners.delete(event),
  },
}));
await import('../../../electron/preload/index');

describe('preload', () => {
  it('exposes window.burrow and nothing else, with exactly the contract keys', () => {
    expect(Object.keys(exposed)).toEqual(['burrow']);
    const api = exposed.burrow as Record<string, Record<string, unknown>>;
    const keys = Object.entries(api).flatMap(([domain, members]) => Object.keys(members).map((name) => `${domain}.${name}`));
    expect(keys.sort()).toEqual([...channelNames, ...eventNames].sort());
    for (const key of keys) {
      const [domain, name] = key.split('.') as [string, string];
      expect(typeof api[domain]![name]).toBe('function');
    }
  });

  it('invokes by channel name and hands listeners the payload only', async () => {
    const api = exposed.burrow as { app: { info(p: unknown): Promise<unknown>; onMenuCommand(l: (p: unknown) => void): () => void } };
    await api.app.info({});
    expect(invoked).toEqual([['app.info', {}]]);
    const seen: unknown[] = [];
    const off = api.app.onMenuCommand((payload) => seen.push(payload));
    listeners.get('app.onMenuCommand')!({ sender: 'secret-event-object' }, { command: 'run' });
    expect(seen).toEqual([{ command: 'run' }]);
    off();
    expect(listeners.has('app.onMenuCommand')).toBe(false);
  });
});
