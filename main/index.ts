// Electron main process: one hardened window over the same core `chokepoint serve` runs. Thin by design.
import path from 'node:path';
import { app, BrowserWindow, Menu, screen, shell } from 'electron';
import { IPC_CHANNELS } from '../common/ipc-contract.ts';
import { defaultCoreOptions } from '../server/core-options.ts';
import { startCore } from '../server/core.ts';
import { handleApiRequest } from '../server/api-handlers.ts';
import { appMenuTemplate } from './app-menu.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { menuActions } from './menu-actions.ts';
import { statusTitle } from './status-title.ts';
import { mainWindowOptions } from './window-options.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';

if (!app.requestSingleInstanceLock()) app.quit();

async function main(): Promise<void> {
  await app.whenReady();
  const core = await startCore(defaultCoreOptions(path.join(app.getPath('userData'), 'data')), {
    info: (message) => console.log(message),
    warn: (message) => console.warn(message),
  });
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const window = new BrowserWindow({ ...mainWindowOptions(path.join(__dirname, 'preload.cjs')), width: state.width, height: state.height, x: state.x, y: state.y });
  if (state.maximized) window.maximize();
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    saveWindowState(stateFile, { ...bounds, maximized: window.isMaximized() });
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(menuActions(core, window), process.platform)));
  // The title is the status line: where the receivers listen, and the incident open, if any.
  const showStatus = () => {
    void handleApiRequest(core, 'incident', {}).then(
      (incident) => window.setTitle(statusTitle(core.info(), incident === null ? null : incident.title || path.basename(incident.file))),
      () => window.setTitle(statusTitle(core.info(), null)),
    );
  };
  showStatus();
  const statusTimer = setInterval(showStatus, 2000);
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
    clearInterval(statusTimer);
    void core.close().finally(() => app.quit());
  });
}

main().catch((error: unknown) => {
  console.error(error);
  app.exit(1);
});
