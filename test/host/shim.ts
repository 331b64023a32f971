// Test-only stand-in for the preload: the same buildApi over a WebSocket to the test host.
// Bundled by the host at start-up into a classic script that runs before the app bundle.
import { buildApi } from '../../shared/bridge';
import { channelNames, eventNames } from '../../shared/contract';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type HostMessage = { id: number; result: unknown } | { event: string; payload: unknown };

const socket = new WebSocket(`ws://${location.host}/__burrow/bridge`);
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve());
  socket.addEventListener('error', () => reject(new Error('test host bridge: connection failed')));
});
let nextId = 1;

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as HostMessage;
  if ('id' in data) {
    pending.get(data.id)?.resolve(data.result);
    pending.delete(data.id);
  } else {
    for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  }
});
socket.addEventListener('close', () => {
  for (const entry of pending.values()) entry.reject(new Error('test host bridge closed'));
  pending.clear();
});

const api = buildApi(
  channelNames,
  eventNames,
  async (channel, payload) => {
    await opened;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, channel, payload }));
    });
  },
  (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
);

Object.defineProperty(window, 'burrow', { value: api, writable: false, configurable: false });
