// The desktop app's menu, as data: what each item does is passed in, so the template is checked by a plain test.
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu can ask of the app. Each returns when done; failures are shown by the caller. */
export interface MenuActions {
  openIncident(): void;
  closeIncident(): void;
  startRecording(): void;
  stopRecording(): void;
  exportRecent(): void;
}

/** How far back "Export Last 15 Minutes…" reaches. */
export const EXPORT_RECENT_MINUTES = 15;

export function appMenuTemplate(actions: MenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Incident…', accelerator: 'CmdOrCtrl+O', click: () => actions.openIncident() },
      { label: 'Close Incident', accelerator: 'CmdOrCtrl+W', click: () => actions.closeIncident() },
      { type: 'separator' },
      { label: 'Start Recording', accelerator: 'CmdOrCtrl+Shift+R', click: () => actions.startRecording() },
      { label: 'Stop Recording and Save', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.stopRecording() },
      { label: `Export Last ${EXPORT_RECENT_MINUTES} Minutes…`, accelerator: 'CmdOrCtrl+E', click: () => actions.exportRecent() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
}
