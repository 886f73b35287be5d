// Electron main process: one hardened window over the same core `chokepoint serve` runs. Thin by design.
import path from 'node:path';
import { app, BrowserWindow, shell } from 'electron';
import { IPC_CHANNELS } from '../common/ipc-contract.ts';
import { defaultCoreOptions } from '../server/core-options.ts';
import { startCore } from '../server/core.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { mainWindowOptions } from './window-options.ts';

if (!app.requestSingleInstanceLock()) app.quit();

async function main(): Promise<void> {
  await app.whenReady();
  const core = await startCore(defaultCoreOptions(path.join(app.getPath('userData'), 'data')), {
    info: (message) => console.log(message),
    warn: (message) => console.warn(message),
  });
  const window = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
  registerIpcHandlers(core, (sender) => sender === window.webContents);
  const stopLive = core.onLive((message) => window.webContents.send(IPC_CHANNELS.live, message));

  // Navigation and new windows are blocked; external links open in the user's browser.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  await window.loadFile(path.join(app.getAppPath(), 'renderer', 'dist', 'index.html'));

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    stopLive();
    void core.close().finally(() => app.quit());
  });
}

main().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
