// The console needs no browser permission (camera, microphone, notifications, geolocation, clipboard, HID, …):
// every request and every check is answered no. Wired with session.setPermissionRequestHandler and
// setPermissionCheckHandler (main/index.ts).

/** For setPermissionRequestHandler: denies whatever is asked. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** For setPermissionCheckHandler: no permission is ever held. */
export function denyPermissionCheck(): boolean {
  return false;
}
