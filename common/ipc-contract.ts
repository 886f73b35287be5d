// Electron IPC: one invoke channel carries any API route, so IPC and HTTP share the route table.
import type { ApiInput, ApiResponses, ApiRouteName, LiveMessage } from './api-contract.ts';
import type { ApiError } from './error-codes.ts';

export const IPC_CHANNELS = {
  apiRequest: 'chokepoint:api-request',
  live: 'chokepoint:live',
} as const;

export type ApiResult<R extends ApiRouteName> = { ok: true; value: ApiResponses[R] } | { ok: false; error: ApiError };

/** The API the preload script exposes on window.chokepoint. */
export interface PreloadApi {
  request<R extends ApiRouteName>(route: R, input: ApiInput<R>): Promise<ApiResult<R>>;
  onLive(listener: (message: LiveMessage) => void): () => void;
}
