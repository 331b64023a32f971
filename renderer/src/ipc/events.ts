import { useBurrowStore } from '../store';
import { burrow } from './client';

/** Routes core events into the store; returns the unsubscribe for all of them. */
export function subscribeToCore(): () => void {
  const api = burrow();
  const store = useBurrowStore.getState;
  const offs = [
    api.prompts.onRequest((prompt) => store().promptArrived(prompt)),
    api.prompts.onCancel(({ id }) => store().promptWithdrawn(id)),
    api.sessions.onState((event) => store().sessionStateChanged(event)),
    api.query.onProgress((status) => store().runProgress(status)),
    api.query.onExportProgress((progress) => store().fileExportProgress(progress)),
    api.schema.onImportProgress((progress) => store().importProgress(progress)),
  ];
  // Prompts raised before this window subscribed (a reload mid-connect) are still waiting.
  void api.prompts.list({}).then((result) => {
    if (result.ok) for (const prompt of result.value) store().promptArrived(prompt);
  });
  return () => offs.forEach((off) => off());
}
