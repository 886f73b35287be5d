// Navigation, new windows, permissions and IPC senders: the Electron checklist items main/index.ts wires from
// pure functions (checklist 4, 13, 14, 15, 17).
import { describe, expect, it, vi } from 'vitest';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { externalUrlToOpen, windowOpenHandler } from './external-links.ts';
import { isTrustedIpcSender } from './ipc-sender.ts';
import { isNavigationAllowed } from './navigation-guard.ts';
import { denyPermissionCheck, denyPermissionRequest } from './permission-policy.ts';

const APP = 'file:///opt/Chokepoint/resources/app.asar/renderer/dist/index.html';

describe('navigation guard (will-navigate, will-redirect)', () => {
  it('lets the console stay on its own page only', () => {
    expect(isNavigationAllowed(APP, APP)).toBe(true);
    expect(isNavigationAllowed(`${APP}#/traces`, APP)).toBe(true);
    expect(isNavigationAllowed('file:///opt/Chokepoint/resources/app.asar/renderer/dist/index%2Ehtml', APP)).toBe(true);
  });

  it('refuses the web, other files, and script or data URLs', () => {
    const refused = [
      'https://evil.example/',
      'http://127.0.0.1:8686/',
      'file:///etc/passwd',
      'file:///opt/Chokepoint/resources/app.asar/renderer/dist/other.html',
      'file://remote-host/opt/Chokepoint/resources/app.asar/renderer/dist/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'chrome://settings',
      'not a url',
    ];
    for (const url of refused) expect(isNavigationAllowed(url, APP), url).toBe(false);
    recordTrial({ area: 'security', trial: 'Electron navigation guard: foreign URLs refused', tried: refused.length, held: refused.length, detail: 'web, loopback, other files, remote file host, javascript:, data:, chrome:, malformed' });
  });
});

describe('window-open handler (setWindowOpenHandler)', () => {
  it('opens only plain https links, normalized, in the browser; never a window in the app', () => {
    expect(externalUrlToOpen('https://opentelemetry.io/docs/')).toBe('https://opentelemetry.io/docs/');
    expect(externalUrlToOpen('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
    const refused = ['http://example.com', 'file:///etc/passwd', 'smb://share/x', 'javascript:alert(1)', 'ms-settings:', 'https://user:pw@example.com/', 'https://', `https://example.com/${'a'.repeat(3000)}`, 'not a url'];
    for (const url of refused) expect(externalUrlToOpen(url), url).toBeNull();

    const openExternal = vi.fn();
    const handler = windowOpenHandler(openExternal);
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.com/']]);
    recordTrial({ area: 'security', trial: 'Electron window-open handler: non-https or credentialed links not opened, no window ever', tried: refused.length + 2, held: refused.length + 2, detail: `${refused.length} refused; https opened externally; both denied a window` });
  });
});

describe('permission handlers (session.setPermissionRequestHandler / setPermissionCheckHandler)', () => {
  it('denies every permission', () => {
    const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'midi', 'pointerLock', 'hid', 'serial', 'usb'];
    for (const permission of permissions) {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(denyPermissionCheck()).toBe(false);
    recordTrial({ area: 'security', trial: 'Electron permission requests denied', tried: permissions.length, held: permissions.length, detail: permissions.join(', ') });
  });
});

describe('IPC sender check', () => {
  const trusted = { webContentsId: 7, appUrl: APP };

  it('accepts the main frame of the app window showing the app', () => {
    expect(isTrustedIpcSender({ webContentsId: 7, frameUrl: `${APP}#/findings`, isMainFrame: true }, trusted)).toBe(true);
  });

  it('refuses other windows, subframes, other pages and gone frames', () => {
    const refused = [
      { webContentsId: 8, frameUrl: APP, isMainFrame: true },
      { webContentsId: 7, frameUrl: APP, isMainFrame: false },
      { webContentsId: 7, frameUrl: 'https://evil.example/', isMainFrame: true },
      { webContentsId: 7, frameUrl: undefined, isMainFrame: true },
    ];
    for (const sender of refused) expect(isTrustedIpcSender(sender, trusted)).toBe(false);
    recordTrial({ area: 'security', trial: 'Electron IPC sender validation', tried: refused.length + 1, held: refused.length + 1, detail: 'own main frame accepted; other window, subframe, foreign page, gone frame refused' });
  });
});
