// Where the header's numbers come from: the live channel, health polling, or nowhere.
import { useLive } from '../live/live-context.tsx';
import type { LiveSource } from '../live/live-context.tsx';

const LABELS: Record<LiveSource, { text: string; title: string }> = {
  live: { text: 'Live', title: 'Receiving live stats from the console backend.' },
  polling: { text: 'Polling', title: 'Live channel unavailable; reading stats every 2 s instead.' },
  connecting: { text: 'Connecting', title: 'Connecting to the console backend…' },
  offline: { text: 'Offline', title: 'The console backend is not answering.' },
};

export function LiveIndicator() {
  const { source } = useLive();
  const label = LABELS[source];
  return (
    <span className={`live-indicator live-indicator--${source}`} title={label.title} role="status">
      <span className="live-indicator__dot" aria-hidden="true" />
      {label.text}
    </span>
  );
}
