/** The parts of an IPC event the sender check reads (Electron's IpcMainInvokeEvent has them). */
export interface SenderEvent {
  sender: { id: number; mainFrame: unknown };
  senderFrame: { url: string } | null;
}

/**
 * A call is trusted only from a window Burrow created, from that window's main frame, and from
 * the app's own origin. Sub-frames, foreign origins and unknown webContents are refused.
 */
export function isTrustedSender(event: SenderEvent, knownWebContents: ReadonlySet<number>, allowedOrigins: readonly string[]): boolean {
  if (!knownWebContents.has(event.sender.id)) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  let origin: string;
  try {
    const url = new URL(frame.url);
    origin = url.protocol === 'app:' ? `${url.protocol}//${url.host}` : url.origin;
  } catch {
    return false;
  }
  return allowedOrigins.includes(origin);
}
