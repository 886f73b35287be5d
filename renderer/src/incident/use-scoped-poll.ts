// usePoll for data that follows the scope: live data is polled on an interval; an incident's data is read
// once per playhead position (and every second or two while the incident still loads). Moving the playhead
// reloads without blanking what is shown.
import { useEffect, useRef } from 'react';
import { usePoll } from '../hooks/use-poll.ts';
import type { PollState } from '../hooks/use-poll.ts';
import { useDataScope } from './use-data-scope.ts';
import type { DataScope } from './use-data-scope.ts';

const INCIDENT_LOADING_POLL_MS = 1500;

export function useScopedPoll<T>(
  load: (signal: AbortSignal, scope: DataScope) => Promise<T>,
  liveIntervalMs: number,
  key = '',
): PollState<T> & { scope: DataScope } {
  const scope = useDataScope();
  const loadingIncident = scope.source === 'incident' && scope.incident.status === 'loading';
  const intervalMs = scope.source === 'live' ? liveIntervalMs : loadingIncident ? INCIDENT_LOADING_POLL_MS : 0;
  const pollKey = `${scope.key}|${key}`;
  const poll = usePoll((signal) => load(signal, scope), intervalMs, pollKey);

  const until = scope.source === 'incident' ? scope.until : undefined;
  const seen = useRef({ pollKey, until });
  const { refresh } = poll;
  useEffect(() => {
    const previous = seen.current;
    seen.current = { pollKey, until };
    // A new key already loads afresh; only a moved playhead needs the nudge.
    if (previous.pollKey === pollKey && previous.until !== until) refresh();
  }, [pollKey, until, refresh]);

  return { ...poll, scope };
}
