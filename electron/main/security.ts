import type { BrowserWindowConstructorOptions } from 'electron';
import { originOf } from './senderCheck';

/** The app's own origin: the renderer is served from app://burrow/ (see rendererProtocol.ts). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://burrow';

/**
 * Strict CSP for the renderer. Styles allow 'unsafe-inline' because the SQL editor injects
 * <style> elements; scripts never do.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "object-src 'none'",
].join('; ');

/** The window's colour before the page paints: the theme's --bg (app.css), dark or light as the OS is. */
export const WINDOW_BACKGROUND = { dark: '#16181d', light: '#ffffff' } as const;

export function mainWindowOptions(preloadPath: string, osPrefersDark = true): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 500,
    title: 'Burrow',
    show: false,
    backgroundColor: osPrefersDark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  };
}

/** Only these external URLs may be opened in the user's browser. */
const externalAllowlist = [/^https:\/\/github\.com\//, /^https:\/\/www\.postgresql\.org\/docs\//, /^https:\/\/mariadb\.com\/kb\//];

export function isAllowedExternalUrl(url: string): boolean {
  return externalAllowlist.some((pattern) => pattern.test(url));
}

/**
 * Permissions the renderer may use: only writing to the clipboard (the Copy buttons), and only
 * from the app's own pages. Everything else (camera, notifications, reading the clipboard...) is denied.
 */
export function isAllowedPermission(permission: string, requestingUrl: string, allowedOrigins: readonly string[] = [APP_ORIGIN]): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  const origin = originOf(requestingUrl);
  return origin !== null && allowedOrigins.includes(origin);
}
