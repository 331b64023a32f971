import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../../shared/bridge';
import { channelNames, eventNames } from '../../shared/contract';

// Named functions only, generated from the contract; listeners get payloads, never the event.
const api = buildApi(
  channelNames,
  eventNames,
  (channel, payload) => ipcRenderer.invoke(channel, payload),
  (event, listener) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
);

contextBridge.exposeInMainWorld('burrow', api);
