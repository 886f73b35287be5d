// The renderer's only door to the backend. Views import from here and nowhere else.
export { request } from './request.ts';
export type { RequestOptions } from './request.ts';
export { ApiRequestError, describeError, toApiRequestError } from './api-error.ts';
export type { ClientErrorCode } from './api-error.ts';
export { subscribeLive } from './live-channel.ts';
export type { LiveHandlers, LiveStatus } from './live-channel.ts';
export { getConnectivity, subscribeConnectivity, retryNow, onRetryRequested } from './connectivity.ts';
export type { Connectivity } from './connectivity.ts';
export { getPreloadBridge } from './preload-bridge.ts';
export { uploadIncidentFile } from './upload-incident.ts';
