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
  const origin = originOf(frame.url);
  return origin !== null && allowedOrigins.includes(origin);
}

/** The origin of a URL, app://burrow included (WHATWG URLs give custom schemes the origin "null"); null when it does not parse. */
export function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'app:' ? `${url.protocol}//${url.host}` : url.origin;
  } catch {
    return null;
  }
}
