// The renderer's only door to the app: a typed API from the shared contract, nothing else exposed.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC_CHANNELS } from '../common/ipc-contract.ts';
import type { ApiResult, PreloadApi } from '../common/ipc-contract.ts';
import type { ApiRouteName, LiveMessage } from '../common/api-contract.ts';

const api: PreloadApi = {
  request: <R extends ApiRouteName>(route: R, input: unknown) =>
    ipcRenderer.invoke(IPC_CHANNELS.apiRequest, route, input) as Promise<ApiResult<R>>,
  onLive(listener) {
    const wrapped = (_event: IpcRendererEvent, message: LiveMessage) => listener(message);
    ipcRenderer.on(IPC_CHANNELS.live, wrapped);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.live, wrapped);
  },
};

contextBridge.exposeInMainWorld('chokepoint', api);
