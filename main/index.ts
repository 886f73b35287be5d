// Electron main process: one hardened window over the same core `chokepoint serve` runs. Thin by design.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, screen, session, shell } from 'electron';
import { IPC_CHANNELS } from '../common/ipc-contract.ts';
import { startCore } from '../server/core.ts';
import { handleApiRequest } from '../server/api-handlers.ts';
import { appMenuTemplate } from './app-menu.ts';
import { desktopCoreOptions } from './desktop-core-options.ts';
import { windowOpenHandler } from './external-links.ts';
import { isTrustedIpcSender } from './ipc-sender.ts';
import { isNavigationAllowed } from './navigation-guard.ts';
import { denyPermissionCheck, denyPermissionRequest } from './permission-policy.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { menuActions } from './menu-actions.ts';
import { statusTitle } from './status-title.ts';
import { mainWindowOptions } from './window-options.ts';
import { loadWindowState, saveWindowState } from './window-state.ts';

if (!app.requestSingleInstanceLock()) app.quit();

const appFile = () => path.join(app.getAppPath(), 'renderer', 'dist', 'index.html');

// Every WebContents, this window's and any other that could appear: no navigation away from the console, no
// <webview>, no new windows (https links open in the user's browser).
app.on('web-contents-created', (_event, contents) => {
  const appUrl = pathToFileURL(appFile()).href;
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isNavigationAllowed(url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler((url) => void shell.openExternal(url)));
});

async function main(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  // Loopback receivers and no access token: the console talks over IPC (main/desktop-core-options.ts).
  const core = await startCore(desktopCoreOptions(path.join(app.getPath('userData'), 'data')), {
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
  const appUrl = pathToFileURL(appFile()).href;
  registerIpcHandlers(core, (event) =>
    isTrustedIpcSender(
      { webContentsId: event.sender.id, frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame?.parent === null },
      { webContentsId: window.webContents.id, appUrl },
    ),
  );
  const stopLive = core.onLive((message) => window.webContents.send(IPC_CHANNELS.live, message));

  window.once('ready-to-show', () => window.show());
  // loadURL with the very URL the guards compare against (loadFile would spell it its own way).
  await window.loadURL(appUrl);

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
