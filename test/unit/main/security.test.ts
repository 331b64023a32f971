import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../../electron/main/rendererProtocol';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAllowedPermission, mainWindowOptions } from '../../../electron/main/security';
import { isTrustedSender } from '../../../electron/main/senderCheck';

describe('window hardening', () => {
  it('uses exactly the required webPreferences', () => {
    expect(mainWindowOptions('/app/preload.cjs').webPreferences).toEqual({
      preload: '/app/preload.cjs',
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
    });
  });

  it('paints the first frame in the theme the OS asks for, matching the stylesheet\'s --bg', () => {
    const css = readFileSync(path.join(import.meta.dirname, '../../../renderer/src/app/app.css'), 'utf8');
    const bgAfter = (marker: string): string | undefined => /--bg:\s*(#[0-9a-f]{6})/i.exec(css.slice(css.indexOf(marker)))?.[1];
    expect(mainWindowOptions('/p', true).backgroundColor).toBe(bgAfter(":root[data-theme='dark']"));
    expect(mainWindowOptions('/p', false).backgroundColor).toBe(bgAfter(":root[data-theme='light']"));
  });

  it('has a CSP with no inline or eval scripts and no remote content', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives['default-src']).toBe("default-src 'none'");
    expect(directives['script-src']).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('opens only allowlisted external URLs', () => {
    expect(isAllowedExternalUrl('https://github.com/burrow/issues')).toBe(true);
    expect(isAllowedExternalUrl('http://github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/github.com/')).toBe(false);
  });
});

describe('app:// protocol path resolution', () => {
  const root = '/opt/burrow/renderer';
  it('serves files under the renderer root', () => {
    expect(resolveRendererFile(root, 'app://burrow/')).toBe(`${root}/index.html`);
    expect(resolveRendererFile(root, 'app://burrow/assets/index.js')).toBe(`${root}/assets/index.js`);
  });
  it('refuses traversal, encoded separators and other hosts', () => {
    // The URL parser already folds a literal ../ at the root back inside it.
    expect(resolveRendererFile(root, 'app://burrow/../secret')).toBe(`${root}/secret`);
    for (const url of ['app://burrow/assets%2f..%2f..%2f..%2fetc/passwd', 'app://burrow/a%5c..%5c..%5cx',
      'app://burrow/%00', 'app://evil/index.html', 'file:///etc/passwd', 'app://burrow/%E0%A4%A']) {
      expect(resolveRendererFile(root, url)).toBeNull();
    }
  });
});

describe('IPC sender check', () => {
  const mainFrame = { url: 'app://burrow/index.html' };
  const known = new Set([7]);
  const origins = ['app://burrow'];
  it('trusts the main frame of a known window at the app origin', () => {
    expect(isTrustedSender({ sender: { id: 7, mainFrame }, senderFrame: mainFrame }, known, origins)).toBe(true);
  });
  it('refuses unknown windows, sub-frames, foreign origins and missing frames', () => {
    const subFrame = { url: 'app://burrow/index.html' };
    const foreign = { url: 'https://evil.example/' };
    expect(isTrustedSender({ sender: { id: 8, mainFrame }, senderFrame: mainFrame }, known, origins)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7, mainFrame }, senderFrame: subFrame }, known, origins)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7, mainFrame: foreign }, senderFrame: foreign }, known, origins)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7, mainFrame }, senderFrame: null }, known, origins)).toBe(false);
  });

  it('allows only clipboard writes, and only from the app itself', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://burrow/index.html')).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://burrow')).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isAllowedPermission('clipboard-read', 'app://burrow/index.html')).toBe(false);
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'fullscreen']) expect(isAllowedPermission(permission, 'app://burrow/')).toBe(false);
    expect(isAllowedPermission('clipboard-sanitized-write', 'not a url')).toBe(false);
    expect(isAllowedPermission('clipboard-sanitized-write', 'http://localhost:5173/x', ['app://burrow', 'http://localhost:5173'])).toBe(true);
  });
});
