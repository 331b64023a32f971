import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, net, protocol, session } from 'electron';
import { eventNames } from '../../shared/contract';
import { createCore, type Core } from '../core/createCore';
import { registerIpc } from './ipc/guard';
import { pickFile, pickSavePath } from './fileDialogs';
import { menuTemplate } from './menu';
import { resolveRendererFile } from './rendererProtocol';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAllowedPermission } from './security';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
/** Where the renderer's pages come from: app://burrow, plus the dev server in development. */
const appOrigins = [APP_ORIGIN, ...(devServerUrl ? [new URL(devServerUrl).origin] : [])];

if (process.env.BURROW_DATA_DIR) app.setPath('userData', path.resolve(process.env.BURROW_DATA_DIR));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  const knownWebContents = new Set<number>();
  let core: Core | null = null;

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  await app.whenReady();
  core = createCore({
    dataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    runtime: 'electron',
    electronVersion: process.versions.electron ?? null,
    platform: { pickFile, pickSavePath },
    sampleDatabase: app.isPackaged
      ? path.join(process.resourcesPath, 'sample/burrow-sample.sqlite')
      : path.join(app.getAppPath(), 'resources/sample/burrow-sample.sqlite'),
  });
  await core.init();

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isAllowedPermission(permission, details.requestingUrl, appOrigins)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isAllowedPermission(permission, requestingOrigin, appOrigins));
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(rendererRoot, request.url);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });

  for (const event of eventNames) {
    core.onEvent(event, (payload) => {
      for (const window of BrowserWindow.getAllWindows()) {
        if (knownWebContents.has(window.webContents.id)) window.webContents.send(event, payload);
      }
    });
  }

  const unregisterIpc = registerIpc({ dispatch: core.dispatch, knownWebContents, allowedOrigins: () => appOrigins });

  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, (command) => {
    const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    if (window && knownWebContents.has(window.webContents.id)) window.webContents.send('app.onMenuCommand', { command });
  })));

  const openWindow = (): void => {
    const window = createMainWindow(preloadPath, devServerUrl);
    const id = window.webContents.id;
    knownWebContents.add(id);
    window.on('closed', () => knownWebContents.delete(id));
  };
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !core) return;
    closing = true;
    event.preventDefault();
    unregisterIpc();
    const closingCore = core;
    core = null;
    void closingCore.close().finally(() => app.quit());
  });
}
