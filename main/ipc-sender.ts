// Who may call the API over IPC: only the app's own window, from its main frame, showing the app's own page.
// A frame from anywhere else (a navigation that slipped through, an iframe) gets nothing.
import { isNavigationAllowed } from './navigation-guard.ts';

export interface IpcSender {
  /** event.sender.id */
  webContentsId: number;
  /** event.senderFrame?.url; undefined when the frame is gone. */
  frameUrl: string | undefined;
  /** event.senderFrame?.parent === null */
  isMainFrame: boolean;
}

export interface TrustedWindow {
  webContentsId: number;
  /** The file:// URL of the console the window loads. */
  appUrl: string;
}

export function isTrustedIpcSender(sender: IpcSender, trusted: TrustedWindow): boolean {
  return (
    sender.webContentsId === trusted.webContentsId &&
    sender.isMainFrame &&
    sender.frameUrl !== undefined &&
    isNavigationAllowed(sender.frameUrl, trusted.appUrl)
  );
}
