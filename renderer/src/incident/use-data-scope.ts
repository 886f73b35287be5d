// What the views read: the live store, or the open incident up to the playhead. Views key their loading
// on `key` (a new incident starts afresh) and reload, keeping what they show, when `until` moves.
import { useSyncExternalStore } from 'react';
import type { IncidentState } from '../../../common/api-contract.ts';
import { useIncident } from './incident-context.tsx';
import { incidentKey } from './incident-findings.ts';
import { millisToNanos, nanosToMillisOrNull } from './incident-time.ts';

export type DataScope =
  | { source: 'live'; key: 'live' }
  | {
      source: 'incident';
      key: string;
      incident: IncidentState;
      /** The playhead as the API's `until`; undefined while the incident loads (read all there is). */
      until: string | undefined;
      untilMs: number | null;
      fromMs: number | null;
      toMs: number | null;
    };

const LIVE: DataScope = { source: 'live', key: 'live' };

export function useDataScope(): DataScope {
  const { incident, playhead } = useIncident();
  const untilMs = useSyncExternalStore(playhead.subscribe, playhead.getDataUntil);
  if (!incident || incident.status === 'failed') return LIVE;
  const ready = incident.status === 'ready';
  return {
    source: 'incident',
    key: `incident|${incidentKey(incident)}`,
    incident,
    until: ready && untilMs !== null ? millisToNanos(untilMs) : undefined,
    untilMs: ready ? untilMs : null,
    fromMs: nanosToMillisOrNull(incident.fromUnixNano),
    toMs: nanosToMillisOrNull(incident.toUnixNano),
  };
}
