// The live stats feed: IPC in Electron, otherwise a WebSocket to LIVE_PATH on this origin that
// reconnects with backoff. Callers get messages and the channel's state; nothing else leaks out.
import { LIVE_PATH } from '../../../common/api-paths.ts';
import type { LiveMessage } from '../../../common/api-contract.ts';
import { backoffDelay } from './backoff.ts';
import { onRetryRequested } from './connectivity.ts';
import { parseLiveMessage } from './live-message.ts';
import { getPreloadBridge } from './preload-bridge.ts';

export type LiveStatus = 'connecting' | 'open' | 'closed';

export interface LiveHandlers {
  onMessage(message: LiveMessage): void;
  onStatus(status: LiveStatus): void;
}

export function liveUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${LIVE_PATH}`;
}

/** Starts listening; returns a function that stops and releases everything. */
export function subscribeLive(handlers: LiveHandlers): () => void {
  const bridge = getPreloadBridge();
  if (bridge) {
    handlers.onStatus('open');
    return bridge.onLive((message) => {
      const parsed = parseLiveMessage(message);
      if (parsed) handlers.onMessage(parsed);
    });
  }
  return subscribeWebSocket(handlers);
}

function subscribeWebSocket(handlers: LiveHandlers): () => void {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const scheduleReconnect = (): void => {
    if (stopped || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, backoffDelay(attempt));
    attempt += 1;
  };

  const connect = (): void => {
    if (stopped) return;
    handlers.onStatus('connecting');
    let current: WebSocket;
    try {
      current = new WebSocket(liveUrl(window.location));
    } catch {
      handlers.onStatus('closed');
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      attempt = 0;
      handlers.onStatus('open');
    };
    current.onmessage = (event: MessageEvent<unknown>) => {
      const parsed = parseLiveMessage(event.data);
      if (parsed) handlers.onMessage(parsed);
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      if (stopped) return;
      handlers.onStatus('closed');
      scheduleReconnect();
    };
    // Errors are always followed by close, where reconnecting happens.
    current.onerror = () => undefined;
  };

  const stopRetryListener = onRetryRequested(() => {
    if (socket !== null || stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    attempt = 0;
    connect();
  });

  connect();

  return () => {
    stopped = true;
    stopRetryListener();
    if (timer !== null) clearTimeout(timer);
    const current = socket;
    socket = null;
    current?.close();
  };
}
