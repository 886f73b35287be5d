// The hardened BrowserWindow settings, kept as data so a test can check every item of Electron's security checklist
// (https://www.electronjs.org/docs/latest/tutorial/security). No enableBlinkFeatures, ever. The rest of the list is
// wired in main/index.ts from small tested files: navigation-guard, external-links, permission-policy, ipc-sender.
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Chokepoint',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}
