// Whether the API answers, shared by every caller: one failed request raises the banner, any
// answer clears it. "Retry now" wakes every poller and the live channel at once.
import type { ApiRequestError } from './api-error.ts';

export interface Connectivity {
  reachable: boolean;
  /** The latest unreachable error while down. */
  lastError: ApiRequestError | null;
  /** When the API was first found down in this outage (Unix ms). */
  downSince: number | null;
}

type Listener = () => void;

let state: Connectivity = { reachable: true, lastError: null, downSince: null };
const listeners = new Set<Listener>();
const retryListeners = new Set<Listener>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function reportReachable(): void {
  if (state.reachable) return;
  state = { reachable: true, lastError: null, downSince: null };
  emit();
}

export function reportUnreachable(error: ApiRequestError): void {
  state = { reachable: false, lastError: error, downSince: state.downSince ?? Date.now() };
  emit();
}

export function getConnectivity(): Connectivity {
  return state;
}

export function subscribeConnectivity(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ask every poller and the live channel to try again now. */
export function retryNow(): void {
  for (const listener of retryListeners) listener();
}

export function onRetryRequested(listener: Listener): () => void {
  retryListeners.add(listener);
  return () => retryListeners.delete(listener);
}
