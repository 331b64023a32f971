import { BrowserWindow, dialog, nativeTheme, shell } from 'electron';
import { APP_ORIGIN, isAllowedExternalUrl, mainWindowOptions } from './security';
import { askBeforeDiscarding } from './unsavedChanges';

/** Creates the one hardened window; navigation and new windows are denied. */
export function createMainWindow(preloadPath: string, devServerUrl: string | null): BrowserWindow {
  // Settings' default theme follows the OS, so the OS says which colour the first frame should be.
  const window = new BrowserWindow(mainWindowOptions(preloadPath, nativeTheme.shouldUseDarkColors));
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  askBeforeDiscarding(contents, (question) => dialog.showMessageBoxSync(window, question));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
