import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/contract';
import { createDispatch, type Handlers } from '../../../electron/core/dispatch';

const only = (handlers: Partial<Handlers>): Handlers => handlers as Handlers;
import type { IpcMainLike } from '../../../electron/main/ipc/guard';

// The guard imports ipcMain from electron; in Node there is no Electron, so the module is
// replaced and a fake ipcMain is injected explicitly.
vi.mock('electron', () => ({ ipcMain: undefined }));
const { registerIpc } = await import('../../../electron/main/ipc/guard');

type Listener = Parameters<IpcMainLike['handle']>[1];
type Call = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Call>();
  return {
    handlers,
    handle: (channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener as unknown as Call);
    },
    removeHandler: (channel: string): void => {
      handlers.delete(channel);
    },
  };
}

const mainFrame = { url: 'app://burrow/index.html' };
const trusted = { sender: { id: 1, mainFrame }, senderFrame: mainFrame };

function setup() {
  const ipc = fakeIpcMain();
  const handler = vi.fn(() => ({ name: 'Burrow' as const, version: '1', platform: 'linux', runtime: 'electron' as const, versions: { node: '24', electron: '45' }, sshNativeCrypto: true, agentPresets: [] }));
  const unregister = registerIpc({ ipc, dispatch: createDispatch(only({ 'app.info': handler })), knownWebContents: new Set([1]), allowedOrigins: () => ['app://burrow'] });
  return { ipc, handler, unregister };
}

describe('IPC guard with a fake ipcMain', () => {
  it('registers every contract channel and no other, and removes them all', () => {
    const { ipc, unregister } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual([...channelNames].sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('calls the core for a trusted sender', async () => {
    const { ipc, handler } = setup();
    const result = await ipc.handlers.get('app.info')!(trusted, {});
    expect(result).toMatchObject({ ok: true, value: { name: 'Burrow' } });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refuses untrusted senders without calling the core', async () => {
    const { ipc, handler } = setup();
    const foreign = { url: 'https://evil.example/' };
    for (const event of [
      { sender: { id: 2, mainFrame }, senderFrame: mainFrame },
      { sender: { id: 1, mainFrame }, senderFrame: { url: 'app://burrow/index.html' } },
      { sender: { id: 1, mainFrame: foreign }, senderFrame: foreign },
    ]) {
      expect(await ipc.handlers.get('app.info')!(event, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers malformed payloads and extra arguments with VALIDATION', async () => {
    const { ipc, handler } = setup();
    const call = ipc.handlers.get('app.info')!;
    expect(await call(trusted, 'junk')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(trusted)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call(trusted, {}, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(handler).not.toHaveBeenCalled();
  });
});
