// Typed IPC: one invoke channel carries any API route from the shared contract; arguments are validated
// by the same schemas the HTTP API uses. Only the app's own window may call (main/ipc-sender.ts decides).
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../common/ipc-contract.ts';
import type { ApiResult } from '../common/ipc-contract.ts';
import type { ApiRouteName } from '../common/api-contract.ts';
import { asChokepointError, ChokepointError } from '../common/error-codes.ts';
import { handleApiRequest, isApiRouteName } from '../server/api-handlers.ts';
import type { Core } from '../server/core.ts';

export function registerIpcHandlers(core: Core, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  ipcMain.handle(IPC_CHANNELS.apiRequest, async (event, route: unknown, input: unknown): Promise<ApiResult<ApiRouteName>> => {
    try {
      if (!isTrustedSender(event)) throw new ChokepointError('UNAUTHORIZED', 'IPC from an unknown window or frame');
      if (typeof route !== 'string' || !isApiRouteName(route)) throw new ChokepointError('NOT_FOUND', `no API route named ${String(route)}`);
      return { ok: true, value: await handleApiRequest(core, route, input) };
    } catch (error) {
      return { ok: false, error: asChokepointError(error).toJSON() };
    }
  });
  return () => ipcMain.removeHandler(IPC_CHANNELS.apiRequest);
}
