// App-wide banner: shown while the API does not answer (polling keeps retrying underneath),
// or while it answers but reports itself degraded (ingest paused), and once for a notice (a database moved aside).
import { useState, useSyncExternalStore } from 'react';
import { getConnectivity, retryNow, subscribeConnectivity } from '../api/index.ts';
import { useNow } from '../hooks/use-now.ts';
import { useLive } from '../live/live-context.tsx';
import { Icon } from './icon.tsx';

function elapsed(fromMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

export function ApiBanner() {
  const connectivity = useSyncExternalStore(subscribeConnectivity, getConnectivity);
  const { health } = useLive();
  const now = useNow(1000);
  const [dismissedNotice, setDismissedNotice] = useState('');

  if (!connectivity.reachable) {
    return (
      <div className="banner banner--error" role="alert">
        <Icon name="alert" />
        <div className="banner__text">
          <strong>Cannot reach the Chokepoint API.</strong>{' '}
          <span>
            {connectivity.lastError?.message ?? 'No answer.'} Retrying automatically
            {connectivity.downSince !== null ? ` · down for ${elapsed(connectivity.downSince, now)}` : ''}. Data shown may be
            stale.
          </span>
        </div>
        <button type="button" className="button button--small" onClick={retryNow}>
          <Icon name="refresh" size={14} />
          Retry now
        </button>
      </div>
    );
  }

  if (health?.status === 'degraded') {
    return (
      <div className="banner banner--warn" role="status">
        <Icon name="alert" />
        <div className="banner__text">
          <strong>Degraded.</strong> <span>{health.problem ?? 'The backend reports a problem.'}</span>
        </div>
      </div>
    );
  }

  if (health?.notice !== undefined && health.notice !== dismissedNotice) {
    const notice = health.notice;
    return (
      <div className="banner banner--warn" role="status">
        <Icon name="alert" />
        <div className="banner__text">
          <strong>Note.</strong> <span>{notice}</span>
        </div>
        <button type="button" className="button button--small" onClick={() => setDismissedNotice(notice)}>
          Dismiss
        </button>
      </div>
    );
  }

  return null;
}
